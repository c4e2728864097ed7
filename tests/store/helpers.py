"""Small builders for store tests: a KPI with the rows it hangs from."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import Session

from bot.store.models import Assessment, Kpi, Objective

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def add_kpi(session: Session, *, team_id: str = "T1") -> Kpi:
    """An assessment, one objective and one KPI, flushed so they have ids."""
    assessment = Assessment(team_id=team_id, owner_user_id="U1", created_at=T0, updated_at=T0)
    session.add(assessment)
    session.flush()
    assert assessment.id is not None
    objective = Objective(
        team_id=team_id,
        assessment_id=assessment.id,
        kind="leads",
        title="More leads",
        created_at=T0,
    )
    session.add(objective)
    session.flush()
    assert objective.id is not None
    kpi = Kpi(
        team_id=team_id,
        objective_id=objective.id,
        name="Qualified leads",
        unit="leads",
        baseline=10,
        target=40,
        start_date=date(2026, 3, 1),
        deadline=date(2026, 9, 1),
        owner_user_id="U1",
        next_due_at=T0,
        created_at=T0,
        updated_at=T0,
    )
    session.add(kpi)
    session.flush()
    return kpi
