"""The app's own values, shared by forms, builders and services (no Slack, no database)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from functools import lru_cache
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

logger = logging.getLogger(__name__)


@lru_cache(maxsize=256)
def known_zone(name: str) -> str | None:
    """An IANA time zone this machine's zoneinfo knows, else None (said once per name)."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        # Slack may be ahead of this machine's tz database (or answer nonsense): the person
        # then gets the workspace's time zone rather than being locked out.
        logger.warning("Unknown time zone %r: using the workspace's", name[:64])
        return None
    return name


# ---- the app's vocabularies (stored as short strings: a new value needs no migration) -----------


class AssessmentStatus(StrEnum):
    """Lifecycle of an assessment."""

    DRAFT = "draft"
    ACTIVE = "active"
    ARCHIVED = "archived"


class Mode(StrEnum):
    """How social media management is run today (or is recommended to be)."""

    IN_HOUSE = "in_house"
    AGENCY = "agency"
    HYBRID = "hybrid"
    NONE = "none"


class ObjectiveKind(StrEnum):
    """What an objective is about."""

    LEADS = "leads"
    SALES = "sales"
    AWARENESS = "awareness"
    COMMUNITY = "community"
    CSR = "csr"
    FINANCIAL_COMM = "financial_comm"
    EMPLOYER_BRAND = "employer_brand"
    OTHER = "other"


class Commitment(StrEnum):
    """Whether an objective is a commitment or an aspiration."""

    COMMITTED = "committed"
    ASPIRATIONAL = "aspirational"


class Direction(StrEnum):
    """Which way a KPI should move."""

    INCREASE = "increase"
    DECREASE = "decrease"


class Cadence(StrEnum):
    """How often a KPI's owner is asked for progress."""

    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"


class CheckInState(StrEnum):
    """pending → asked → answered | skipped | missed | excused."""

    PENDING = "pending"
    PAUSED = "paused"  # the workspace's token is dead: asked once a working one is seen
    ASKED = "asked"
    ANSWERED = "answered"
    SKIPPED = "skipped"
    MISSED = "missed"
    EXCUSED = "excused"


class Confidence(StrEnum):
    """How confident a KPI owner is about reaching the target."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class RecommendationTrigger(StrEnum):
    """What caused a recommendation to be computed."""

    ASSESSMENT = "assessment"
    EDIT = "edit"
    CHECK_IN = "check-in"
    PERIODIC = "periodic"
    MANUAL = "manual"


class Verdict(StrEnum):
    """The recommended mode."""

    IN_HOUSE = "in_house"
    AGENCY = "agency"
    HYBRID = "hybrid"


class MessagePurpose(StrEnum):
    """Why a recommendation was posted where it was (`RecommendationMessage.purpose`)."""

    DM = "dm"  # the result, to the person who assessed
    SHARE = "share"  # a copy someone shared in a channel
    REVIEW = "review"  # the post in the review channel, with the team leads' buttons


class RecommendationState(StrEnum):
    """Where a recommendation stands in the review."""

    OPEN = "open"
    ACCEPTED = "accepted"
    KEPT = "kept"
    SNOOZED = "snoozed"
    SUPERSEDED = "superseded"


class DecisionAction(StrEnum):
    """What a team lead did with a recommendation."""

    ACCEPTED = "accepted"
    KEPT = "kept"
    SNOOZED = "snoozed"


class JobKind(StrEnum):
    """Work the outbox delivers (everything scheduled or promised that is not a check-in)."""

    RESULT_DM = "result_dm"  # a recommendation, to the person who assessed
    SHARE = "share"  # a recommendation copied into a channel
    DRAFT_DM = "draft_dm"  # "your answers are saved: resume?"
    NOTICE = "notice"  # a short note to a person (owner refused, a delivery that failed for good)
    CHECKIN_UPDATE = "checkin_update"  # a check-in DM changed in place to show its answer
    RESULT_UPDATE = "result_update"  # a message changed in place (a superseded DM, a review post)
    REVIEW_POST = "review_post"  # a changed recommendation, in the review channel
    REVIEW_THREAD = "review_thread"  # its factors and flips, in the post's thread
    PRUNE = "prune"  # housekeeping: forget old idempotency keys
    DIGEST = "digest"  # a workspace's weekly digest is due: its parent post is prepared
    DIGEST_POST = "digest_post"  # the digest's parent message, in the review channel
    DIGEST_CHART = "digest_chart"  # one objective's chart, uploaded into the digest's thread
    REEVALUATION = "reevaluation"  # one assessment re-decided from its KPIs
    REEVALUATION_PASS = "reevaluation_pass"  # the day's marker: every assessment's job is added
    ESCALATION = "escalation"
    SNOOZE_REPOST = "snooze_repost"
    AWAY_SUMMARY = "away_summary"
    CHANNEL_REPOST = "channel_repost"


class JobState(StrEnum):
    """Lifecycle of a job row."""

    PENDING = "pending"
    PAUSED = "paused"  # the workspace's token is dead: waits for a working one
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


# The currencies offered first (ISO 4217): the wizard's and the workspace settings' choices.
CURRENCIES: Final = ("EUR", "USD", "GBP", "CHF", "CAD", "XOF", "XAF", "MAD")


# ---- values passed between the layers ---------------------------------------------------------


@dataclass(frozen=True)
class SlackUser:
    """The facts of a Slack user the app relies on (time zone, locale, kind of account)."""

    user_id: str
    tz: str | None
    locale: str | None
    is_bot: bool
    is_admin: bool
    is_owner: bool
    deleted: bool


@dataclass(frozen=True)
class KpiInput:
    """A KPI as the form submits it, validated."""

    objective_id: int
    name: str
    unit: str
    direction: Direction
    baseline: float
    target: float
    start: date
    deadline: date
    owner_user_id: str
    cadence: Cadence
    # None: the workspace's default (its weekday and time; a monthly KPI then falls on its
    # start's day of the month). Set only when the person chose another day and time.
    checkin_weekday: int | None  # 0 = Monday
    checkin_day_of_month: int | None  # monthly cadence only; 1–31, 31 meaning the last day
    checkin_local_time: time | None

    @property
    def uses_default_schedule(self) -> bool:
        """Whether the check-ins follow the workspace's default day and time."""
        return self.checkin_weekday is None and self.checkin_local_time is None


