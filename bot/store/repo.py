"""Repository functions: keyword-only, given a session, never committing (the caller's scope does)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, SQLModel, col, delete, func, select

from bot.store.models import (
    Assessment,
    AssessmentDraft,
    AssessmentVersion,
    Kpi,
    Objective,
    Person,
    ProcessedRequest,
    Recommendation,
    Workspace,
)

__all__ = [
    "Assessment",
    "AssessmentDraft",
    "AssessmentVersion",
    "Kpi",
    "Objective",
    "Recommendation",
    "Session",  # re-exported so services can annotate a session without importing sqlmodel
    "count_kpis",
    "delete_draft",
    "forget_request",
    "get_assessment",
    "get_draft",
    "get_kpi",
    "get_recommendation",
    "latest_recommendation",
    "list_kpis",
    "list_objectives",
    "save_draft",
    "get_or_create_workspace",
    "get_person",
    "get_person_locale",
    "get_workspace",
    "remember_request",
    "upsert_person",
]


def _insert(session: Session, model: type[SQLModel]) -> Any:
    # INSERT … ON CONFLICT exists on both backends, but only in their dialect-specific constructs.
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(model)
    if dialect == "sqlite":
        return sqlite.insert(model)
    raise NotImplementedError(f"unsupported database: {dialect}")


def get_workspace(*, session: Session, team_id: str) -> Workspace | None:
    """The workspace with this team id, if it is installed."""
    return session.exec(select(Workspace).where(Workspace.team_id == team_id)).first()


def get_or_create_workspace(
    *, session: Session, team_id: str, at: datetime, name: str | None = None, **defaults: Any
) -> Workspace:
    """The workspace of `team_id`, created with `name` and `defaults` if it does not exist yet.

    Safe under concurrency: two first requests of a new workspace both get the same row.
    """
    unknown = defaults.keys() - Workspace.model_fields.keys()
    if unknown:
        raise TypeError(f"unknown Workspace fields: {sorted(unknown)}")
    existing = get_workspace(session=session, team_id=team_id)
    if existing is not None:
        return existing
    row = Workspace(team_id=team_id, name=name, created_at=at, updated_at=at, **defaults)
    values = row.model_dump(exclude={"id"})
    session.exec(_insert(session, Workspace).values(**values).on_conflict_do_nothing())
    created = get_workspace(session=session, team_id=team_id)
    assert created is not None  # inserted above, or by a concurrent transaction that won
    return created


def get_person(*, session: Session, team_id: str, user_id: str) -> Person | None:
    """The cached profile of a member, if known."""
    return session.exec(
        select(Person).where(Person.team_id == team_id, Person.user_id == user_id)
    ).first()


@dataclass(frozen=True)
class PersonLocale:
    """A member's cached Slack locale, when it was cached, and their workspace's default."""

    locale: str | None
    refreshed_at: datetime
    workspace_locale: str | None


# Built once: this read sits on the acknowledgement path of every `/smm` command.
_PERSON_LOCALE = select(
    Person.locale,
    Person.refreshed_at,
    select(Workspace.default_locale)
    .where(Workspace.team_id == bindparam("team_id"))
    .scalar_subquery(),
).where(Person.team_id == bindparam("team_id"), Person.user_id == bindparam("user_id"))


def get_person_locale(*, session: Session, team_id: str, user_id: str) -> PersonLocale | None:
    """What the app knows of a member's language, in one indexed read (None: not cached)."""
    row = session.exec(_PERSON_LOCALE, params={"team_id": team_id, "user_id": user_id}).first()
    return None if row is None else PersonLocale(*row)


def upsert_person(
    *,
    session: Session,
    team_id: str,
    user_id: str,
    tz: str | None,
    locale: str | None,
    is_bot: bool,
    is_admin: bool,
    is_owner: bool,
    deleted: bool,
    refreshed_at: datetime,
) -> Person:
    """Insert or refresh a member's cached profile (from `users.info` or `user_change`).

    `away_until` is the app's own state, not Slack's: a refresh leaves it alone.
    """
    values: dict[str, Any] = {
        "tz": tz,
        "locale": locale,
        "is_bot": is_bot,
        "is_admin": is_admin,
        "is_owner": is_owner,
        "deleted": deleted,
        "refreshed_at": refreshed_at,
    }
    insert = _insert(session, Person).values(team_id=team_id, user_id=user_id, **values)
    # One statement: two concurrent `user_change` events for a new member cannot collide.
    session.exec(insert.on_conflict_do_update(index_elements=["team_id", "user_id"], set_=values))
    person = session.exec(
        select(Person)
        .where(Person.team_id == team_id, Person.user_id == user_id)
        .execution_options(populate_existing=True)  # a row already in the session is stale now
    ).one()
    return person


