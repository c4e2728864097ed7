"""Random well-signed payloads of every kind the app handles: never a 500, never a traceback in
the logs, never a row outside the verified workspace."""

from __future__ import annotations

import json
import logging
import time
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlmodel import select

from bot import ids
from bot.compose import Web
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.store.models import (
    Assessment,
    AssessmentDraft,
    Kpi,
    Person,
    ProcessedRequest,
    Recommendation,
    Workspace,
)

BOB = "U0BOB"
# Any JSON value, small: what a hostile sender may put in any field.
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
TEXT = st.text(max_size=60)  # control characters, NUL and non-BMP characters included
ACTIONS = [
    ids.ACTION_ASSESS,
    ids.ACTION_RESUME_DRAFT,
    ids.ACTION_DISCARD_DRAFT,
    ids.ACTION_START_OVER,
    ids.ACTION_EDIT_ANSWERS,
    ids.ACTION_ADD_KPI,
    ids.ACTION_EDIT_KPI,
    ids.ACTION_SHARE,
]
CALLBACKS = [ids.CALLBACK_WIZARD, ids.CALLBACK_KPI, ids.CALLBACK_SHARE, ids.CALLBACK_WIZARD_DONE]
TEAMS = st.sampled_from(["T0STANDIN", "T0OTHER", ""]) | st.text(max_size=12)
FORM = "application/x-www-form-urlencoded"


def command(slack: SignedSlackClient, text: str, team: str, user: str) -> tuple[bytes, str]:
    fields = {
        "command": "/smm",
        "text": text,
        "team_id": team,
        "user_id": user,
        "channel_id": "D0X",
        "trigger_id": slack.standin.new_trigger_id(user_id=user),
        "response_url": slack.standin.response_url("p"),
    }
    return urlencode(fields).encode(), FORM


def interactive(payload: dict[str, Any]) -> tuple[bytes, str]:
    return urlencode({"payload": json.dumps(payload)}).encode(), FORM


@st.composite
def requests(draw: st.DrawFn, slack: SignedSlackClient) -> tuple[bytes, str]:
    """One request of a random kind, its fields drawn at random around Slack's shapes."""
    kind = draw(
        st.sampled_from(["command", "block_actions", "view_submission", "view_closed", "event"])
    )
    team = draw(TEAMS)
    user = draw(st.sampled_from([BOB, "U0ALICE"]) | st.text(max_size=12))
    if kind == "command":
        return command(slack, draw(TEXT), team, user)
    if kind == "event":
        event = {
            "type": draw(st.sampled_from(["app_home_opened", "message", "user_change"]) | TEXT)
        }
        event |= draw(st.dictionaries(st.sampled_from(["user", "channel", "tab", "text"]), JSON))
        envelope = {
            "type": "event_callback",
            "team_id": team,
            "event_id": draw(TEXT),
            "event": event,
        }
        return json.dumps(envelope).encode(), "application/json"
    payload = slack._interactive_envelope(kind, BOB)
    payload["team"] = {"id": team}
    payload["user"] = {"id": user, "team_id": team}
    if kind == "block_actions":
        action: dict[str, Any] = {
            "action_id": draw(st.sampled_from(ACTIONS) | TEXT),
            "block_id": "b",
        }
        action["value"] = draw(st.from_regex(r"[0-9]{1,25}", fullmatch=True) | TEXT | JSON)
        payload |= {"actions": [action], "trigger_id": draw(TEXT), "container": draw(JSON)}
    else:
        view: dict[str, Any] = {
            "id": draw(TEXT),
            "type": "modal",
            "hash": draw(TEXT),
            "callback_id": draw(st.sampled_from(CALLBACKS) | TEXT),
            "private_metadata": draw(TEXT | st.just(json.dumps({"step": "goals"}))),
        }
        if draw(st.booleans()):
            view["state"] = {"values": draw(JSON)}
        view |= draw(st.dictionaries(st.sampled_from(["blocks", "state", "title"]), JSON))
        payload["view"] = view
    payload |= draw(
        st.dictionaries(st.sampled_from(["trigger_id", "response_urls", "enterprise"]), JSON)
    )
    return interactive(payload)


def test_random_signed_payloads_never_get_a_500_a_traceback_or_a_foreign_row(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    statuses: list[int] = []

    @settings(
        max_examples=150,
        deadline=None,
        database=None,  # the same examples on every run and machine: a red CI is reproducible
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.data())
    def one_request(data: st.DataObject) -> None:
        body, content_type = data.draw(requests(slack))
        response = slack.post(body, content_type)
        statuses.append(response.status)
        assert response.status != 500, (response.body, body[:300])

    one_request()
    time.sleep(1.0)  # lazy listeners finish in their own threads
    assert set(statuses) <= {200, 400, 404}, sorted(set(statuses))
    assert "Traceback" not in caplog.text, caplog.text[-3000:]
    with web.deps.session_factory() as session:
        for model in (
            Workspace,
            Person,
            Assessment,
            AssessmentDraft,
            Kpi,
            Recommendation,
            ProcessedRequest,
        ):
            teams = {row.team_id for row in session.exec(select(model))}  # type: ignore[attr-defined]
            assert teams <= {standin.team_id}, (model.__name__, teams)
