"""An assessment's owner archives it, through the real app: its check-ins, re-evaluations and
review posts stop, its DM and review post say so in place; only the owner may, twice is
harmless, and Restore brings the check-ins back from the next slot (no flood of missed ones)."""

from __future__ import annotations

import dataclasses
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot import ids
from bot.compose import Web
from bot.domain import AssessmentStatus, CheckInState, JobKind
from bot.i18n import Translator
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.sandbox.validation import check_message_blocks
from bot.scheduler import run_tick
from bot.services import archive, checkins
from bot.store.db import session_scope
from bot.store.models import Assessment, CheckIn, Job, Kpi, Person, Recommendation
from tests.bot.flows import ALICE, BOB, rows, text_of
from tests.bot.test_checkins_over_http import add_kpi, checkin_dms, sender_for
from tests.bot.test_review_decisions import posted, press
from tests.bot.test_review_posts import LATER, REVIEW, daily_pass


def _wait(condition: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert condition()


def result_dm(standin: SlackStandIn, user: str = BOB) -> dict[str, Any]:
    """The owner's result DM in force (the one whose buttons act on the assessment)."""
    found = [
        m
        for m in standin.messages(user)
        if f'"{ids.ACTION_ARCHIVE}"' in text_of(m["blocks"])
        or f'"{ids.ACTION_RESTORE}"' in text_of(m["blocks"])
    ]
    assert found, "no result DM with Archive or Restore"
    return found[-1]


def action_ids(message: dict[str, Any]) -> list[str]:
    return [
        e["action_id"] for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]


def click(
    slack: SignedSlackClient,
    standin: SlackStandIn,
    user: str,
    action: str,
    assessment_id: int,
    *,
    owner: str = BOB,
) -> None:
    """Press Archive / Restore on the owner's result DM (as `user`: a forged press for anyone
    else, who cannot see that DM)."""
    dm = result_dm(standin, owner)
    response = slack.block_action(
        user,
        action,
        value=str(assessment_id),
        channel_id=standin.dm_id(owner),
        message_ts=dm["ts"],
    )
    assert response.status == 200


def ephemerals(standin: SlackStandIn) -> list[dict[str, Any]]:
    return [c.params for c in standin.calls("response_url")]


def today_for(web: Web, user: str, locale: str = "en") -> str:
    """Today as `user` reads it: their language, their time zone."""
    [person] = [p for p in rows(web, Person) if p.user_id == user]
    return Translator(locale).date(datetime.now(ZoneInfo(person.tz or "UTC")).date())


def the_assessment(web: Web) -> Assessment:
    [assessment] = rows(web, Assessment)
    assert isinstance(assessment, Assessment)
    return assessment


def test_the_owner_archives_the_dm_and_the_review_post_say_so_and_the_daily_pass_skips_it(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    post, _ = posted(slack, standin, web, leads=[ALICE])
    assessment = the_assessment(web)
    assert assessment.id is not None
    dm = result_dm(standin)
    assert ids.ACTION_ARCHIVE in action_ids(dm)
    updates = standin.count("chat.update")

    click(slack, standin, BOB, ids.ACTION_ARCHIVE, assessment.id)

    _wait(lambda: the_assessment(web).status == AssessmentStatus.ARCHIVED)
    archived = the_assessment(web)
    assert archived.archived_by_user_id == BOB and archived.archived_at is not None
    standin.wait_for_calls("chat.update", updates + 2, timeout=10)
    # The DM, changed in place: since when, and only Restore.
    changed_dm = next(m for m in standin.messages(BOB) if m["ts"] == dm["ts"])
    assert check_message_blocks(changed_dm["blocks"]) is None
    assert f"Archived on {today_for(web, BOB)}" in text_of(changed_dm["blocks"])
    assert action_ids(changed_dm) == [ids.ACTION_RESTORE]
    # The review post, changed in place: by whom and when, no decision buttons left.
    changed_post = next(m for m in standin.messages(REVIEW) if m["ts"] == post["ts"])
    assert check_message_blocks(changed_post["blocks"]) is None
    assert f"Archived by <@{BOB}>" in text_of(changed_post["blocks"])
    assert action_ids(changed_post) == []
    # The next days: no re-evaluation, no new recommendation, no new post.
    recommendations, review_posts = len(rows(web, Recommendation)), len(standin.messages(REVIEW))
    for day in (1, 2):
        daily_pass(web, standin, datetime.now(UTC) + LATER + timedelta(days=day))
    assert len(rows(web, Recommendation)) == recommendations
    assert len(standin.messages(REVIEW)) == review_posts
    periodic = [
        j
        for j in rows(web, Job)
        if j.kind == JobKind.REEVALUATION and j.occurrence > datetime.now(UTC) + LATER
    ]
    assert periodic == []


def test_someone_else_is_refused_and_nothing_changes(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    posted(slack, standin, web, leads=[ALICE])
    assessment = the_assessment(web)
    assert assessment.id is not None
    updates = standin.count("chat.update")

    click(slack, standin, ALICE, ids.ACTION_ARCHIVE, assessment.id)

    told = standin.wait_for_calls("response_url", 1, timeout=10)[-1].params
    assert told["response_type"] == "ephemeral" and told["replace_original"] is False
    # Alice reads French.
    assert told["text"] == Translator("fr")("archive.refused.not_yours")
    time.sleep(0.3)
    assert the_assessment(web).status == AssessmentStatus.ACTIVE
    assert standin.count("chat.update") == updates


def test_archiving_twice_is_harmless_and_the_second_press_says_it_already_is(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    posted(slack, standin, web, leads=[ALICE])
    assessment = the_assessment(web)
    assert assessment.id is not None
    click(slack, standin, BOB, ids.ACTION_ARCHIVE, assessment.id)
    _wait(lambda: the_assessment(web).status == AssessmentStatus.ARCHIVED)
    first = the_assessment(web).archived_at
    jobs = len(rows(web, Job))

    # A second press (a stale client, a double click): the same button, pressed again.
    response = slack.block_action(BOB, ids.ACTION_ARCHIVE, value=str(assessment.id))
    assert response.status == 200

    told = standin.wait_for_calls("response_url", 1, timeout=10)[-1].params
    assert told["text"] == (
        f"This assessment is already archived (since {today_for(web, BOB)}): nothing more to do."
    )
    assert the_assessment(web).archived_at == first
    assert len(rows(web, Job)) == jobs  # nothing more to send


def test_a_lead_pressing_a_stale_decision_button_is_told_it_is_archived(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    post, rec = posted(slack, standin, web, leads=[ALICE])
    assessment = the_assessment(web)
    assert assessment.id is not None
    click(slack, standin, BOB, ids.ACTION_ARCHIVE, assessment.id)
    _wait(lambda: the_assessment(web).status == AssessmentStatus.ARCHIVED)

    press(slack, ALICE, ids.ACTION_REVIEW_ACCEPT, post, rec)

    told = standin.wait_for_calls("response_url", 1, timeout=10)[-1].params
    # The review buttons answer in the language known without asking Slack (the workspace's).
    assert told["text"] == Translator("en")("review.refused.archived")
    assert rows(web, Recommendation)[-1].state == "open"


def test_an_archived_kpi_gets_no_check_in_and_its_pending_one_is_never_sent(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi = add_kpi(slack, standin, web, ALICE)  # Bob's assessment, Alice's KPI
    assert kpi.next_due_at is not None
    due = kpi.next_due_at
    # The slot came and its row is queued, but the clock has not asked yet.
    assert checkins.materialise_due(web.deps, now=due + timedelta(minutes=1)) == 1
    [pending] = rows(web, CheckIn)
    assert pending.state == CheckInState.PENDING
    assessment = the_assessment(web)
    assert assessment.id is not None

    click(slack, standin, BOB, ids.ACTION_ARCHIVE, assessment.id)
    _wait(lambda: the_assessment(web).status == AssessmentStatus.ARCHIVED)

    for week in range(4):  # that slot and the next ones: nothing is asked
        run_tick(
            web.deps, sender_for=sender_for(standin), now=due + timedelta(weeks=week, minutes=1)
        )
    assert checkin_dms(standin, ALICE) == []
    [excused] = rows(web, CheckIn)
    assert (excused.state, excused.asked_at) == (CheckInState.EXCUSED, None)
    [stopped] = rows(web, Kpi)
    assert stopped.next_due_at is None


def test_restore_brings_the_buttons_back_and_check_ins_resume_from_the_next_slot_only(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi = add_kpi(slack, standin, web, ALICE)
    assert kpi.next_due_at is not None
    assessment = the_assessment(web)
    assert assessment.id is not None
    click(slack, standin, BOB, ids.ACTION_ARCHIVE, assessment.id)
    _wait(lambda: action_ids(result_dm(standin)) == [ids.ACTION_RESTORE])

    # Five weeks go by archived, then Bob restores it (as the clock reads then).
    later = kpi.next_due_at + timedelta(weeks=5, hours=1)
    run_tick(web.deps, sender_for=sender_for(standin), now=later)
    in_five_weeks = dataclasses.replace(web.deps, clock=lambda: later)
    restored = archive.restore(
        in_five_weeks,
        team_id=assessment.team_id,
        user_id=BOB,
        assessment_id=assessment.id,
        sender_for=sender_for(standin),
    )
    assert restored.refusal is None
    assert the_assessment(web).status == AssessmentStatus.ACTIVE
    assert the_assessment(web).archived_at is None
    [kpi_now] = rows(web, Kpi)
    assert kpi_now.next_due_at is not None
    assert later < kpi_now.next_due_at <= later + timedelta(weeks=1)
    dm = result_dm(standin)
    assert ids.ACTION_ARCHIVE in action_ids(dm) and "Archived on" not in text_of(dm["blocks"])
    assert check_message_blocks(dm["blocks"]) is None

    # The slots after the restore, until one is asked (a public holiday excuses a slot).
    for _ in range(3):
        [kpi_now] = rows(web, Kpi)
        assert kpi_now.next_due_at is not None
        run_tick(
            web.deps,
            sender_for=sender_for(standin),
            now=kpi_now.next_due_at + timedelta(minutes=1),
        )
        if checkin_dms(standin, ALICE):
            break
    # One question, for a slot after the restore: none of the five missed.
    assert len(checkin_dms(standin, ALICE)) == 1
    check_ins = rows(web, CheckIn)
    assert all(c.occurrence > later for c in check_ins)
    assert [c.state for c in check_ins if c.state != CheckInState.EXCUSED] == [CheckInState.ASKED]


def test_restoring_an_active_assessment_says_it_already_is(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    posted(slack, standin, web, leads=[ALICE])
    assessment = the_assessment(web)
    assert assessment.id is not None
    assert slack.block_action(BOB, ids.ACTION_RESTORE, value=str(assessment.id)).status == 200
    told = standin.wait_for_calls("response_url", 1, timeout=10)[-1].params
    assert told["text"] == Translator("en")("archive.refused.already_active")


def test_restore_gives_the_review_post_its_buttons_back_with_who_restored_it(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    post, _ = posted(slack, standin, web, leads=[ALICE])
    assessment = the_assessment(web)
    assert assessment.id is not None
    click(slack, standin, BOB, ids.ACTION_ARCHIVE, assessment.id)
    _wait(lambda: action_ids(result_dm(standin)) == [ids.ACTION_RESTORE])
    click(slack, standin, BOB, ids.ACTION_RESTORE, assessment.id)
    _wait(lambda: ids.ACTION_ARCHIVE in action_ids(result_dm(standin)))

    def review_post() -> dict[str, Any]:
        return next(m for m in standin.messages(REVIEW) if m["ts"] == post["ts"])

    _wait(lambda: f"Restored by <@{BOB}>" in text_of(review_post()["blocks"]))
    assert check_message_blocks(review_post()["blocks"]) is None
    assert ids.ACTION_REVIEW_ACCEPT in action_ids(review_post())
    assert "Archived by" not in text_of(review_post()["blocks"])


def test_reevaluate_on_demand_says_an_archived_assessment_is_not_re_evaluated(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    posted(slack, standin, web, leads=[ALICE])
    assessment = the_assessment(web)
    assert assessment.id is not None
    click(slack, standin, BOB, ids.ACTION_ARCHIVE, assessment.id)
    _wait(lambda: the_assessment(web).status == AssessmentStatus.ARCHIVED)
    recommendations = len(rows(web, Recommendation))

    assert slack.slash_command(BOB, "reevaluate").status == 200

    told = standin.wait_for_calls("response_url", 1, timeout=10)[-1].params
    assert told["text"] == Translator("en")("reevaluate.only_archived", count=1)
    assert len(rows(web, Recommendation)) == recommendations


def test_smm_archive_lists_the_assessments_and_archives_from_the_list(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    posted(slack, standin, web, leads=[ALICE])
    assessment = the_assessment(web)
    assert assessment.id is not None

    assert slack.slash_command(BOB, "archive").status == 200

    listed = standin.wait_for_calls("response_url", 1, timeout=10)[-1].params
    assert listed["response_type"] == "ephemeral"
    assert check_message_blocks(listed["blocks"]) is None
    [button] = [b["accessory"] for b in listed["blocks"] if "accessory" in b]
    assert (button["action_id"], button["value"]) == (ids.ACTION_ARCHIVE, str(assessment.id))
    assert button["confirm"]["title"]["text"] == "Archive this assessment?"
    assert "Agency" in text_of(listed["blocks"])

    response = slack.block_action(BOB, ids.ACTION_ARCHIVE, value=str(assessment.id), ephemeral=True)
    assert response.status == 200

    relisted = standin.wait_for_calls("response_url", 2, timeout=10)[-1].params
    assert relisted["replace_original"] is True
    assert check_message_blocks(relisted["blocks"]) is None
    [button] = [b["accessory"] for b in relisted["blocks"] if "accessory" in b]
    assert button["action_id"] == ids.ACTION_RESTORE
    assert f"Archived on {today_for(web, BOB)}" in text_of(relisted["blocks"])
    assert the_assessment(web).status == AssessmentStatus.ARCHIVED
    with session_scope(web.deps.session_factory) as session:
        assert session.exec(select(Assessment)).one().archived_by_user_id == BOB
