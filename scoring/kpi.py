"""KPI pacing, status, forecast and the "results convincing?" verdict (pure; time is an argument).

Progress is measured as a fraction of the way from baseline to target, so one formula serves
increasing and decreasing KPIs. Bracketed numbers are the sources of decision-model.md.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from scoring.model import DAYS_PER_MONTH, YEAR_MONTHS, Mode

# Linear pacing: 0% expected on day one, 100% on the last day (Ally.io [36]); Planview calls it
# "a good enough approximation" [38].
# Status thresholds on actual/expected progress: Amoeboids/UpRaise defaults [34].
ON_TRACK_RATIO = 0.95
AT_RISK_RATIO = 0.75
# Aspirational goals are expected to land near 0.7, committed ones at 1.0 (Google [42][43]).
ASPIRATIONAL_FACTOR = 0.7
# "Too early" before 10% of the period or with fewer than 2 check-ins: decision-model §4.4 [P].
TOO_EARLY_ELAPSED = 0.10
MIN_POINTS_FOR_STATUS = 2
# A forecast needs more observations than the 2 parameters of a line (Hyndman, FPP2 §12.7 [44]).
MIN_POINTS_FOR_FORECAST = 3
# Forecast confidence by number of check-ins: low < 6 ≤ medium < 12 ≤ high (decision-model §4.4).
FORECAST_MEDIUM_POINTS = 6
FORECAST_HIGH_POINTS = 12
# An 80% interval wider than half the goal downgrades the forecast confidence one level (§4.4).
WIDE_INTERVAL = 0.5
# No check-in for more than 45 days makes a KPI stale (leemu [34g]).
STALE_DAYS = 45

# Two-sided 80% prediction interval → the 0.90 quantile of Student's t, by degrees of freedom.
_T90 = (
    3.078, 1.886, 1.638, 1.533, 1.476, 1.440, 1.415, 1.397, 1.383, 1.372,
    1.363, 1.356, 1.350, 1.345, 1.341, 1.337, 1.333, 1.330, 1.328, 1.325,
    1.323, 1.321, 1.319, 1.318, 1.316, 1.315, 1.314, 1.313, 1.311, 1.310,
)  # fmt: skip
_T90_40, _T90_60, _T90_120, _Z90 = 1.303, 1.296, 1.289, 1.2816


def _t90(df: int) -> float:
    if df <= 30:
        return _T90[df - 1]
    if df <= 40:
        return _T90_40
    if df <= 60:
        return _T90_60
    if df <= 120:
        return _T90_120
    return _Z90


class Direction(enum.Enum):
    INCREASE = "increase"
    DECREASE = "decrease"


class KpiStatus(enum.Enum):
    TOO_EARLY = "too_early"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"


class ForecastConfidence(enum.Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class ResultsVerdict(enum.Enum):
    CONVINCING = "convincing"
    MIXED = "mixed"
    NOT_CONVINCING = "not_convincing"
    UNKNOWN = "unknown"


_SEVERITY = {
    KpiStatus.OFF_TRACK: 3,
    KpiStatus.AT_RISK: 2,
    KpiStatus.ON_TRACK: 1,
    KpiStatus.TOO_EARLY: 0,
}


def _day(d: date) -> date:
    return d.date() if isinstance(d, datetime) else d


@dataclass(frozen=True, slots=True)
class KpiSpec:
    """A KPI: from `baseline` at `start` to `target` by `deadline` (dates; datetimes cut to days)."""

    direction: Direction
    baseline: float
    target: float
    start: date
    deadline: date
    name: str = ""
    weight: float = 1.0  # share in the objective's roll-up
    aspirational: bool = False  # a stretch goal: thresholds × 0.7

    def __post_init__(self) -> None:
        if not (math.isfinite(self.baseline) and math.isfinite(self.target)):
            raise ValueError("baseline and target must be finite")
        if _day(self.deadline) <= _day(self.start):
            raise ValueError("deadline must be after start")
        rising = self.target > self.baseline
        if self.target == self.baseline or rising != (self.direction is Direction.INCREASE):
            raise ValueError("target must lie in the KPI's direction from the baseline")
        if not (self.weight >= 0 and math.isfinite(self.weight)):
            raise ValueError("weight must be a non-negative number")

    def progress(self, value: float) -> float:
        """Fraction of the way from baseline to target (may be < 0 or > 1)."""
        return (value - self.baseline) / (self.target - self.baseline)


@dataclass(frozen=True, slots=True)
class CheckInPoint:
    at: date
    value: float


@dataclass(frozen=True, slots=True)
class Forecast:
    """OLS line through the check-ins, read at the deadline, with an 80% prediction interval."""

    value: float
    low: float
    high: float
    attainment: float  # forecast progress at the deadline (1.0 = target)
    attainment_low: float
    attainment_high: float
    slope_low: float  # 80% lower bound of the slope, in progress per whole period
    confidence: ForecastConfidence
    points: int


@dataclass(frozen=True, slots=True)
class KpiAssessment:
    name: str
    as_of: date
    elapsed: float  # share of the period gone, 0..1
    expected: float  # linear pacing: the progress expected by now
    actual: float | None  # progress at the latest check-in, None without one
    actual_value: float | None
    pace_ratio: float | None  # actual / expected
    status: KpiStatus
    forecast: Forecast | None
    points: int  # check-ins up to as_of
    stale: bool
    achieved: bool
    aspirational: bool
    weight: float


def _ratio_status(ratio: float, k: float) -> KpiStatus:
    if ratio >= ON_TRACK_RATIO * k:
        return KpiStatus.ON_TRACK
    if ratio >= AT_RISK_RATIO * k:
        return KpiStatus.AT_RISK
    return KpiStatus.OFF_TRACK


def _forecast(spec: KpiSpec, xs: list[float], ys: list[float], horizon: float) -> Forecast | None:
    n = len(xs)
    if n < MIN_POINTS_FOR_FORECAST:
        return None
    mx = sum(xs) / n
    my = sum(ys) / n
    sxx = 0.0
    sxy = 0.0
    for x, y in zip(xs, ys, strict=True):
        dx = x - mx
        sxx += dx * dx
        sxy += dx * (y - my)
    if sxx <= 0.0:  # every check-in on the same day: no trend to read
        return None
    b = sxy / sxx
    a = my - b * mx
    sse = 0.0
    for x, y in zip(xs, ys, strict=True):
        r = y - a - b * x
        sse += r * r
    df = n - 2
    s = math.sqrt(sse / df)
    t = _t90(df)
    fit = a + b * horizon
    half = t * s * math.sqrt(1.0 + 1.0 / n + (horizon - mx) ** 2 / sxx)
    slope_low = b - t * s / math.sqrt(sxx)
    if n >= FORECAST_HIGH_POINTS:
        level = 2
    elif n >= FORECAST_MEDIUM_POINTS:
        level = 1
    else:
        level = 0
    if 2 * half > WIDE_INTERVAL:
        level = max(0, level - 1)
    span = spec.target - spec.baseline
    return Forecast(
        value=spec.baseline + fit * span,
        low=spec.baseline + (fit - half) * span
        if span > 0
        else spec.baseline + (fit + half) * span,
        high=spec.baseline + (fit + half) * span
        if span > 0
        else spec.baseline + (fit - half) * span,
        attainment=fit,
        attainment_low=fit - half,
        attainment_high=fit + half,
        slope_low=slope_low,
        confidence=(ForecastConfidence.LOW, ForecastConfidence.MEDIUM, ForecastConfidence.HIGH)[
            level
        ],
        points=n,
    )


def assess_kpi(spec: KpiSpec, points: Sequence[CheckInPoint], as_of: date) -> KpiAssessment:
    """Pace, status and forecast of one KPI as of a day; later check-ins are ignored."""
    today = _day(as_of)
    start = _day(spec.start)
    total_days = (_day(spec.deadline) - start).days
    elapsed = min(1.0, max(0.0, (today - start).days / total_days))
    # Check-ins up to as_of, in date order (stable for equal dates: the later entry wins).
    usable = sorted(
        ((_day(pt.at), i, pt.value) for i, pt in enumerate(points) if _day(pt.at) <= today),
    )
    n = len(usable)
    span = spec.target - spec.baseline
    xs = [float((d - start).days) / total_days for d, _, _ in usable]
    ys = [(v - spec.baseline) / span for _, _, v in usable]
    actual = ys[-1] if n else None
    actual_value = usable[-1][2] if n else None
    k = ASPIRATIONAL_FACTOR if spec.aspirational else 1.0
    achieved = actual is not None and actual >= 1.0
    ratio = None
    if actual is not None and elapsed > 0.0:
        ratio = actual / elapsed
    if achieved:
        status = KpiStatus.ON_TRACK
    elif n < MIN_POINTS_FOR_STATUS or elapsed < TOO_EARLY_ELAPSED or ratio is None:
        status = KpiStatus.TOO_EARLY
    else:
        status = _ratio_status(ratio, k)
    last = usable[-1][0] if n else start
    stale = (today - last).days > STALE_DAYS
    return KpiAssessment(
        name=spec.name,
        as_of=today,
        elapsed=elapsed,
        expected=elapsed,
        actual=actual,
        actual_value=actual_value,
        pace_ratio=ratio,
        status=status,
        forecast=_forecast(spec, xs, ys, 1.0),
        points=n,
        stale=stale,
        achieved=achieved,
        aspirational=spec.aspirational,
        weight=spec.weight,
    )


@dataclass(frozen=True, slots=True)
class Rollup:
    """An objective's progress: weighted mean of its KPIs (Ally, BOJA [36][34e]) and the worst KPI."""

    progress: float | None
    expected: float
    pace_ratio: float | None
    status: KpiStatus
    worst: str | None  # name of the KPI in the worst state
    worst_index: int | None