@dataclass(frozen=True)
class ObjectiveChoice:
    """An objective of the assessment a KPI can hang off."""

    id: int
    kind: str
    title: str
    primary: bool


@dataclass(frozen=True)
class KpiSummary:
    """One KPI as the KPI list shows it."""

    id: int
    objective_title: str
    name: str
    unit: str
    baseline: float
    target: float
    deadline: date
    owner_user_id: str
    cadence: Cadence
    objective_kind: str = ""  # the objective's kind: its label names it when it has no title


@dataclass(frozen=True)
class CheckInCard:
    """A check-in as its owner sees it: the KPI, where it stands, and what was answered."""

    checkin_id: int
    kpi_name: str
    unit: str
    objective_title: str
    objective_kind: str
    direction: Direction
    baseline: float
    target: float
    deadline: date
    slot_day: date  # the owner's day of the slot
    last_value: float | None  # the latest value answered before (or at) this check-in
    expected_value: float  # where linear pacing says the KPI should be by now
    status: str  # scoring.KpiStatus value: on_track, at_risk, off_track, too_early
    state: CheckInState
    value: float | None = None
    confidence: Confidence | None = None
    comment: str | None = None
    answerable: bool = True  # until the next slot comes
    next_day: date | None = None  # the owner's day of the next slot
    # Why it is asked later than its slot: "hours" (outside working days or hours), "holiday".
    moved: str | None = None
    reminder: int = 0  # reminders sent so far (the ladder stops at two)
    snoozed_until: datetime | None = None  # in the owner's time zone
    away_skipped: int = 0  # check-ins excused while the owner was away (said once, on return)

    @property
    def snoozable(self) -> bool:
        """Whether the owner may still put it off (asked, not answered)."""
        return self.answerable and self.state in (CheckInState.PENDING, CheckInState.ASKED)


@dataclass(frozen=True)
class KpiLine:
    """One KPI in its owner's list: where it stands and when it asks next."""

    kpi_id: int
    name: str
    unit: str
    objective_title: str
    objective_kind: str
    target: float
    deadline: date
    last_value: float | None
    status: str
    next_day: date | None  # None: it asks no more (deadline passed, or paused)
    paused: bool


@dataclass(frozen=True)
class WorkingHours:
    """The workspace's working days (0 = Monday) and hours: the slots a KPI may be set to."""

    days: tuple[int, ...] = (0, 1, 2, 3, 4)
    start: time = time(9, 0)
    end: time = time(18, 0)

    @property
    def weekdays(self) -> tuple[int, ...]:
        """The weekdays a check-in may fall on (every day when the settings name none)."""
        return tuple(sorted(set(self.days))) or tuple(range(7))

    def allows(self, at: time) -> bool:
        """Whether a check-in at `at` falls inside the hours (the end excluded), as the
        engine reads them; hours that do not make sense allow every time."""
        return self.start >= self.end or self.start <= at < self.end


@dataclass(frozen=True)
class WorkspaceSettings:
    """A workspace's settings as `/smm settings` shows and saves them, validated."""

    review_channel_id: str | None
    team_lead_user_ids: tuple[str, ...]
    tz: str  # IANA name
    working_days: tuple[int, ...]  # 0 = Monday, at least one
    working_hours_start: time
    working_hours_end: time  # after the start
    checkin_weekday: int
    checkin_local_time: time
    digest_weekday: int
    digest_local_time: time
    currency: str  # ISO 4217
    default_locale: str
    holidays_country: str | None  # ISO 3166 alpha-2; None: derived from the time zone
    post_cost_figures: bool


@dataclass(frozen=True)
class AssessmentLine:
    """One of a person's assessments as `/smm archive` lists it (days in the reader's zone)."""

    assessment_id: int
    objective_kind: str  # its primary objective's kind names it
    verdict: str | None  # its latest recommendation's, None before any
    confidence: float | None
    created_day: date
    archived_day: date | None  # None: active
