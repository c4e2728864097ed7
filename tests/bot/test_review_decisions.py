"""Team leads decide in the review channel, through the real app: Accept, Keep with its reason,
Snooze, Details; anyone else is told who decides; two leads at once make one decision."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import select

from bot import ids
from bot.compose import Web
from bot.domain import JobKind
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.sandbox.signed_client import plain_text_input
from bot.sandbox.validation import check_message_blocks, check_view
from bot.services import delivery
from bot.store.db import session_scope
from bot.store.models import Assessment, AssessmentVersion, Decision, Job, Recommendation, Workspace
from tests.bot.flows import ALICE, BOB, review_posts, rows, text_of
from tests.bot.test_checkins_over_http import sender_for
from tests.bot.test_review_posts import LATER, REVIEW, daily_pass, hybrid_in_house_team


def posted(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web, *, leads: list[str]
) -> tuple[dict[str, Any], Recommendation]:
    """Bob's changed recommendation in the review channel, with `leads` as the team leads."""
    hybrid_in_house_team(slack, standin, web)
    with session_scope(web.deps.session_factory) as session:
        session.exec(select(Workspace)).one().team_lead_user_ids = leads
    daily_pass(web, standin, datetime.now(UTC) + LATER)
    post = review_posts(standin, REVIEW)[0]
    return post, rows(web, Recommendation)[-1]


def press(
    slack: SignedSlackClient, user: str, action: str, post: dict[str, Any], rec: Recommendation
) -> None:
    response = slack.block_action(
        user, action, value=str(rec.id), channel_id=REVIEW, message_ts=post["ts"]
    )
    assert response.status == 200


def ephemeral_to(standin: SlackStandIn, count: int) -> dict[str, Any]:
    return standin.wait_for_calls("response_url", count, timeout=10)[-1].params


