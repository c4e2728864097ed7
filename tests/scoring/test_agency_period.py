"""An agency (or hybrid) is judged against its own agreed period; an in-house team on the year."""

from __future__ import annotations

import copy
import math
from datetime import date, timedelta

from hypothesis import given, strategies as st

from scoring import (
    CheckInPoint,
    Direction,
    KpiSpec,
    Mode,
    Recommendation,
    ResultsVerdict,
    parse_profile,
    recommend,
    reevaluate,
)
from scoring.catalogue import format_months, text
from scoring.kpi import judged_after
from scoring.model import YEAR_MONTHS

from .factories import AS_OF, make_profile, set_path
from .test_properties import SETTINGS, profile_dicts

DAYS_PER_MONTH = 30.44


def stalled(since: date, as_of: date) -> list[tuple[KpiSpec, list[CheckInPoint]]]:
    """Two KPIs due a year after `since`, checked in weekly and stuck at their baseline."""
    out = []
    for i in range(2):
        spec = KpiSpec(Direction.INCREASE, 100.0, 200.0, since, since + timedelta(days=366))
        days = range(7, (as_of - since).days + 1, 7)
        out.append((spec, [CheckInPoint(since + timedelta(days=d), 100.0 + i) for d in days]))
    return out


def _reevaluated(mode: Mode, months: float, period: float | None) -> ResultsVerdict:
    since = AS_OF - timedelta(days=math.ceil(months * DAYS_PER_MONTH))
    answers: dict[str, object] = {"organisation.current_mode": mode.value}
    if period is not None:
        answers["organisation.agreed_months"] = period
    r = reevaluate(
        make_profile(answers),
        mode=mode,
        mode_since=since,
        kpis=stalled(since, AS_OF),
        previous=None,
        as_of=AS_OF,
    )
    return r.results


@SETTINGS
@given(period=st.integers(2, 24), months=st.integers(2, 30))
def test_stalled_kpis_condemn_an_agency_once_its_agreed_period_is_over(
    period: int, months: int
) -> None:
    verdict = _reevaluated(Mode.AGENCY, months, period)
    if months >= period:
        assert verdict is ResultsVerdict.NOT_CONVINCING
    else:  # still within the period it committed to: not judged yet
        assert verdict is ResultsVerdict.MIXED


@SETTINGS
@given(period=st.integers(2, 24), months=st.integers(2, 30))
def test_a_hybrid_is_judged_at_its_period_or_after_a_year_whichever_comes_first(
    period: int, months: int
) -> None:
    verdict = _reevaluated(Mode.HYBRID, months, period)
    over = months >= min(period, YEAR_MONTHS)
    assert (verdict is ResultsVerdict.NOT_CONVINCING) is over


@SETTINGS
@given(period=st.integers(2, 11), months=st.integers(2, 11))
def test_an_in_house_team_keeps_the_articles_year_whatever_period_is_given(
    period: int, months: int
) -> None:
    assert _reevaluated(Mode.IN_HOUSE, months, period) is ResultsVerdict.MIXED
    assert _reevaluated(Mode.AGENCY, months, None) is ResultsVerdict.MIXED  # no period: a year


def test_judged_after_follows_the_mode() -> None:
    assert judged_after(Mode.AGENCY, 6.0) == 6.0
    assert judged_after(Mode.AGENCY, 18.0) == 18.0  # an agency commits to its own period
    assert judged_after(Mode.HYBRID, 18.0) == YEAR_MONTHS
    assert judged_after(Mode.IN_HOUSE, 6.0) == YEAR_MONTHS
    assert judged_after(Mode.AGENCY, None) == YEAR_MONTHS


def _reason_text(rec: Recommendation, lang: str) -> str:
    c = next(c for c in rec.contributions if c.factor == "track_record")
    return text(c.reason.code, lang, **dict(c.reason.params))


@SETTINGS
@given(
    profile_dicts(),
    st.sampled_from([Mode.AGENCY, Mode.HYBRID]),
    st.integers(1, 24),
    st.integers(0, 30),
    st.sampled_from(["en", "fr"]),
)
def test_the_texts_say_the_period_is_over_with_the_numbers_never_still_open(
    data: dict[str, object], mode: Mode, period: int, months: int, lang: str
) -> None:
    data = copy.deepcopy(data)
    set_path(data, "organisation.current_mode", mode.value)
    set_path(data, "organisation.months_in_mode", months)
    set_path(data, "organisation.agreed_months", period)
    rec = recommend(parse_profile(data))
    c = next(c for c in rec.contributions if c.factor == "track_record")
    shown = _reason_text(rec, lang)
    if c.reason.code.endswith(("_convincing", "_checked", "_unchecked")) and "not" not in (
        c.reason.code
    ):
        return  # convincing results: the period does not matter
    if c.reason.code.startswith("year_not_convincing"):
        return  # the article's year came first (a hybrid)
    assert format_months(period, lang) in shown, shown  # the agreed period, in numbers
    if months >= period:
        assert "period_over" in c.reason.code, c.reason.code
        assert "still open" not in shown and "encore ouverts" not in shown, shown
    else:
        assert "period_over" not in c.reason.code, c.reason.code


@SETTINGS
@given(profile_dicts(), st.integers(1, 24))
def test_a_longer_period_never_judges_an_agency_sooner(
    data: dict[str, object], period: int
) -> None:
    data = copy.deepcopy(data)
    set_path(data, "organisation.current_mode", "agency")
    set_path(data, "organisation.agreed_months", period)
    shorter = recommend(parse_profile(data))
    set_path(data, "organisation.agreed_months", period + 6)
    longer = recommend(parse_profile(data))
    track = {r.factor: r.score for r in shorter.contributions}["track_record"]
    assert {r.factor: r.score for r in longer.contributions}["track_record"] >= track


def test_mixed_results_after_the_period_lean_toward_a_change_not_before() -> None:
    base = {
        "organisation.current_mode": "agency",
        "organisation.results": "mixed",
        "organisation.agreed_months": 6,
    }
    during = recommend(make_profile({**base, "organisation.months_in_mode": 4}))
    after = recommend(make_profile({**base, "organisation.months_in_mode": 7}))
    score = {c.factor: c.score for c in during.contributions}["track_record"]
    assert score == 0.0
    assert {c.factor: c.score for c in after.contributions}["track_record"] < 0.0
    assert after.score < during.score  # further from the agency it has