def rollup(assessments: Sequence[KpiAssessment]) -> Rollup:
    """Roll KPI assessments up to their objective."""
    known = [a for a in assessments if a.actual is not None and a.weight > 0]
    wsum = sum(a.weight for a in known)
    all_w = sum(a.weight for a in assessments if a.weight > 0)
    expected = (
        sum(a.expected * a.weight for a in assessments if a.weight > 0) / all_w if all_w else 0.0
    )
    progress = sum((a.actual or 0.0) * a.weight for a in known) / wsum if wsum else None
    ratio = progress / expected if progress is not None and expected > 0 else None
    informative = [a for a in assessments if a.status is not KpiStatus.TOO_EARLY]
    if not informative or ratio is None:
        status = KpiStatus.TOO_EARLY
    else:
        k = ASPIRATIONAL_FACTOR if all(a.aspirational for a in informative) else 1.0
        status = (
            KpiStatus.ON_TRACK
            if progress is not None and progress >= 1
            else _ratio_status(ratio, k)
        )
    worst_index = None
    for i, a in enumerate(assessments):
        if worst_index is None:
            worst_index = i
            continue
        w = assessments[worst_index]
        key = (_SEVERITY[a.status], -(a.pace_ratio if a.pace_ratio is not None else math.inf))
        wkey = (_SEVERITY[w.status], -(w.pace_ratio if w.pace_ratio is not None else math.inf))
        if key > wkey:
            worst_index = i
    return Rollup(
        progress=progress,
        expected=expected,
        pace_ratio=ratio,
        status=status,
        worst=None if worst_index is None else assessments[worst_index].name,
        worst_index=worst_index,
    )


