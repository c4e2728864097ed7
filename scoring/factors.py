"""The weighted sum: six named factors, each a score in [-1, 1] of some facts.

S = Σ wₖ·sₖ, wₖ the `Weights` field of the factor's name; > 0 favours the agency.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import NamedTuple

from scoring.facts import NOT_CONVINCING, Facts, period_over
from scoring.model import YEAR_MONTHS, Audience, Mode, Results
from scoring.weights import (
    AUDIENCE_BONUS,
    CAPABILITIES_FOR_FULL_SCORE,
    DEADLINE_SCORES,
    DEADLINE_SOON_MONTHS,
    DEADLINE_YEAR_MONTHS,
    DEFAULT_WEIGHTS,
    OBJECTIVE_SCORE,
    TRACK_AGENCY_CONVINCING,
    TRACK_AGENCY_NOT_CONVINCING,
    TRACK_AGENCY_PERIOD_OVER_MIXED,
    TRACK_HYBRID_YEAR_CHECKED,
    TRACK_HYBRID_YEAR_UNCHECKED,
    TRACK_IN_HOUSE_CONVINCING,
    TRACK_IN_HOUSE_EARLY_CONVINCING,
    TRACK_IN_HOUSE_MIXED,
    TRACK_YEAR_CHECKED,
    TRACK_YEAR_UNCHECKED,
    UNKNOWN_PROGRESS,
    Weights,
)


class PerFactor(NamedTuple):
    """One number per factor, by name (scores, weights or weighted values), in FACTORS order."""

    audience_capabilities: float
    acceleration: float
    track_record: float
    cost: float
    deadline: float
    objective_type: float


def score_audience(f: Facts, _: Weights) -> float:
    """Commercial capabilities and audience: −1 for a restricted audience with no need."""
    if f.n_caps == 0 and f.audience is Audience.RESTRICTED:
        return -1.0
    return min(1.0, f.n_caps / CAPABILITIES_FOR_FULL_SCORE + AUDIENCE_BONUS[f.audience])


def score_acceleration(f: Facts, _: Weights) -> float:
    """The speed wanted, the more so the further from the objective."""
    progress = UNKNOWN_PROGRESS if f.progress is None else f.progress
    return f.speed_level * (0.5 + 0.5 * (1.0 - progress))


def score_track_record(f: Facts, _: Weights) -> float:
    """What the current mode has achieved, and for how long (the article's year)."""
    mode, results = f.mode, f.results
    year = f.months >= YEAR_MONTHS
    if mode is Mode.IN_HOUSE:
        if results is Results.CONVINCING:
            return TRACK_IN_HOUSE_CONVINCING if year else TRACK_IN_HOUSE_EARLY_CONVINCING
        if not year:
            return 0.0
        if results in NOT_CONVINCING:
            return TRACK_YEAR_CHECKED if f.manager_checked else TRACK_YEAR_UNCHECKED
        return TRACK_IN_HOUSE_MIXED if results is Results.MIXED else 0.0
    if mode is Mode.AGENCY:
        if results is Results.CONVINCING:
            return TRACK_AGENCY_CONVINCING
        if results in NOT_CONVINCING:
            return TRACK_AGENCY_NOT_CONVINCING
        return (
            TRACK_AGENCY_PERIOD_OVER_MIXED if results is Results.MIXED and period_over(f) else 0.0
        )
    # A hybrid is judged at the end of its agreed period, or after the year at the latest.
    if mode is Mode.HYBRID and (year or period_over(f)) and results in NOT_CONVINCING:
        return TRACK_HYBRID_YEAR_CHECKED if f.manager_checked else TRACK_HYBRID_YEAR_UNCHECKED
    return 0.0


def score_cost(f: Facts, w: Weights) -> float:
    """Relative gap of the loaded hourly costs, ±1 at `w.cost_scale`; 0 when one is unknown."""
    ih, ag = f.ih_hourly, f.ag_hourly
    if ih is None or ag is None:
        return 0.0
    top = max(ih, ag)
    if top <= 0.0:
        return 0.0
    return max(-1.0, min(1.0, (ih - ag) / top / w.cost_scale))


def score_deadline(f: Facts, _: Weights) -> float:
    """A set period suits an agency: the sooner the deadline, the more."""
    months = f.deadline_months
    if months is None:
        return 0.0
    if months < 0.0:
        # A passed deadline says the goal is late, not that an agency's set period fits it:
        # it scores nothing until a new deadline is set (action set_new_deadline).
        return 0.0
    if months <= DEADLINE_SOON_MONTHS:
        return DEADLINE_SCORES[0]
    if months <= DEADLINE_YEAR_MONTHS:
        return DEADLINE_SCORES[1]
    return DEADLINE_SCORES[2]


def score_objective(f: Facts, _: Weights) -> float:
    """A small prior of the primary objective."""
    return OBJECTIVE_SCORE[f.primary]


@dataclass(frozen=True, slots=True)
class Factor:
    """A factor of the weighted sum: its name (also its weight's), what it reads, its score."""

    name: str
    index: int  # its place in PerFactor
    reads: frozenset[str]  # the Facts fields its score depends on
    score: Callable[[Facts, Weights], float]
    known: Callable[[Facts], bool] | None  # its inputs were given (None: always)


FACTORS = (
    Factor(
        "audience_capabilities",
        0,
        frozenset({"n_caps", "audience"}),
        score_audience,
        None,
    ),
    Factor(
        "acceleration",
        1,
        frozenset({"speed_level", "progress"}),
        score_acceleration,
        lambda f: f.speed_level == 0.0 or f.progress is not None,
    ),
    Factor(
        "track_record",
        2,
        frozenset({"mode", "months", "results", "manager_checked", "agreed_months"}),
        score_track_record,
        lambda f: f.mode is Mode.NONE or f.results is not Results.UNKNOWN,
    ),
    Factor(
        "cost",
        3,
        frozenset({"ih_hourly", "ag_hourly"}),
        score_cost,
        lambda f: f.ih_hourly is not None and f.ag_hourly is not None,
    ),
    Factor("deadline", 4, frozenset({"deadline_months"}), score_deadline, None),
    Factor("objective_type", 5, frozenset({"primary"}), score_objective, None),
)
FACTOR_NAMES = tuple(factor.name for factor in FACTORS)
assert PerFactor._fields == FACTOR_NAMES
assert all(factor.index == i for i, factor in enumerate(FACTORS))
assert set(FACTOR_NAMES) <= {field.name for field in fields(Weights)}

_SCORES = tuple(factor.score for factor in FACTORS)
_KNOWN = tuple(factor.known for factor in FACTORS)


def scores(f: Facts, w: Weights) -> PerFactor:
    """Every factor's score."""
    return tuple.__new__(PerFactor, [score(f, w) for score in _SCORES])


def _weights_of(w: Weights) -> PerFactor:
    return tuple.__new__(PerFactor, [getattr(w, name) for name in FACTOR_NAMES])


_DEFAULT_WEIGHTS = _weights_of(DEFAULT_WEIGHTS)


def weights_of(w: Weights) -> PerFactor:
    """Every factor's weight."""
    return _DEFAULT_WEIGHTS if w is DEFAULT_WEIGHTS else _weights_of(w)


def weighted_sum(values: tuple[float, ...], weights: tuple[float, ...]) -> float:
    """Σ wₖ·sₖ, added term by term in factor order (as `recommend` adds the contributions)."""
    total = 0.0
    for s, wk in zip(values, weights, strict=True):
        total += wk * s
    return total


def known(f: Facts) -> tuple[bool, ...]:
    """Whether each factor's inputs were given."""
    return tuple([known is None or known(f) for known in _KNOWN])
