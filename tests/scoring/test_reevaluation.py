"""Re-evaluation: KPI histories turn into the track record, with hysteresis."""

from __future__ import annotations

from datetime import date

from scoring import (
    CheckInPoint,
    Direction,
    KpiSpec,
    Mode,
    ResultsVerdict,
    Verdict,
    recommend,
    reevaluate,
)

from .factories import make_profile
from .test_kpi import linear

START = date(2024, 1, 1)
AS_OF = date(2025, 2, 1)


def kpis(pace: float) -> list[tuple[KpiSpec, list[CheckInPoint]]]:
    out = []
    for i in range(3):
        s = KpiSpec(Direction.INCREASE, 0.0, 100.0, START, date(2025, 6, 30), name=f"kpi{i}")
        out.append((s, linear(s, pace, 56, noise=0.5)))
    return out


def test_a_year_of_poor_check_ins_in_house_moves_toward_the_agency() -> None:
    profile = make_profile({"speed": "fast", "organisation.manager_checked": True})
    previous = recommend(make_profile({"speed": "fast", "as_of": "2024-01-01"}))
    r = reevaluate(
        profile,
        mode=Mode.IN_HOUSE,
        mode_since=START,
        kpis=kpis(0.3),
        previous=previous,
        as_of=AS_OF,
    )
    assert r.results is ResultsVerdict.NOT_CONVINCING
    assert r.profile.organisation.months_in_mode > 12
    assert r.recommendation.verdict is Verdict.AGENCY
    assert r.changed and r.previous_verdict is Verdict.HYBRID
    codes = [c.code for c in r.changes]
    assert "verdict_changed" in codes and "results_now" in codes


def test_convincing_check_ins_keep_the_team_in_house() -> None:
    profile = make_profile({"organisation.manager_checked": True})
    r = reevaluate(
        profile, mode=Mode.IN_HOUSE, mode_since=START, kpis=kpis(1.0), previous=None, as_of=AS_OF
    )
    assert r.results is ResultsVerdict.CONVINCING
    assert r.recommendation.verdict is Verdict.IN_HOUSE
    assert [c.code for c in r.changes][0] == "first_recommendation"


def test_noise_near_the_threshold_does_not_flip_the_verdict_back_and_forth() -> None:
    # Score 0.11: a fresh verdict would be agency, but the hybrid in force is kept.
    profile = make_profile({"speed": "maximal", "progress": 0.9})
    previous = recommend(make_profile())
    assert previous.verdict is Verdict.HYBRID
    r = reevaluate(
        profile, mode=Mode.HYBRID, mode_since=AS_OF, kpis=[], previous=previous, as_of=AS_OF
    )
    assert r.held and not r.changed
    assert r.recommendation.verdict is Verdict.HYBRID
    assert "held_by_hysteresis" in [c.code for c in r.changes]


def test_without_kpis_the_reported_results_stand_in_the_same_mode() -> None:
    profile = make_profile(
        {"organisation.results": "mixed", "organisation.current_mode": "in_house"}
    )
    r = reevaluate(
        profile, mode=Mode.IN_HOUSE, mode_since=START, kpis=[], previous=None, as_of=AS_OF
    )
    assert r.profile.organisation.results.value == "mixed"
    assert r.results is ResultsVerdict.UNKNOWN


def test_a_new_mode_does_not_inherit_the_old_modes_results() -> None:
    stalled = make_profile(
        {
            "speed": "fast",
            "organisation.current_mode": "in_house",
            "organisation.months_in_mode": 18,
            "organisation.results": "not_convincing",
            "organisation.manager_checked": True,
        }
    )
    first = recommend(stalled)
    assert first.verdict is Verdict.AGENCY
    two_weeks_ago = date(2025, 2, 15)
    r = reevaluate(
        stalled,
        mode=Mode.AGENCY,
        mode_since=two_weeks_ago,
        kpis=[],
        previous=first,
        as_of=AS_OF_SWITCH,
    )
    org = r.profile.organisation
    assert org.current_mode is Mode.AGENCY
    assert org.results.value == "unknown" and org.manager_checked is False
    assert org.months_in_mode < 1
    assert r.recommendation.verdict is Verdict.AGENCY and not r.changed


def test_a_new_mode_takes_its_results_from_its_own_kpis() -> None:
    stalled = make_profile(
        {
            "organisation.current_mode": "in_house",
            "organisation.months_in_mode": 18,
            "organisation.results": "not_convincing",
        }
    )
    r = reevaluate(
        stalled, mode=Mode.AGENCY, mode_since=START, kpis=kpis(1.0), previous=None, as_of=AS_OF
    )
    assert r.profile.organisation.results.value == "convincing"


AS_OF_SWITCH = date(2025, 3, 1)