def remember_request(*, session: Session, team_id: str, key: str, at: datetime) -> bool:
    """Record a Slack delivery's idempotency key: True the first time, False if already seen."""
    insert = _insert(session, ProcessedRequest).values(team_id=team_id, key=key, processed_at=at)
    # RETURNING rather than rowcount: rowcount of an ORM-enabled insert is not reliable.
    statement = insert.on_conflict_do_nothing(index_elements=["team_id", "key"]).returning(
        ProcessedRequest.id
    )
    return session.exec(statement).first() is not None


# ---- assessments -------------------------------------------------------------------------------


def get_draft(*, session: Session, team_id: str, user_id: str) -> AssessmentDraft | None:
    """The member's saved wizard progress, if any."""
    return session.exec(
        select(AssessmentDraft).where(
            AssessmentDraft.team_id == team_id, AssessmentDraft.user_id == user_id
        )
    ).first()


def save_draft(
    *,
    session: Session,
    team_id: str,
    user_id: str,
    step: str,
    answers: dict[str, Any],
    assessment_id: int | None,
    at: datetime,
) -> None:
    """Insert or replace the member's one draft."""
    values: dict[str, Any] = {
        "step": step,
        "answers": answers,
        "assessment_id": assessment_id,
        "updated_at": at,
    }
    insert = _insert(session, AssessmentDraft).values(team_id=team_id, user_id=user_id, **values)
    session.exec(insert.on_conflict_do_update(index_elements=["team_id", "user_id"], set_=values))


def delete_draft(*, session: Session, team_id: str, user_id: str) -> None:
    """Forget the member's draft (finished or discarded)."""
    session.exec(
        delete(AssessmentDraft).where(
            col(AssessmentDraft.team_id) == team_id, col(AssessmentDraft.user_id) == user_id
        )
    )


def get_assessment(
    *, session: Session, team_id: str, assessment_id: int, for_update: bool = False
) -> Assessment | None:
    """An assessment of this workspace (None for another workspace's id); `for_update` locks
    its row until the transaction ends (PostgreSQL; SQLite's write lock already serialises)."""
    query = select(Assessment).where(Assessment.team_id == team_id, Assessment.id == assessment_id)
    return session.exec(query.with_for_update() if for_update else query).first()


def list_objectives(*, session: Session, team_id: str, assessment_id: int) -> list[Objective]:
    """An assessment's objectives, the primary first."""
    return list(
        session.exec(
            select(Objective)
            .where(Objective.team_id == team_id, Objective.assessment_id == assessment_id)
            .order_by(col(Objective.is_primary).desc(), col(Objective.id))
        )
    )


def count_kpis(*, session: Session, objective_id: int) -> int:
    """How many KPIs measure an objective."""
    return session.exec(
        select(func.count()).select_from(Kpi).where(Kpi.objective_id == objective_id)
    ).one()


def latest_recommendation(
    *, session: Session, team_id: str, assessment_id: int
) -> Recommendation | None:
    """The newest recommendation of an assessment."""
    return session.exec(
        select(Recommendation)
        .where(Recommendation.team_id == team_id, Recommendation.assessment_id == assessment_id)
        .order_by(col(Recommendation.id).desc())
    ).first()


def get_recommendation(
    *, session: Session, team_id: str, recommendation_id: int
) -> Recommendation | None:
    """A recommendation of this workspace (None for another workspace's id)."""
    return session.exec(
        select(Recommendation).where(
            Recommendation.team_id == team_id, Recommendation.id == recommendation_id
        )
    ).first()


# ---- KPIs --------------------------------------------------------------------------------------


def get_kpi(*, session: Session, team_id: str, kpi_id: int) -> Kpi | None:
    """A KPI of this workspace (None for another workspace's id)."""
    return session.exec(select(Kpi).where(Kpi.team_id == team_id, Kpi.id == kpi_id)).first()


def list_kpis(*, session: Session, team_id: str, assessment_id: int) -> list[tuple[Kpi, Objective]]:
    """An assessment's KPIs with their objective, by objective (primary first) then creation."""
    return [
        (kpi, objective)
        for kpi, objective in session.exec(
            select(Kpi, Objective)
            .join(Objective, col(Kpi.objective_id) == col(Objective.id))
            .where(Objective.team_id == team_id, Objective.assessment_id == assessment_id)
            .order_by(col(Objective.is_primary).desc(), col(Objective.id), col(Kpi.id))
        )
    ]


def forget_request(*, session: Session, team_id: str, key: str) -> None:
    """Drop a delivery's idempotency key, so that delivery may be tried again."""
    session.exec(
        delete(ProcessedRequest).where(
            col(ProcessedRequest.team_id) == team_id, col(ProcessedRequest.key) == key
        )
    )
