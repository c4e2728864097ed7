"""JSON-shaped input and output: parse and validate a profile, serialise a recommendation.

Field paths (Problem.field) are the stable contract with the bot's forms; see MODEL.md §Input.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from scoring.model import (
    AgencyCost,
    Audience,
    Capability,
    InHouseCost,
    Means,
    Mode,
    ObjectiveKind,
    Objectives,
    Organisation,
    Param,
    Params,
    Profile,
    Results,
    Speed,
)

# The longest month has 31 × 24 = 744 hours: more needed hours than that cannot be worked.
MAX_HOURS_PER_MONTH = 744.0
# A leap year has 366 × 24 = 8784 hours.
MAX_HOURS_PER_YEAR = 8784.0
# Employer cost / gross pay: below 1 means negative charges; above 3 is not a load factor but
# a typo. Observed range is 1.25–1.5 [9][10][13].
LOAD_FACTOR_RANGE = (1.0, 3.0)
# Upper bound of every money amount (a trillion in any currency is a typo, not a budget): keeps
# every product and every cent step of the engine finite.
MAX_MONEY = 1e12
# An agency's agreed period, in months: at least one, at most ten years (longer is a typo).
AGREED_MONTHS_RANGE = (1.0, 120.0)
_CURRENCY = re.compile(r"^[A-Z]{3}$")

E = TypeVar("E", bound=enum.Enum)


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad field: its JSON path, a stable code, and parameters for the message."""

    field: str
    code: str
    params: Params = ()


