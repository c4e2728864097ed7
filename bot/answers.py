"""An assessment's answers as the wizard collects them: typed, with "don't know" kept apart from
"not answered" (which the scoring `Profile` alone cannot tell).

The JSON form (`to_json` / `from_json`) is the scoring profile's shape without `as_of`: it travels
in the wizard's `private_metadata`, is kept in drafts and stored on the assessment. A yes/no
question answered "don't know" is `null`; one never answered is absent.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final, TypeVar

from scoring.model import Audience, Capability, Mode, ObjectiveKind, Results, Speed

E = TypeVar("E", bound=enum.Enum)
_CURRENCY: Final = re.compile(r"^[A-Z]{3}$")
DEFAULT_CURRENCY: Final = "EUR"


class YesNo(enum.StrEnum):
    """An answer to a yes / no question where "don't know" is an answer too."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"

    @property
    def as_bool(self) -> bool | None:
        """True, False, or None for "don't know"."""
        return {YesNo.YES: True, YesNo.NO: False}.get(self)

    @classmethod
    def of(cls, value: bool | None) -> YesNo:
        """The answer a stored True / False / None (don't know) stands for."""
        return {True: cls.YES, False: cls.NO}.get(value, cls.UNKNOWN)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Goals:
    """Objectives, audience, skills needed, progress, speed and deadline."""

    primary: ObjectiveKind
    audience: Audience
    secondary: tuple[ObjectiveKind, ...] = ()
    capabilities: tuple[Capability, ...] = ()
    speed: Speed = Speed.STEADY
    progress: float | None = None  # 0..1 toward the primary objective
    smo_sma_mix: float | None = None  # share of paid (SMA) in the mix, 0..1
    deadline: date | None = None


@dataclass(frozen=True)
class InHouse:
    """What the in-house option costs: an hourly wage or a salary, and the employer's load."""

    hourly: float | None = None
    annual_salary: float | None = None
    load_factor: float | None = None
    productive_hours_per_year: float | None = None  # not asked; kept from a profile given as JSON


@dataclass(frozen=True)
class Agency:
    """What the agency charges: by the hour or a monthly retainer."""

    hourly: float | None = None
    retainer_monthly: float | None = None


@dataclass(frozen=True)
class Means:
    """Budget, hours needed, both options' costs, and whether the cheapest means decide."""

    currency: str = DEFAULT_CURRENCY
    limit_means: bool = False
    budget_monthly: float | None = None
    hours_per_month: float | None = None
    in_house: InHouse = field(default_factory=InHouse)
    agency: Agency = field(default_factory=Agency)


@dataclass(frozen=True)
class Organisation:
    """Today's mode and its results, the manager, the organisation, the interlocutor."""

    current_mode: Mode
    months_in_mode: float | None = None
    agreed_months: float | None = None  # an agency's or a hybrid's agreed period
    results: Results | None = None
    # None: never answered; YesNo.UNKNOWN: answered "don't know".
    manager_checked: YesNo | None = None
    vertical: YesNo | None = None
    constraints_liftable: YesNo | None = None
    interlocutor: YesNo | None = None


@dataclass(frozen=True)
class Answers:
    """The wizard's answers so far: each part is None until its step is submitted."""

    goals: Goals | None = None
    means: Means | None = None
    organisation: Organisation | None = None

    def to_json(self) -> dict[str, Any]:
        """The JSON form (the profile's shape without `as_of`)."""
        out: dict[str, Any] = {}
        if self.goals is not None:
            out |= _goals_json(self.goals)
        if self.means is not None:
            out["means"] = _means_json(self.means)
        if self.organisation is not None:
            out["organisation"] = _organisation_json(self.organisation)
        return out

    def profile_json(self, as_of: date) -> dict[str, Any]:
        """What `scoring.parse_profile` reads: these answers on the day `as_of`."""
        return {**self.to_json(), "as_of": as_of.isoformat()}

    @classmethod
    def from_json(cls, data: object) -> Answers:
        """Read `to_json`'s output back; ValueError for anything it could not have written."""
        top = _obj(data, "answers")
        means, organisation = top.pop("means", None), top.pop("organisation", None)
        goals = _goals_of(top) if top else None
        return cls(
            goals=goals,
            means=None if means is None else _means_of(_obj(means, "means")),
            organisation=(
                None
                if organisation is None
                else _organisation_of(_obj(organisation, "organisation"))
            ),
        )


# ---------------------------------------------------------------- to JSON


def _present(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def _goals_json(g: Goals) -> dict[str, Any]:
    return {
        "objectives": {"primary": g.primary.value, "secondary": [k.value for k in g.secondary]},
        "audience": g.audience.value,
        "capabilities": [c.value for c in g.capabilities],
        "speed": g.speed.value,
    } | _present(
        progress=g.progress,
        smo_sma_mix=g.smo_sma_mix,
        deadline=None if g.deadline is None else g.deadline.isoformat(),
    )


def _means_json(m: Means) -> dict[str, Any]:
    in_house = _present(
        hourly=m.in_house.hourly,
        annual_salary=m.in_house.annual_salary,
        load_factor=m.in_house.load_factor,
        productive_hours_per_year=m.in_house.productive_hours_per_year,
    )
    agency = _present(hourly=m.agency.hourly, retainer_monthly=m.agency.retainer_monthly)
    return {"currency": m.currency, "limit_means": m.limit_means} | _present(
        budget_monthly=m.budget_monthly,
        hours_per_month=m.hours_per_month,
        in_house=in_house or None,
        agency=agency or None,
    )


def _organisation_json(o: Organisation) -> dict[str, Any]:
    out: dict[str, Any] = {"current_mode": o.current_mode.value} | _present(
        months_in_mode=o.months_in_mode,
        agreed_months=o.agreed_months,
        results=None if o.results is None else o.results.value,
    )
    for name in _YES_NO_FIELDS:
        answer: YesNo | None = getattr(o, name)
        if answer is not None:
            out[name] = answer.as_bool
    return out


# ---------------------------------------------------------------- from JSON

_YES_NO_FIELDS: Final = ("manager_checked", "vertical", "constraints_liftable", "interlocutor")
_GOALS_KEYS: Final = frozenset(
    {"objectives", "audience", "capabilities", "speed", "progress", "smo_sma_mix", "deadline"}
)


def _obj(data: object, what: str) -> dict[str, Any]:
    if not isinstance(data, Mapping):
        raise ValueError(f"{what} must be an object")
    return {str(k): v for k, v in data.items()}


def _only(data: Mapping[str, Any], allowed: frozenset[str], what: str) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"{what} has unexpected fields {sorted(unknown)}")


