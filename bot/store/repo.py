"""Repository functions: keyword-only, given a session, never committing (the caller's scope does)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    any_,
    bindparam,
    select as core_select,  # over Core columns (sqlmodel's is for models)
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, SQLModel, col, delete, func, select

from bot.domain import (
    AssessmentStatus,
    Cadence,
    CheckInState,
    Commitment,
    Direction,
    JobKind,
    JobState,
    KpiInput,
    MessagePurpose,
    RecommendationState,
    WorkspaceSettings,
)
from bot.store.models import (
    Assessment,
    AssessmentDraft,
    AssessmentVersion,
    CheckIn,
    Decision,
    Job,
    Kpi,
    Objective,
    Person,
    ProcessedRequest,
    Recommendation,
    RecommendationMessage,
    Workspace,
)

__all__ = [
    "CheckInContext",
    "PersonLocale",
    "SettingsFacts",
    "checkin_contexts",
    "kpi_histories",
    "add_assessment",
    "add_recommendation",
    "add_decision",
    "claim_decision",
    "decisions_of",
    "failed_review_posts",
    "reopen_recommendation",
    "active_assessments",
    "archive_assessment",
    "assessment_review_posts",
    "assessment_status",
    "owned_assessment_rows",
    "restore_assessment",
    "stop_checkins",
    "assessment_of_kpi",
    "assessment_kpis",
    "owned_assessments",
    "touch_recommendation",
    "record_posted",
    "posted_messages",
    "delete_draft",
    "dialect_insert",
    "forget_request",
    "get_assessment",
    "get_draft",
    "get_kpi",
    "get_objective",
    "get_or_create_workspace",
    "get_person",
    "get_person_locale",
    "get_recommendation",
    "get_workspace",
    "has_pending_job",
    "insert_ignoring_conflicts",
    "kpi_input",
    "latest_recommendation",
    "list_kpis",
    "list_objectives",
    "PersonKpi",
    "person_kpis",
    "prune_requests",
    "record_answers",
    "remember_request",
    "save_draft",
    "save_kpi",
    "save_workspace_settings",
    "settings_facts",
    "sync_objectives",
    "upsert_person",
    "workspace_settings",
]


def dialect_insert(session: Session, model: type[SQLModel]) -> Any:
    # INSERT … ON CONFLICT exists on both backends, but only in their dialect-specific constructs.
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(model)
    if dialect == "sqlite":
        return sqlite.insert(model)
    raise NotImplementedError(f"unsupported database: {dialect}")


def insert_ignoring_conflicts(
    *, session: Session, model: type[SQLModel], values: dict[str, Any], conflict: Sequence[str]
) -> int | None:
    """Insert one row unless one with the same `conflict` columns exists; the new row's id."""
    statement = (
        dialect_insert(session, model)
        .values(**values)
        .on_conflict_do_nothing(index_elements=list(conflict))
        .returning(model.id)  # type: ignore[attr-defined]
    )
    new_id = session.connection().execute(statement).scalar()
    return None if new_id is None else int(new_id)


# Built once, as the other statements every re-evaluation runs: building one per call cost
# as much as running it.
_WORKSPACE = select(Workspace).where(Workspace.team_id == bindparam("team_id"))


def get_workspace(*, session: Session, team_id: str) -> Workspace | None:
    """The workspace with this team id, if it is installed."""
    return session.exec(_WORKSPACE, params={"team_id": team_id}).first()


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
    session.exec(dialect_insert(session, Workspace).values(**values).on_conflict_do_nothing())
    created = get_workspace(session=session, team_id=team_id)
    assert created is not None  # inserted above, or by a concurrent transaction that won
    return created


def workspace_settings(
    *, session: Session, team_id: str, default_tz: str, default_locale: str
) -> WorkspaceSettings:
    """The workspace's settings; the model's defaults (with this time zone and language) for a
    workspace that has no row yet."""
    row = get_workspace(session=session, team_id=team_id)
    if row is None:
        at = datetime.min  # never stored: only its defaults are read
        row = Workspace(
            team_id=team_id,
            tz=default_tz,
            default_locale=default_locale,
            created_at=at,
            updated_at=at,
        )
    return WorkspaceSettings(
        review_channel_id=row.review_channel_id,
        team_lead_user_ids=tuple(row.team_lead_user_ids),
        tz=row.tz,
        working_days=tuple(row.working_days),
        working_hours_start=row.working_hours_start,
        working_hours_end=row.working_hours_end,
        checkin_weekday=row.checkin_weekday,
        checkin_local_time=row.checkin_local_time,
        digest_weekday=row.digest_weekday,
        digest_local_time=row.digest_local_time,
        currency=row.currency,
        default_locale=row.default_locale,
        holidays_country=row.holidays_country,
        post_cost_figures=row.post_cost_figures,
    )


def save_workspace_settings(
    *, session: Session, team_id: str, settings: WorkspaceSettings, by_user_id: str, at: datetime
) -> Workspace:
    """Write every setting at once (the workspace is created if needed), and who saved them."""
    row = get_or_create_workspace(session=session, team_id=team_id, at=at)
    for name, value in asdict(settings).items():
        # JSON columns hold lists; assigning new ones is what marks them changed.
        setattr(row, name, list(value) if isinstance(value, tuple) else value)
    row.settings_user_id = by_user_id
    row.updated_at = at
    session.add(row)
    session.flush()
    return row


@dataclass(frozen=True)
class SettingsFacts:
    """What decides who may change a workspace's settings: its team leads, whether the person
    owns an assessment there, and their cached Slack role (None: not cached)."""

    team_lead_user_ids: tuple[str, ...]
    owns_assessment: bool
    is_admin: bool | None
    is_owner: bool | None
    refreshed_at: datetime | None


_PERSON_OF = and_(
    col(Person.team_id) == bindparam("team_id"), col(Person.user_id) == bindparam("user_id")
)
# Built once, one round trip: this read sits on the settings form's acknowledgement path.
_SETTINGS_FACTS = core_select(
    core_select(col(Workspace.team_lead_user_ids))
    .where(col(Workspace.team_id) == bindparam("team_id"))
    .scalar_subquery(),
    core_select(col(Assessment.id))
    .where(
        col(Assessment.team_id) == bindparam("team_id"),
        col(Assessment.owner_user_id) == bindparam("user_id"),
        col(Assessment.status) != AssessmentStatus.ARCHIVED,
    )
    .exists(),
    core_select(col(Person.is_admin)).where(_PERSON_OF).scalar_subquery(),
    core_select(col(Person.is_owner)).where(_PERSON_OF).scalar_subquery(),
    core_select(col(Person.refreshed_at)).where(_PERSON_OF).scalar_subquery(),
)


def settings_facts(*, session: Session, team_id: str, user_id: str) -> SettingsFacts:
    """Who the person is to the workspace's settings, in one statement."""
    leads, owns, is_admin, is_owner, refreshed_at = (
        session.connection()
        .execute(_SETTINGS_FACTS, {"team_id": team_id, "user_id": user_id})
        .one()
    )
    return SettingsFacts(
        team_lead_user_ids=tuple(leads or ()),
        owns_assessment=bool(owns),
        is_admin=None if is_admin is None else bool(is_admin),
        is_owner=None if is_owner is None else bool(is_owner),
        refreshed_at=refreshed_at,
    )


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
    insert = dialect_insert(session, Person).values(team_id=team_id, user_id=user_id, **values)
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
    insert = dialect_insert(session, ProcessedRequest).values(
        team_id=team_id, key=key, processed_at=at
    )
    # RETURNING rather than rowcount: rowcount of an ORM-enabled insert is not reliable.
    statement = insert.on_conflict_do_nothing(index_elements=["team_id", "key"]).returning(
        ProcessedRequest.id
    )
    return session.exec(statement).first() is not None