class ProfileError(ValueError):
    """Every problem of a profile at once."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(f"{p.field or '(root)'}: {p.code}" for p in self.problems))


class _Reader:
    """Collects problems while reading a nested mapping, so all of them are reported together."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, field: str, code: str, **params: Param) -> None:
        self.problems.append(Problem(field, code, tuple(sorted(params.items()))))

    def obj(self, data: object, path: str, keys: frozenset[str]) -> Mapping[str, object]:
        if data is None:
            return {}
        if not isinstance(data, Mapping):
            self.add(path, "invalid_type", expected="object")
            return {}
        for key in sorted(str(k) for k in data):
            if key not in keys:
                self.add(_join(path, key), "unknown_field")
        return {str(k): v for k, v in data.items()}

    def number(
        self,
        data: Mapping[str, object],
        key: str,
        path: str,
        *,
        minimum: float | None = 0.0,
        maximum: float | None = None,
        positive: bool = False,
    ) -> float | None:
        value = data.get(key)
        field = _join(path, key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(field, "invalid_type", expected="number")
            return None
        try:
            x = float(value)
        except OverflowError:  # an int too large for a float: past any bound
            x = math.inf if value > 0 else -math.inf
            if not ((x > 0 and maximum is not None) or (x < 0 and minimum is not None)):
                self.add(field, "not_finite")
                return None
        if math.isnan(x) or (math.isinf(x) and isinstance(value, float)):
            self.add(field, "not_finite")
            return None
        if minimum == 0.0 and x < 0.0:
            self.add(field, "negative")
            return None
        if positive and x <= 0.0:
            self.add(field, "not_positive")
            return None
        if (minimum is not None and x < minimum) or (maximum is not None and x > maximum):
            lo = "" if minimum is None else minimum
            hi = "" if maximum is None else maximum
            self.add(field, "out_of_range", min=lo, max=hi)
            return None
        return x

    def boolean(self, data: Mapping[str, object], key: str, path: str) -> bool | None:
        value = data.get(key)
        if value is None or isinstance(value, bool):
            return value
        self.add(_join(path, key), "invalid_type", expected="boolean")
        return None

    def choice(self, value: object, field: str, kind: type[E]) -> E | None:
        if value is None:
            return None
        if isinstance(value, kind):
            return value
        if isinstance(value, str):
            for member in kind:
                if member.value == value:
                    return member
        self.add(field, "invalid_choice", allowed=",".join(m.value for m in kind))
        return None

    def day(self, value: object, field: str) -> date | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
            try:
                # A datetime is accepted and cut to its date as written (no time zone shift).
                return datetime.fromisoformat(value).date()
            except ValueError:
                pass
        self.add(field, "invalid_date")
        return None

    def choices(self, value: object, field: str, kind: type[E]) -> tuple[E, ...]:
        if value is None:
            return ()
        if isinstance(value, str | bytes) or not isinstance(value, Sequence):
            self.add(field, "invalid_type", expected="array")
            return ()
        out: list[E] = []
        for i, item in enumerate(value):
            member = self.choice(item, f"{field}[{i}]", kind)
            if member is not None and member not in out:
                out.append(member)
        return tuple(out)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


_TOP = frozenset(
    {
        "as_of",
        "objectives",
        "audience",
        "capabilities",
        "progress",
        "speed",
        "smo_sma_mix",
        "deadline",
        "means",
        "organisation",
    }
)
_OBJECTIVES = frozenset({"primary", "secondary"})
_MEANS = frozenset(
    {"currency", "budget_monthly", "hours_per_month", "in_house", "agency", "limit_means"}
)
_IN_HOUSE = frozenset({"hourly", "annual_salary", "load_factor", "productive_hours_per_year"})
_AGENCY = frozenset({"hourly", "retainer_monthly"})
_ORGANISATION = frozenset(
    {
        "current_mode",
        "months_in_mode",
        "results",
        "manager_checked",
        "vertical",
        "constraints_liftable",
        "interlocutor",
        "agreed_months",
    }
)


def parse_profile(data: Mapping[str, object]) -> Profile:
    """Validate a JSON-shaped mapping into a Profile, or raise ProfileError listing every problem."""
    r = _Reader()
    top = r.obj(data, "", _TOP)

    as_of = r.day(top.get("as_of"), "as_of")
    if top.get("as_of") is None:
        r.add("as_of", "required")

    obj = r.obj(top.get("objectives"), "objectives", _OBJECTIVES)
    if top.get("objectives") is None or obj.get("primary") is None:
        r.add("objectives.primary", "required")
    primary = r.choice(obj.get("primary"), "objectives.primary", ObjectiveKind)
    secondary = r.choices(obj.get("secondary"), "objectives.secondary", ObjectiveKind)

    if top.get("audience") is None:
        r.add("audience", "required")
    audience = r.choice(top.get("audience"), "audience", Audience)
    capabilities = r.choices(top.get("capabilities"), "capabilities", Capability)
    progress = r.number(top, "progress", "", minimum=0.0, maximum=1.0)
    speed = r.choice(top.get("speed"), "speed", Speed) or Speed.STEADY
    mix = r.number(top, "smo_sma_mix", "", minimum=0.0, maximum=1.0)
    deadline = r.day(top.get("deadline"), "deadline")

    means = _parse_means(r, top.get("means"))
    organisation = _parse_organisation(r, top.get("organisation"))

    if r.problems or as_of is None or primary is None or audience is None:
        raise ProfileError(r.problems)
    return Profile(
        as_of=as_of,
        objectives=Objectives(primary, secondary),
        audience=audience,
        # Canonical order, so equal answers give equal profiles.
        capabilities=tuple(c for c in Capability if c in capabilities),
        progress=progress,
        speed=speed,
        smo_sma_mix=mix,
        deadline=deadline,
        means=means,
        organisation=organisation,
    )


def _parse_means(r: _Reader, raw: object) -> Means:
    m = r.obj(raw, "means", _MEANS)
    currency = m.get("currency", "EUR")
    if not isinstance(currency, str) or not _CURRENCY.match(currency):
        r.add("means.currency", "invalid_currency")
        currency = "EUR"
    budget = r.number(m, "budget_monthly", "means", maximum=MAX_MONEY)
    hours = r.number(m, "hours_per_month", "means", positive=True)
    if hours is not None and hours > MAX_HOURS_PER_MONTH:
        r.add("means.hours_per_month", "too_many_hours", max=MAX_HOURS_PER_MONTH)
        hours = None

    ih = r.obj(m.get("in_house"), "means.in_house", _IN_HOUSE)
    # A cost, when given, is a price paid: strictly positive (a €0 wage is a missing answer).
    ih_hourly = r.number(ih, "hourly", "means.in_house", positive=True, maximum=MAX_MONEY)
    salary = r.number(ih, "annual_salary", "means.in_house", positive=True, maximum=MAX_MONEY)
    if ih_hourly is not None and salary is not None:
        r.add("means.in_house", "one_of", fields="hourly,annual_salary")
    lo, hi = LOAD_FACTOR_RANGE
    load = r.number(ih, "load_factor", "means.in_house", minimum=lo, maximum=hi)
    productive = r.number(ih, "productive_hours_per_year", "means.in_house", positive=True)
    if productive is not None and productive > MAX_HOURS_PER_YEAR:
        r.add("means.in_house.productive_hours_per_year", "too_many_hours", max=MAX_HOURS_PER_YEAR)
        productive = None
    defaults = InHouseCost()

    ag = r.obj(m.get("agency"), "means.agency", _AGENCY)
    ag_hourly = r.number(ag, "hourly", "means.agency", positive=True, maximum=MAX_MONEY)
    retainer = r.number(ag, "retainer_monthly", "means.agency", positive=True, maximum=MAX_MONEY)
    if ag_hourly is not None and retainer is not None:
        r.add("means.agency", "one_of", fields="hourly,retainer_monthly")

    limit = r.boolean(m, "limit_means", "means") or False
    if limit:
        # "Vous mettez en comparaison le salaire horaire de l'employé et le coût horaire du
        # prestataire": the comparison needs both hourly costs.
        if ih.get("hourly") is None and ih.get("annual_salary") is None:
            r.add("means.in_house", "required", because="limit_means")
        if ag.get("hourly") is None and ag.get("retainer_monthly") is None:
            r.add("means.agency", "required", because="limit_means")
        elif ag.get("hourly") is None and m.get("hours_per_month") is None:
            r.add("means.hours_per_month", "required", because="limit_means")

    return Means(
        currency=currency,
        budget_monthly=budget,
        hours_per_month=hours,
        in_house=InHouseCost(
            hourly=ih_hourly,
            annual_salary=salary,
            load_factor=defaults.load_factor if load is None else load,
            productive_hours_per_year=(
                defaults.productive_hours_per_year if productive is None else productive
            ),
        ),
        agency=AgencyCost(hourly=ag_hourly, retainer_monthly=retainer),
        limit_means=limit,
    )


def _parse_organisation(r: _Reader, raw: object) -> Organisation:
    o = r.obj(raw, "organisation", _ORGANISATION)
    path = "organisation"
    mode = r.choice(o.get("current_mode"), f"{path}.current_mode", Mode) or Mode.NONE
    months = r.number(o, "months_in_mode", path) or 0.0
    results = r.choice(o.get("results"), f"{path}.results", Results) or Results.UNKNOWN
    return Organisation(
        current_mode=mode,
        months_in_mode=months,
        results=results,
        manager_checked=r.boolean(o, "manager_checked", path) or False,
        vertical=r.boolean(o, "vertical", path) or False,
        constraints_liftable=r.boolean(o, "constraints_liftable", path),
        interlocutor=r.boolean(o, "interlocutor", path),
        agreed_months=r.number(
            o,
            "agreed_months",
            path,
            minimum=AGREED_MONTHS_RANGE[0],
            maximum=AGREED_MONTHS_RANGE[1],
        ),
    )


# ---------------------------------------------------------------- to dicts


def _drop_none(d: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in d.items() if v is not None}


def profile_to_dict(profile: Profile) -> dict[str, object]:
    """The JSON-able form of a profile; parse_profile(profile_to_dict(p)) == p."""
    p = profile
    m = p.means
    o = p.organisation
    return _drop_none(
        {
            "as_of": p.as_of.isoformat(),
            "objectives": {
                "primary": p.objectives.primary.value,
                "secondary": [k.value for k in p.objectives.secondary],
            },
            "audience": p.audience.value,
            "capabilities": [c.value for c in p.capabilities],
            "progress": p.progress,
            "speed": p.speed.value,
            "smo_sma_mix": p.smo_sma_mix,
            "deadline": None if p.deadline is None else p.deadline.isoformat(),
            "means": _drop_none(
                {
                    "currency": m.currency,
                    "budget_monthly": m.budget_monthly,
                    "hours_per_month": m.hours_per_month,
                    "in_house": _drop_none(
                        {
                            "hourly": m.in_house.hourly,
                            "annual_salary": m.in_house.annual_salary,
                            "load_factor": m.in_house.load_factor,
                            "productive_hours_per_year": m.in_house.productive_hours_per_year,
                        }
                    ),
                    "agency": _drop_none(
                        {"hourly": m.agency.hourly, "retainer_monthly": m.agency.retainer_monthly}
                    ),
                    "limit_means": m.limit_means,
                }
            ),
            "organisation": _drop_none(
                {
                    "current_mode": o.current_mode.value,
                    "months_in_mode": o.months_in_mode,
                    "results": o.results.value,
                    "manager_checked": o.manager_checked,
                    "vertical": o.vertical,
                    "constraints_liftable": o.constraints_liftable,
                    "interlocutor": o.interlocutor,
                    "agreed_months": o.agreed_months,
                }
            ),
        }
    )


def params_to_dict(params: Params) -> dict[str, object]:
    """Parameters as a JSON object."""
    return dict(params)


def problem_to_dict(problem: Problem) -> dict[str, object]:
    """A validation problem as JSON."""
    return {"field": problem.field, "code": problem.code, "params": params_to_dict(problem.params)}
