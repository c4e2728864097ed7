"""SQLModel tables: the whole data model of DESIGN §3, every row scoped by `team_id`.

Enum-like columns are short strings (the allowed values are the `StrEnum`s below) so that adding a
value never needs a migration. Every timestamp is a `UtcDateTime`: aware UTC in, aware UTC out.
JSON columns are not mutation-tracked: assign a new value instead of editing one in place.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import JSON, Index, Text, UniqueConstraint, true
from sqlmodel import Field, SQLModel

from bot.domain import (  # the vocabularies of the enum-like columns
    AssessmentStatus,
    Cadence,
    CheckInState,
    Commitment,
    Confidence,
    DecisionAction,
    Direction,
    JobKind,
    JobState,
    Mode,
    ObjectiveKind,
    RecommendationState,
    RecommendationTrigger,
    Verdict,
)
from bot.store.types import UtcDateTime

__all__ = [
    "AssessmentStatus",
    "Cadence",
    "CheckInState",
    "Commitment",
    "Confidence",
    "DecisionAction",
    "Direction",
    "JobKind",
    "JobState",
    "Mode",
    "ObjectiveKind",
    "RecommendationState",
    "RecommendationTrigger",
    "Verdict",
]

# Deterministic constraint names: Alembic's batch mode (SQLite) can only drop or alter a
# constraint it can name, and the names must match between SQLite and PostgreSQL.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# The OAuth tables of slack_sdk's SQLAlchemy stores live in the same metadata, so the same
# migrations create them and `alembic check` watches them. Their timestamps are naive (slack_sdk's
# choice, normalised to UTC by the stores themselves).
slack_installations = SQLAlchemyInstallationStore.build_installations_table(
    SQLModel.metadata, SQLAlchemyInstallationStore.default_installations_table_name
)
slack_bots = SQLAlchemyInstallationStore.build_bots_table(
    SQLModel.metadata, SQLAlchemyInstallationStore.default_bots_table_name
)
slack_oauth_states = SQLAlchemyOAuthStateStore.build_oauth_states_table(
    SQLModel.metadata, SQLAlchemyOAuthStateStore.default_table_name
)

SLACK_ID = 32  # team, user, channel ids and message ts (slack_sdk's own tables use 32 too)
SHORT = 32  # enum-like values
TITLE = 200


# --- tables ----------------------------------------------------------------------------------


class Workspace(SQLModel, table=True):
    """A Slack workspace that installed the app, with its settings."""

    __tablename__ = "workspace"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=SLACK_ID, unique=True)
    name: str | None = Field(default=None, max_length=TITLE)
    installer_user_id: str | None = Field(default=None, max_length=SLACK_ID)
    tz: str = Field(default="UTC", max_length=64)  # IANA name; set to the installer's on install
    default_locale: str = Field(default="en", max_length=16)
    currency: str = Field(default="EUR", max_length=3)  # ISO 4217
    review_channel_id: str | None = Field(default=None, max_length=SLACK_ID)
    team_lead_user_ids: list[str] = Field(default_factory=list, sa_type=JSON)
    checkin_weekday: int = 0  # 0 = Monday (datetime.weekday())
    checkin_local_time: time = time(9, 0)
    working_hours_start: time = time(9, 0)
    working_hours_end: time = time(18, 0)
    working_days: list[int] = Field(default_factory=lambda: [0, 1, 2, 3, 4], sa_type=JSON)
    holidays_country: str | None = Field(default=None, max_length=2)  # None: derived from tz
    digest_weekday: int = 0
    digest_local_time: time = time(9, 0)
    # Whether posts in channels may show the monthly cost of each option (DMs always do).
    post_cost_figures: bool = Field(default=True, sa_column_kwargs={"server_default": true()})
    # Who last saved the settings (and so chose the review channel): told when it breaks.
    settings_user_id: str | None = Field(default=None, max_length=SLACK_ID)
    uninstalled_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    # Set when Slack said the workspace's token is dead (revoked, uninstalled): its outgoing
    # jobs wait, paused, until a working token is seen again.
    token_revoked_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    created_at: datetime = Field(sa_type=UtcDateTime)
    updated_at: datetime = Field(sa_type=UtcDateTime)


class Person(SQLModel, table=True):
    """Cache of `users.info` for one member, refreshed on `user_change`."""

    __tablename__ = "person"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=SLACK_ID, index=True)
    user_id: str = Field(max_length=SLACK_ID)
    tz: str | None = Field(default=None, max_length=64)
    locale: str | None = Field(default=None, max_length=16)
    is_bot: bool = False
    is_admin: bool = False
    is_owner: bool = False
    deleted: bool = False
    away_until: datetime | None = Field(default=None, sa_type=UtcDateTime)
    refreshed_at: datetime = Field(sa_type=UtcDateTime)


class Assessment(SQLModel, table=True):
    """A workspace's assessment: its current validated answers and the current mode."""

    __tablename__ = "assessment"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=SLACK_ID, index=True)
    owner_user_id: str = Field(max_length=SLACK_ID)
    status: str = Field(default=AssessmentStatus.DRAFT, max_length=SHORT)
    current_mode: str = Field(default=Mode.NONE, max_length=SHORT)
    mode_since: datetime | None = Field(default=None, sa_type=UtcDateTime)
    answers: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)  # the scoring profile
    version: int = 1
    # Set while the assessment is archived (no check-ins, no re-evaluation, no review posts);
    # cleared when its owner restores it.
    archived_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    archived_by_user_id: str | None = Field(default=None, max_length=SLACK_ID)
    created_at: datetime = Field(sa_type=UtcDateTime)
    updated_at: datetime = Field(sa_type=UtcDateTime)


