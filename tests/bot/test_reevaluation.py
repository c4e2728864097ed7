"""Re-evaluation from real KPI numbers, with time as an argument: a new frozen recommendation
only when what it says changed, the daily pass once per day whatever the number of clocks,
and a check-in answer that queues one."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import select

from bot import ids
from bot.compose import Web
from bot.domain import CheckInState, JobKind, RecommendationTrigger
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.sandbox.signed_client import plain_text_input, static_select
from bot.sandbox.validation import check_message_blocks
from bot.scheduler import run_tick
from bot.services import delivery, reevaluation
from bot.store.db import session_scope
from bot.store.models import (
    Assessment,
    CheckIn,
    Job,
    Kpi,
    Objective,
    Recommendation,
    RecommendationMessage,
)
from tests.bot.flows import BOB, complete_assessment, rows, text_of, wait_for_dm
from tests.bot.test_checkins_over_http import add_kpi, sender_for


def stalled_in_house(slack: SignedSlackClient, standin: SlackStandIn, web: Web) -> Kpi:
    """Bob's team has been in-house six months, results unknown; its KPI then never moves."""
    return stalled(slack, standin, web, **{ids.BLOCK_MONTHS_IN_MODE: plain_text_input("6")})


def stalled(slack: SignedSlackClient, standin: SlackStandIn, web: Web, **answers: Any) -> Kpi:
    """Bob's assessment with these organisation answers, results unknown; its KPI never moves."""
    complete_assessment(
        slack, standin, BOB, **{ids.BLOCK_RESULTS: static_select("unknown"), **answers}
    )
    wait_for_dm(standin, BOB)
    # The DM's place is recorded once Slack took it (it is what a newer one replaces).
    deadline = time.monotonic() + 5
    while not rows(web, RecommendationMessage) and time.monotonic() < deadline:
        time.sleep(0.02)
    [objective, *_] = rows(web, Objective)
    today = datetime.now(UTC).date()
    with session_scope(web.deps.session_factory) as session:
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
        for week in range(28):  # weekly answers, all at the baseline
            at = datetime.combine(today, datetime.min.time(), tzinfo=UTC) + timedelta(weeks=week)
            session.add(
                CheckIn(
                    team_id=kpi.team_id,
                    kpi_id=kpi.id or 0,
                    occurrence=at,
                    state=CheckInState.ANSWERED,
                    answered_at=at,
                    value=kpi.baseline,
                )
            )
    return kpi


def reevaluate(web: Web, now: datetime) -> Any:
    [assessment] = rows(web, Assessment)
    with session_scope(web.deps.session_factory) as session:
        return reevaluation.reevaluate_assessment(
            session,
            team_id=assessment.team_id,
            assessment_id=assessment.id or 0,
            trigger=RecommendationTrigger.MANUAL,
            now=now,
        )


