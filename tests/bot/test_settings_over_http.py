"""`/smm settings` through the real HTTP app: who may open and save it, inline errors, round trip."""

from __future__ import annotations

import json
import time
from typing import Any

from sqlmodel import select

from bot import ids
from bot.compose import Web
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.sandbox.signed_client import checkboxes, conversations_select, static_select, timepicker
from bot.sandbox.validation import check_message_blocks, check_view
from bot.store.models import Workspace
from tests.bot.flows import ALICE, BOB, complete_assessment, rows, submit, wait_for_dm
from tests.bot.settings_values import field, settings_values

CAROL = "U0CAROL"  # neither an admin nor an owner, and no assessment


def open_settings(slack: SignedSlackClient, standin: SlackStandIn, user: str) -> dict[str, Any]:
    """`/smm settings`; the modal the app opened (checked against Slack's rules)."""
    before = len(standin.calls("views.open"))
    assert slack.slash_command(user, "settings").status == 200
    calls = standin.wait_for_calls("views.open", before + 1, timeout=5)
    assert len(calls) == before + 1, "no modal opened"
    call = calls[-1]
    assert call.response["ok"], call.response
    view: dict[str, Any] = call.response["view"]
    assert check_view(view) is None
    return view


def refusal(standin: SlackStandIn, count: int = 1) -> dict[str, Any]:
    """The ephemeral answer sent through the command's response_url."""
    answer: dict[str, Any] = standin.wait_for_calls("response_url", count, timeout=5)[-1].params
    assert answer["response_type"] == "ephemeral"
    assert check_message_blocks(answer["blocks"]) is None
    return answer


def workspace(web: Web) -> Workspace | None:
    found = rows(web, Workspace)
    return found[0] if found else None


def saved_workspace(web: Web, user: str) -> Workspace:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        row = workspace(web)
        if row is not None and row.settings_user_id == user:
            return row
        time.sleep(0.02)
    raise AssertionError("the settings were not saved")


def element(view: dict[str, Any], block_id: str) -> dict[str, Any]:
    block = next(b for b in view["blocks"] if b.get("block_id") == block_id)
    found: dict[str, Any] = block["element"]
    return found