def take_guard(
    *, session: Session, team_id: str, key: str, at: datetime, stale_before: datetime
) -> bool:
    """Hold a short-lived guard (an idempotency key that lapses): True when taken, False while
    another holder's, recorded at or after `stale_before`, stands."""
    session.exec(
        delete(ProcessedRequest).where(
            col(ProcessedRequest.team_id) == team_id,
            col(ProcessedRequest.key) == key,
            col(ProcessedRequest.processed_at) < stale_before,
        )
    )
    return remember_request(session=session, team_id=team_id, key=key, at=at)


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
    stage: int,
    answers: dict[str, Any],
    assessment_id: int | None,
    at: datetime,
) -> bool:
    """Insert or replace the member's one draft, unless it would move that same draft back to
    an earlier stage (a replayed step); True when stored."""
    values: dict[str, Any] = {
        "step": step,
        "stage": stage,
        "answers": answers,
        "assessment_id": assessment_id,
        "updated_at": at,
    }
    insert = dialect_insert(session, AssessmentDraft).values(
        team_id=team_id, user_id=user_id, **values
    )
    current = AssessmentDraft.__table__.c  # type: ignore[attr-defined]
    statement = insert.on_conflict_do_update(
        index_elements=["team_id", "user_id"],
        set_=values,
        # Another assessment's draft is replaced; the same one only moves forward.
        where=(current.stage <= insert.excluded.stage)
        | current.assessment_id.is_distinct_from(insert.excluded.assessment_id),
    ).returning(current.id)
    return session.exec(statement).first() is not None


def delete_draft(*, session: Session, team_id: str, user_id: str) -> None:
    """Forget the member's draft (finished or discarded)."""
    session.exec(
        delete(AssessmentDraft).where(
            col(AssessmentDraft.team_id) == team_id, col(AssessmentDraft.user_id) == user_id
        )
    )


def add_assessment(
    *, session: Session, team_id: str, owner_user_id: str, at: datetime
) -> Assessment:
    """A new, active assessment without answers yet (`record_answers` gives it version 1)."""
    row = Assessment(
        team_id=team_id,
        owner_user_id=owner_user_id,
        status=AssessmentStatus.ACTIVE,
        version=0,
        created_at=at,
        updated_at=at,
    )
    session.add(row)
    session.flush()
    return row


def record_answers(
    *,
    session: Session,
    assessment: Assessment,
    answers: dict[str, Any],
    current_mode: str,
    mode_since: datetime | None,
    by_user_id: str,
    at: datetime,
) -> int:
    """Store new answers as the assessment's next version, the earlier ones kept; its number."""
    assessment.current_mode = current_mode
    assessment.mode_since = mode_since
    assessment.answers = answers
    assessment.version += 1
    assessment.updated_at = at
    assert assessment.id is not None
    session.add(
        AssessmentVersion(
            team_id=assessment.team_id,
            assessment_id=assessment.id,
            version=assessment.version,
            answers=answers,
            created_by_user_id=by_user_id,
            created_at=at,
        )
    )
    session.flush()
    return assessment.version


def sync_objectives(
    *,
    session: Session,
    team_id: str,
    assessment_id: int,
    kinds: Sequence[str],
    deadline: date | None,
    at: datetime,
) -> None:
    """Make the assessment's objectives these kinds (the first one primary, with `deadline`);
    an objective that carries KPIs is never deleted, so an edit keeps the KPIs and history."""
    existing = {
        o.kind: o
        for o in list_objectives(session=session, team_id=team_id, assessment_id=assessment_id)
    }
    primary = kinds[0] if kinds else None
    for kind, objective in existing.items():
        objective.is_primary = kind == primary
        if objective.is_primary:
            objective.deadline = deadline
        unused = objective.id is not None and not _count_kpis(
            session=session, objective_id=objective.id
        )
        if kind not in kinds and unused:
            session.delete(objective)
    for kind in kinds:
        if kind not in existing:
            session.add(
                Objective(
                    team_id=team_id,
                    assessment_id=assessment_id,
                    kind=kind,
                    is_primary=kind == primary,
                    title="",  # untitled: shown by its kind's label, in the reader's language
                    deadline=deadline if kind == primary else None,
                    created_at=at,
                )
            )
    session.flush()


def get_assessment(
    *, session: Session, team_id: str, assessment_id: int, for_update: bool = False
) -> Assessment | None:
    """An assessment of this workspace (None for another workspace's id); `for_update` locks
    its row until the transaction ends (PostgreSQL; SQLite's write lock already serialises)."""
    query = _ASSESSMENT_FOR_UPDATE if for_update else _ASSESSMENT
    return session.exec(query, params={"team_id": team_id, "id": assessment_id}).first()


_ASSESSMENT = select(Assessment).where(
    Assessment.team_id == bindparam("team_id"), Assessment.id == bindparam("id")
)
_ASSESSMENT_FOR_UPDATE = _ASSESSMENT.with_for_update()


def assessment_status(*, session: Session, team_id: str, assessment_id: int) -> str | None:
    """An assessment's status (None for another workspace's id)."""
    return session.exec(
        select(Assessment.status).where(
            Assessment.team_id == team_id, Assessment.id == assessment_id
        )
    ).first()


def list_objectives(*, session: Session, team_id: str, assessment_id: int) -> list[Objective]:
    """An assessment's objectives, the primary first."""
    return list(
        session.exec(
            select(Objective)
            .where(Objective.team_id == team_id, Objective.assessment_id == assessment_id)
            .order_by(col(Objective.is_primary).desc(), col(Objective.id))
        )
    )


def _count_kpis(*, session: Session, objective_id: int) -> int:
    """How many KPIs measure an objective."""
    return session.exec(
        select(func.count()).select_from(Kpi).where(Kpi.objective_id == objective_id)
    ).one()


def latest_recommendation(
    *, session: Session, team_id: str, assessment_id: int
) -> Recommendation | None:
    """The newest recommendation of an assessment."""
    params = {"team_id": team_id, "assessment_id": assessment_id}
    return session.exec(_LATEST_RECOMMENDATION, params=params).first()


_LATEST_RECOMMENDATION = (
    select(Recommendation)
    .where(
        Recommendation.team_id == bindparam("team_id"),
        Recommendation.assessment_id == bindparam("assessment_id"),
    )
    .order_by(col(Recommendation.id).desc())
)


def add_recommendation(
    *,
    session: Session,
    team_id: str,
    assessment_id: int,
    trigger: str,
    output: dict[str, Any],
    model_version: str,
    inputs: dict[str, Any],
    changes: list[Any] | None = None,
    at: datetime,
) -> Recommendation:
    """A new recommendation of the assessment, frozen as `output` (scoring's JSON), following
    (and superseding, if open) the last."""
    previous = latest_recommendation(session=session, team_id=team_id, assessment_id=assessment_id)
    if previous is not None and previous.state == RecommendationState.OPEN:
        previous.state = RecommendationState.SUPERSEDED
    row = Recommendation(
        team_id=team_id,
        assessment_id=assessment_id,
        previous_id=previous.id if previous else None,
        created_at=at,
        evaluated_at=at,
        trigger=trigger,
        verdict=str(output["verdict"]),
        confidence=float(output["confidence"]),
        score=float(output["score"]),
        output=output,
        model_version=model_version,
        changes=changes or [],
        inputs=inputs,
    )
    session.add(row)
    session.flush()
    return row


