"""KPI check-ins end to end: the KPI form schedules them in the owner's time zone, the tick asks
by DM, the owner answers with the buttons, and only the owner can."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot import ids
from bot.compose import Web
from bot.domain import CheckInState
from bot.i18n import Translator
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.sandbox.signed_client import plain_text_input, radio_buttons
from bot.sandbox.simulated import kpi_values
from bot.sandbox.validation import check_message_blocks, check_view
from bot.scheduler import run_tick
from bot.slack.clients import make_client
from bot.slack.sender import Sender
from bot.store.models import CheckIn, Kpi
from tests.bot.flows import ALICE, BOB, assessed, rows
from tests.bot.processes import app_env, tick

PARIS = ZoneInfo("Europe/Paris")


def add_kpi(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web, owner: str, **overrides: Any
) -> Kpi:
    """Bob's assessment gets a KPI owned by `owner` (Mondays at 09:30 in the owner's zone)."""
    if not rows(web, Kpi):
        assessment_id = assessed(slack, standin, web, BOB)
    else:
        assessment_id = rows(web, Kpi)[0].objective_id  # any: Bob has one assessment
    before = standin.count("views.open")
    slack.block_action(BOB, ids.ACTION_ADD_KPI, value=str(assessment_id))
    view = standin.wait_for_calls("views.open", before + 1, timeout=5)[-1].response["view"]
    objective = int(
        next(b for b in view["blocks"] if b.get("block_id") == ids.BLOCK_KPI_OBJECTIVE)["element"][
            "options"
        ][0]["value"]
    )
    today = datetime.now(UTC).date()
    listed = len(standin.messages(BOB))
    values = kpi_values(
        objective,
        owner,
        start=today.isoformat(),
        deadline=(today + timedelta(days=200)).isoformat(),
        **overrides,
    )
    response = slack.view_submission(BOB, view["id"], values)
    assert response.status == 200 and not response.body, response.body
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        found: list[Kpi] = [k for k in rows(web, Kpi) if k.owner_user_id == owner and k.next_due_at]
        # Saved, and the KPI list DM that follows it sent (it must not race what a test scripts).
        if found and len(standin.messages(BOB)) > listed:
            return found[-1]
        time.sleep(0.05)
    raise AssertionError("the KPI was not scheduled")


def sender_for(standin: SlackStandIn) -> Any:
    client = make_client(api_url=standin.api_url, token=standin.bot_token)
    return lambda _team: Sender(client)


def checkin_dms(standin: SlackStandIn, user: str) -> list[dict[str, Any]]:
    return [m for m in standin.messages(user) if "checkin_update" in json.dumps(m)]


def buttons(message: dict[str, Any]) -> dict[str, str]:
    return {
        e["action_id"]: e["value"]
        for b in message["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["type"] == "button"
    }


def test_a_new_kpi_is_scheduled_at_its_owners_local_time(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi = add_kpi(slack, standin, web, ALICE)  # Alice works in Paris
    assert kpi.next_due_at is not None
    local = kpi.next_due_at.astimezone(PARIS)
    assert (
        local.strftime("%A %H:%M"),
        local.date() > datetime.now(PARIS).date() - timedelta(1),
    ) == (
        "Monday 09:30",
        True,
    )


def test_the_tick_process_asks_the_owner_once_with_the_kpis_facts_three_buttons_and_snooze(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web, migrated_database_url: str
) -> None:
    kpi = add_kpi(slack, standin, web, ALICE)
    assert kpi.next_due_at is not None
    env = app_env(standin, migrated_database_url)
    for _ in range(2):  # a second pass at the same instant asks nothing more
        done = tick(env, kpi.next_due_at + timedelta(minutes=1))
        assert done.returncode == 0, done.stderr
    [dm] = checkin_dms(standin, ALICE)
    assert check_message_blocks(dm["blocks"]) is None
    text = json.dumps(dm, ensure_ascii=False)
    assert "Qualified leads" in text and "80 leads" in text  # the KPI and its target, in French
    assert Translator("fr")("checkin.status.too_early") in text
    assert set(buttons(dm)) == {
        ids.ACTION_CHECKIN_UPDATE,
        ids.ACTION_CHECKIN_NO_CHANGE,
        ids.ACTION_CHECKIN_SKIP,
    }
    [snooze] = [
        e for b in dm["blocks"] if b["type"] == "actions" for e in b["elements"]
        if e["type"] == "static_select"
    ]  # fmt: skip
    assert snooze["action_id"] == ids.ACTION_CHECKIN_SNOOZE and len(snooze["options"]) == 3
    [row] = rows(web, CheckIn)
    assert row.state == CheckInState.ASKED and row.message_ts == dm["ts"]


def asked(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web, owner: str = ALICE
) -> tuple[Kpi, dict[str, Any]]:
    kpi = add_kpi(slack, standin, web, owner)
    assert kpi.next_due_at is not None
    run_tick(web.deps, sender_for=sender_for(standin), now=kpi.next_due_at + timedelta(minutes=1))
    [dm] = checkin_dms(standin, owner)
    return kpi, dm


def wait_for_update(standin: SlackStandIn, count: int = 1) -> dict[str, Any]:
    calls = standin.wait_for_calls("chat.update", count, timeout=5)
    assert calls[-1].response["ok"], calls[-1].response
    return calls[-1].params


def test_update_opens_a_modal_and_the_dm_shows_what_was_recorded(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    _, dm = asked(slack, standin, web)
    slack.block_action(
        ALICE,
        ids.ACTION_CHECKIN_UPDATE,
        value=buttons(dm)[ids.ACTION_CHECKIN_UPDATE],
        message_ts=dm["ts"],
    )
    view = standin.wait_for_calls("views.open", 3, timeout=5)[-1].response["view"]
    assert check_view(view) is None and view["callback_id"] == ids.CALLBACK_CHECKIN_UPDATE
    values = {
        ids.BLOCK_CHECKIN_VALUE: {
            ids.input_action(ids.BLOCK_CHECKIN_VALUE): plain_text_input("35")
        },
        ids.BLOCK_CHECKIN_CONFIDENCE: {
            ids.input_action(ids.BLOCK_CHECKIN_CONFIDENCE): radio_buttons("medium")
        },
    }
    response = slack.view_submission(ALICE, view["id"], values)
    assert response.status == 200 and not response.body
    updated = wait_for_update(standin)
    assert updated["ts"] == dm["ts"]
    assert "35 leads" in json.dumps(updated["blocks"], ensure_ascii=False)
    [row] = rows(web, CheckIn)
    assert (row.state, row.value, row.confidence) == (CheckInState.ANSWERED, 35.0, "medium")


def test_a_low_confidence_needs_a_comment_said_in_the_modal(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    _, dm = asked(slack, standin, web)
    slack.block_action(
        ALICE, ids.ACTION_CHECKIN_UPDATE, value=buttons(dm)[ids.ACTION_CHECKIN_UPDATE]
    )
    view = standin.wait_for_calls("views.open", 3, timeout=5)[-1].response["view"]
    values = {
        ids.BLOCK_CHECKIN_VALUE: {
            ids.input_action(ids.BLOCK_CHECKIN_VALUE): plain_text_input("21")
        },
        ids.BLOCK_CHECKIN_CONFIDENCE: {
            ids.input_action(ids.BLOCK_CHECKIN_CONFIDENCE): radio_buttons("low")
        },
    }
    errors = slack.view_submission(ALICE, view["id"], values).json()["errors"]
    assert errors == {ids.BLOCK_CHECKIN_COMMENT: Translator("fr")("checkin.error.comment_required")}
    assert rows(web, CheckIn)[0].state == CheckInState.ASKED


def test_no_change_records_the_last_value_and_skip_leaves_a_gap(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi, dm = asked(slack, standin, web)
    slack.block_action(
        ALICE,
        ids.ACTION_CHECKIN_NO_CHANGE,
        value=buttons(dm)[ids.ACTION_CHECKIN_NO_CHANGE],
        message_ts=dm["ts"],
    )
    wait_for_update(standin)
    [row] = rows(web, CheckIn)
    assert (row.state, row.value) == (
        CheckInState.ANSWERED,
        kpi.baseline,
    )  # nothing yet: the baseline
    # Changed afterwards into a skip, with a reason: still the same slot, editable until the next.
    slack.block_action(ALICE, ids.ACTION_CHECKIN_SKIP, value=str(row.id), message_ts=dm["ts"])
    view = standin.wait_for_calls("views.open", 3, timeout=5)[-1].response["view"]
    reason = {
        ids.BLOCK_CHECKIN_REASON: {
            ids.input_action(ids.BLOCK_CHECKIN_REASON): plain_text_input("congés")
        }
    }
    assert slack.view_submission(ALICE, view["id"], reason).status == 200
    updated = wait_for_update(standin, 2)
    assert "congés" in json.dumps(updated["blocks"], ensure_ascii=False)
    [row] = rows(web, CheckIn)
    assert (row.state, row.value, row.comment) == (CheckInState.SKIPPED, None, "congés")


def test_only_the_owner_answers_anyone_else_is_told_privately(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    _, dm = asked(slack, standin, web)
    checkin = buttons(dm)[ids.ACTION_CHECKIN_NO_CHANGE]
    for action in (
        ids.ACTION_CHECKIN_NO_CHANGE,
        ids.ACTION_CHECKIN_UPDATE,
        ids.ACTION_CHECKIN_SKIP,
    ):
        assert slack.block_action(BOB, action, value=checkin).status == 200
    told = standin.wait_for_calls("response_url", 3, timeout=5)
    assert all("U0ALICE" in c.params["text"] for c in told)
    time.sleep(0.3)
    assert rows(web, CheckIn)[0].state == CheckInState.ASKED
    assert standin.count("chat.update") == 0 and standin.count("views.open") == 2


def test_smm_kpis_lists_the_owners_kpis_and_the_open_check_in_with_its_buttons(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    asked(slack, standin, web)
    before = standin.count("response_url")
    assert slack.slash_command(ALICE, "kpis").status == 200
    listed = standin.wait_for_calls("response_url", before + 1, timeout=5)[-1].params
    assert check_message_blocks(listed["blocks"]) is None
    text = json.dumps(listed["blocks"], ensure_ascii=False)
    assert "Qualified leads" in text and ids.ACTION_CHECKIN_UPDATE in text
    # Bob owns no KPI: he is told how KPIs come to be.
    slack.slash_command(BOB, "kpis")
    bobs = standin.wait_for_calls("response_url", before + 2, timeout=5)[-1].params
    assert Translator("en")("checkin.mine.none") in json.dumps(bobs["blocks"])


def test_after_downtime_the_latest_missed_slot_is_asked_once(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi = add_kpi(slack, standin, web, ALICE)
    assert kpi.next_due_at is not None
    back = kpi.next_due_at + timedelta(days=21, hours=2)  # three Mondays passed with no clock
    for _ in range(3):
        run_tick(web.deps, sender_for=sender_for(standin), now=back)
    [row] = rows(web, CheckIn)
    assert row.occurrence == kpi.next_due_at + timedelta(days=21)
    assert len(checkin_dms(standin, ALICE)) == 1


def test_a_newer_check_in_closes_the_old_one(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi, dm = asked(slack, standin, web)
    assert kpi.next_due_at is not None
    run_tick(
        web.deps, sender_for=sender_for(standin), now=kpi.next_due_at + timedelta(days=7, minutes=1)
    )
    old, new = rows(web, CheckIn)
    assert (old.state, new.state) == (CheckInState.MISSED, CheckInState.ASKED)
    slack.block_action(ALICE, ids.ACTION_CHECKIN_NO_CHANGE, value=str(old.id))
    [told] = standin.wait_for_calls("response_url", 1, timeout=5)
    assert told.params["text"] == Translator("fr")("checkin.closed")


def test_an_owner_who_left_pauses_the_kpi_and_the_author_is_told_once(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi = add_kpi(slack, standin, web, ALICE)
    assert kpi.next_due_at is not None
    standin.update_user(ALICE, deleted=True)
    later = kpi.next_due_at + timedelta(days=8, minutes=1)  # the cached profile is stale by then
    for _ in range(2):
        run_tick(web.deps, sender_for=sender_for(standin), now=later)
    assert checkin_dms(standin, ALICE) == []
    left = Translator("en")("checkin.owner_left.fallback")
    notices = [m for m in standin.messages(BOB) if m["text"] == left]
    assert len(notices) == 1 and "U0ALICE" in json.dumps(notices[0])
    assert ids.ACTION_EDIT_KPI in json.dumps(notices[0])  # Bob can pick someone else from it
    [paused] = [k for k in rows(web, Kpi) if k.id == kpi.id]
    assert paused.paused and paused.next_due_at is None
    assert [c.state for c in rows(web, CheckIn)] == [CheckInState.EXCUSED]


def test_a_kpi_stops_asking_after_its_deadline(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi = add_kpi(slack, standin, web, ALICE)
    assert kpi.next_due_at is not None
    after = datetime.combine(kpi.deadline + timedelta(days=10), datetime.min.time(), tzinfo=UTC)
    run_tick(web.deps, sender_for=sender_for(standin), now=after)
    run_tick(web.deps, sender_for=sender_for(standin), now=after + timedelta(days=30))
    [row] = rows(web, CheckIn)  # the last slot before the deadline, once
    assert row.occurrence.astimezone(PARIS).date() <= kpi.deadline
    assert [k.next_due_at for k in rows(web, Kpi)] == [None]


def test_a_429_while_asking_is_retried_and_asks_once(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi = add_kpi(slack, standin, web, ALICE)
    assert kpi.next_due_at is not None
    standin.fail("chat.postMessage", "ratelimited", status=429, retry_after=60, times=1)
    at = kpi.next_due_at + timedelta(minutes=1)
    run_tick(web.deps, sender_for=sender_for(standin), now=at)
    assert checkin_dms(standin, ALICE) == []
    run_tick(web.deps, sender_for=sender_for(standin), now=at + timedelta(seconds=30))
    assert checkin_dms(standin, ALICE) == []  # Slack asked for a minute
    run_tick(web.deps, sender_for=sender_for(standin), now=at + timedelta(seconds=61))
    assert len(checkin_dms(standin, ALICE)) == 1


def test_choosing_a_new_owner_from_the_notice_starts_the_check_ins_again(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    from tests.bot.test_kpi_forms import echo_initial_values

    kpi = add_kpi(slack, standin, web, ALICE)
    assert kpi.next_due_at is not None
    standin.update_user(ALICE, deleted=True)
    run_tick(web.deps, sender_for=sender_for(standin), now=kpi.next_due_at + timedelta(days=8))
    left = Translator("en")("checkin.owner_left.fallback")
    [notice] = [m for m in standin.messages(BOB) if m["text"] == left]
    before = standin.count("views.open")
    slack.block_action(BOB, ids.ACTION_EDIT_KPI, value=buttons(notice)[ids.ACTION_EDIT_KPI])
    view = standin.wait_for_calls("views.open", before + 1, timeout=5)[-1].response["view"]
    values = echo_initial_values(view)
    values[ids.BLOCK_KPI_OWNER] = {
        ids.input_action(ids.BLOCK_KPI_OWNER): {"type": "users_select", "selected_user": BOB}
    }
    assert slack.view_submission(BOB, view["id"], values).status == 200
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and rows(web, Kpi)[0].paused:
        time.sleep(0.05)
    [again] = rows(web, Kpi)
    assert (again.owner_user_id, again.paused) == (BOB, False)
    assert again.next_due_at is not None and again.next_due_at > datetime.now(UTC)
