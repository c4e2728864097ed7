"""Driving the real app over signed HTTP: the wizard, DMs, and what the database holds."""

from __future__ import annotations

import json
import time
from datetime import date, timedelta
from typing import Any

from sqlmodel import func, select

from bot import ids
from bot.compose import Web
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.sandbox.signed_client import datepicker
from bot.sandbox.validation import check_view
from bot.store.models import Assessment
from tests.bot.wizard_values import goals, means, organisation

BOB, ALICE = "U0BOB", "U0ALICE"  # the stand-in's English and French speakers
DEADLINE = (date.today() + timedelta(days=200)).isoformat()


def text_of(blocks: list[dict[str, Any]] | None) -> str:
    return json.dumps(blocks or [], ensure_ascii=False)


def review_posts(standin: SlackStandIn, channel: str) -> list[dict[str, Any]]:
    """The channel's review posts and their threads, without the weekly digest (and its
    charts) that a tick months ahead also posts there."""
    messages = standin.messages(channel)
    digests = {m["ts"] for m in messages if m["text"].startswith(_DIGEST_TEXTS)}
    return [m for m in messages if m["ts"] not in digests and m.get("thread_ts") not in digests]


_DIGEST_TEXTS = ("Weekly digest", "Synthèse de la semaine")


def count(web: Web, model: type[Any]) -> int:
    with web.deps.session_factory() as session:
        return int(session.exec(select(func.count()).select_from(model)).one())


def rows(web: Web, model: type[Any]) -> list[Any]:
    with web.deps.session_factory() as session:
        return list(session.exec(select(model).order_by(model.id)))


def open_wizard(slack: SignedSlackClient, standin: SlackStandIn, user: str) -> str:
    """`/smm assess`; the id of the modal the app opened."""
    before = len(standin.calls("views.open"))
    assert slack.slash_command(user, "assess").status == 200
    call = standin.wait_for_calls("views.open", before + 1, timeout=5)[-1]
    assert call.response["ok"], call.response
    return str(call.response["view"]["id"])


def submit(
    slack: SignedSlackClient, user: str, view_id: str, values: dict[str, Any]
) -> dict[str, Any]:
    """Submit the current step; the acknowledgement's JSON (its view checked against Slack's rules)."""
    response = slack.view_submission(user, view_id, values)
    assert response.status == 200
    body: dict[str, Any] = response.json() if response.body else {}
    if "view" in body:
        assert check_view(body["view"]) is None
    return body


def wait_for_dm(standin: SlackStandIn, user: str, count_: int = 1) -> list[dict[str, Any]]:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        found = standin.messages(user)
        if len(found) >= count_:
            return found
        time.sleep(0.02)
    return standin.messages(user)


def complete_assessment(
    slack: SignedSlackClient, standin: SlackStandIn, user: str, **organisation_overrides: Any
) -> str:
    view_id = open_wizard(slack, standin, user)
    assert (
        submit(slack, user, view_id, goals(**{ids.BLOCK_DEADLINE: datepicker(DEADLINE)}))[
            "response_action"
        ]
        == "update"
    )
    assert submit(slack, user, view_id, means())["response_action"] == "update"
    done = submit(slack, user, view_id, organisation(**organisation_overrides))
    assert done["view"]["callback_id"] == ids.CALLBACK_WIZARD_DONE
    return view_id


def assessed(slack: SignedSlackClient, standin: SlackStandIn, web: Web, user: str) -> int:
    """Run the whole wizard for `user`; the stored assessment's id once the result DM arrived."""
    complete_assessment(slack, standin, user)
    wait_for_dm(standin, user)
    [assessment] = rows(web, Assessment)
    return int(assessment.id)


def step_of(standin: SlackStandIn, view_id: str) -> str:
    return str(json.loads(standin.view(view_id)["private_metadata"])["step"])