def _enum(kind: type[E], value: object, what: str) -> E:
    for member in kind:
        if member.value == value:
            return member
    raise ValueError(f"{what}: not a {kind.__name__}: {value!r}")


def _enums(kind: type[E], value: object, what: str) -> tuple[E, ...]:
    if not isinstance(value, list):
        raise ValueError(f"{what} must be a list")
    chosen = {_enum(kind, v, what) for v in value}
    return tuple(m for m in kind if m in chosen)  # canonical order, no duplicates


def _number(value: object, what: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what} must be a number")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{what} must be finite")
    return number


def _optional(value: object, read: Callable[[object], Any]) -> Any:
    return None if value is None else read(value)


def _goals_of(top: dict[str, Any]) -> Goals:
    _only(top, _GOALS_KEYS, "answers")
    objectives = _obj(top.get("objectives"), "objectives")
    _only(objectives, frozenset({"primary", "secondary"}), "objectives")
    deadline = top.get("deadline")
    if deadline is not None and not isinstance(deadline, str):
        raise ValueError("deadline must be an ISO date")
    return Goals(
        primary=_enum(ObjectiveKind, objectives.get("primary"), "objectives.primary"),
        secondary=_enums(ObjectiveKind, objectives.get("secondary", []), "objectives.secondary"),
        audience=_enum(Audience, top.get("audience"), "audience"),
        capabilities=_enums(Capability, top.get("capabilities", []), "capabilities"),
        speed=_enum(Speed, top.get("speed", Speed.STEADY.value), "speed"),
        progress=_number(top.get("progress"), "progress"),
        smo_sma_mix=_number(top.get("smo_sma_mix"), "smo_sma_mix"),
        deadline=None if deadline is None else date.fromisoformat(deadline),
    )


def _means_of(m: dict[str, Any]) -> Means:
    _only(
        m,
        frozenset(
            {"currency", "limit_means", "budget_monthly", "hours_per_month", "in_house", "agency"}
        ),
        "means",
    )
    currency = m.get("currency", DEFAULT_CURRENCY)
    if not isinstance(currency, str) or not _CURRENCY.match(currency):
        raise ValueError(f"means.currency: not a currency code: {currency!r}")
    limit = m.get("limit_means", False)
    if not isinstance(limit, bool):
        raise ValueError("means.limit_means must be a boolean")
    in_house = _obj(m.get("in_house") or {}, "means.in_house")
    _only(
        in_house,
        frozenset({"hourly", "annual_salary", "load_factor", "productive_hours_per_year"}),
        "means.in_house",
    )
    agency = _obj(m.get("agency") or {}, "means.agency")
    _only(agency, frozenset({"hourly", "retainer_monthly"}), "means.agency")
    return Means(
        currency=currency,
        limit_means=limit,
        budget_monthly=_number(m.get("budget_monthly"), "means.budget_monthly"),
        hours_per_month=_number(m.get("hours_per_month"), "means.hours_per_month"),
        in_house=InHouse(
            hourly=_number(in_house.get("hourly"), "means.in_house.hourly"),
            annual_salary=_number(in_house.get("annual_salary"), "means.in_house.annual_salary"),
            load_factor=_number(in_house.get("load_factor"), "means.in_house.load_factor"),
            productive_hours_per_year=_number(
                in_house.get("productive_hours_per_year"), "means.in_house.productive_hours"
            ),
        ),
        agency=Agency(
            hourly=_number(agency.get("hourly"), "means.agency.hourly"),
            retainer_monthly=_number(agency.get("retainer_monthly"), "means.agency.retainer"),
        ),
    )


def _yes_no(o: dict[str, Any], name: str) -> YesNo | None:
    if name not in o:
        return None  # never answered
    value = o[name]
    if value is not None and not isinstance(value, bool):
        raise ValueError(f"organisation.{name} must be true, false or null")
    return YesNo.of(value)


def _organisation_of(o: dict[str, Any]) -> Organisation:
    _only(
        o,
        frozenset({"current_mode", "months_in_mode", "agreed_months", "results", *_YES_NO_FIELDS}),
        "organisation",
    )
    return Organisation(
        current_mode=_enum(Mode, o.get("current_mode"), "organisation.current_mode"),
        months_in_mode=_number(o.get("months_in_mode"), "organisation.months_in_mode"),
        agreed_months=_number(o.get("agreed_months"), "organisation.agreed_months"),
        results=_optional(o.get("results"), lambda v: _enum(Results, v, "organisation.results")),
        manager_checked=_yes_no(o, "manager_checked"),
        vertical=_yes_no(o, "vertical"),
        constraints_liftable=_yes_no(o, "constraints_liftable"),
        interlocutor=_yes_no(o, "interlocutor"),
    )
