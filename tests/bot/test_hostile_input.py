"""Hostile and malformed requests through the real HTTP endpoint: never a 500, never a leak into
the logs, never a row for a workspace that did not install the app."""

from __future__ import annotations

import http.client
import json
import logging
import time
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from sqlmodel import select

from bot import ids
from bot.compose import Web
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.sandbox.signed_client import conversations_select, plain_text_input
from bot.sandbox.signing import compute_signature
from bot.store.models import (
    Assessment,
    AssessmentDraft,
    Kpi,
    Person,
    ProcessedRequest,
    Recommendation,
    Workspace,
)
from tests.bot.conftest import SIGNING_SECRET
from tests.bot.flows import (
    ALICE,
    BOB,
    assessed,
    count,
    open_wizard,
    rows,
    submit,
    wait_for_dm,
)
from tests.bot.wizard_values import goals, means

MARKER = "HOSTILE-7f3a"  # user text that must never be seen in a log
FORM = "application/x-www-form-urlencoded"


def send(
    app_url: str,
    body: bytes,
    *,
    content_type: str = FORM,
    timestamp: str | None = None,
    signed: bool = True,
    headers: dict[str, str] | None = None,
) -> tuple[int, str]:
    """POST raw bytes to the app's Slack endpoint, signed (or not) as Slack signs."""
    ts = timestamp if timestamp is not None else str(int(time.time()))
    signature = compute_signature(SIGNING_SECRET, ts, body) if signed else "v0=" + "0" * 64
    target = urlsplit(f"{app_url}/slack/events")
    connection = http.client.HTTPConnection(str(target.hostname), target.port, timeout=10)
    try:
        connection.putrequest("POST", target.path)
        all_headers = {
            "Content-Type": content_type,
            "Content-Length": str(len(body)),
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": signature,
            **(headers or {}),
        }
        for name, value in all_headers.items():
            connection.putheader(name, value)
        # A body the server refuses by its length alone is not sent whole (it stops reading).
        connection.endheaders(body if len(body) <= 1_000_000 else body[:65_536])
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def payload_body(payload: Any) -> bytes:
    return urlencode({"payload": json.dumps(payload)}).encode()


def envelope(slack: SignedSlackClient, kind: str, user: str = BOB, **fields: Any) -> dict[str, Any]:
    """An interactive payload as Slack sends it, with `fields` added or replaced."""
    return {**slack._interactive_envelope(kind, user), **fields}


# ---------------------------------------------------------------- before verification


@pytest.mark.parametrize("timestamp", ["abc", "", "12.5", "¹²³", "9" * 40, "-1"])
def test_a_timestamp_that_is_not_a_number_is_refused_with_401(app_url: str, timestamp: str) -> None:
    body = urlencode({"command": "/smm", "text": "help"}).encode()
    assert send(app_url, body, timestamp=timestamp, signed=False)[0] == 401
    # Even "signed" over that timestamp: it cannot be checked against the clock.
    assert send(app_url, body, timestamp=timestamp, signed=True)[0] == 401


MALFORMED = [
    pytest.param(b"\xff\xfe\x00garbage", FORM, id="not-utf8"),
    pytest.param(b"payload=%5B1%2C2%5D", FORM, id="payload-a-list"),
    pytest.param(b"payload=not+json", FORM, id="payload-not-json"),
    pytest.param(b"payload=%22text%22", FORM, id="payload-a-string"),
    pytest.param(b"a=1&a=2", FORM, id="repeated-field"),
    pytest.param(b"%zz=1", FORM, id="bad-percent-encoding"),
    pytest.param(b"[1, 2]", "application/json", id="json-list"),
    pytest.param(b"{not json", "application/json", id="json-broken"),
    pytest.param(b"hello", "text/plain", id="text-plain"),
    pytest.param(payload_body({"type": 5}), FORM, id="type-not-a-string"),
    pytest.param(payload_body({"type": "view_submission"}), FORM, id="view-submission-no-view"),
    pytest.param(
        payload_body({"type": "block_actions", "user": {"id": BOB}, "actions": "x"}),
        FORM,
        id="actions-not-a-list",
    ),
    pytest.param(
        payload_body({"type": "block_actions", "user": {"id": BOB}, "actions": [{"x": 1}]}),
        FORM,
        id="action-without-id",
    ),
    pytest.param(
        payload_body({"type": "view_submission", "user": {"id": BOB}, "view": "v"}),
        FORM,
        id="view-a-string",
    ),
    pytest.param(
        json.dumps({"type": "event_callback", "event": []}).encode(),
        "application/json",
        id="event-a-list",
    ),
]


