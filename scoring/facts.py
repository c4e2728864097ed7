"""The facts of a profile: everything the verdict depends on, flat, with the hourly and monthly costs.

A flip candidate is the same facts with one answer replaced (`scoring.judge.Change`), so every
rule and factor reads `Facts`, never the profile.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from scoring.model import DAYS_PER_MONTH, Audience, Mode, ObjectiveKind, Profile, Results
from scoring.weights import (
    COMMERCIAL_KINDS,
    POSITIONING_KINDS,
    SPEED_LEVEL,
)


class Facts(NamedTuple):
    """Everything the verdict depends on (costs loaded and per hour / per month)."""

    vertical: bool
    liftable: bool | None
    audience: Audience
    n_caps: int
    speed_level: float
    progress: float | None
    deadline_months: float | None
    primary: ObjectiveKind
    positioning: bool  # a positioning aim among the objectives, primary or secondary
    commercial_secondary: bool  # a commercial aim (leads, sales) among the secondary objectives
    mode: Mode
    months: float
    results: Results
    manager_checked: bool
    agreed_months: float | None  # the agreed period of an agency or hybrid arrangement
    limit_means: bool
    ih_hourly: float | None
    ag_hourly: float | None
    ih_monthly: float | None
    ag_monthly: float | None
    budget: float | None


FactValue = float | Audience | Results | ObjectiveKind | None
FIELD_INDEX = {name: i for i, name in enumerate(Facts._fields)}


def months_between(start: date, end: date) -> float:
    """Months from one day to another (negative when `end` is before `start`)."""
    return (end - start).days / DAYS_PER_MONTH


# Results that count as "sans des résultats probants" (`results in NOT_CONVINCING`): a tuple,
# whose `in` compares by identity first, where a frozenset would hash the Enum in Python.
NOT_CONVINCING = (Results.NOT_CONVINCING, Results.NONE_YET)


def agreed_period(mode: Mode, months: float | None) -> float | None:
    """The agreed period that judges this mode: an agency's or a hybrid's; an in-house team
    has the article's year instead."""
    return months if mode is Mode.AGENCY or mode is Mode.HYBRID else None


def period_over(f: Facts) -> bool:
    """The agreed period has ended: the arrangement can be judged on its results."""
    return f.agreed_months is not None and f.months >= f.agreed_months


def agency_costs(
    hourly: float | None, retainer: float | None, hours: float | None
) -> tuple[float | None, float | None]:
    """(hourly, monthly) agency cost: a rate, or a retainer over the month's hours."""
    if retainer is not None:
        return (retainer / hours if hours else None), retainer
    if hourly is not None:
        return hourly, (hourly * hours if hours is not None else None)
    return None, None


def in_house_costs(
    hourly: float | None,
    salary: float | None,
    load: float,
    productive: float,
    hours: float | None,
) -> tuple[float | None, float | None]:
    """(hourly, monthly) loaded in-house cost, from a wage or a salary."""
    if hourly is not None:
        loaded = hourly * load
        return loaded, (loaded * hours if hours is not None else None)
    if salary is not None:
        loaded = salary * load / productive
        # Prorated to the hours needed ("toute chose égale par ailleurs"); a full salary otherwise.
        return loaded, (loaded * hours if hours is not None else salary * load / 12.0)
    return None, None


def facts(p: Profile) -> Facts:
    """The facts of a profile."""
    m = p.means
    o = p.organisation
    ih_h, ih_m = in_house_costs(
        m.in_house.hourly,
        m.in_house.annual_salary,
        m.in_house.load_factor,
        m.in_house.productive_hours_per_year,
        m.hours_per_month,
    )
    ag_h, ag_m = agency_costs(m.agency.hourly, m.agency.retainer_monthly, m.hours_per_month)
    kinds = (p.objectives.primary, *p.objectives.secondary)
    return Facts(
        vertical=o.vertical,
        liftable=o.constraints_liftable,
        audience=p.audience,
        n_caps=len(p.capabilities),
        speed_level=SPEED_LEVEL[p.speed],
        progress=p.progress,
        deadline_months=None if p.deadline is None else months_between(p.as_of, p.deadline),
        primary=p.objectives.primary,
        positioning=any(k in POSITIONING_KINDS for k in kinds),
        commercial_secondary=any(k in COMMERCIAL_KINDS for k in p.objectives.secondary),
        mode=o.current_mode,
        months=o.months_in_mode,
        results=o.results,
        manager_checked=o.manager_checked,
        agreed_months=agreed_period(o.current_mode, o.agreed_months),
        limit_means=m.limit_means,
        ih_hourly=ih_h,
        ag_hourly=ag_h,
        ih_monthly=ih_m,
        ag_monthly=ag_m,
        budget=m.budget_monthly,
    )
