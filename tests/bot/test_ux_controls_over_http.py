"""Issue 15's sharing and controls, through the real HTTP app and the Slack stand-in: pay kept
out of channel copies unless chosen, one modal per click, a question before sharing the same
version twice in a channel, confirmation dialogs, KPI deletion that keeps history, the KPI
form's cadence, French command typos."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from typing import Any

import pytest

from bot import ids
from bot.blocks.assessment import build_resume_offer
from bot.blocks.kpi import build_kpi_archived, build_kpi_modal
from bot.blocks.share import build_channel_copy, build_share_modal
from bot.compose import Web
from bot.domain import CheckInState
from bot.forms.command import parse_command
from bot.forms.kpi import KpiFormState
from bot.i18n import Translator
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.sandbox.signed_client import checkboxes, conversations_select, static_select
from bot.sandbox.validation import check_message_blocks, check_view
from bot.scheduler import run_tick
from bot.store.models import CheckIn, Kpi, Recommendation
from tests.bot.flows import BOB, complete_assessment, rows, text_of, wait_for_dm
from tests.bot.test_checkins_over_http import add_kpi, asked, sender_for

WAGE = "22.50"  # Bob's in-house hourly wage in the wizard's answers (€22.50/h)


def _wait(predicate: Any, timeout: float = 5) -> None:
    deadline = time.monotonic() + timeout
    while not predicate() and time.monotonic() < deadline:
        time.sleep(0.02)


def _result(standin: SlackStandIn) -> dict[str, Any]:
    return next(m for m in standin.messages(BOB) if ids.ACTION_SHARE in text_of(m["blocks"]))


def _click_share(slack: SignedSlackClient, standin: SlackStandIn, web: Web) -> None:
    [rec] = rows(web, Recommendation)
    slack.block_action(BOB, ids.ACTION_SHARE, value=str(rec.id), message_ts=_result(standin)["ts"])


def _open_share(slack: SignedSlackClient, standin: SlackStandIn, web: Web) -> dict[str, Any]:
    before = standin.count("views.open")
    _click_share(slack, standin, web)
    call = standin.wait_for_calls("views.open", before + 1, timeout=5)[-1]
    assert call.response["ok"], call.response
    return dict(call.response["view"])


def _share_values(channel: str, *, pay: bool = False, again: str | None = None) -> dict[str, Any]:
    values: dict[str, Any] = {
        ids.BLOCK_SHARE_CHANNEL: {
            ids.input_action(ids.BLOCK_SHARE_CHANNEL): conversations_select(channel)
        },
        ids.BLOCK_SHARE_PAY: {
            ids.input_action(ids.BLOCK_SHARE_PAY): checkboxes(
                *([ids.SHARE_PAY_SHOW] if pay else [])
            )
        },
    }
    if again is not None:
        values[ids.BLOCK_SHARE_AGAIN] = {ids.input_action(ids.BLOCK_SHARE_AGAIN): checkboxes(again)}
    return values


def _submit(slack: SignedSlackClient, view_id: str, values: dict[str, Any]) -> dict[str, Any]:
    response = slack.view_submission(BOB, view_id, values)
    assert response.status == 200
    body: dict[str, Any] = response.json() if response.body else {}
    if "view" in body:
        assert check_view(body["view"]) is None
    return body


@pytest.fixture
def bob(slack: SignedSlackClient, standin: SlackStandIn) -> None:
    complete_assessment(slack, standin, BOB)
    wait_for_dm(standin, BOB)


# ---- sharing ------------------------------------------------------------------------------


@pytest.mark.usefixtures("bob")
def test_the_channel_copy_leaves_pay_out_by_default_and_the_modal_previews_it(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    assert WAGE in text_of(_result(standin)["blocks"])  # the DM keeps the figures
    view = _open_share(slack, standin, web)
    assert check_view(view) is None
    assert WAGE not in text_of(view["blocks"])  # the preview is the private copy
    assert any(b.get("block_id") == ids.BLOCK_SHARE_PREVIEW for b in view["blocks"])
    assert _submit(slack, view["id"], _share_values("C0GENERAL")) == {}
    _wait(lambda: standin.messages("C0GENERAL"))
    [posted] = standin.messages("C0GENERAL")
    assert check_message_blocks(posted["blocks"]) is None
    shared = text_of(posted["blocks"])
    assert WAGE not in shared and "/h" not in shared and "×1.42" not in shared
    assert "€" in shared  # the monthly costs of the options stay


@pytest.mark.usefixtures("bob")
def test_ticking_show_pay_updates_the_preview_and_the_copy_shows_the_figures(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    view = _open_share(slack, standin, web)
    standin.set_view_state(view["id"], _share_values("C0GENERAL", pay=True))
    before = standin.count("views.update")
    slack.block_action(
        BOB,
        ids.input_action(ids.BLOCK_SHARE_PAY),
        block_id=ids.BLOCK_SHARE_PAY,
        element=checkboxes(ids.SHARE_PAY_SHOW),
        container="view",
        view_id=view["id"],
    )
    [update] = standin.wait_for_calls("views.update", before + 1, timeout=5)[before:]
    assert update.response["ok"], update.response
    assert WAGE in text_of(standin.view(view["id"])["blocks"])
    assert _submit(slack, view["id"], _share_values("C0GENERAL", pay=True)) == {}
    _wait(lambda: standin.messages("C0GENERAL"))
    [posted] = standin.messages("C0GENERAL")
    assert WAGE in text_of(posted["blocks"])


@pytest.mark.usefixtures("bob")
def test_a_second_click_while_the_share_modal_is_open_opens_nothing(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    view = _open_share(slack, standin, web)
    opened = standin.count("views.open")
    for _ in range(4):
        _click_share(slack, standin, web)
    time.sleep(0.5)
    assert standin.count("views.open") == opened
    # Closing it lets the next click open one again.
    assert slack.view_closed(BOB, view["id"]).status == 200
    time.sleep(0.3)
    _open_share(slack, standin, web)


@pytest.mark.usefixtures("bob")
def test_sharing_the_same_version_in_the_same_channel_again_asks_first(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    first = _open_share(slack, standin, web)
    assert _submit(slack, first["id"], _share_values("C0GENERAL")) == {}
    _wait(lambda: standin.messages("C0GENERAL"))
    time.sleep(0.3)  # the posted copy is recorded; the guard is lifted
    second = _open_share(slack, standin, web)
    asked = _submit(slack, second["id"], _share_values("C0GENERAL"))
    assert asked["response_action"] == "update"
    question = text_of(asked["view"]["blocks"])
    assert "<#C0GENERAL>" in question and ids.BLOCK_SHARE_AGAIN in question
    # Submitted again without the tick: an inline error, still one copy.
    refused = _submit(slack, second["id"], _share_values("C0GENERAL"))
    assert refused["response_action"] == "errors" and ids.BLOCK_SHARE_AGAIN in refused["errors"]
    assert len(standin.messages("C0GENERAL")) == 1
    # Ticked: the second copy goes.
    assert _submit(slack, second["id"], _share_values("C0GENERAL", again="C0GENERAL")) == {}
    _wait(lambda: len(standin.messages("C0GENERAL")) == 2)
    assert len(standin.messages("C0GENERAL")) == 2


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_the_share_modal_asking_again_with_pay_shown_is_within_slacks_limits(locale: str) -> None:
    from tests.bot.test_result_blocks import recommend

    t = Translator(locale)
    rec = recommend("stalled-in-house.json")
    for pay in (False, True):
        copy = build_channel_copy(
            rec, t, assessment_id=1, recommendation_id=2, shared_by="U1", show_pay=pay
        )
        assert check_message_blocks(copy.blocks) is None
        view = build_share_modal(
            t,
            recommendation_id=2,
            locale=locale,
            preview=copy.blocks,
            show_pay=pay,
            channel="C1",
            shared_on=t.date(rec_date()),
        )
        assert check_view(view) is None


def rec_date() -> Any:
    from datetime import date

    return date(2027, 1, 20)


# ---- confirmations ------------------------------------------------------------------------


def _confirms(blocks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    found = {}
    for block in blocks:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if isinstance(element, dict) and "confirm" in element:
                found[element["action_id"]] = element["confirm"]
    return found


def _within_limits(confirm: dict[str, Any]) -> bool:
    return (
        0 < len(confirm["title"]["text"]) <= 100
        and 0 < len(confirm["text"]["text"]) <= 300
        and 0 < len(confirm["confirm"]["text"]) <= 30
        and 0 < len(confirm["deny"]["text"]) <= 30
    )


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_delete_draft_start_over_and_delete_kpi_ask_for_confirmation(locale: str) -> None:
    from datetime import date, time as clock

    t = Translator(locale)
    offer = build_resume_offer(t)
    assert check_message_blocks(offer.blocks) is None
    draft = _confirms(offer.blocks)
    assert set(draft) == {ids.ACTION_DISCARD_DRAFT} and _within_limits(
        draft[ids.ACTION_DISCARD_DRAFT]
    )
    modal = build_kpi_modal(
        t,
        state=KpiFormState(assessment_id=1, kpi_id=7, locale=locale),
        objectives=[],
        today=date(2027, 1, 20),
        default_owner="U1",
        default_weekday=0,
        default_time=clock(9, 0),
    )
    assert check_view(modal) is None
    kpi = _confirms(modal["blocks"])
    assert set(kpi) == {ids.ACTION_ARCHIVE_KPI} and _within_limits(kpi[ids.ACTION_ARCHIVE_KPI])
    assert check_view(build_kpi_archived(t, name="Leads")) is None


def test_a_resumed_wizard_asks_before_starting_over(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    from bot.sandbox.signed_client import datepicker
    from tests.bot.flows import DEADLINE, open_wizard, submit
    from tests.bot.wizard_values import goals

    view_id = open_wizard(slack, standin, BOB)
    submit(slack, BOB, view_id, goals(**{ids.BLOCK_DEADLINE: datepicker(DEADLINE)}))
    slack.view_closed(BOB, view_id)
    resumed = standin.view(open_wizard(slack, standin, BOB))
    confirms = _confirms(resumed["blocks"])
    assert ids.ACTION_START_OVER in confirms and _within_limits(confirms[ids.ACTION_START_OVER])


# ---- KPIs ---------------------------------------------------------------------------------


def _open_edit(slack: SignedSlackClient, standin: SlackStandIn, kpi_id: int) -> dict[str, Any]:
    before = standin.count("views.open")
    slack.block_action(BOB, ids.ACTION_EDIT_KPI, value=str(kpi_id))
    call = standin.wait_for_calls("views.open", before + 1, timeout=5)[-1]
    assert call.response["ok"], call.response
    return dict(call.response["view"])


def test_deleting_a_kpi_archives_it_keeps_its_history_and_stops_asking(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi, _dm = asked(slack, standin, web, BOB)
    assert kpi.id is not None and kpi.next_due_at is not None
    view = _open_edit(slack, standin, kpi.id)
    assert check_view(view) is None
    before = standin.count("views.update")
    listed = len(standin.messages(BOB))
    slack.block_action(
        BOB, ids.ACTION_ARCHIVE_KPI, value=str(kpi.id), container="view", view_id=view["id"]
    )
    standin.wait_for_calls("views.update", before + 1, timeout=5)
    assert standin.view(view["id"])["callback_id"] == ids.CALLBACK_KPI_ARCHIVED
    _wait(lambda: len(standin.messages(BOB)) > listed)
    assert "kpi_edit" not in text_of(standin.messages(BOB)[-1]["blocks"])  # the list is empty
    [row] = rows(web, Kpi)
    assert row.archived_at is not None and row.next_due_at is None
    history = rows(web, CheckIn)
    assert history  # the asked check-in is still there
    asked_before = len([m for m in standin.messages(BOB) if "checkin_update" in json.dumps(m)])
    later = kpi.next_due_at + timedelta(days=30)
    run_tick(web.deps, sender_for=sender_for(standin), now=later)
    run_tick(web.deps, sender_for=sender_for(standin), now=later + timedelta(days=30))
    asked_after = len([m for m in standin.messages(BOB) if "checkin_update" in json.dumps(m)])
    assert asked_after == asked_before
    assert len(rows(web, CheckIn)) == len(history)
    # An old Edit button does not bring it back.
    opened = standin.count("views.open")
    slack.block_action(BOB, ids.ACTION_EDIT_KPI, value=str(kpi.id))
    time.sleep(0.4)
    assert standin.count("views.open") == opened


def test_someone_else_cannot_delete_a_kpi(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi = add_kpi(slack, standin, web, BOB)
    slack.block_action("U0ALICE", ids.ACTION_ARCHIVE_KPI, value=str(kpi.id))
    time.sleep(0.4)
    [row] = rows(web, Kpi)
    assert row.archived_at is None and row.next_due_at is not None
    assert all(c.state != CheckInState.EXCUSED for c in rows(web, CheckIn))


def test_choosing_a_cadence_shows_only_its_day_field(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi = add_kpi(slack, standin, web, BOB)
    assert kpi.id is not None
    view = _open_edit(slack, standin, kpi.id)
    shown = {b.get("block_id") for b in view["blocks"]}
    assert ids.BLOCK_KPI_WEEKDAY in shown and ids.BLOCK_KPI_DAY_OF_MONTH not in shown
    cadence = next(b for b in view["blocks"] if b.get("block_id") == ids.BLOCK_KPI_CADENCE)
    assert cadence["dispatch_action"] is True
    action = ids.input_action(ids.BLOCK_KPI_CADENCE)
    standin.set_view_state(view["id"], {ids.BLOCK_KPI_CADENCE: {action: static_select("monthly")}})
    before = standin.count("views.update")
    slack.block_action(
        BOB,
        action,
        block_id=ids.BLOCK_KPI_CADENCE,
        element=static_select("monthly"),
        container="view",
        view_id=view["id"],
    )
    [update] = standin.wait_for_calls("views.update", before + 1, timeout=5)[before:]
    assert update.response["ok"], update.response
    updated = standin.view(view["id"])
    shown = {b.get("block_id") for b in updated["blocks"]}
    assert ids.BLOCK_KPI_DAY_OF_MONTH in shown and ids.BLOCK_KPI_WEEKDAY not in shown
    assert check_view(updated) is None


# ---- commands -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, suggested",
    [
        ("diagnostc", "diagnostic"),
        ("reglage", "réglages"),
        ("réglage", "réglages"),
        ("paramtres", "paramètres"),
        ("indicateur", "indicateurs"),
        ("evalur", "évaluer"),
        ("asess", "assess"),
    ],
)
def test_a_mistyped_french_or_english_command_gets_the_word_meant(
    typed: str, suggested: str
) -> None:
    assert parse_command(typed).suggestion == suggested


@pytest.mark.parametrize("typed", ["règlages", "Réglages", "reevaluer", "évaluer"])
def test_a_french_word_runs_whatever_its_accents(typed: str) -> None:
    assert parse_command(typed).unknown is None


def test_the_suggestion_reaches_the_person_over_http(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    assert slack.slash_command("U0ALICE", "diagnostc").status == 200
    answer = standin.wait_for_calls("response_url", 1, timeout=5)[-1].params
    assert "`/smm diagnostic`" in json.dumps(answer, ensure_ascii=False)