class AssessmentVersion(SQLModel, table=True):
    """An earlier version of an assessment's answers, kept so an edit never loses history."""

    __tablename__ = "assessment_version"
    __table_args__ = (UniqueConstraint("assessment_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=SLACK_ID, index=True)
    assessment_id: int = Field(foreign_key="assessment.id", ondelete="CASCADE", index=True)
    version: int
    answers: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    created_by_user_id: str | None = Field(default=None, max_length=SLACK_ID)
    created_at: datetime = Field(sa_type=UtcDateTime)


class AssessmentDraft(SQLModel, table=True):
    """The wizard's saved progress: one open draft per user, resumed when the modal reopens."""

    __tablename__ = "assessment_draft"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=SLACK_ID, index=True)
    user_id: str = Field(max_length=SLACK_ID)
    # Set when the draft edits an existing assessment; None for a new one.
    assessment_id: int | None = Field(
        default=None, foreign_key="assessment.id", ondelete="CASCADE", index=True
    )
    step: str = Field(max_length=SHORT)
    # How far the wizard got (the number of steps submitted): a replayed early step cannot
    # move a draft back.
    stage: int = 0
    answers: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    updated_at: datetime = Field(sa_type=UtcDateTime)


class Objective(SQLModel, table=True):
    """One objective of an assessment (primary or secondary)."""

    __tablename__ = "objective"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=SLACK_ID, index=True)
    assessment_id: int = Field(foreign_key="assessment.id", ondelete="CASCADE", index=True)
    kind: str = Field(max_length=SHORT)
    is_primary: bool = False
    title: str = Field(max_length=TITLE)
    deadline: date | None = None
    commitment: str = Field(default=Commitment.COMMITTED, max_length=SHORT)
    created_at: datetime = Field(sa_type=UtcDateTime)