def test_a_year_of_stalled_kpis_changes_the_recommendation_and_tells_the_owner(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    stalled_in_house(slack, standin, web)
    later = datetime.now(UTC) + timedelta(days=220)  # the mode a year old, the KPI's deadline past
    done = reevaluate(web, later)
    assert done is not None and done.created
    codes = {c.code for c in done.changes}
    assert "results_now" in codes  # unknown → not convincing, from the KPI numbers
    first, second = rows(web, Recommendation)
    assert second.previous_id == first.id and first.state == "superseded"
    assert second.inputs["organisation"]["results"] == "not_convincing"
    assert second.inputs["organisation"]["months_in_mode"] >= 12
    assert {"code": "results_now", "params": {"from": "unknown", "to": "not_convincing"}} in (
        second.changes
    )
    # The owner's new DM and the old one's in-place update are in the outbox, due now.
    run_tick(web.deps, sender_for=sender_for(standin), now=later)
    results = [m for m in standin.messages(BOB) if m["text"].startswith("Recommendation")]
    assert len(results) == 2  # the first result, then the re-decided one
    assert any(
        "Replaced on" in text_of(c.params.get("blocks")) for c in standin.calls("chat.update")
    )
    # Both went in one batch, the new DM first: the old one links to it.
    old, new = results
    [asked] = standin.calls("chat.getPermalink")
    assert asked.params["message_ts"] == new["ts"]
    assert f"<{asked.response['permalink']}|the new recommendation>" in text_of(old["blocks"][:1])
    assert check_message_blocks(old["blocks"]) is None


def _results(standin: SlackStandIn) -> list[dict[str, Any]]:
    return [m for m in standin.messages(BOB) if m["text"].startswith("Recommendation")]


def _update_job(web: Web) -> Job:
    with session_scope(web.deps.session_factory) as session:
        return next(j for j in session.exec(select(Job)) if j.kind == JobKind.RESULT_UPDATE)


def _superseded_after_a_year(slack: SignedSlackClient, standin: SlackStandIn, web: Web) -> datetime:
    """Bob's first result is in his DMs; a year of stalled KPIs re-decides it (due `later`)."""
    stalled_in_house(slack, standin, web)
    later = datetime.now(UTC) + timedelta(days=220)
    assert reevaluate(web, later).created
    return later


def test_a_replaced_dm_whose_new_dm_slack_refuses_is_updated_at_once_without_the_link(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    later = _superseded_after_a_year(slack, standin, web)
    standin.fail("chat.postMessage", "msg_too_long")  # the new DM, refused for good
    run_tick(web.deps, sender_for=sender_for(standin), now=later)
    [old] = _results(standin)
    assert "Replaced on" in text_of(old["blocks"][:1])
    assert "posted below" in text_of(old["blocks"][:1])  # as before links: no link to give
    assert standin.calls("chat.getPermalink") == []
    assert _update_job(web).state == "done"


def test_a_replaced_dm_waits_a_few_seconds_for_a_late_new_dm_then_links_to_it(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    later = _superseded_after_a_year(slack, standin, web)
    standin.fail("chat.postMessage", status=500, times=2)  # the client's retry fails too
    run_tick(web.deps, sender_for=sender_for(standin), now=later)
    assert standin.calls("chat.update") == []
    waiting = _update_job(web)
    # Waiting is not a try: the update keeps all its attempts for Slack's own failures.
    assert (waiting.state, waiting.attempts, waiting.last_error) == ("pending", 0, None)
    assert waiting.next_attempt_at == later + delivery.LINK_WAIT
    run_tick(web.deps, sender_for=sender_for(standin), now=later + timedelta(seconds=10))
    old, new = _results(standin)
    [asked] = standin.calls("chat.getPermalink")
    assert asked.params["message_ts"] == new["ts"]
    assert f"<{asked.response['permalink']}|" in text_of(old["blocks"][:1])
    assert _update_job(web).state == "done"


def test_a_replaced_dm_whose_new_dm_is_still_not_there_after_five_minutes_goes_without_the_link(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    later = _superseded_after_a_year(slack, standin, web)
    standin.fail("chat.postMessage", status=500, times=None)  # Slack down for the new DM
    run_tick(web.deps, sender_for=sender_for(standin), now=later)
    run_tick(web.deps, sender_for=sender_for(standin), now=later + timedelta(minutes=2))
    assert standin.calls("chat.update") == []
    run_tick(web.deps, sender_for=sender_for(standin), now=later + delivery.LINK_PATIENCE)
    [old] = _results(standin)
    assert "posted below" in text_of(old["blocks"][:1])
    assert check_message_blocks(old["blocks"]) is None
    assert _update_job(web).state == "done"
    with session_scope(web.deps.session_factory) as session:
        [dm_job] = [j for j in session.exec(select(Job)) if j.kind == JobKind.RESULT_DM][-1:]
    assert dm_job.state == "pending"  # the new DM itself is still tried, as any job


@pytest.mark.parametrize(
    "error, status",
    [
        pytest.param("message_not_found", 200, id="refused"),
        pytest.param("internal_error", 500, id="outage"),
        pytest.param("ratelimited", 429, id="rate-limited"),
    ],
)
def test_a_replaced_dm_is_updated_without_the_link_when_get_permalink_fails(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web, error: str, status: int
) -> None:
    later = _superseded_after_a_year(slack, standin, web)
    standin.fail("chat.getPermalink", error, status=status, retry_after=30, times=None)
    report = run_tick(web.deps, sender_for=sender_for(standin), now=later)
    old, _new = _results(standin)
    assert "posted below" in text_of(old["blocks"][:1])
    assert "slack.com/archives" not in text_of(old["blocks"])
    assert _update_job(web).state == "done"
    assert report.delivered.failed == 0


def _track_record(row: Recommendation) -> dict[str, Any]:
    return next(c["reason"] for c in row.output["contributions"] if c["factor"] == "track_record")


def test_an_agency_is_judged_at_the_end_of_its_agreed_period_not_after_a_year(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    stalled(
        slack,
        standin,
        web,
        **{
            ids.BLOCK_CURRENT_MODE: static_select("agency"),
            ids.BLOCK_MONTHS_IN_MODE: plain_text_input("2"),
            ids.BLOCK_AGREED_MONTHS: plain_text_input("6"),
        },
    )
    within = reevaluate(web, datetime.now(UTC) + timedelta(days=90))  # 5 months of 6
    assert within is not None and within.created
    row = rows(web, Recommendation)[-1]
    assert row.inputs["organisation"]["results"] == "mixed"  # off track, but not judged yet
    assert _track_record(row)["code"] == "agency_results_open_in_period"
    over = reevaluate(web, datetime.now(UTC) + timedelta(days=150))  # 7 months: the period over
    assert over is not None and over.created
    row = rows(web, Recommendation)[-1]
    assert row.inputs["organisation"]["results"] == "not_convincing"  # before a year
    assert row.inputs["organisation"]["months_in_mode"] < 12
    reason = _track_record(row)
    assert reason["code"] == "agency_period_over_not_convincing"
    assert reason["params"]["period"] == 6.0


def test_nothing_changed_moves_evaluated_at_and_writes_no_row(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    stalled_in_house(slack, standin, web)
    later = datetime.now(UTC) + timedelta(days=220)
    assert reevaluate(web, later).created
    again = reevaluate(web, later + timedelta(days=1))
    assert again is not None and not again.created
    rows_now = rows(web, Recommendation)
    assert len(rows_now) == 2
    assert rows_now[-1].evaluated_at == later + timedelta(days=1)
    assert rows_now[-1].created_at == later


def test_the_daily_pass_is_scheduled_once_per_day_by_concurrent_clocks(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    complete_assessment(slack, standin, BOB)
    wait_for_dm(standin, BOB)
    now = datetime.now(UTC) + timedelta(days=1)
    start = threading.Barrier(4)
    added: list[int] = []

    def clock() -> None:
        start.wait()
        added.append(reevaluation.schedule_daily(web.deps, now=now))

    threads = [threading.Thread(target=clock) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(added) == [0, 0, 0, 1]
    with session_scope(web.deps.session_factory) as session:
        kinds = [j.kind for j in session.exec(select(Job))]
    assert kinds.count(JobKind.REEVALUATION_PASS) == 1
    assert kinds.count(JobKind.REEVALUATION) == 1
    # The next day is another pass.
    assert reevaluation.schedule_daily(web.deps, now=now + timedelta(days=1)) == 1


def test_the_tick_runs_the_daily_pass_and_the_unchanged_dm_is_not_rewritten(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    complete_assessment(slack, standin, BOB)
    wait_for_dm(standin, BOB)
    for day in (1, 2):
        run_tick(
            web.deps, sender_for=sender_for(standin), now=datetime.now(UTC) + timedelta(days=day)
        )
    assert len(rows(web, Recommendation)) == 1
    assert standin.calls("chat.update") == []
    with session_scope(web.deps.session_factory) as session:
        done = [j for j in session.exec(select(Job)) if j.kind == JobKind.REEVALUATION]
    assert len(done) == 2 and {j.state for j in done} == {"done"}


def test_answering_a_check_in_queues_a_reevaluation(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi = add_kpi(slack, standin, web, BOB)
    assert kpi.next_due_at is not None
    run_tick(web.deps, sender_for=sender_for(standin), now=kpi.next_due_at + timedelta(minutes=1))
    [checkin] = rows(web, CheckIn)
    slack.block_action(BOB, ids.ACTION_CHECKIN_NO_CHANGE, value=str(checkin.id))
    deadline = datetime.now(UTC) + timedelta(seconds=5)
    while datetime.now(UTC) < deadline:
        with session_scope(web.deps.session_factory) as session:
            queued = [
                j
                for j in session.exec(select(Job))
                if j.kind == JobKind.REEVALUATION
                and j.payload["trigger"] == RecommendationTrigger.CHECK_IN
            ]
        if queued:
            break
    assert len(queued) == 1 and queued[0].payload["assessment_id"] == rows(web, Assessment)[0].id


def test_smm_reevaluate_redecides_now_and_says_what_it_found(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    stalled_in_house(slack, standin, web)
    before = standin.count("response_url")
    response = slack.slash_command(BOB, "reevaluate")
    assert response.status == 200
    answer = standin.wait_for_calls("response_url", before + 1, timeout=10)[-1].params
    assert answer["response_type"] == "ephemeral"
    # Same day: the KPI has not had time to say anything, so nothing changed.
    assert "Unchanged:" in text_of(answer["blocks"])
    assert len(rows(web, Recommendation)) == 1


def test_smm_reevaluate_without_an_assessment_says_how_to_start_one(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    slack.slash_command(BOB, "réévaluer")
    [call] = standin.wait_for_calls("response_url", 1, timeout=10)
    answer = call.params
    assert "/smm assess" in answer["text"]
