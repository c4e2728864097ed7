"""The review channel: what re-evaluation posts there (and when it stays quiet), with time as
an argument and the real app and stand-in; never pay in a channel."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from bot import ids
from bot.compose import Web
from bot.domain import CheckInState, MessagePurpose, RecommendationTrigger
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.sandbox.signed_client import (
    checkboxes,
    plain_text_input,
    radio_buttons,
    static_select,
)
from bot.sandbox.validation import check_message_blocks
from bot.scheduler import run_tick
from bot.services import reevaluation, review
from bot.services.review import confidence_crossed
from bot.store.db import session_scope
from bot.store.models import (
    Assessment,
    CheckIn,
    Kpi,
    Objective,
    Recommendation,
    RecommendationMessage,
    Workspace,
)
from tests.bot.flows import (
    BOB,
    DEADLINE,
    open_wizard,
    review_posts,
    rows,
    submit,
    text_of,
    wait_for_dm,
)
from tests.bot.test_checkins_over_http import sender_for
from tests.bot.wizard_values import goals, means, organisation

REVIEW = "C0GENERAL"
LATER = timedelta(days=220)  # the in-house team's year is then over, its KPI's deadline past


def _wait(condition: object, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:  # type: ignore[operator]
        time.sleep(0.02)


def hybrid_in_house_team(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web, *, figures: bool = True
) -> None:
    """Bob's team: in-house six months, results unknown, a steady pace and one commercial need,
    hybrid today; a review channel set; a KPI that never moves from its baseline."""
    view_id = open_wizard(slack, standin, BOB)
    submit(
        slack,
        BOB,
        view_id,
        goals(
            **{
                ids.BLOCK_DEADLINE: {
                    ids.input_action(ids.BLOCK_DEADLINE): {
                        "type": "datepicker",
                        "selected_date": DEADLINE,
                    }
                },
                ids.BLOCK_SPEED: radio_buttons("steady"),
                ids.BLOCK_CAPABILITIES: checkboxes("targeting"),
            }
        ),
    )
    submit(slack, BOB, view_id, means(**{ids.BLOCK_LIMIT_MEANS: radio_buttons("best_chance")}))
    submit(
        slack,
        BOB,
        view_id,
        organisation(
            **{
                ids.BLOCK_MONTHS_IN_MODE: plain_text_input("6"),
                ids.BLOCK_RESULTS: static_select("unknown"),
                ids.BLOCK_VERTICAL: radio_buttons("no"),
            }
        ),
    )
    wait_for_dm(standin, BOB)
    _wait(lambda: rows(web, RecommendationMessage))
    [objective, *_] = rows(web, Objective)
    today = datetime.now(UTC).date()
    with session_scope(web.deps.session_factory) as session:
        workspace = session.exec(select(Workspace)).one()
        workspace.review_channel_id = REVIEW
        workspace.post_cost_figures = figures
        kpi = Kpi(
            team_id=objective.team_id,
            objective_id=objective.id or 0,
            name="Qualified leads",
            baseline=20.0,
            target=80.0,
            start_date=today,
            deadline=today + timedelta(days=200),
            owner_user_id=BOB,
            created_at=datetime.now(UTC),
            updated_at=datetime.now(UTC),
        )
        session.add(kpi)
        session.flush()
        for week in range(28):
            at = datetime.combine(today, datetime.min.time(), tzinfo=UTC) + timedelta(weeks=week)
            session.add(
                CheckIn(
                    team_id=kpi.team_id,
                    kpi_id=kpi.id or 0,
                    occurrence=at,
                    state=CheckInState.ANSWERED,
                    answered_at=at,
                    value=20.0,
                )
            )


def daily_pass(web: Web, standin: SlackStandIn, now: datetime) -> None:
    run_tick(web.deps, sender_for=sender_for(standin), now=now)


# Pay: an amount per hour, or a salary.
PAY = re.compile(r"/h\b|/ h\b|salaire|salary|wage", re.IGNORECASE)


def test_a_changed_verdict_is_posted_once_with_its_thread_and_no_pay(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    hybrid_in_house_team(slack, standin, web)
    assert rows(web, Recommendation)[0].verdict == "hybrid"
    later = datetime.now(UTC) + LATER
    daily_pass(web, standin, later)
    first, second = rows(web, Recommendation)
    assert (first.verdict, second.verdict, second.trigger) == ("hybrid", "agency", "periodic")
    [post, thread] = review_posts(standin, REVIEW)
    assert check_message_blocks(post["blocks"]) is None
    assert check_message_blocks(thread["blocks"]) is None
    shown = text_of(post["blocks"])
    assert "Hybrid (in-house + agency) → Agency · confidence" in shown
    assert "Results: unknown → not convincing" in shown
    assert "Qualified leads: 20 (target 80" in shown
    assert "Monthly cost of each option" in shown and "€" in shown
    assert not PAY.search(shown) and not PAY.search(text_of(thread["blocks"]))
    assert thread["thread_ts"] == post["ts"]
    buttons = [
        e["action_id"] for b in post["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    assert buttons == [
        ids.ACTION_REVIEW_ACCEPT,
        ids.ACTION_REVIEW_KEEP,
        ids.ACTION_REVIEW_SNOOZE,
        ids.ACTION_REVIEW_DETAILS,
    ]
    posted = [m for m in rows(web, RecommendationMessage) if m.purpose == MessagePurpose.REVIEW]
    assert [(m.recommendation_id, m.ts) for m in posted] == [(second.id, post["ts"])]
    # The next days change nothing: no new row, no new post.
    daily_pass(web, standin, later + timedelta(days=1))
    daily_pass(web, standin, later + timedelta(days=2))
    assert len(rows(web, Recommendation)) == 2
    assert len(review_posts(standin, REVIEW)) == 2


def test_a_workspace_that_hides_figures_gets_a_post_without_any_amount(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    hybrid_in_house_team(slack, standin, web, figures=False)
    daily_pass(web, standin, datetime.now(UTC) + LATER)
    post, thread = review_posts(standin, REVIEW)
    for message in (post, thread):
        shown = text_of(message["blocks"])
        assert "€" not in shown and not PAY.search(shown), shown
    assert "Qualified leads — " in text_of(post["blocks"])


def test_no_review_channel_no_post(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    hybrid_in_house_team(slack, standin, web)
    with session_scope(web.deps.session_factory) as session:
        session.exec(select(Workspace)).one().review_channel_id = None
    daily_pass(web, standin, datetime.now(UTC) + LATER)
    assert len(rows(web, Recommendation)) == 2  # re-decided all the same
    assert review_posts(standin, REVIEW) == []


def test_a_new_model_version_alone_never_posts(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    hybrid_in_house_team(slack, standin, web)
    # The stored row says agency under an older model; today's model, on the same inputs and
    # with no new number, says hybrid: the difference is the model's, not the team's.
    with session_scope(web.deps.session_factory) as session:
        row = session.exec(select(Recommendation)).one()
        row.model_version = "2020.1"
        row.verdict = "agency"
        row.output = {**row.output, "verdict": "agency"}
        session.exec(select(Kpi)).one().paused = True
        for checkin in session.exec(select(CheckIn)):
            session.delete(checkin)
    [assessment] = rows(web, Assessment)
    with session_scope(web.deps.session_factory) as session:
        done = reevaluation.reevaluate_assessment(
            session,
            team_id=assessment.team_id,
            assessment_id=assessment.id or 0,
            trigger=RecommendationTrigger.MANUAL,
            now=datetime.now(UTC) + timedelta(days=1),
        )
    assert done is not None and done.created  # a new row: it does say something else now
    run_tick(web.deps, sender_for=sender_for(standin), now=datetime.now(UTC) + timedelta(days=1))
    assert review_posts(standin, REVIEW) == []


@pytest.mark.parametrize(
    "old, new, posted",
    [
        (0.70, 0.80, True),  # medium → high, well past 0.75
        (0.74, 0.76, False),  # hovering at the boundary
        (0.76, 0.74, False),
        (0.80, 0.70, True),
        (0.60, 0.65, False),  # the same label
        (0.40, 0.80, True),  # two labels at once
    ],
)
def test_a_confidence_label_is_crossed_only_clearly_past_its_boundary(
    old: float, new: float, posted: bool
) -> None:
    assert confidence_crossed(old, new) is posted


@pytest.mark.parametrize("fault", ["not_in_channel", "is_archived"])
def test_a_channel_the_post_cannot_reach_keeps_it_tells_who_set_it_and_posts_once_fixed(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web, fault: str
) -> None:
    hybrid_in_house_team(slack, standin, web)
    with session_scope(web.deps.session_factory) as session:
        session.exec(select(Workspace)).one().settings_user_id = BOB
    # The real faults: the bot left the channel, or the channel was archived.
    standin.add_channel(
        REVIEW, "general", is_member=fault != "not_in_channel", is_archived=fault == "is_archived"
    )
    daily_pass(web, standin, datetime.now(UTC) + LATER)
    assert review_posts(standin, REVIEW) == []
    kept = rows(web, Recommendation)[-1]
    assert kept.verdict == "agency" and kept.state == "open"
    told = [m for m in standin.messages(BOB) if "recommendation could not be posted" in m["text"]]
    assert len(told) == 1 and "/smm settings" in told[0]["text"]
    # Fixed, then the settings saved again: the post goes out.
    standin.add_channel(REVIEW, "general")
    with session_scope(web.deps.session_factory) as session:
        assert review.post_unposted(session, team_id=kept.team_id, now=datetime.now(UTC)) == 1
    run_tick(web.deps, sender_for=sender_for(standin), now=datetime.now(UTC) + LATER)
    assert len(review_posts(standin, REVIEW)) == 2  # the post and its thread


def test_a_new_verdict_months_after_an_undecided_alert_gets_a_post_of_its_own(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    # Bob's KPI answers come week by week, each day's pass after them: two off track in a row
    # post an alert (hybrid still), and nobody decides on it. Months later the verdict changes:
    # that is news, posted anew with its own thread, not edited into the old post (an edit
    # notifies no one, and the old post's thread shows the old factors).
    hybrid_in_house_team(slack, standin, web)
    with session_scope(web.deps.session_factory) as session:
        answers = sorted(session.exec(select(CheckIn)), key=lambda c: c.occurrence)
        kept = [(c.kpi_id, c.team_id, c.occurrence) for c in answers]
        for checkin in answers:
            session.delete(checkin)
    for kpi_id, team_id, at in kept:
        with session_scope(web.deps.session_factory) as session:
            session.add(
                CheckIn(
                    team_id=team_id,
                    kpi_id=kpi_id,
                    occurrence=at,
                    state=CheckInState.ANSWERED,
                    answered_at=at,
                    value=20.0,
                )
            )
        daily_pass(web, standin, at + timedelta(hours=1))
    # First the alert, hybrid still, that nobody decides; then, a year in-house: agency.
    [alert, changed] = [m for m in review_posts(standin, REVIEW) if "thread_ts" not in m]
    shown = text_of(alert["blocks"])
    assert "Hybrid (in-house + agency) · confidence" in shown and "→ Agency" not in shown
    assert "off track for two check-ins in a row" in shown
    assert "Hybrid (in-house + agency) → Agency · confidence" in text_of(changed["blocks"])
    assert check_message_blocks(changed["blocks"]) is None
    for post in (alert, changed):
        assert (
            len([m for m in review_posts(standin, REVIEW) if m.get("thread_ts") == post["ts"]]) == 1
        )
    first, *_, last = rows(web, Recommendation)
    assert (first.verdict, last.verdict, last.state) == ("hybrid", "agency", "open")
    posted = [m for m in rows(web, RecommendationMessage) if m.purpose == MessagePurpose.REVIEW]
    assert posted[-1].recommendation_id == last.id and posted[-1].ts == changed["ts"]
