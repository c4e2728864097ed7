"""Ids found in payloads are checked against the acting person: nobody edits or shares another's work."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from slack_sdk import WebClient

import scoring
from bot.answers import Answers
from bot.deps import Deps
from bot.domain import Cadence, Direction, KpiInput
from bot.services import assessment, kpis
from bot.services.errors import NotYours
from bot.settings import Settings
from bot.store.db import Session
from tests.bot.wizard_values import FULL_ANSWERS

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def no_slack(team_id: str) -> WebClient:
    raise AssertionError(f"no Slack call expected for {team_id}")


@pytest.fixture
def deps(session_factory: Callable[[], Session]) -> Deps:
    return Deps(
        settings=Settings(_env_file=None),
        session_factory=session_factory,
        slack_for=no_slack,
        clock=lambda: NOW,
    )


def answers_due_in_200_days() -> Answers:
    deadline = (NOW.date() + timedelta(days=200)).isoformat()
    return Answers.from_json({**FULL_ANSWERS, "deadline": deadline})


def finish(
    deps: Deps, user: str, key: str, assessment_id: int | None = None
) -> assessment.Finished | None:
    answers = answers_due_in_200_days()
    return assessment.finish(
        deps,
        team_id="T1",
        user_id=user,
        answers=answers,
        profile=scoring.parse_profile(answers.profile_json(NOW.date())),
        assessment_id=assessment_id,
        delivery_key=key,
    )


def finished(deps: Deps, user: str, key: str) -> assessment.Finished:
    done = finish(deps, user, key)
    assert done is not None
    return done


def kpi_for(deps: Deps, user: str, assessment_id: int) -> KpiInput:
    form = kpis.kpi_form(deps, team_id="T1", user_id=user, assessment_id=assessment_id)
    return KpiInput(
        objective_id=form.objectives[0].id, name="Leads", unit="", direction=Direction.INCREASE, baseline=1, target=2,
        start=NOW.date(), deadline=date(2027, 6, 1), owner_user_id=user, cadence=Cadence.WEEKLY,
        checkin_weekday=0, checkin_day_of_month=None, checkin_local_time=form.default_time,
    )  # fmt: skip


def test_a_kpi_of_someone_elses_assessment_cannot_be_rewritten_through_ones_own(deps: Deps) -> None:
    bob, alice = finished(deps, "UBOB", "k1"), finished(deps, "UALICE", "k2")
    bobs_kpi = kpis.save_kpi(
        deps, team_id="T1", user_id="UBOB", assessment_id=bob.assessment_id, kpi_id=None,
        kpi=kpi_for(deps, "UBOB", bob.assessment_id), delivery_key="k3",
    )  # fmt: skip
    with pytest.raises(NotYours):
        kpis.save_kpi(
            deps, team_id="T1", user_id="UALICE", assessment_id=alice.assessment_id, kpi_id=bobs_kpi,
            kpi=kpi_for(deps, "UALICE", alice.assessment_id), delivery_key="k4",
        )  # fmt: skip
    [summary] = kpis.kpi_summaries(deps, team_id="T1", assessment_id=bob.assessment_id)
    assert (summary.id, summary.owner_user_id) == (bobs_kpi, "UBOB")


def test_only_the_owner_can_open_the_kpi_form_of_an_assessment(deps: Deps) -> None:
    bob = finished(deps, "UBOB", "k1")
    with pytest.raises(NotYours):
        kpis.kpi_form(deps, team_id="T1", user_id="UALICE", assessment_id=bob.assessment_id)
    with pytest.raises(NotYours):
        kpis.kpi_form(deps, team_id="T2", user_id="UBOB", assessment_id=bob.assessment_id)


def test_a_recommendation_is_shareable_by_its_owner_only(deps: Deps) -> None:
    bob = finished(deps, "UBOB", "k1")
    mine = assessment.recommendation(
        deps, team_id="T1", user_id="UBOB", recommendation_id=bob.recommendation_id
    )
    assert mine is not None and mine[1].verdict is bob.recommendation.verdict
    assert (
        assessment.recommendation(
            deps, team_id="T1", user_id="UALICE", recommendation_id=bob.recommendation_id
        )
        is None
    )
    assert (
        assessment.recommendation(
            deps, team_id="T2", user_id="UBOB", recommendation_id=bob.recommendation_id
        )
        is None
    )


def test_answers_that_fail_validation_write_nothing(deps: Deps) -> None:
    with pytest.raises(ValueError):  # answers the wizard could not have written are refused
        Answers.from_json({"audience": "everyone"})
    alice = finished(deps, "UALICE", "k0")
    with pytest.raises(NotYours):  # a refused finish writes nothing
        finish(deps, "UBOB", "k1", assessment_id=alice.assessment_id)
    # The delivery key was not used up either: a corrected submission goes through.
    assert finished(deps, "UBOB", "k1").assessment_id
