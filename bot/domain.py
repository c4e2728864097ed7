"""The app's own values, shared by forms, builders and services (no Slack, no database)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time


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
    direction: str  # "increase" | "decrease"
    baseline: float
    target: float
    start: date
    deadline: date
    owner_user_id: str
    cadence: str  # "weekly" | "biweekly" | "monthly"
    checkin_weekday: int  # 0 = Monday
    checkin_day_of_month: int | None  # monthly cadence only; 1–31, 31 meaning the last day
    checkin_local_time: time


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
    cadence: str
    objective_kind: str = ""  # the objective's kind: its label names it when it has no title