def _wait(condition: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert condition()


def test_a_non_lead_is_told_who_decides_and_nothing_changes(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    post, rec = posted(slack, standin, web, leads=[ALICE])
    before = standin.count("response_url")
    press(slack, BOB, ids.ACTION_REVIEW_ACCEPT, post, rec)
    told = ephemeral_to(standin, before + 1)
    assert told["response_type"] == "ephemeral" and told["replace_original"] is False
    assert "Only the team leads decide" in told["text"] and f"<@{ALICE}>" in told["text"]
    assert rows(web, Decision) == [] and rows(web, Recommendation)[-1].state == "open"


def test_without_team_leads_the_channel_is_told_to_set_them(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    post, rec = posted(slack, standin, web, leads=[])
    press(slack, BOB, ids.ACTION_REVIEW_SNOOZE, post, rec)
    assert "/smm settings" in ephemeral_to(standin, 1)["text"]
    assert rows(web, Decision) == []


def _period(value: str) -> dict[str, Any]:
    action = ids.input_action(ids.BLOCK_ACCEPT_PERIOD)
    return {ids.BLOCK_ACCEPT_PERIOD: {action: plain_text_input(value)}}


def test_a_lead_accepts_an_agency_with_its_agreed_period_and_the_post_says_who(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    post, rec = posted(slack, standin, web, leads=[ALICE])
    assert rec.verdict == "agency"
    opened = standin.count("views.open")
    press(slack, ALICE, ids.ACTION_REVIEW_ACCEPT, post, rec)
    view = standin.wait_for_calls("views.open", opened + 1, timeout=10)[-1].response["view"]
    assert check_view(view) is None and view["callback_id"] == ids.CALLBACK_REVIEW_ACCEPT
    assert "set period" in text_of(view["blocks"])
    for wrong in ("", "soon", "0", "121"):  # each refused inline, nothing decided
        answer = slack.view_submission(ALICE, view["id"], _period(wrong)).json()
        assert answer["response_action"] == "errors", wrong
        assert "1 to 120 months" in answer["errors"][ids.BLOCK_ACCEPT_PERIOD]
    assert rows(web, Decision) == [] and rows(web, Recommendation)[-1].state == "open"
    assert slack.view_submission(ALICE, view["id"], _period("6")).status == 200
    _wait(lambda: rows(web, Decision) and standin.calls("chat.update"))
    [decision] = rows(web, Decision)
    assert (decision.user_id, decision.action, decision.recommendation_id) == (
        ALICE,
        "accepted",
        rec.id,
    )
    [assessment] = rows(web, Assessment)
    assert assessment.current_mode == "agency"
    organisation = assessment.answers["organisation"]
    assert (organisation["current_mode"], organisation["agreed_months"]) == ("agency", 6.0)
    assert assessment.mode_since is not None
    assert rows(web, AssessmentVersion)[-1].created_by_user_id == ALICE
    assert rows(web, Recommendation)[-1].state == "accepted"
    _wait(lambda: "Accepted by" in text_of(review_posts(standin, REVIEW)[0]["blocks"]))
    changed = review_posts(standin, REVIEW)[0]
    assert check_message_blocks(changed["blocks"]) is None
    assert f"Accepted by <@{ALICE}>" in text_of(changed["blocks"])
    assert "actions" not in [b["type"] for b in changed["blocks"]]


def test_accepting_in_house_needs_no_period_and_drops_the_agencys(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    post, rec = posted(slack, standin, web, leads=[ALICE])
    with session_scope(web.deps.session_factory) as session:  # an agency team, told in-house
        session.exec(select(Recommendation)).all()[-1].verdict = "in_house"
        assessment = session.exec(select(Assessment)).one()
        assessment.current_mode = "agency"
        organisation = {
            **assessment.answers["organisation"],
            "current_mode": "agency",
            "agreed_months": 9.0,
        }
        assessment.answers = {**assessment.answers, "organisation": organisation}
    opened = standin.count("views.open")
    press(slack, ALICE, ids.ACTION_REVIEW_ACCEPT, post, rec)
    _wait(lambda: rows(web, Decision))
    assert standin.count("views.open") == opened  # decided at once, no modal
    [assessment] = rows(web, Assessment)
    assert assessment.current_mode == "in_house"
    assert "agreed_months" not in assessment.answers["organisation"]


def test_accepting_the_mode_the_team_already_has_keeps_its_track_record(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    post, rec = posted(slack, standin, web, leads=[ALICE])
    since = datetime(2025, 1, 6, tzinfo=UTC)
    with session_scope(web.deps.session_factory) as session:
        assessment = session.exec(select(Assessment)).one()
        assessment.current_mode, assessment.mode_since = rec.verdict, since
    versions, opened = len(rows(web, AssessmentVersion)), standin.count("views.open")
    press(slack, ALICE, ids.ACTION_REVIEW_ACCEPT, post, rec)
    _wait(lambda: rows(web, Decision))
    assert standin.count("views.open") == opened  # nothing new starts: no period to ask
    [assessment] = rows(web, Assessment)
    assert (assessment.current_mode, assessment.mode_since) == (rec.verdict, since)
    assert len(rows(web, AssessmentVersion)) == versions
    assert rows(web, Recommendation)[-1].state == "accepted"


def test_an_accept_modal_submitted_after_another_lead_decided_changes_nothing(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    post, rec = posted(slack, standin, web, leads=[ALICE, BOB])
    opened = standin.count("views.open")
    press(slack, ALICE, ids.ACTION_REVIEW_ACCEPT, post, rec)
    view = standin.wait_for_calls("views.open", opened + 1, timeout=10)[-1].response["view"]
    press(slack, BOB, ids.ACTION_REVIEW_SNOOZE, post, rec)
    _wait(lambda: rows(web, Decision))
    dms = len(standin.messages(ALICE))
    assert slack.view_submission(ALICE, view["id"], _period("6")).status == 200
    _wait(lambda: len(standin.messages(ALICE)) > dms)
    assert f"<@{BOB}> was first" in standin.messages(ALICE)[-1]["text"]
    [decision] = rows(web, Decision)
    assert (decision.user_id, decision.action) == (BOB, "snoozed")
    assert rows(web, Assessment)[0].current_mode != "agency"


def test_two_leads_at_once_make_one_decision_and_the_second_is_told_who_was_first(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    post, rec = posted(slack, standin, web, leads=[ALICE, BOB])
    start = threading.Barrier(2)

    def lead(user: str, action: str) -> None:
        start.wait()
        press(slack, user, action, post, rec)

    threads = [
        threading.Thread(target=lead, args=(ALICE, ids.ACTION_REVIEW_SNOOZE)),
        threading.Thread(target=lead, args=(BOB, ids.ACTION_REVIEW_SNOOZE)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    told = ephemeral_to(standin, 1)
    [decision] = rows(web, Decision)
    assert f"<@{decision.user_id}> was first" in told["text"]
    time.sleep(0.3)
    assert len(rows(web, Decision)) == 1


def test_keep_asks_why_inline_then_keeps_the_reason_with_the_decision(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    post, rec = posted(slack, standin, web, leads=[ALICE])
    opened = standin.count("views.open")
    press(slack, ALICE, ids.ACTION_REVIEW_KEEP, post, rec)
    view = standin.wait_for_calls("views.open", opened + 1, timeout=10)[-1].response["view"]
    assert check_view(view) is None and view["callback_id"] == ids.CALLBACK_REVIEW_KEEP
    block = {
        ids.BLOCK_KEEP_REASON: {ids.input_action(ids.BLOCK_KEEP_REASON): plain_text_input("  ")}
    }
    answer = slack.view_submission(ALICE, view["id"], block).json()
    assert answer["response_action"] == "errors" and ids.BLOCK_KEEP_REASON in answer["errors"]
    assert rows(web, Decision) == []
    reason = "The agency contract runs until June"
    block = {
        ids.BLOCK_KEEP_REASON: {ids.input_action(ids.BLOCK_KEEP_REASON): plain_text_input(reason)}
    }
    assert slack.view_submission(ALICE, view["id"], block).status == 200
    _wait(lambda: rows(web, Decision))
    [decision] = rows(web, Decision)
    assert (decision.action, decision.note) == ("kept", reason)
    assert rows(web, Recommendation)[-1].state == "kept"


def test_snooze_asks_again_in_two_weeks_with_a_new_post(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    post, rec = posted(slack, standin, web, leads=[ALICE])
    press(slack, ALICE, ids.ACTION_REVIEW_SNOOZE, post, rec)
    _wait(lambda: rows(web, Decision))
    snoozed = rows(web, Recommendation)[-1]
    assert snoozed.state == "snoozed" and snoozed.snoozed_until is not None
    with session_scope(web.deps.session_factory) as session:
        [job] = [j for j in session.exec(select(Job)) if j.kind == JobKind.SNOOZE_REPOST]
    assert job.next_attempt_at == snoozed.snoozed_until
    posts = len(review_posts(standin, REVIEW))
    # Only the due jobs, not the day's re-evaluation: the snooze ends months before the day the
    # post was made for, and a re-decision as of then would be a new verdict with a post of its own.
    at = snoozed.snoozed_until + timedelta(minutes=1)
    for _ in range(3):  # the post anew, then its thread
        delivery.deliver_due(web.deps, sender_for=sender_for(standin), now=at)
    assert rows(web, Recommendation)[-1].state == "open"
    [first, again] = [m for m in review_posts(standin, REVIEW) if "thread_ts" not in m]
    assert len(review_posts(standin, REVIEW)) == posts + 2  # the post anew, and its thread
    assert again["ts"] != first["ts"] == post["ts"]
    assert "actions" in [b["type"] for b in again["blocks"]]


def test_details_open_for_anyone_with_factors_flips_kpis_and_history(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    post, rec = posted(slack, standin, web, leads=[ALICE])
    opened = standin.count("views.open")
    press(slack, BOB, ids.ACTION_REVIEW_DETAILS, post, rec)
    view = standin.wait_for_calls("views.open", opened + 1, timeout=10)[-1].response["view"]
    assert check_view(view) is None and view["callback_id"] == ids.CALLBACK_REVIEW_DETAILS
    shown = text_of(view["blocks"])
    assert "Each factor's weight" in shown and "*KPIs*" in shown and "No decision yet." in shown
    assert "/h" not in shown
