"""KPI pacing, status, forecast, roll-up and the results verdict."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from scoring.kpi import (
    CheckInPoint,
    Direction,
    ForecastConfidence,
    KpiSpec,
    KpiStatus,
    ResultsVerdict,
    assess_kpi,
    kpi_results,
    results_verdict,
    rollup,
)

START = date(2024, 1, 1)
DEADLINE = date(2025, 1, 1)  # 366 days


def spec(direction: Direction = Direction.INCREASE, **kw: object) -> KpiSpec:
    baseline, target = (0.0, 100.0) if direction is Direction.INCREASE else (100.0, 40.0)
    return KpiSpec(direction, baseline, target, START, DEADLINE, **kw)  # type: ignore[arg-type]


def linear(s: KpiSpec, pace: float, weeks: int, noise: float = 0.0) -> list[CheckInPoint]:
    span = s.target - s.baseline
    total = (s.deadline - s.start).days
    out = []
    for w in range(1, weeks + 1):
        d = s.start + timedelta(days=7 * w)
        wobble = noise * (1 if w % 2 else -1)
        out.append(CheckInPoint(d, s.baseline + span * pace * (d - s.start).days / total + wobble))
    return out


def test_expected_progress_is_linear_between_start_and_deadline() -> None:
    a = assess_kpi(spec(), [], date(2024, 7, 1))
    assert a.expected == pytest.approx(182 / 366)
    assert a.status is KpiStatus.TOO_EARLY and a.forecast is None


@pytest.mark.parametrize(
    "pace, status",
    [
        pytest.param(1.0, KpiStatus.ON_TRACK, id="on-pace"),
        pytest.param(0.85, KpiStatus.AT_RISK, id="fifteen-percent-behind"),
        pytest.param(0.5, KpiStatus.OFF_TRACK, id="half-pace"),
    ],
)
@pytest.mark.parametrize("direction", [Direction.INCREASE, Direction.DECREASE])
def test_status_follows_the_pace_ratio_in_both_directions(
    pace: float, status: KpiStatus, direction: Direction
) -> None:
    s = spec(direction)
    points = linear(s, pace, 26)
    a = assess_kpi(s, points, points[-1].at)
    assert a.pace_ratio == pytest.approx(pace)
    assert a.status is status


def test_too_early_before_ten_percent_of_the_period_or_two_check_ins() -> None:
    s = spec()
    assert assess_kpi(s, linear(s, 1.0, 4), date(2024, 1, 29)).status is KpiStatus.TOO_EARLY
    assert assess_kpi(s, linear(s, 1.0, 20)[-1:], date(2024, 6, 1)).status is KpiStatus.TOO_EARLY


def test_check_ins_after_as_of_are_ignored_and_datetimes_count_as_days() -> None:
    s = spec()
    points = linear(s, 1.0, 30)
    cut = date(2024, 3, 31)
    a = assess_kpi(s, [*points, CheckInPoint(datetime(2024, 3, 30, 23, 0), 90.0)], cut)
    assert a.actual_value == 90.0
    assert a.points == sum(1 for p in points if p.at <= cut) + 1


def test_the_forecast_reads_the_trend_at_the_deadline_with_an_interval() -> None:
    s = spec()
    points = linear(s, 0.8, 30, noise=1.0)
    a = assess_kpi(s, points, points[-1].at)
    assert a.forecast is not None
    f = a.forecast
    assert f.low < f.value < f.high
    assert f.attainment == pytest.approx(0.8, abs=0.02)
    assert f.confidence is ForecastConfidence.HIGH
    two = assess_kpi(s, points[:2], points[1].at)
    assert two.forecast is None  # a line needs more points than parameters


def test_rollup_weights_kpis_and_names_the_worst() -> None:
    good, bad = spec(name="followers"), spec(name="leads", weight=3.0)
    at = date(2024, 7, 1)
    a = assess_kpi(good, linear(good, 1.0, 26), at)
    b = assess_kpi(bad, linear(bad, 0.4, 26), at)
    r = rollup([a, b])
    assert r.worst == "leads" and r.worst_index == 1
    assert r.progress == pytest.approx((a.actual * 1 + b.actual * 3) / 4)  # type: ignore[operator]
    assert r.status is KpiStatus.OFF_TRACK


@pytest.mark.parametrize(
    "pace, months, expected",
    [
        pytest.param(1.0, 12, ResultsVerdict.CONVINCING, id="on-pace-convinces"),
        pytest.param(0.3, 12, ResultsVerdict.NOT_CONVINCING, id="a-year-far-behind-does-not"),
        pytest.param(0.3, 6, ResultsVerdict.MIXED, id="far-behind-but-under-a-year"),
        pytest.param(0.85, 12, ResultsVerdict.MIXED, id="a-little-behind"),
    ],
)
def test_a_year_of_check_ins_becomes_the_articles_convincing_or_not(
    pace: float, months: float, expected: ResultsVerdict
) -> None:
    s = spec()
    points = linear(s, pace, 52, noise=0.5)
    a = assess_kpi(s, points, points[-1].at)
    assert results_verdict([a], months_observed=months) is expected


def test_aspirational_goals_are_judged_against_seventy_percent() -> None:
    s = spec(aspirational=True)
    points = linear(s, 0.7, 40)
    a = assess_kpi(s, points, points[-1].at)
    assert a.status is KpiStatus.ON_TRACK
    assert results_verdict([a], months_observed=12) is ResultsVerdict.CONVINCING


def test_no_measurable_kpi_gives_unknown() -> None:
    a = assess_kpi(spec(), [], date(2024, 2, 1))
    assert results_verdict([a], months_observed=14) is ResultsVerdict.UNKNOWN


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"baseline": 10.0, "target": 5.0}, id="target-against-direction"),
        pytest.param({"deadline": START}, id="deadline-not-after-start"),
    ],
)
def test_an_inconsistent_spec_is_refused(kwargs: dict[str, object]) -> None:
    base: dict[str, object] = {
        "direction": Direction.INCREASE,
        "baseline": 0.0,
        "target": 10.0,
        "start": START,
        "deadline": DEADLINE,
    }
    with pytest.raises(ValueError):
        KpiSpec(**{**base, **kwargs})  # type: ignore[arg-type]


def test_a_stale_off_track_kpi_does_not_convince_through_its_forecast() -> None:
    s = KpiSpec(Direction.INCREASE, 0.0, 100.0, date(2024, 1, 1), date(2024, 12, 31))
    points = [
        CheckInPoint(date(2024, 3, 1), 10.0),
        CheckInPoint(date(2024, 4, 1), 20.0),
        CheckInPoint(date(2024, 5, 1), 30.0),
    ]
    a = assess_kpi(s, points, date(2024, 12, 31))
    assert a.stale and a.status is KpiStatus.OFF_TRACK
    assert a.forecast is not None and a.forecast.attainment >= 0.95  # the old line says yes
    assert kpi_results(a, months_observed=12.0) is not ResultsVerdict.CONVINCING
    assert results_verdict([a], months_observed=12.0) is not ResultsVerdict.CONVINCING


def test_a_forecast_convinces_only_when_its_lower_bound_reaches_the_threshold() -> None:
    s = KpiSpec(Direction.INCREASE, 0.0, 100.0, date(2024, 1, 1), date(2024, 12, 31))
    # At 85% of the expected pace now, noisy: the line reaches the target, its lower bound not.
    noisy = [
        CheckInPoint(date(2024, 1, 1) + timedelta(days=30 * i), v)
        for i, v in enumerate([2.0, 20.0, 14.0, 40.0, 28.0, 55.0, 50.0], start=1)
    ]
    a = assess_kpi(s, noisy, date(2024, 8, 1))
    assert a.status is KpiStatus.AT_RISK and not a.stale
    assert a.forecast is not None
    assert a.forecast.attainment >= 0.95 > a.forecast.attainment_low
    assert kpi_results(a, months_observed=7.0) is ResultsVerdict.MIXED
