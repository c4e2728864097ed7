"""The tables keep time in aware UTC and enforce their keys and foreign keys."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError, StatementError
from sqlmodel import Session, select

from bot.store.db import session_scope
from bot.store.models import (
    Assessment,
    CheckIn,
    CheckInState,
    Job,
    JobKind,
    Kpi,
    Objective,
    Person,
    Recommendation,
    Workspace,
)
from bot.store.types import NaiveDatetimeError
from tests.store.helpers import T0, add_kpi

PARIS_SUMMER = timezone(timedelta(hours=2))


def test_datetimes_come_back_aware_utc_whatever_offset_they_were_written_with(
    session_factory: Callable[[], Session],
) -> None:
    written = datetime(2026, 6, 1, 11, 30, tzinfo=PARIS_SUMMER)
    with session_scope(session_factory) as session:
        session.add(Person(team_id="T1", user_id="U1", refreshed_at=written))

    with session_scope(session_factory) as session:
        person = session.exec(select(Person)).one()

    assert person.refreshed_at == written
    assert person.refreshed_at.tzinfo is UTC
    assert person.refreshed_at.hour == 9


def test_naive_datetimes_are_refused_and_nothing_is_written(
    session_factory: Callable[[], Session],
) -> None:
    with (
        pytest.raises(StatementError) as info,
        session_scope(session_factory) as session,
    ):
        session.add(Person(team_id="T1", user_id="U1", refreshed_at=datetime(2026, 6, 1, 9)))
        session.flush()
    assert isinstance(info.value.orig, NaiveDatetimeError)

    with session_scope(session_factory) as session:
        assert session.exec(select(Person)).all() == []


def test_comparisons_with_an_aware_instant_use_utc(session_factory: Callable[[], Session]) -> None:
    with session_scope(session_factory) as session:
        kpi = add_kpi(session)
        assert kpi.id is not None
        session.add(
            CheckIn(team_id="T1", kpi_id=kpi.id, occurrence=T0, next_attempt_at=T0)  # 09:00 UTC
        )

    # 10:30 in Paris is 08:30 UTC: not yet due; 11:30 in Paris is 09:30 UTC: due.
    before = datetime(2026, 3, 2, 10, 30, tzinfo=PARIS_SUMMER)
    after = datetime(2026, 3, 2, 11, 30, tzinfo=PARIS_SUMMER)
    with session_scope(session_factory) as session:
        due = select(CheckIn).where(CheckIn.next_attempt_at <= before)  # type: ignore[operator]
        assert session.exec(due).all() == []
        due = select(CheckIn).where(CheckIn.next_attempt_at <= after)  # type: ignore[operator]
        assert len(session.exec(due).all()) == 1


def test_a_second_checkin_for_the_same_kpi_and_occurrence_is_rejected(
    session_factory: Callable[[], Session],
) -> None:
    with session_scope(session_factory) as session:
        kpi = add_kpi(session)
        assert kpi.id is not None
        session.add(CheckIn(team_id="T1", kpi_id=kpi.id, occurrence=T0))
        kpi_id = kpi.id

    with pytest.raises(IntegrityError), session_scope(session_factory) as session:
        session.add(CheckIn(team_id="T1", kpi_id=kpi_id, occurrence=T0))

    with session_scope(session_factory) as session:
        session.add(CheckIn(team_id="T1", kpi_id=kpi_id, occurrence=T0 + timedelta(weeks=1)))
    with session_scope(session_factory) as session:
        states = [c.state for c in session.exec(select(CheckIn)).all()]
    assert states == [CheckInState.PENDING, CheckInState.PENDING]


def test_a_second_job_for_the_same_kind_subject_and_occurrence_is_rejected(
    session_factory: Callable[[], Session],
) -> None:
    def job(team_id: str) -> Job:
        return Job(
            team_id=team_id, kind=JobKind.DIGEST, subject_id="C1", occurrence=T0, created_at=T0
        )

    with session_scope(session_factory) as session:
        session.add(job("T1"))
        session.add(job("T2"))  # another workspace's digest for the same slot is its own job

    with pytest.raises(IntegrityError), session_scope(session_factory) as session:
        session.add(job("T1"))


@pytest.mark.parametrize(
    "make_duplicate",
    [
        pytest.param(lambda: Workspace(team_id="T1", created_at=T0, updated_at=T0), id="workspace"),
        pytest.param(lambda: Person(team_id="T1", user_id="U1", refreshed_at=T0), id="person"),
    ],
)
def test_workspaces_and_people_are_unique_per_team(
    session_factory: Callable[[], Session], make_duplicate: Callable[[], object]
) -> None:
    with session_scope(session_factory) as session:
        session.add(make_duplicate())
    with pytest.raises(IntegrityError), session_scope(session_factory) as session:
        session.add(make_duplicate())


def test_deleting_an_assessment_deletes_what_hangs_from_it(
    session_factory: Callable[[], Session],
) -> None:
    with session_scope(session_factory) as session:
        kpi = add_kpi(session)
        assert kpi.id is not None
        session.add(CheckIn(team_id="T1", kpi_id=kpi.id, occurrence=T0))
        objective = session.get(Objective, kpi.objective_id)
        assert objective is not None
        assessment_id = objective.assessment_id

    with session_scope(session_factory) as session:
        assessment = session.get(Assessment, assessment_id)
        session.delete(assessment)

    with session_scope(session_factory) as session:
        assert session.exec(select(Kpi)).all() == []
        assert session.exec(select(CheckIn)).all() == []


def test_a_recommendation_outlives_its_deleted_predecessor(
    session_factory: Callable[[], Session],
) -> None:
    with session_scope(session_factory) as session:
        kpi = add_kpi(session)
        objective = session.get(Objective, kpi.objective_id)
        assert objective is not None
        common: dict[str, Any] = {
            "team_id": "T1",
            "assessment_id": objective.assessment_id,
            "created_at": T0,
            "trigger": "assessment",
            "verdict": "hybrid",
            "confidence": 0.6,
            "score": 0.1,
            "evaluated_at": T0,
            "model_version": "test",
        }
        first = Recommendation(**common)
        session.add(first)
        session.flush()
        second = Recommendation(
            **common, previous_id=first.id, output={"top_reasons": [{"code": "budget"}]}
        )
        session.add(second)
        session.flush()
        first_id, second_id = first.id, second.id

    with session_scope(session_factory) as session:
        session.delete(session.get(Recommendation, first_id))

    with session_scope(session_factory) as session:
        remaining = session.get(Recommendation, second_id)
        assert remaining is not None
        assert remaining.previous_id is None
        assert remaining.output == {"top_reasons": [{"code": "budget"}]}