class Kpi(SQLModel, table=True):
    """A measurable indicator of an objective, with its owner and check-in schedule."""

    __tablename__ = "kpi"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=SLACK_ID, index=True)
    objective_id: int = Field(foreign_key="objective.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=TITLE)
    unit: str = Field(default="", max_length=SHORT)
    direction: str = Field(default=Direction.INCREASE, max_length=SHORT)
    baseline: float
    target: float
    start_date: date
    deadline: date
    owner_user_id: str = Field(max_length=SLACK_ID)
    cadence: str = Field(default=Cadence.WEEKLY, max_length=SHORT)
    # Overrides of the workspace's check-in defaults (None: use the workspace's).
    checkin_weekday: int | None = None
    checkin_day_of_month: int | None = None  # 31 means the last day of shorter months
    checkin_local_time: time | None = None
    next_due_at: datetime | None = Field(default=None, sa_type=UtcDateTime, index=True)
    paused: bool = False
    # Deleted by its owner or the assessment's: it never asks again and leaves the KPI list;
    # its check-ins stay (the history of what was measured).
    archived_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    created_at: datetime = Field(sa_type=UtcDateTime)
    updated_at: datetime = Field(sa_type=UtcDateTime)


class CheckIn(SQLModel, table=True):
    """One scheduled progress question for a KPI (the check-in outbox row)."""

    __tablename__ = "checkin"
    __table_args__ = (
        # The idempotency key: materialising the same slot twice inserts nothing.
        UniqueConstraint("kpi_id", "occurrence"),
        Index("ix_checkin_state_next_attempt_at", "state", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=SLACK_ID, index=True)
    kpi_id: int = Field(foreign_key="kpi.id", ondelete="CASCADE")
    occurrence: datetime = Field(sa_type=UtcDateTime)
    state: str = Field(default=CheckInState.PENDING, max_length=SHORT)
    next_attempt_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    lease_until: datetime | None = Field(default=None, sa_type=UtcDateTime)
    # Written by the claimer; the outcome update is fenced on it so an expired lease cannot
    # overwrite a newer claim.
    claim_token: str | None = Field(default=None, max_length=64)
    attempts: int = 0
    reminders_sent: int = 0
    snoozed_until: datetime | None = Field(default=None, sa_type=UtcDateTime)
    asked_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    answered_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    value: float | None = None
    confidence: str | None = Field(default=None, max_length=SHORT)
    comment: str | None = Field(default=None, sa_type=Text)
    channel_id: str | None = Field(default=None, max_length=SLACK_ID)
    message_ts: str | None = Field(default=None, max_length=SLACK_ID)
    last_error: str | None = Field(default=None, sa_type=Text)


class Recommendation(SQLModel, table=True):
    """A scored verdict for an assessment, frozen as shown, linked to the one it follows.

    `output` is the whole scoring output (`scoring.recommendation_to_dict`) and every message is
    rendered from it, never by scoring `inputs` again: a later model shows old verdicts as they
    were. `evaluated_at` moves when a re-evaluation finds the same output."""

    __tablename__ = "recommendation"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=SLACK_ID, index=True)
    assessment_id: int = Field(foreign_key="assessment.id", ondelete="CASCADE", index=True)
    previous_id: int | None = Field(
        default=None, foreign_key="recommendation.id", ondelete="SET NULL", index=True
    )
    created_at: datetime = Field(sa_type=UtcDateTime)
    evaluated_at: datetime = Field(sa_type=UtcDateTime)
    trigger: str = Field(max_length=SHORT)
    verdict: str = Field(max_length=SHORT)
    confidence: float
    score: float
    output: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    model_version: str = Field(max_length=SHORT)
    changes: list[Any] = Field(default_factory=list, sa_type=JSON)  # what changed since previous
    inputs: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)  # snapshot of the profile
    state: str = Field(default=RecommendationState.OPEN, max_length=SHORT)
    snoozed_until: datetime | None = Field(default=None, sa_type=UtcDateTime)


class RecommendationMessage(SQLModel, table=True):
    """Where a recommendation was posted: its DM, each share, its review post."""

    __tablename__ = "recommendation_message"
    __table_args__ = (UniqueConstraint("recommendation_id", "purpose", "channel_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=SLACK_ID, index=True)
    recommendation_id: int = Field(foreign_key="recommendation.id", ondelete="CASCADE", index=True)
    purpose: str = Field(max_length=SHORT)  # MessagePurpose
    channel_id: str = Field(max_length=SLACK_ID)
    ts: str = Field(max_length=SLACK_ID)
    posted_at: datetime = Field(sa_type=UtcDateTime)


class Decision(SQLModel, table=True):
    """What a team lead did with a recommendation (accept, keep, snooze)."""

    __tablename__ = "decision"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=SLACK_ID, index=True)
    recommendation_id: int = Field(foreign_key="recommendation.id", ondelete="CASCADE", index=True)
    user_id: str = Field(max_length=SLACK_ID)
    action: str = Field(max_length=SHORT)
    note: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = Field(sa_type=UtcDateTime)


class Job(SQLModel, table=True):
    """A scheduled unit of work that is not a check-in (digest, re-evaluation, …)."""

    __tablename__ = "job"
    __table_args__ = (
        # subject_id is free text (an assessment id, a channel id…): scope the key by team.
        UniqueConstraint("team_id", "kind", "subject_id", "occurrence"),
        Index("ix_job_state_next_attempt_at", "state", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=SLACK_ID, index=True)
    kind: str = Field(max_length=SHORT)
    subject_id: str = Field(max_length=64)
    occurrence: datetime = Field(sa_type=UtcDateTime)
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    state: str = Field(default=JobState.PENDING, max_length=SHORT)
    next_attempt_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    lease_until: datetime | None = Field(default=None, sa_type=UtcDateTime)
    claim_token: str | None = Field(default=None, max_length=64)
    attempts: int = 0
    last_error: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = Field(sa_type=UtcDateTime)


class ProcessedRequest(SQLModel, table=True):
    """The idempotency key of a handled Slack delivery, so a retry does nothing twice."""

    __tablename__ = "processed_request"
    __table_args__ = (UniqueConstraint("team_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=SLACK_ID, index=True)
    key: str = Field(max_length=255)
    processed_at: datetime = Field(sa_type=UtcDateTime, index=True)  # for pruning old keys