def judged_after(mode: Mode, agreed_months: float | None) -> float:
    """Months in a mode after which a KPI still off track means results that do not convince:
    an agency's agreed period ("sur une durée déterminée"), a hybrid's within the year, else
    the article's year in-house."""
    if agreed_months is None or agreed_months <= 0:
        return YEAR_MONTHS
    if mode is Mode.AGENCY:
        return agreed_months
    return min(agreed_months, YEAR_MONTHS) if mode is Mode.HYBRID else YEAR_MONTHS


def kpi_results(
    a: KpiAssessment, months_observed: float, judged_after: float = YEAR_MONTHS
) -> ResultsVerdict:
    """One KPI's verdict, decision-model §4.5: the article's "résultats probants", judged
    once `judged_after` months have passed in the mode."""
    k = ASPIRATIONAL_FACTOR if a.aspirational else 1.0
    f = a.forecast
    if a.achieved:
        return ResultsVerdict.CONVINCING
    if a.status is KpiStatus.TOO_EARLY or a.pace_ratio is None:
        return ResultsVerdict.UNKNOWN
    # A forecast convinces only when even its 80% lower bound reaches the threshold and the KPI
    # is current (not stale) and not off track now: a line through old points is no result.
    forecast_convinces = (
        f is not None
        and not a.stale
        and a.status is not KpiStatus.OFF_TRACK
        and f.attainment_low >= ON_TRACK_RATIO * k
    )
    if a.pace_ratio >= ON_TRACK_RATIO * k or forecast_convinces:
        return ResultsVerdict.CONVINCING
    if (
        months_observed >= judged_after
        and a.pace_ratio < AT_RISK_RATIO * k
        and (f is None or f.attainment < AT_RISK_RATIO * k or f.slope_low <= 0.0)
    ):
        return ResultsVerdict.NOT_CONVINCING
    return ResultsVerdict.MIXED


def results_verdict(
    assessments: Sequence[KpiAssessment],
    *,
    months_observed: float,
    judged_after: float = YEAR_MONTHS,
) -> ResultsVerdict:
    """Whether the results over the period in the current mode convince, across the KPIs.

    All known KPIs convincing → convincing; all not convincing → not convincing; some of each
    or in between → mixed; nothing measurable yet → unknown.
    """
    verdicts = [
        kpi_results(a, months_observed, judged_after)
        for a in assessments
        if a.weight > 0 or len(assessments) == 1
    ]
    known = [v for v in verdicts if v is not ResultsVerdict.UNKNOWN]
    if not known:
        return ResultsVerdict.UNKNOWN
    if all(v is ResultsVerdict.CONVINCING for v in known):
        return ResultsVerdict.CONVINCING
    if all(v is ResultsVerdict.NOT_CONVINCING for v in known):
        return ResultsVerdict.NOT_CONVINCING
    return ResultsVerdict.MIXED


def months_between(start: date, end: date) -> float:
    """Months (of 30.44 days) from start to end, never negative."""
    return max(0.0, (_day(end) - _day(start)).days / DAYS_PER_MONTH)