def test_an_admin_saves_the_settings_and_finds_them_again_on_reopening(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    view = open_settings(slack, standin, ALICE)  # Alice: the workspace's admin and owner
    assert submit(slack, ALICE, view["id"], settings_values()) == {}
    row = saved_workspace(web, ALICE)
    assert (row.review_channel_id, row.team_lead_user_ids, row.tz) == (
        "C0GENERAL",
        [BOB],
        "Europe/Brussels",
    )
    assert row.working_days == [0, 1, 2, 3]
    assert (str(row.working_hours_start), str(row.working_hours_end)) == ("08:30:00", "17:15:00")
    assert (row.checkin_weekday, str(row.checkin_local_time)) == (2, "10:00:00")
    assert (row.digest_weekday, str(row.digest_local_time)) == (4, "16:30:00")
    assert (row.currency, row.default_locale, row.holidays_country) == ("CHF", "fr", "BE")
    assert row.post_cost_figures is False
    [saved] = wait_for_dm(standin, ALICE)
    assert "enregistrés" in saved["text"]

    # Bob is the lead now: only he may reopen them, and he finds every value again.
    again = open_settings(slack, standin, BOB)
    assert element(again, ids.BLOCK_SETTINGS_CHANNEL)["initial_conversation"] == "C0GENERAL"
    assert element(again, ids.BLOCK_SETTINGS_LEADS)["initial_users"] == [BOB]
    assert element(again, ids.BLOCK_SETTINGS_TZ)["initial_option"]["value"] == "Europe/Brussels"
    days = element(again, ids.BLOCK_SETTINGS_WORKING_DAYS)["initial_options"]
    assert [o["value"] for o in days] == ["0", "1", "2", "3"]
    assert element(again, ids.BLOCK_SETTINGS_HOURS_START)["initial_time"] == "08:30"
    assert element(again, ids.BLOCK_SETTINGS_HOURS_END)["initial_time"] == "17:15"
    assert element(again, ids.BLOCK_SETTINGS_CHECKIN_WEEKDAY)["initial_option"]["value"] == "2"
    assert element(again, ids.BLOCK_SETTINGS_CHECKIN_TIME)["initial_time"] == "10:00"
    assert element(again, ids.BLOCK_SETTINGS_DIGEST_WEEKDAY)["initial_option"]["value"] == "4"
    assert element(again, ids.BLOCK_SETTINGS_DIGEST_TIME)["initial_time"] == "16:30"
    assert element(again, ids.BLOCK_SETTINGS_CURRENCY)["initial_option"]["value"] == "CHF"
    assert element(again, ids.BLOCK_SETTINGS_LOCALE)["initial_option"]["value"] == "fr"
    assert element(again, ids.BLOCK_SETTINGS_HOLIDAYS)["initial_option"]["value"] == "BE"
    assert "initial_options" not in element(again, ids.BLOCK_SETTINGS_COST_FIGURES)
    # Bob reads English.
    assert again["title"]["text"] == "Workspace settings"


def test_a_french_speaker_gets_french_labels(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    view = open_settings(slack, standin, ALICE)
    assert view["title"]["text"] == "Réglages de l'espace"
    text = json.dumps(view["blocks"], ensure_ascii=False)
    assert "Jours travaillés" in text and "Fuseau horaire" in text and "Lundi" in text
    assert "Working days" not in text


def test_the_french_alias_opens_the_same_modal(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    assert slack.slash_command(ALICE, "réglages").status == 200
    [call] = standin.wait_for_calls("views.open", 1, timeout=5)
    assert call.response["view"]["callback_id"] == ids.CALLBACK_SETTINGS


def test_an_assessment_owner_may_open_the_settings_while_no_lead_is_set(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    complete_assessment(slack, standin, BOB)
    wait_for_dm(standin, BOB)  # the assessment is stored by then
    view = open_settings(slack, standin, BOB)
    assert view["callback_id"] == ids.CALLBACK_SETTINGS


def test_someone_who_is_neither_admin_nor_assessment_owner_is_refused(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    standin.add_user(CAROL, "carol")
    slack.slash_command(CAROL, "settings")
    answer = refusal(standin)
    assert "admins and owners" in answer["blocks"][0]["text"]["text"]
    time.sleep(0.2)
    assert standin.calls("views.open") == [] and workspace(web) is None


def test_once_leads_are_set_an_admin_who_is_not_one_is_refused_and_told_who_is(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    view = open_settings(slack, standin, ALICE)
    submit(slack, ALICE, view["id"], settings_values())
    saved_workspace(web, ALICE)
    slack.slash_command(ALICE, "settings")
    answer = refusal(standin)
    assert f"<@{BOB}>" in answer["blocks"][0]["text"]["text"]
    assert "responsables" in answer["blocks"][0]["text"]["text"]  # in Alice's French
    assert len(standin.calls("views.open")) == 1


def test_the_right_to_save_is_checked_again_on_submission(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    alices = open_settings(slack, standin, ALICE)
    second = open_settings(slack, standin, ALICE)
    # Alice's first modal makes Bob the only lead; her second one, still open, is refused.
    submit(slack, ALICE, alices["id"], settings_values())
    before = saved_workspace(web, ALICE)
    answer = submit(
        slack,
        ALICE,
        second["id"],
        settings_values(**field(ids.BLOCK_SETTINGS_CURRENCY, static_select("USD"))),
    )
    assert answer["response_action"] == "update"
    assert f"<@{BOB}>" in json.dumps(answer["view"]["blocks"])
    time.sleep(0.2)
    after = workspace(web)
    assert after is not None and (after.currency, after.updated_at) == ("CHF", before.updated_at)


def test_bad_values_are_answered_on_their_fields_and_nothing_is_written(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    view = open_settings(slack, standin, ALICE)
    bad = settings_values(
        **field(ids.BLOCK_SETTINGS_CHANNEL, conversations_select("C0RANDOM")),  # bot not in it
        **field(ids.BLOCK_SETTINGS_WORKING_DAYS, checkboxes()),
        **field(ids.BLOCK_SETTINGS_HOURS_START, timepicker("18:00")),
        **field(ids.BLOCK_SETTINGS_HOURS_END, timepicker("09:00")),
    )
    answer = submit(slack, ALICE, view["id"], bad)
    assert answer["response_action"] == "errors"
    errors = answer["errors"]
    assert set(errors) == {
        ids.BLOCK_SETTINGS_CHANNEL,
        ids.BLOCK_SETTINGS_WORKING_DAYS,
        ids.BLOCK_SETTINGS_HOURS_END,
    }
    assert "/invite @SMM Advisor" in errors[ids.BLOCK_SETTINGS_CHANNEL]
    [check] = standin.calls("conversations.info")
    assert check.params["channel"] == "C0RANDOM"
    time.sleep(0.2)
    assert workspace(web) is None and standin.messages(ALICE) == []


def test_an_archived_review_channel_is_refused_inline(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    standin.add_channel("C0OLD", "old-reviews", is_archived=True)
    view = open_settings(slack, standin, ALICE)
    answer = submit(
        slack,
        ALICE,
        view["id"],
        settings_values(**field(ids.BLOCK_SETTINGS_CHANNEL, conversations_select("C0OLD"))),
    )
    assert set(answer["errors"]) == {ids.BLOCK_SETTINGS_CHANNEL}
    assert "archivé" in answer["errors"][ids.BLOCK_SETTINGS_CHANNEL]
    time.sleep(0.2)
    assert workspace(web) is None


def test_a_double_submission_saves_once_and_confirms_once(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    view = open_settings(slack, standin, ALICE)
    slack.view_submission(ALICE, view["id"], settings_values(), apply_response=False)
    slack.view_submission(ALICE, view["id"], settings_values())
    saved_workspace(web, ALICE)
    wait_for_dm(standin, ALICE)
    time.sleep(0.3)
    assert len(standin.messages(ALICE)) == 1
    with web.deps.session_factory() as session:
        assert len(list(session.exec(select(Workspace)))) == 1
