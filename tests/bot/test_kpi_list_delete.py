"""Deleting a KPI from `/smm kpis` (issue 15, item 6): its owner presses Delete in the
ephemeral list, confirms, and the KPI is archived (it asks no more, its check-ins are kept)
while the list is replaced in place with a short note; anyone else is refused. Over signed
HTTP through the real app, and the list within Slack's limits in both languages."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from bot import ids
from bot.blocks.checkin import MAX_KPIS_LISTED, build_my_kpis
from bot.compose import Web
from bot.domain import KpiLine
from bot.i18n import Translator
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.sandbox.validation import check_message_blocks
from bot.scheduler import run_tick
from bot.services.checkins import card_of
from bot.store.models import CheckIn, Kpi
from tests.bot.flows import ALICE, BOB, rows, text_of
from tests.bot.test_checkin_dm_golden import CASES, NOW
from tests.bot.test_checkins_over_http import add_kpi, asked, checkin_dms, sender_for

CAROL = "U0CAROL"  # neither the KPI's owner nor the assessment's


def _listed(slack: SignedSlackClient, standin: SlackStandIn, user: str) -> dict[str, Any]:
    before = standin.count("response_url")
    assert slack.slash_command(user, "kpis").status == 200
    listed = standin.wait_for_calls("response_url", before + 1, timeout=5)[-1].params
    assert check_message_blocks(listed["blocks"]) is None
    return dict(listed)


def _delete_buttons(blocks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {
        b["accessory"]["value"]: b["accessory"]
        for b in blocks
        if b.get("accessory", {}).get("action_id") == ids.ACTION_DELETE_LISTED_KPI
    }


def _press(
    slack: SignedSlackClient, standin: SlackStandIn, user: str, kpi_id: int
) -> dict[str, Any]:
    before = standin.count("response_url")
    response = slack.block_action(
        user, ids.ACTION_DELETE_LISTED_KPI, value=str(kpi_id), ephemeral=True
    )
    assert response.status == 200
    return dict(standin.wait_for_calls("response_url", before + 1, timeout=5)[-1].params)


def test_the_kpi_owner_deletes_it_from_the_list_which_is_replaced_and_it_asks_no_more(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    # Bob's assessment, Alice's KPI: Alice cannot reach the edit modal, the list is her way.
    kpi, _dm = asked(slack, standin, web, ALICE)
    assert kpi.id is not None and kpi.next_due_at is not None
    listed = _listed(slack, standin, ALICE)
    [button] = _delete_buttons(listed["blocks"]).values()
    assert button["value"] == str(kpi.id) and button["style"] == "danger"
    fr = Translator("fr")  # Alice reads French: the same dialog as the edit modal's
    assert button["confirm"]["title"]["text"] == fr("confirm.archive_kpi.title")
    assert button["confirm"]["confirm"]["text"] == fr("confirm.archive_kpi.confirm")

    relisted = _press(slack, standin, ALICE, kpi.id)
    assert relisted["replace_original"] is True and relisted["response_type"] == "ephemeral"
    assert check_message_blocks(relisted["blocks"]) is None
    assert _delete_buttons(relisted["blocks"]) == {}  # it left the list
    assert relisted["blocks"][0]["type"] == "context"
    assert "Qualified leads" in text_of(relisted["blocks"][:1])  # the note names it
    assert fr("checkin.mine.none") in text_of(relisted["blocks"])

    [row] = rows(web, Kpi)
    assert row.archived_at is not None and row.next_due_at is None
    history = rows(web, CheckIn)
    assert history  # the check-in already asked is kept
    asked_before = len(checkin_dms(standin, ALICE))
    later = kpi.next_due_at + timedelta(days=30)
    run_tick(web.deps, sender_for=sender_for(standin), now=later)
    run_tick(web.deps, sender_for=sender_for(standin), now=later + timedelta(days=30))
    assert len(checkin_dms(standin, ALICE)) == asked_before
    assert len(rows(web, CheckIn)) == len(history)

    # Pressed again (an old copy of the list): nothing more happens, the list says so.
    again = _press(slack, standin, ALICE, kpi.id)
    assert again["replace_original"] is True and _delete_buttons(again["blocks"]) == {}
    assert len(rows(web, CheckIn)) == len(history)


def test_the_list_keeps_the_other_kpis_with_their_buttons(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    first = add_kpi(slack, standin, web, ALICE)
    second = add_kpi(slack, standin, web, ALICE, name="Newsletter sign-ups")
    assert first.id is not None and second.id is not None
    listed = _listed(slack, standin, ALICE)
    assert set(_delete_buttons(listed["blocks"])) == {str(first.id), str(second.id)}
    relisted = _press(slack, standin, ALICE, first.id)
    assert set(_delete_buttons(relisted["blocks"])) == {str(second.id)}
    archived = {k.id: k.archived_at is not None for k in rows(web, Kpi)}
    assert archived == {first.id: True, second.id: False}


def test_a_third_person_is_refused_and_nothing_changes(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    standin.add_user(CAROL, "carol", locale="en-US")
    kpi = add_kpi(slack, standin, web, ALICE)
    assert kpi.id is not None
    told = _press(slack, standin, CAROL, kpi.id)  # a forged press: Carol has no such list
    assert told["response_type"] == "ephemeral" and told["replace_original"] is False
    assert told["text"] == Translator("en")("checkin.mine.delete_refused")
    [row] = rows(web, Kpi)
    assert row.archived_at is None and row.next_due_at is not None
    # A value that is no id at all is refused the same way.
    before = standin.count("response_url")
    slack.block_action(CAROL, ids.ACTION_DELETE_LISTED_KPI, value="nope", ephemeral=True)
    refused = standin.wait_for_calls("response_url", before + 1, timeout=5)[-1].params
    assert refused["replace_original"] is False


def test_the_assessments_owner_may_delete_it_too(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi = add_kpi(slack, standin, web, ALICE)
    assert kpi.id is not None
    relisted = _press(slack, standin, BOB, kpi.id)  # Bob owns the assessment, not the KPI
    assert relisted["replace_original"] is True
    assert check_message_blocks(relisted["blocks"]) is None
    [row] = rows(web, Kpi)
    assert row.archived_at is not None


def _line(i: int) -> KpiLine:
    return KpiLine(
        kpi_id=i + 1,
        name=f"KPI {i} " + "x" * 150,
        unit="leads",
        objective_title="Grow the audience " + "y" * 150,
        objective_kind="audience",
        target=1200.5,
        deadline=date(2027, 6, 30),
        last_value=800.0,
        status="on_track",
        next_day=date(2026, 12, 14),
        paused=i % 3 == 0,
    )


@pytest.mark.parametrize("locale", ["en", "fr"])
@pytest.mark.parametrize("count", [1, MAX_KPIS_LISTED, 60, 400])
def test_the_list_stays_within_slacks_limits(locale: str, count: int) -> None:
    t = Translator(locale)
    cards = [card_of(ctx, now=NOW) for ctx in CASES.values()]
    cards = [replace(c, checkin_id=c.checkin_id + i) for i, c in enumerate(cards * 3)]
    note = t("checkin.mine.deleted", name="z" * 200)
    message = build_my_kpis(t, [_line(i) for i in range(count)], cards, note=note)
    assert check_message_blocks(message.blocks) is None
    assert len(_delete_buttons(message.blocks)) == min(count, MAX_KPIS_LISTED)
    text = json.dumps(message.blocks, ensure_ascii=False)
    more = t("checkin.mine.kpis_more", count=999).split("999")[1]  # the words after the count
    assert f"KPI {count - 1} " in text or more in text  # the last KPI shown, or counted
    assert ids.ACTION_CHECKIN_UPDATE in text  # the open check-ins keep their room