@pytest.mark.parametrize("body, content_type", MALFORMED)
def test_a_body_slack_would_never_send_is_401_unsigned_and_400_signed(
    app_url: str, body: bytes, content_type: str
) -> None:
    assert send(app_url, body, content_type=content_type, signed=False)[0] == 401
    assert send(app_url, body, content_type=content_type, signed=True)[0] == 400


def test_a_body_over_a_megabyte_is_refused_before_it_is_read(app_url: str) -> None:
    target = urlsplit(f"{app_url}/slack/events")
    connection = http.client.HTTPConnection(str(target.hostname), target.port, timeout=5)
    try:
        # Announce 5 MB and send only a little: the answer comes without waiting for the rest.
        connection.putrequest("POST", target.path)
        connection.putheader("Content-Type", FORM)
        connection.putheader("Content-Length", str(5_000_000))
        connection.putheader("X-Slack-Request-Timestamp", str(int(time.time())))
        connection.putheader("X-Slack-Signature", "v0=" + "0" * 64)
        connection.endheaders(b"payload=" + b"x" * 1000)
        response = connection.getresponse()
        assert response.status == 413
    finally:
        connection.close()


# ---------------------------------------------------------------- logs


def test_hostile_requests_leave_no_user_text_token_or_response_url_in_the_logs(
    app_url: str,
    slack: SignedSlackClient,
    standin: SlackStandIn,
    web: Web,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    big = urlencode({"command": "/smm", "text": MARKER * 100_000}).encode()
    unsigned = urlencode({"command": "/smm", "text": MARKER, "token": "xoxb-1-leak"}).encode()
    assert send(app_url, unsigned, signed=False)[0] == 401
    assert send(app_url, big, signed=False)[0] == 413
    assert send(app_url, b"payload=" + MARKER.encode(), signed=True)[0] == 400
    # Signed and handled: an unknown word, a KPI name with a NUL, a forged modal.
    assert slack.slash_command(BOB, f"{MARKER} <!channel>").status == 200
    assessment_id = assessed(slack, standin, web, BOB)
    slack.block_action(BOB, ids.ACTION_ADD_KPI, value=str(assessment_id))
    kpi_view = standin.wait_for_calls("views.open", 2, timeout=5)[-1].response["view"]["id"]
    values = {
        ids.BLOCK_KPI_NAME: {
            ids.input_action(ids.BLOCK_KPI_NAME): plain_text_input(MARKER + "\x00")
        }
    }
    errors = slack.view_submission(BOB, kpi_view, values).json()["errors"]
    assert ids.BLOCK_KPI_NAME in errors
    tampered = envelope(slack, "view_submission", view=wizard_view(MARKER, values=[]))
    assert slack.post(payload_body(tampered), FORM).status == 200
    time.sleep(0.5)  # lazy listeners log from their own threads
    logged = caplog.text
    assert MARKER not in logged
    assert standin.bot_token not in logged and "xoxb-1-leak" not in logged
    assert "hooks.slack.com" not in logged and "/response/" not in logged
    assert "Traceback" not in logged


def test_a_failed_statement_logged_with_its_traceback_shows_no_values(
    web: Web, caplog: pytest.LogCaptureFixture
) -> None:
    from sqlalchemy.exc import IntegrityError

    caplog.set_level(logging.DEBUG)
    with web.deps.session_factory() as session:
        try:
            session.add(Workspace(team_id=MARKER, created_at=None, updated_at=None))  # type: ignore[arg-type]
            session.flush()
        except IntegrityError:
            logging.getLogger("bot.test").exception("Could not store")  # as lazy listeners do
    assert "IntegrityError" in caplog.text  # what failed is still said
    assert MARKER not in caplog.text  # not with what: neither parameters nor PostgreSQL's DETAIL


# ---------------------------------------------------------------- the tenant guard


def test_a_signed_request_from_another_workspace_writes_nothing_and_calls_no_one(
    app_url: str, slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    fields = {
        "command": "/smm",
        "text": "assess",
        "team_id": "T0OTHER",
        "team_domain": "other",
        "user_id": "U0INTRUDER",
        "user_name": "intruder",
        "channel_id": "D0X",
        "trigger_id": standin.new_trigger_id(user_id="U0INTRUDER"),
        "response_url": standin.response_url("other"),
        "api_app_id": "A0STANDIN",
    }
    status, body = send(app_url, urlencode(fields).encode())
    assert status == 200 and "not installed" in json.loads(body)["text"]
    click = envelope(slack, "block_actions", team={"id": "T0OTHER", "domain": "other"})
    click["actions"] = [{"action_id": ids.ACTION_ASSESS, "block_id": "b", "type": "button"}]
    click["user"] = {"id": "U0INTRUDER", "team_id": "T0OTHER"}
    click["trigger_id"] = standin.new_trigger_id(user_id="U0INTRUDER")
    assert slack.post(payload_body(click), FORM).status == 200
    time.sleep(0.3)
    for model in (Workspace, Person, Assessment, AssessmentDraft, ProcessedRequest):
        assert count(web, model) == 0, model
    assert standin.count("users.info") == 0 and standin.count("views.open") == 0
    assert standin.count("chat.postMessage") == 0


# ---------------------------------------------------------------- malformed views


def wizard_view(metadata: str, values: Any = None, **view: Any) -> dict[str, Any]:
    return {
        "id": "V0FORGED",
        "type": "modal",
        "hash": "h1",
        "callback_id": ids.CALLBACK_WIZARD,
        "private_metadata": metadata,
        **({} if values is None else {"state": {"values": values}}),
        **view,
    }


def metadata_of(standin: SlackStandIn, view_id: str) -> str:
    return str(standin.view(view_id)["private_metadata"])


@pytest.mark.parametrize(
    "make, expected",
    [
        pytest.param(lambda m: wizard_view(m), "errors", id="no-state"),
        pytest.param(lambda m: wizard_view(m, values=[1, 2]), "errors", id="values-a-list"),
        pytest.param(lambda m: wizard_view(m, values={"x": "y"}), "errors", id="values-wrong-type"),
        pytest.param(lambda m: {k: v for k, v in wizard_view(m, {}).items()
                                if k != "private_metadata"}, "clear", id="no-metadata"),
        pytest.param(lambda m: wizard_view(m.replace('"goals"', '"payment"'), {}), "clear",
                     id="tampered-metadata"),
        pytest.param(lambda m: wizard_view(m[:-5], {}), "clear", id="truncated-metadata"),
    ],
)  # fmt: skip
def test_malformed_wizard_submissions_get_a_clean_answer(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web, make: Any, expected: str
) -> None:
    view_id = open_wizard(slack, standin, BOB)
    payload = envelope(slack, "view_submission", view=make(metadata_of(standin, view_id)))
    response = slack.post(payload_body(payload), FORM)
    assert response.status == 200
    assert response.json()["response_action"] == expected
    time.sleep(0.3)
    assert count(web, AssessmentDraft) == 0
    assert standin.count("chat.postMessage") == 0  # no "something went wrong" DM either


def test_a_replayed_first_step_does_not_move_the_draft_back(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    view_id = open_wizard(slack, standin, BOB)
    first_metadata = metadata_of(standin, view_id)
    submit(slack, BOB, view_id, goals())
    submit(slack, BOB, view_id, means())
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and [d.step for d in rows(web, AssessmentDraft)] != [
        ids.STEP_ORGANISATION
    ]:
        time.sleep(0.02)
    replay = envelope(
        slack,
        "view_submission",
        view=wizard_view(first_metadata, {k: dict(v) for k, v in goals().items()}, hash="h9"),
    )
    assert slack.post(payload_body(replay), FORM).json()["response_action"] == "update"
    time.sleep(0.3)
    [draft] = rows(web, AssessmentDraft)
    assert (draft.step, draft.stage) == (ids.STEP_ORGANISATION, 2)
    assert "means" in draft.answers


def test_a_step_carrying_another_persons_assessment_stores_nothing(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    alices = assessed(slack, standin, web, ALICE)
    view_id = open_wizard(slack, standin, BOB)
    forged = json.loads(metadata_of(standin, view_id)) | {"assessment_id": alices}
    payload = envelope(
        slack,
        "view_submission",
        view=wizard_view(json.dumps(forged), {k: dict(v) for k, v in goals().items()}),
    )
    assert slack.post(payload_body(payload), FORM).status == 200
    time.sleep(0.3)
    assert count(web, AssessmentDraft) == 0
    assert [a.owner_user_id for a in rows(web, Assessment)] == [ALICE]


# ---------------------------------------------------------------- ids in buttons


@pytest.mark.parametrize("value", ["²", "1" * 30, "9" * 5000, "-3", "0", "1e3", " 7"])
def test_a_button_value_that_is_not_an_id_is_not_found(
    slack: SignedSlackClient, standin: SlackStandIn, value: str
) -> None:
    for action in (ids.ACTION_EDIT_ANSWERS, ids.ACTION_ADD_KPI, ids.ACTION_SHARE):
        assert slack.block_action(BOB, action, value=value).status == 200
    replies = wait_for_dm(standin, BOB, 3)
    assert len(replies) == 3
    assert standin.count("views.open") == 0


# ---------------------------------------------------------------- free text and numbers


@pytest.mark.parametrize(
    "block, text, key",
    [
        pytest.param(ids.BLOCK_KPI_NAME, "Leads\x00", "kpi.error.control_characters", id="nul"),
        pytest.param(ids.BLOCK_KPI_NAME, "Leads\x1b[31m", "kpi.error.control_characters",
                     id="escape"),
        pytest.param(ids.BLOCK_KPI_UNIT, "€\x07", "kpi.error.control_characters", id="bell-unit"),
        pytest.param(ids.BLOCK_KPI_TARGET, "9" * 400, "kpi.error.number", id="400-digits"),
        pytest.param(ids.BLOCK_KPI_TARGET, "2" + "0" * 16, "kpi.error.number_too_large",
                     id="beyond-a-quadrillion"),
    ],
)  # fmt: skip
def test_bad_free_text_and_huge_numbers_are_refused_inline_and_nothing_is_stored(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web, block: str, text: str, key: str
) -> None:
    from bot.i18n import Translator
    from bot.sandbox.simulated import kpi_values

    assessment_id = assessed(slack, standin, web, BOB)
    slack.block_action(BOB, ids.ACTION_ADD_KPI, value=str(assessment_id))
    view = standin.wait_for_calls("views.open", 2, timeout=5)[-1].response["view"]
    objective = int(
        next(b for b in view["blocks"] if b.get("block_id") == ids.BLOCK_KPI_OBJECTIVE)["element"][
            "options"
        ][0]["value"]
    )
    values = kpi_values(objective, BOB, start="2026-12-01", deadline="2027-06-30")
    values[block] = {ids.input_action(block): plain_text_input(text)}
    response = slack.view_submission(BOB, view["id"], values)
    message = Translator("en")(key, max=Translator("en").number(1e15))
    assert response.json()["errors"][block] == message
    time.sleep(0.3)
    assert count(web, Kpi) == 0


# ---------------------------------------------------------------- profile data from Slack


def test_a_time_zone_this_machine_does_not_know_falls_back_to_the_workspaces(
    slack: SignedSlackClient, standin: SlackStandIn, caplog: pytest.LogCaptureFixture
) -> None:
    standin.add_user("U0MARS", "mars", tz="UTC", locale="en-US")
    standin.update_user("U0MARS", tz="Mars/Olympus_Mons")
    view_id = open_wizard(slack, standin, "U0MARS")
    assert json.loads(metadata_of(standin, view_id))["tz"] == "UTC"
    assert submit(slack, "U0MARS", view_id, goals())["response_action"] == "update"
    assert caplog.text.count("Mars/Olympus_Mons") <= 1


# ---------------------------------------------------------------- the share target


def share_modal(slack: SignedSlackClient, standin: SlackStandIn, web: Web) -> str:
    assessed(slack, standin, web, BOB)
    [recommendation] = rows(web, Recommendation)
    slack.block_action(BOB, ids.ACTION_SHARE, value=str(recommendation.id))
    return str(standin.wait_for_calls("views.open", 2, timeout=5)[-1].response["view"]["id"])


def share_to(slack: SignedSlackClient, view_id: str, conversation: str) -> dict[str, Any]:
    block = ids.BLOCK_SHARE_CHANNEL
    values = {block: {ids.input_action(block): conversations_select(conversation)}}
    response = slack.view_submission(BOB, view_id, values)
    assert response.status == 200
    return response.json() if response.body else {}


@pytest.mark.parametrize(
    "conversation, key",
    [
        pytest.param(ALICE, "share.error.not_a_channel", id="a-user-id"),
        pytest.param("D0FORGED", "share.error.not_a_channel", id="a-dm-id"),
        pytest.param("C0RANDOM", "share.error.not_member", id="bot-not-invited"),
        pytest.param("C0NOWHERE", "share.error.not_member", id="no-such-channel"),
        pytest.param("C0OLD", "share.error.archived", id="archived"),
    ],
)
def test_the_share_form_refuses_a_conversation_the_bot_cannot_post_in(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web, conversation: str, key: str
) -> None:
    from bot.i18n import Translator

    standin.add_channel("C0OLD", "old", is_archived=True)
    view_id = share_modal(slack, standin, web)
    answer = share_to(slack, view_id, conversation)
    assert answer["errors"][ids.BLOCK_SHARE_CHANNEL] == Translator("en")(key)
    time.sleep(0.3)
    assert standin.messages(ALICE) == []  # nothing posted in a person's DM
    assert all(c.params.get("channel") != conversation for c in standin.calls("chat.postMessage"))


def test_a_slow_channel_check_accepts_and_the_post_checks_again(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    view_id = share_modal(slack, standin, web)
    standin.slow("conversations.info", 2.5, times=1)
    started = time.monotonic()
    assert share_to(slack, view_id, "C0RANDOM") == {}  # accepted: the modal closes
    assert time.monotonic() - started < 2.5
    replies = wait_for_dm(standin, BOB, 3)
    assert "/invite" in json.dumps(replies[-1])  # the post was refused, and Bob is told how


def test_a_good_channel_is_shared_in(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    view_id = share_modal(slack, standin, web)
    assert share_to(slack, view_id, "C0GENERAL") == {}
    deadline = time.monotonic() + 5
    while not standin.messages("C0GENERAL") and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(standin.messages("C0GENERAL")) == 1


def test_rows_stay_in_the_verified_team(
    web: Web, slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    assessed(slack, standin, web, BOB)
    with web.deps.session_factory() as session:
        for model in (Workspace, Person, Assessment, Recommendation):
            teams = {row.team_id for row in session.exec(select(model))}  # type: ignore[attr-defined]
            assert teams == {standin.team_id}