def record_posted(
    *,
    session: Session,
    team_id: str,
    recommendation_id: int,
    purpose: str,
    channel_id: str,
    ts: str,
    at: datetime,
) -> None:
    """Where a recommendation was posted (once per purpose and channel; a repost moves the ts)."""
    statement = dialect_insert(session, RecommendationMessage).values(
        team_id=team_id,
        recommendation_id=recommendation_id,
        purpose=purpose,
        channel_id=channel_id,
        ts=ts,
        posted_at=at,
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["recommendation_id", "purpose", "channel_id"],
            set_={"ts": ts, "posted_at": at},
        )
    )


def posted_messages(
    *, session: Session, team_id: str, recommendation_id: int, purpose: str | None = None
) -> list[RecommendationMessage]:
    """Where a recommendation was posted (for one purpose, when given), oldest first."""
    query = select(RecommendationMessage).where(
        RecommendationMessage.team_id == team_id,
        RecommendationMessage.recommendation_id == recommendation_id,
    )
    if purpose is not None:
        query = query.where(RecommendationMessage.purpose == purpose)
    return list(session.exec(query.order_by(col(RecommendationMessage.id))))


def shared_at(
    *, session: Session, team_id: str, recommendation_id: int, channel_id: str
) -> datetime | None:
    """When this recommendation was last shared in `channel_id` (None: never)."""
    return session.exec(
        select(RecommendationMessage.posted_at).where(
            RecommendationMessage.team_id == team_id,
            RecommendationMessage.recommendation_id == recommendation_id,
            RecommendationMessage.purpose == MessagePurpose.SHARE,
            RecommendationMessage.channel_id == channel_id,
        )
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


def get_objective(*, session: Session, team_id: str, objective_id: int) -> Objective | None:
    """An objective of this workspace (None for another workspace's id)."""
    return session.exec(
        select(Objective).where(Objective.team_id == team_id, Objective.id == objective_id)
    ).first()


def save_kpi(
    *, session: Session, team_id: str, kpi_id: int | None, kpi: KpiInput, at: datetime
) -> Kpi:
    """Add a KPI (`kpi_id` None) or replace an existing one's fields with `kpi`."""
    fields = asdict(kpi)
    fields["start_date"] = fields.pop("start")  # the form's name → the column's
    row = get_kpi(session=session, team_id=team_id, kpi_id=kpi_id) if kpi_id else None
    if kpi_id is not None and row is None:
        raise LookupError(f"no KPI {kpi_id} in this workspace")
    if row is None:
        row = Kpi(team_id=team_id, created_at=at, updated_at=at, **fields)
    else:
        for name, value in fields.items():
            setattr(row, name, value)
        row.updated_at = at
    session.add(row)
    session.flush()
    return row


def list_kpis(*, session: Session, team_id: str, assessment_id: int) -> list[tuple[Kpi, Objective]]:
    """An assessment's KPIs with their objective, by objective (primary first) then creation."""
    return [
        (kpi, objective)
        for kpi, objective in session.exec(
            select(Kpi, Objective)
            .join(Objective, col(Kpi.objective_id) == col(Objective.id))
            .where(
                Objective.team_id == team_id,
                Objective.assessment_id == assessment_id,
                col(Kpi.archived_at).is_(None),  # a deleted KPI leaves the list
            )
            .order_by(col(Objective.is_primary).desc(), col(Objective.id), col(Kpi.id))
        )
    ]


def prune_requests(*, session: Session, before: datetime) -> int:
    """Forget idempotency keys recorded before `before` (Slack retries within minutes)."""
    result = session.exec(
        delete(ProcessedRequest).where(col(ProcessedRequest.processed_at) < before)
    )
    return int(result.rowcount or 0)


def has_pending_job(*, session: Session, team_id: str, kind: str, subject_id: str) -> bool:
    """Whether a job of this kind and subject is still to be delivered (or waits, paused)."""
    found = session.exec(
        select(Job.id)
        .where(
            Job.team_id == team_id,
            Job.kind == kind,
            Job.subject_id == subject_id,
            col(Job.state).in_([JobState.PENDING, JobState.PAUSED]),
        )
        .limit(1)
    ).first()
    return found is not None


def get_job_state(*, session: Session, team_id: str, job_id: int) -> str | None:
    """A job's state (pending, done, failed…), None when this workspace has no such job."""
    return session.exec(select(Job.state).where(Job.team_id == team_id, Job.id == job_id)).first()


def forget_request(*, session: Session, team_id: str, key: str) -> None:
    """Drop a delivery's idempotency key, so that delivery may be tried again."""
    session.exec(
        delete(ProcessedRequest).where(
            col(ProcessedRequest.team_id) == team_id, col(ProcessedRequest.key) == key
        )
    )


def kpi_input(kpi: Kpi) -> KpiInput:
    """A stored KPI as the form shows it (None where it follows the workspace's schedule)."""
    return KpiInput(
        objective_id=kpi.objective_id,
        name=kpi.name,
        unit=kpi.unit,
        direction=Direction(kpi.direction),
        baseline=kpi.baseline,
        target=kpi.target,
        start=kpi.start_date,
        deadline=kpi.deadline,
        owner_user_id=kpi.owner_user_id,
        cadence=Cadence(kpi.cadence),
        checkin_weekday=kpi.checkin_weekday,
        checkin_day_of_month=kpi.checkin_day_of_month,
        checkin_local_time=kpi.checkin_local_time,
    )


# ---- check-ins ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckInContext:
    """One check-in with all it is shown with: its KPI, objective, owner, workspace, history."""

    checkin_id: int
    team_id: str
    occurrence: datetime
    state: str
    value: float | None
    confidence: str | None
    comment: str | None
    channel_id: str | None
    message_ts: str | None
    kpi_id: int
    kpi_name: str
    unit: str
    direction: str
    baseline: float
    target: float
    start: date
    deadline: date
    owner_user_id: str
    kpi_next_due_at: datetime | None
    kpi_paused: bool
    objective_kind: str
    objective_title: str
    aspirational: bool
    assessment_id: int
    assessment_owner_id: str
    assessment_active: bool
    owner_locale: str | None
    owner_tz: str | None
    owner_deleted: bool
    owner_is_bot: bool
    owner_refreshed_at: datetime | None
    workspace_locale: str | None
    workspace_tz: str | None
    history: tuple[tuple[date, float], ...] = ()  # answered values, by slot, oldest first
    cadence: str = "weekly"
    asked_at: datetime | None = None
    reminders_sent: int = 0
    snoozed_until: datetime | None = None
    reason: str | None = None  # why it was excused, or a note for its next DM (last_error)
    owner_away_until: datetime | None = None
    working_hours_start: time | None = None
    working_hours_end: time | None = None
    working_days: tuple[int, ...] | None = None
    holidays_country: str | None = None
    team_lead_user_ids: tuple[str, ...] = ()


def _among(session: Session, column: ColumnElement[Any], ids: Sequence[int]) -> ColumnElement[bool]:
    """`column` is one of `ids`: one array parameter on PostgreSQL, an IN list elsewhere."""
    if session.get_bind().dialect.name == "postgresql":
        # One statement text whatever the number of ids: prepared once, planned once, where an
        # IN list is a new statement (and a new plan) for every size.
        return column == any_(bindparam("ids", list(ids), type_=postgresql.ARRAY(Integer)))
    return column.in_(list(ids))


def checkin_contexts(
    *, session: Session, team_id: str | None = None, checkin_ids: Sequence[int]
) -> list[CheckInContext]:
    """The check-ins `checkin_ids` (of `team_id`, when given) with their context and their KPIs'
    histories, in two queries whatever their number."""
    if not checkin_ids:
        return []
    c, k, o, a = (
        CheckIn.__table__.c,  # type: ignore[attr-defined]
        Kpi.__table__.c,  # type: ignore[attr-defined]
        Objective.__table__.c,  # type: ignore[attr-defined]
        Assessment.__table__.c,  # type: ignore[attr-defined]
    )
    p, w = Person.__table__.c, Workspace.__table__.c  # type: ignore[attr-defined]
    query = (
        core_select(
            c.id,
            c.team_id,
            c.occurrence,
            c.state,
            c.value,
            c.confidence,
            c.comment,
            c.channel_id,
            c.message_ts,
            k.id,
            k.name,
            k.unit,
            k.direction,
            k.baseline,
            k.target,
            k.start_date,
            k.deadline,
            k.owner_user_id,
            k.next_due_at,
            k.paused,
            o.kind,
            o.title,
            o.commitment,
            a.id,
            a.owner_user_id,
            a.status,
            p.locale,
            p.tz,
            p.deleted,
            p.is_bot,
            p.refreshed_at,
            w.default_locale,
            w.tz,
            k.cadence,
            c.asked_at,
            c.reminders_sent,
            c.snoozed_until,
            c.last_error,
            p.away_until,
            w.working_hours_start,
            w.working_hours_end,
            w.working_days,
            w.holidays_country,
            w.team_lead_user_ids,
        )  # fmt: skip
        .select_from(CheckIn.__table__)  # type: ignore[attr-defined]
        .join(Kpi.__table__, k.id == c.kpi_id)  # type: ignore[attr-defined]
        .join(Objective.__table__, o.id == k.objective_id)  # type: ignore[attr-defined]
        .join(Assessment.__table__, a.id == o.assessment_id)  # type: ignore[attr-defined]
        .outerjoin(Person.__table__, and_(p.team_id == k.team_id, p.user_id == k.owner_user_id))  # type: ignore[attr-defined]
        .outerjoin(Workspace.__table__, w.team_id == k.team_id)  # type: ignore[attr-defined]
        .where(_among(session, c.id, checkin_ids))
    )
    if team_id is not None:
        query = query.where(c.team_id == team_id)
    rows = session.connection().execute(query).all()
    histories = kpi_histories(session=session, kpi_ids=sorted({row[9] for row in rows}))
    return [
        CheckInContext(
            # The first 22 fields, in the order selected (positional: no dict per row).
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            row[6],
            row[7],
            row[8],
            row[9],
            row[10],
            row[11],
            row[12],
            row[13],
            row[14],
            row[15],
            row[16],
            row[17],
            row[18],
            row[19],
            row[20],
            row[21],
            aspirational=row[22] == Commitment.ASPIRATIONAL,
            assessment_id=row[23],
            assessment_owner_id=row[24],
            assessment_active=row[25] == AssessmentStatus.ACTIVE,
            owner_locale=row[26],
            owner_tz=row[27],
            owner_deleted=bool(row[28]),
            owner_is_bot=bool(row[29]),
            owner_refreshed_at=row[30],
            workspace_locale=row[31],
            workspace_tz=row[32],
            history=histories.get(row[9], ()),
            cadence=row[33],
            asked_at=row[34],
            reminders_sent=row[35] or 0,
            snoozed_until=row[36],
            reason=row[37],
            owner_away_until=row[38],
            working_hours_start=row[39],
            working_hours_end=row[40],
            working_days=tuple(row[41]) if row[41] else None,
            holidays_country=row[42],
            team_lead_user_ids=tuple(row[43] or ()),
        )
        for row in rows
    ]


def _histories_query(*, postgres: bool) -> Any:
    c = CheckIn.__table__.c  # type: ignore[attr-defined]
    among = (
        c.kpi_id == any_(bindparam("ids", type_=postgresql.ARRAY(Integer)))
        if postgres
        else c.kpi_id.in_(bindparam("ids", expanding=True))
    )
    return (
        core_select(c.kpi_id, c.occurrence, c.value)
        .where(among, c.state == CheckInState.ANSWERED, c.value.is_not(None))
        .order_by(c.kpi_id, c.occurrence)
    )


# Built once (it runs for every assessment of the daily re-evaluation), in the two forms of
# `_among`: one array parameter on PostgreSQL, an IN list elsewhere.
_HISTORIES_PG = _histories_query(postgres=True)
_HISTORIES = _histories_query(postgres=False)


def kpi_histories(
    *, session: Session, kpi_ids: Sequence[int]
) -> dict[int, tuple[tuple[date, float], ...]]:
    """Each KPI's answered values by slot day (UTC), oldest first, in one query."""
    if not kpi_ids:
        return {}
    postgres = session.get_bind().dialect.name == "postgresql"
    query = _HISTORIES_PG if postgres else _HISTORIES
    rows = session.connection().execute(query, {"ids": list(kpi_ids)})
    found: dict[int, list[tuple[date, float]]] = {}
    # Fetched at once: row by row, the fetching cost more than the query (a year of weekly
    # answers is 52 rows per KPI).
    for kpi_id, occurrence, value in rows.all():
        found.setdefault(kpi_id, []).append((occurrence.date(), float(value)))
    return {kpi_id: tuple(points) for kpi_id, points in found.items()}


def answer_checkin(
    *,
    session: Session,
    team_id: str,
    checkin_id: int,
    state: str,
    value: float | None,
    confidence: str | None,
    comment: str | None,
    at: datetime,
) -> bool:
    """Record (or change) the answer to a check-in that can still be answered: it was asked
    (or answered) and no later slot of its KPI exists yet. True when recorded."""
    c = CheckIn.__table__.c  # type: ignore[attr-defined]
    later = CheckIn.__table__.alias("later")  # type: ignore[attr-defined]
    newer = (
        core_select(later.c.id)
        .where(later.c.kpi_id == c.kpi_id, later.c.occurrence > c.occurrence)
        .exists()
    )
    result = session.connection().execute(
        CheckIn.__table__.update()  # type: ignore[attr-defined]
        .where(
            c.id == checkin_id,
            c.team_id == team_id,
            c.state.in_([CheckInState.ASKED, CheckInState.ANSWERED, CheckInState.SKIPPED]),
            ~newer,
        )
        .values(state=state, value=value, confidence=confidence, comment=comment, answered_at=at)
    )
    return bool(result.rowcount)


def archive_kpi(*, session: Session, kpi: Kpi, at: datetime) -> int:
    """Archive a KPI: no next slot, paused, and its check-ins not yet asked excused (those
    answered stay, as its history); how many were excused."""
    kpi.archived_at = at
    kpi.paused = True
    kpi.next_due_at = None
    kpi.updated_at = at
    session.add(kpi)
    session.flush()
    c = CheckIn.__table__.c  # type: ignore[attr-defined]
    result = session.connection().execute(
        CheckIn.__table__.update()  # type: ignore[attr-defined]
        .where(c.kpi_id == kpi.id, c.state.in_([CheckInState.PENDING, CheckInState.PAUSED]))
        .values(state=CheckInState.EXCUSED, next_attempt_at=None, last_error="archived")
    )
    return int(result.rowcount or 0)


def schedule_kpi(
    *, session: Session, kpi_id: int, next_due_at: datetime | None, paused: bool
) -> None:
    """Set when the KPI's next check-in is due (None: it asks no more), and whether it waits."""
    kpi = session.get(Kpi, kpi_id)
    if kpi is not None:
        kpi.next_due_at = next_due_at
        kpi.paused = paused
        session.add(kpi)
        session.flush()


@dataclass(frozen=True, slots=True)
class ScheduleFacts:
    """What a KPI's next slot is computed from: its own schedule, its owner's time zone and
    the workspace's defaults."""

    cadence: str
    weekday: int | None
    day_of_month: int | None
    local_time: time | None
    start: date
    deadline: date
    owner_tz: str | None
    workspace_tz: str | None
    default_weekday: int | None
    default_time: time | None


def schedule_facts(*, session: Session, team_id: str, kpi_id: int) -> ScheduleFacts | None:
    """The schedule of one KPI of this workspace, with its owner's and workspace's settings."""
    kpi = get_kpi(session=session, team_id=team_id, kpi_id=kpi_id)
    if kpi is None:
        return None
    owner = get_person(session=session, team_id=team_id, user_id=kpi.owner_user_id)
    workspace = get_workspace(session=session, team_id=team_id)
    return ScheduleFacts(
        cadence=kpi.cadence,
        weekday=kpi.checkin_weekday,
        day_of_month=kpi.checkin_day_of_month,
        local_time=kpi.checkin_local_time,
        start=kpi.start_date,
        deadline=kpi.deadline,
        owner_tz=owner.tz if owner else None,
        workspace_tz=workspace.tz if workspace else None,
        default_weekday=workspace.checkin_weekday if workspace else None,
        default_time=workspace.checkin_local_time if workspace else None,
    )


def open_checkin_ids(*, session: Session, team_id: str, owner_user_id: str) -> list[int]:
    """The check-ins a person can still answer (the latest asked one of each of their KPIs)."""
    c, k = CheckIn.__table__.c, Kpi.__table__.c  # type: ignore[attr-defined]
    later = CheckIn.__table__.alias("later")  # type: ignore[attr-defined]
    newer = (
        core_select(later.c.id)
        .where(later.c.kpi_id == c.kpi_id, later.c.occurrence > c.occurrence)
        .exists()
    )
    rows = session.connection().execute(
        core_select(c.id)
        .select_from(CheckIn.__table__.join(Kpi.__table__, k.id == c.kpi_id))  # type: ignore[attr-defined]
        .where(
            c.team_id == team_id,
            k.owner_user_id == owner_user_id,
            c.state.in_([CheckInState.ASKED, CheckInState.ANSWERED, CheckInState.SKIPPED]),
            ~newer,
        )
        .order_by(c.occurrence)
    )
    return [row[0] for row in rows]


@dataclass(frozen=True, slots=True)
class OwnedKpi:
    """A KPI as its owner's list shows it."""

    kpi_id: int
    name: str
    unit: str
    direction: str
    baseline: float
    target: float
    start: date
    deadline: date
    next_due_at: datetime | None
    paused: bool
    objective_kind: str
    objective_title: str
    aspirational: bool
    history: tuple[tuple[date, float], ...]
    objective_id: int = 0


def owned_kpis(*, session: Session, team_id: str, owner_user_id: str) -> list[OwnedKpi]:
    """The KPIs a person answers for, in active assessments, with their histories."""
    return _active_kpis(session, _OWNED_KPIS, team_id=team_id, subject=owner_user_id)


def assessment_kpis(*, session: Session, team_id: str, assessment_id: int) -> list[OwnedKpi]:
    """An active assessment's KPIs, with their histories (none for another state)."""
    return _active_kpis(session, _ASSESSMENT_KPIS, team_id=team_id, subject=assessment_id)


def _active_kpis_query(subject: Any) -> Any:
    """The active KPIs whose `subject` column is the `subject` parameter, as columns: the list
    is only read, and building ORM objects for it cost more than the query itself."""
    kpi = Kpi.__table__  # type: ignore[attr-defined]
    objective = Objective.__table__  # type: ignore[attr-defined]
    assessment = Assessment.__table__  # type: ignore[attr-defined]
    k, o, a = kpi.c, objective.c, assessment.c
    columns = (
        k.id, k.name, k.unit, k.direction, k.baseline, k.target, k.start_date, k.deadline,
        k.next_due_at, k.paused, o.kind, o.title, o.commitment, o.id,
    )  # fmt: skip
    return (
        core_select(*columns)
        .select_from(kpi)
        .join(objective, k.objective_id == o.id)
        .join(assessment, o.assessment_id == a.id)
        .where(
            k.team_id == bindparam("team_id"),
            subject == bindparam("subject"),
            a.status == AssessmentStatus.ACTIVE,
            k.archived_at.is_(None),  # a deleted KPI asks no more and leaves the lists
        )
        .order_by(k.deadline, k.id)
    )


# Built once: the daily re-evaluation reads an assessment's KPIs for every assessment, and
# building the statement cost as much as running it.
_OWNED_KPIS = _active_kpis_query(col(Kpi.owner_user_id))
_ASSESSMENT_KPIS = _active_kpis_query(col(Objective.assessment_id))


def _active_kpis(session: Session, query: Any, *, team_id: str, subject: object) -> list[OwnedKpi]:
    rows = session.connection().execute(query, {"team_id": team_id, "subject": subject}).all()
    histories = kpi_histories(session=session, kpi_ids=[row[0] for row in rows])
    return [
        OwnedKpi(
            kpi_id=kpi_id,
            name=name,
            unit=unit,
            direction=direction,
            baseline=baseline,
            target=target,
            start=start,
            deadline=deadline,
            next_due_at=next_due_at,
            paused=paused,
            objective_kind=kind,
            objective_title=title,
            aspirational=commitment == Commitment.ASPIRATIONAL,
            history=histories.get(kpi_id, ()),
            objective_id=objective_id,
        )
        for (kpi_id, name, unit, direction, baseline, target, start, deadline, next_due_at,
             paused, kind, title, commitment, objective_id) in rows
    ]  # fmt: skip


def assessment_of_kpi(*, session: Session, team_id: str, kpi_id: int) -> int | None:
    """The assessment a KPI measures."""
    return session.exec(
        select(Objective.assessment_id)
        .join(Kpi, col(Kpi.objective_id) == col(Objective.id))
        .where(Kpi.team_id == team_id, Kpi.id == kpi_id)
    ).first()


def active_assessments(*, session: Session) -> list[tuple[str, int]]:
    """(team, id) of every active assessment of a workspace that has not uninstalled the app."""
    rows = session.exec(
        select(Assessment.team_id, Assessment.id)
        .join(Workspace, col(Workspace.team_id) == col(Assessment.team_id))
        .where(
            Assessment.status == AssessmentStatus.ACTIVE,
            col(Workspace.uninstalled_at).is_(None),
        )
        .order_by(col(Assessment.id))
    ).all()
    return [(team_id, assessment_id) for team_id, assessment_id in rows if assessment_id]


def owned_assessments(*, session: Session, team_id: str, owner_user_id: str) -> list[int]:
    """The ids of a person's active assessments."""
    rows = session.exec(
        select(Assessment.id).where(
            Assessment.team_id == team_id,
            Assessment.owner_user_id == owner_user_id,
            Assessment.status == AssessmentStatus.ACTIVE,
        )
    ).all()
    return [assessment_id for assessment_id in rows if assessment_id is not None]


def archive_assessment(
    *, session: Session, team_id: str, assessment_id: int, user_id: str, at: datetime
) -> bool:
    """Archive an active assessment, atomically: of two presses at once, only one sees True."""
    return _move_assessment(
        session,
        team_id,
        assessment_id,
        AssessmentStatus.ACTIVE,
        AssessmentStatus.ARCHIVED,
        archived_at=at,
        archived_by_user_id=user_id,
        updated_at=at,
    )


def restore_assessment(*, session: Session, team_id: str, assessment_id: int, at: datetime) -> bool:
    """Make an archived assessment active again, atomically; True when this call did it."""
    return _move_assessment(
        session,
        team_id,
        assessment_id,
        AssessmentStatus.ARCHIVED,
        AssessmentStatus.ACTIVE,
        archived_at=None,
        archived_by_user_id=None,
        updated_at=at,
    )


def _move_assessment(
    session: Session,
    team_id: str,
    assessment_id: int,
    source: AssessmentStatus,
    target: AssessmentStatus,
    **values: object,
) -> bool:
    """One conditional UPDATE from `source` to `target` status; True when this call moved it."""
    table = Assessment.__table__  # type: ignore[attr-defined]
    result = session.connection().execute(
        table.update()
        .where(
            table.c.team_id == team_id,
            table.c.id == assessment_id,
            table.c.status == source,
        )
        .values(status=target, **values)
    )
    session.expire_all()  # loaded rows must see the new status
    return bool(result.rowcount)


# The check-ins an archive closes: still to be asked, waiting for a working token, or asked
# and not answered yet (their buttons then say the check-in is closed).
_CLOSED_BY_ARCHIVE = (CheckInState.PENDING, CheckInState.PAUSED, CheckInState.ASKED)


def stop_checkins(*, session: Session, team_id: str, assessment_id: int) -> int:
    """An archived assessment asks no more: its KPIs have no next slot, and its check-ins not
    yet answered are excused (a claimer holding one cannot record it: its token is gone). How
    many check-ins were excused."""
    kpi_ids = [
        kpi.id
        for kpi, _ in list_kpis(session=session, team_id=team_id, assessment_id=assessment_id)
        if kpi.id is not None
    ]
    if not kpi_ids:
        return 0
    k = Kpi.__table__  # type: ignore[attr-defined]
    session.connection().execute(
        k.update().where(k.c.team_id == team_id, k.c.id.in_(kpi_ids)).values(next_due_at=None)
    )
    c = CheckIn.__table__  # type: ignore[attr-defined]
    result = session.connection().execute(
        c.update()
        .where(
            c.c.team_id == team_id,
            c.c.kpi_id.in_(kpi_ids),
            c.c.state.in_(_CLOSED_BY_ARCHIVE),
        )
        .values(
            state=CheckInState.EXCUSED,
            next_attempt_at=None,
            lease_until=None,
            claim_token=None,
            last_error="archived",
        )
    )
    session.expire_all()
    return int(result.rowcount or 0)


def assessment_review_posts(
    *, session: Session, team_id: str, assessment_id: int
) -> list[RecommendationMessage]:
    """The assessment's review posts as they stand: one per message, recorded against the
    newest recommendation it shows (a post changed in place carries several)."""
    rows = session.exec(
        select(RecommendationMessage)
        .join(
            Recommendation, col(Recommendation.id) == col(RecommendationMessage.recommendation_id)
        )
        .where(
            RecommendationMessage.team_id == team_id,
            Recommendation.assessment_id == assessment_id,
            RecommendationMessage.purpose == MessagePurpose.REVIEW,
        )
        .order_by(col(RecommendationMessage.recommendation_id), col(RecommendationMessage.id))
    ).all()
    latest: dict[tuple[str, str], RecommendationMessage] = {}
    for row in rows:
        latest[(row.channel_id, row.ts)] = row
    return list(latest.values())


def owned_assessment_rows(
    *, session: Session, team_id: str, owner_user_id: str
) -> list[tuple[Assessment, Recommendation | None, str | None]]:
    """A person's assessments, active or archived (not drafts), newest first, each with its
    latest recommendation and its primary objective's kind."""
    assessments = session.exec(
        select(Assessment)
        .where(
            Assessment.team_id == team_id,
            Assessment.owner_user_id == owner_user_id,
            col(Assessment.status).in_([AssessmentStatus.ACTIVE, AssessmentStatus.ARCHIVED]),
        )
        .order_by(col(Assessment.id).desc())
    ).all()
    out = []
    for assessment in assessments:
        assert assessment.id is not None
        latest = latest_recommendation(
            session=session, team_id=team_id, assessment_id=assessment.id
        )
        objectives = list_objectives(session=session, team_id=team_id, assessment_id=assessment.id)
        primary = next((o.kind for o in objectives if o.is_primary), None)
        out.append((assessment, latest, primary))
    return out


def claim_decision(
    *,
    session: Session,
    team_id: str,
    recommendation_id: int,
    state: str,
    snoozed_until: datetime | None = None,
) -> bool:
    """Move an open recommendation to `state`, atomically: of two leads pressing at once, only
    one sees True (one conditional UPDATE, whatever the isolation level)."""
    table = Recommendation.__table__  # type: ignore[attr-defined]
    result = session.connection().execute(
        table.update()
        .where(
            table.c.team_id == team_id,
            table.c.id == recommendation_id,
            table.c.state == RecommendationState.OPEN,
        )
        .values(state=state, snoozed_until=snoozed_until)
    )
    session.expire_all()  # loaded rows must see the new state
    return bool(result.rowcount)


def add_decision(
    *,
    session: Session,
    team_id: str,
    recommendation_id: int,
    user_id: str,
    action: str,
    note: str | None,
    at: datetime,
) -> Decision:
    """What a team lead did with a recommendation."""
    row = Decision(
        team_id=team_id,
        recommendation_id=recommendation_id,
        user_id=user_id,
        action=action,
        note=note,
        created_at=at,
    )
    session.add(row)
    session.flush()
    return row


def decisions_of(*, session: Session, team_id: str, assessment_id: int) -> list[Decision]:
    """Every decision on an assessment's recommendations, oldest first."""
    return list(
        session.exec(
            select(Decision)
            .join(Recommendation, col(Recommendation.id) == col(Decision.recommendation_id))
            .where(Decision.team_id == team_id, Recommendation.assessment_id == assessment_id)
            .order_by(col(Decision.id))
        )
    )


def failed_review_posts(*, session: Session, team_id: str) -> list[int]:
    """The recommendations whose review post Slack refused for good, newest first."""
    jobs = session.exec(
        select(Job).where(
            Job.team_id == team_id,
            Job.kind == JobKind.REVIEW_POST,
            Job.state == JobState.FAILED,
        )
    ).all()
    ids_ = {j.payload.get("recommendation_id") for j in jobs}
    return sorted((i for i in ids_ if isinstance(i, int)), reverse=True)


def reopen_recommendation(*, session: Session, recommendation: Recommendation) -> None:
    """A snoozed recommendation in force again: open for a decision."""
    recommendation.state = RecommendationState.OPEN
    recommendation.snoozed_until = None
    session.add(recommendation)


def touch_recommendation(*, session: Session, recommendation: Recommendation, at: datetime) -> None:
    """A re-evaluation found the same output: only when it was last confirmed moves."""
    recommendation.evaluated_at = at
    session.add(recommendation)


def earliest_due_at(*, session: Session) -> datetime | None:
    """When the next KPI slot of any workspace comes (for a clock that sleeps until then)."""
    return session.exec(
        select(func.min(Kpi.next_due_at)).where(col(Kpi.next_due_at).is_not(None))
    ).one()


# ---- the weekly digest ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DigestWorkspace:
    """A workspace whose review channel gets a weekly digest, with when it falls."""

    team_id: str
    tz: str
    weekday: int
    local_time: time
    created_at: datetime


def digest_workspaces(*, session: Session) -> list[DigestWorkspace]:
    """Every installed workspace with a review channel (the ones a digest goes to)."""
    rows = session.exec(
        select(Workspace).where(
            col(Workspace.review_channel_id).is_not(None),
            Workspace.review_channel_id != "",
            col(Workspace.uninstalled_at).is_(None),
        )
    ).all()
    return [
        DigestWorkspace(w.team_id, w.tz, w.digest_weekday, w.digest_local_time, w.created_at)
        for w in rows
    ]


def digests_since(*, session: Session, since: datetime) -> set[tuple[str, datetime]]:
    """(team, week) of the digests already queued for a week starting at or after `since`."""
    rows = session.exec(
        select(Job.team_id, Job.occurrence).where(
            Job.kind == JobKind.DIGEST, col(Job.occurrence) >= since
        )
    ).all()
    return {(team_id, occurrence) for team_id, occurrence in rows}


def team_assessments(*, session: Session, team_id: str) -> list[Assessment]:
    """A workspace's active assessments, oldest first."""
    return list(
        session.exec(
            select(Assessment)
            .where(Assessment.team_id == team_id, Assessment.status == AssessmentStatus.ACTIVE)
            .order_by(col(Assessment.id))
        )
    )


def checkin_completion(
    *, session: Session, team_id: str, kpi_ids: Sequence[int], since: datetime, until: datetime
) -> dict[int, tuple[int, int]]:
    """For each KPI, (answered, asked) of its check-ins whose slot fell in [since, until)."""
    if not kpi_ids:
        return {}
    c = CheckIn.__table__.c  # type: ignore[attr-defined]
    rows = session.connection().execute(
        core_select(c.kpi_id, c.state).where(
            c.team_id == team_id,
            _among(session, c.kpi_id, kpi_ids),
            c.occurrence >= since,
            c.occurrence < until,
        )
    )
    out: dict[int, tuple[int, int]] = {}
    for kpi_id, state in rows:
        if state in (CheckInState.EXCUSED, CheckInState.PAUSED):
            continue  # nobody was expected to answer
        answered, asked = out.get(kpi_id, (0, 0))
        out[kpi_id] = (answered + (state == CheckInState.ANSWERED), asked + 1)
    return out


def missing_digest_charts(*, session: Session, team_id: str, post_job_id: int) -> list[Job]:
    """The charts of a digest that Slack has not taken yet after a try (retrying or failed)."""
    return list(
        session.exec(
            select(Job)
            .where(
                Job.team_id == team_id,
                Job.kind == JobKind.DIGEST_CHART,
                col(Job.subject_id).startswith(f"chart:{post_job_id}:"),
                Job.state != JobState.DONE,
                Job.attempts > 0,
            )
            .order_by(col(Job.id))
        )
    )


@dataclass(frozen=True, slots=True)
class SilentKpi:
    """A KPI whose last two periods were missed, with whom to tell and how."""

    kpi_id: int
    team_id: str
    kpi_name: str
    owner_user_id: str
    objective_title: str
    objective_kind: str
    assessment_owner_id: str
    team_lead_user_ids: tuple[str, ...]
    workspace_locale: str | None
    workspace_tz: str | None
    working_hours_start: time | None
    working_hours_end: time | None
    working_days: tuple[int, ...] | None
    holidays_country: str | None
    streak_start: datetime  # the first missed slot of the run: one note per run


SILENT_AFTER = 2  # missed periods in a row


def silent_kpis(*, session: Session, kpi_ids: Sequence[int]) -> list[SilentKpi]:
    """Those of `kpi_ids` whose latest decided check-ins (answered, skipped, missed: excused
    ones neither count nor break a run) are at least two misses in a row."""
    if not kpi_ids:
        return []
    c = CheckIn.__table__.c  # type: ignore[attr-defined]
    decided = [CheckInState.ANSWERED, CheckInState.SKIPPED, CheckInState.MISSED]
    rows = session.connection().execute(
        core_select(c.kpi_id, c.occurrence, c.state)
        .where(_among(session, c.kpi_id, sorted(set(kpi_ids))), c.state.in_(decided))
        .order_by(c.kpi_id, c.occurrence.desc())
    )
    runs: dict[int, list[datetime]] = {}
    broken: set[int] = set()
    for kpi_id, occurrence, state in rows:
        if kpi_id in broken:
            continue
        if state == CheckInState.MISSED:
            runs.setdefault(kpi_id, []).append(occurrence)
        else:
            broken.add(kpi_id)
    starts = {k: run[-1] for k, run in runs.items() if len(run) >= SILENT_AFTER}
    if not starts:
        return []
    k, o, a = (
        Kpi.__table__.c,  # type: ignore[attr-defined]
        Objective.__table__.c,  # type: ignore[attr-defined]
        Assessment.__table__.c,  # type: ignore[attr-defined]
    )
    w = Workspace.__table__.c  # type: ignore[attr-defined]
    facts = session.connection().execute(
        core_select(
            k.id,
            k.team_id,
            k.name,
            k.owner_user_id,
            o.title,
            o.kind,
            a.owner_user_id,
            w.team_lead_user_ids,
            w.default_locale,
            w.tz,
            w.working_hours_start,
            w.working_hours_end,
            w.working_days,
            w.holidays_country,
        )  # fmt: skip
        .select_from(Kpi.__table__)  # type: ignore[attr-defined]
        .join(Objective.__table__, o.id == k.objective_id)  # type: ignore[attr-defined]
        .join(Assessment.__table__, a.id == o.assessment_id)  # type: ignore[attr-defined]
        .outerjoin(Workspace.__table__, w.team_id == k.team_id)  # type: ignore[attr-defined]
        .where(_among(session, k.id, sorted(starts)))
    )
    return [
        SilentKpi(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            row[6],
            tuple(row[7] or ()),
            row[8],
            row[9],
            row[10],
            row[11],
            tuple(row[12]) if row[12] else None,
            row[13],
            starts[row[0]],
        )  # fmt: skip
        for row in facts
    ]


def reassign_kpi(
    *, session: Session, team_id: str, kpi_id: int, owner_user_id: str, at: datetime
) -> bool:
    """Give a KPI to another owner; False when the KPI is not this workspace's."""
    kpi = get_kpi(session=session, team_id=team_id, kpi_id=kpi_id)
    if kpi is None:
        return False
    kpi.owner_user_id = owner_user_id
    kpi.updated_at = at
    session.add(kpi)
    session.flush()
    return True


@dataclass(frozen=True, slots=True)
class KpiDeciders:
    """Who may reassign a KPI: the team leads, else its assessment's owner."""

    kpi_name: str
    owner_user_id: str
    assessment_owner_id: str
    team_lead_user_ids: tuple[str, ...]

    def may_decide(self, user_id: str) -> bool:
        """Whether `user_id` may give the KPI to someone else."""
        if self.team_lead_user_ids:
            return user_id in self.team_lead_user_ids
        return user_id == self.assessment_owner_id


def kpi_deciders(*, session: Session, team_id: str, kpi_id: int) -> KpiDeciders | None:
    """Who decides about a KPI of this workspace; None when it is not one."""
    kpi = get_kpi(session=session, team_id=team_id, kpi_id=kpi_id)
    if kpi is None:
        return None
    objective = session.get(Objective, kpi.objective_id)
    assessment = session.get(Assessment, objective.assessment_id) if objective else None
    workspace = get_workspace(session=session, team_id=team_id)
    return KpiDeciders(
        kpi_name=kpi.name,
        owner_user_id=kpi.owner_user_id,
        assessment_owner_id=assessment.owner_user_id if assessment else "",
        team_lead_user_ids=tuple(workspace.team_lead_user_ids) if workspace else (),
    )


# ---- away ---------------------------------------------------------------------------------------


def set_away(*, session: Session, team_id: str, user_id: str, until: datetime | None) -> None:
    """Mark a person away until `until` (None: back), creating their row if none is cached
    (stale, so their profile is looked up before they are next asked)."""
    person = get_person(session=session, team_id=team_id, user_id=user_id)
    if person is None:
        person = Person(
            team_id=team_id, user_id=user_id, refreshed_at=datetime.min.replace(tzinfo=UTC)
        )
    person.away_until = until
    session.add(person)
    session.flush()


def returns_due(
    *, session: Session, now: datetime, limit: int = 200
) -> list[tuple[str, str, datetime]]:
    """People whose time away has ended: (team, user, away_until) each."""
    p = Person.__table__.c  # type: ignore[attr-defined]
    rows = session.connection().execute(
        core_select(p.team_id, p.user_id, p.away_until)
        .where(p.away_until.is_not(None), p.away_until <= now)
        .order_by(p.away_until)
        .limit(limit)
    )
    return [(row[0], row[1], row[2]) for row in rows]


def end_away(
    *, session: Session, team_id: str, user_id: str, expected: datetime | None = None
) -> bool:
    """Clear a person's time away (only if it is still `expected`, when given): True for the
    one caller that did, so the return is told once whatever the number of clocks."""
    p = Person.__table__.c  # type: ignore[attr-defined]
    where = [p.team_id == team_id, p.user_id == user_id, p.away_until.is_not(None)]
    if expected is not None:
        where.append(p.away_until == expected)
    result = session.connection().execute(
        Person.__table__.update().where(*where).values(away_until=None)  # type: ignore[attr-defined]
    )
    return bool(result.rowcount)


def away_excused(
    *, session: Session, team_id: str, owner_user_id: str, reason: str
) -> list[tuple[int, int, datetime]]:
    """The check-ins of a person's KPIs excused for `reason` (away), not yet told: (id, KPI,
    slot) each, oldest first."""
    c, k = CheckIn.__table__.c, Kpi.__table__.c  # type: ignore[attr-defined]
    rows = session.connection().execute(
        core_select(c.id, c.kpi_id, c.occurrence)
        .select_from(CheckIn.__table__.join(Kpi.__table__, k.id == c.kpi_id))  # type: ignore[attr-defined]
        .where(
            c.team_id == team_id,
            k.owner_user_id == owner_user_id,
            c.state == CheckInState.EXCUSED,
            c.last_error == reason,
        )
        .order_by(c.occurrence, c.id)
    )
    return [(row[0], row[1], row[2]) for row in rows]


def mark_excused(*, session: Session, checkin_ids: Sequence[int], reason: str) -> None:
    """Change the recorded reason of excused check-ins (away → told)."""
    if not checkin_ids:
        return
    c = CheckIn.__table__.c  # type: ignore[attr-defined]
    session.connection().execute(
        CheckIn.__table__.update()  # type: ignore[attr-defined]
        .where(_among(session, c.id, checkin_ids))
        .values(last_error=reason)
    )


def revive_checkin(*, session: Session, checkin_id: int, note: str, now: datetime) -> bool:
    """Ask an excused check-in after all (the latest one skipped while away), if no later slot
    of its KPI exists; `note` travels to its DM."""
    c = CheckIn.__table__.c  # type: ignore[attr-defined]
    later = CheckIn.__table__.alias("later")  # type: ignore[attr-defined]
    newer = (
        core_select(later.c.id)
        .where(later.c.kpi_id == c.kpi_id, later.c.occurrence > c.occurrence)
        .exists()
    )
    result = session.connection().execute(
        CheckIn.__table__.update()  # type: ignore[attr-defined]
        .where(c.id == checkin_id, c.state == CheckInState.EXCUSED, ~newer)
        .values(
            state=CheckInState.PENDING,
            next_attempt_at=now,
            last_error=note,
            reminders_sent=0,
            snoozed_until=None,
            claim_token=None,
            lease_until=None,
        )
    )
    return bool(result.rowcount)


# ---- people change ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonKpi:
    """A KPI a person answers for, as a change of that person (a new time zone, a
    deactivation) needs it: its slot, whether it waits, and who to tell."""

    kpi_id: int
    name: str
    next_due_at: datetime | None
    paused: bool
    objective_title: str
    objective_kind: str
    assessment_owner_id: str


def person_kpis(*, session: Session, team_id: str, owner_user_id: str) -> list[PersonKpi]:
    """The KPIs `owner_user_id` answers for in this workspace's active assessments (none
    archived), locked for the change about to be written."""
    k = Kpi.__table__.c  # type: ignore[attr-defined]
    o = Objective.__table__.c  # type: ignore[attr-defined]
    a = Assessment.__table__.c  # type: ignore[attr-defined]
    rows = session.connection().execute(
        core_select(k.id, k.name, k.next_due_at, k.paused, o.title, o.kind, a.owner_user_id)
        .select_from(Kpi.__table__)  # type: ignore[attr-defined]
        .join(Objective.__table__, k.objective_id == o.id)  # type: ignore[attr-defined]
        .join(Assessment.__table__, o.assessment_id == a.id)  # type: ignore[attr-defined]
        .where(
            k.team_id == team_id,
            k.owner_user_id == owner_user_id,
            a.status == AssessmentStatus.ACTIVE,
            k.archived_at.is_(None),
        )
        .order_by(k.id)
        .with_for_update(of=Kpi.__table__)  # type: ignore[attr-defined]
    )
    return [PersonKpi(*row) for row in rows]
