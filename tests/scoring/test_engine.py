"""The article's sentences, as tests of the engine."""

from __future__ import annotations

import math

import pytest

from scoring import Verdict, recommend
from scoring.catalogue import text
from scoring.rules import (
    RULE_BUDGET,
    RULE_HYBRID_POSITIONING,
    RULE_LIMIT_MEANS,
    RULE_RESTRICTED,
    RULE_VERTICAL,
)
from scoring.weights import (
    CAP_MANAGER_UNCHECKED,
    CAP_NO_INTERLOCUTOR,
    CAP_RESTRICTED_YEAR_CONFLICT,
    HY1_MAX_ABS_SCORE,
    MAX_FLIPS,
)

from .factories import make_profile

IN_HOUSE_LEANING = {
    "audience": "restricted",
    "objectives.primary": "financial_comm",
    "means.in_house.hourly": 15,
    "means.agency.hourly": 60,
}


def test_the_neutral_base_profile_is_balanced_and_hybrid() -> None:
    rec = recommend(make_profile())
    assert rec.score == 0.0
    assert rec.verdict is Verdict.HYBRID


def test_a_vertical_organisation_whose_constraints_cannot_be_lifted_must_outsource() -> None:
    changes = {
        **IN_HOUSE_LEANING,
        "organisation.vertical": True,
        "organisation.constraints_liftable": False,
    }
    rec = recommend(make_profile(changes))
    assert rec.verdict is Verdict.AGENCY
    assert rec.rules_fired[0] == RULE_VERTICAL
    assert rec.top_reasons[0].code == "rule_vertical_unliftable"
    assert any(
        f.field == "organisation.constraints_liftable" and f.value is True for f in rec.flips
    )


def test_constraints_that_can_be_lifted_become_an_action_not_a_verdict() -> None:
    rec = recommend(
        make_profile({"organisation.vertical": True, "organisation.constraints_liftable": True})
    )
    assert RULE_VERTICAL not in rec.rules_fired
    assert "lift_constraints" in [a.code for a in rec.actions]


def test_a_restricted_audience_with_no_commercial_need_is_enough_for_in_house() -> None:
    rec = recommend(
        make_profile({"audience": "restricted", "speed": "maximal", "means.agency.hourly": 10})
    )
    assert rec.verdict is Verdict.IN_HOUSE
    assert rec.rules_fired[0] == RULE_RESTRICTED
    assert rec.confidence_label.value == "high"


def test_a_factor_that_restates_the_rule_that_decided_is_not_given_twice_as_a_reason() -> None:
    restricted = recommend(make_profile({"audience": "restricted"}))
    codes = [r.code for r in restricted.top_reasons]
    assert "rule_restricted_no_commercial" in codes
    assert "audience_restricted_no_commercial" not in codes
    limited = recommend(
        make_profile(
            {"means.limit_means": True, "means.in_house.hourly": 20, "means.agency.hourly": 30}
        )
    )
    assert not {"in_house_cheaper", "agency_cheaper"} & {r.code for r in limited.top_reasons}


@pytest.mark.parametrize(
    "in_house_wage, agency_rate, expected",
    [
        pytest.param(20, 30, Verdict.IN_HOUSE, id="cheaper-employee-wins"),
        pytest.param(40, 30, Verdict.AGENCY, id="cheaper-provider-wins"),
    ],
)
def test_limit_means_the_cheaper_hourly_cost_shows_the_way(
    in_house_wage: float, agency_rate: float, expected: Verdict
) -> None:
    changes = {
        "means.limit_means": True,
        "means.in_house.hourly": in_house_wage,
        "means.agency.hourly": agency_rate,
        # Everything else pulls the other way.
        "audience": "broad" if expected is Verdict.IN_HOUSE else "niche",
        "capabilities": ["social_ads", "targeting"] if expected is Verdict.IN_HOUSE else [],
    }
    rec = recommend(make_profile(changes))
    assert rec.verdict is expected
    assert rec.rules_fired[0] == RULE_LIMIT_MEANS


def test_limit_means_compares_the_loaded_hourly_cost_of_a_salary() -> None:
    # 30 000 × 1.42 / 1607 ≈ 26.5 €/h loaded: a 26 €/h agency is cheaper.
    changes = {
        "means.limit_means": True,
        "means.in_house": {"annual_salary": 30000, "load_factor": 1.42},
        "means.agency.hourly": 26,
    }
    assert recommend(make_profile(changes)).verdict is Verdict.AGENCY


STALLED = {
    "organisation.current_mode": "in_house",
    "organisation.months_in_mode": 14,
    "organisation.results": "not_convincing",
}


def test_more_than_a_year_in_house_without_convincing_results_and_a_checked_manager_moves_to_agency() -> (
    None
):
    base = recommend(make_profile())
    rec = recommend(make_profile({**STALLED, "organisation.manager_checked": True}))
    assert rec.score > base.score
    assert rec.verdict.rank >= base.verdict.rank
    assert rec.top_reasons[0].code == "year_not_convincing_checked"
    # With a wish for speed on top, it is the agency.
    fast = recommend(
        make_profile({**STALLED, "organisation.manager_checked": True, "speed": "fast"})
    )
    assert fast.verdict is Verdict.AGENCY


def test_with_the_manager_unchecked_confidence_drops_and_the_check_comes_first() -> None:
    checked = recommend(
        make_profile({**STALLED, "organisation.manager_checked": True, "speed": "fast"})
    )
    unchecked = recommend(
        make_profile({**STALLED, "organisation.manager_checked": False, "speed": "fast"})
    )
    assert unchecked.confidence <= CAP_MANAGER_UNCHECKED < checked.confidence
    assert unchecked.actions[0].code == "check_manager"
    assert unchecked.score < checked.score


def test_less_than_a_year_in_house_is_too_early_to_judge() -> None:
    rec = recommend(make_profile({**STALLED, "organisation.months_in_mode": 6}))
    track = next(c for c in rec.contributions if c.factor == "track_record")
    assert track.value == 0.0
    assert track.reason.code == "in_house_under_a_year"


@pytest.mark.parametrize(
    "capabilities",
    [
        pytest.param(["copywriting"], id="copywriting"),
        pytest.param(["targeting", "retargeting"], id="targeting-and-retargeting"),
        pytest.param(["social_ads", "search_ads", "copywriting"], id="ads-and-copy"),
    ],
)
def test_commercial_intent_needing_copywriting_targeting_or_ads_leans_to_the_agency(
    capabilities: list[str],
) -> None:
    base = recommend(make_profile({"audience": "broad"}))
    rec = recommend(make_profile({"audience": "broad", "capabilities": capabilities}))
    assert rec.score > base.score
    assert rec.verdict.rank >= base.verdict.rank
    if len(capabilities) >= 2:
        assert rec.verdict is Verdict.AGENCY


def test_commercial_intent_beyond_investor_relations_splits_the_work() -> None:
    rec = recommend(
        make_profile(
            {
                "audience": "restricted",
                "objectives.primary": "financial_comm",
                "capabilities": ["targeting", "copywriting"],
            }
        )
    )
    assert rec.verdict is Verdict.HYBRID


@pytest.mark.parametrize(
    "change, factor",
    [
        pytest.param({"speed": "maximal"}, "acceleration", id="maximal-acceleration"),
        pytest.param({"deadline": "2025-07-01"}, "deadline", id="precise-deadline"),
    ],
)
def test_these_lean_to_the_agency(change: dict[str, object], factor: str) -> None:
    base = recommend(make_profile())
    rec = recommend(make_profile(change))
    assert rec.score > base.score
    assert rec.verdict is Verdict.AGENCY
    assert next(c for c in rec.contributions if c.factor == factor).value > 0


def test_a_deadline_already_passed_is_a_fact_not_an_error() -> None:
    rec = recommend(make_profile({"deadline": "2025-01-15"}))
    assert (
        next(c for c in rec.contributions if c.factor == "deadline").reason.code
        == "deadline_passed"
    )
    assert "set_new_deadline" in [a.code for a in rec.actions]


def test_without_an_internal_interlocutor_confidence_is_capped_and_one_is_asked_for() -> None:
    changes = {
        "speed": "maximal",
        "audience": "broad",
        "capabilities": ["social_ads", "targeting", "copywriting"],
    }
    with_one = recommend(make_profile(changes))
    without = recommend(make_profile({**changes, "organisation.interlocutor": False}))
    assert without.verdict is with_one.verdict is Verdict.AGENCY
    assert without.confidence <= CAP_NO_INTERLOCUTOR < with_one.confidence
    assert "name_interlocutor" in [a.code for a in without.actions]


def test_an_option_the_budget_cannot_pay_for_loses_when_the_other_fits() -> None:
    agency_leaning = {
        "speed": "maximal",
        "audience": "broad",
        "capabilities": ["social_ads", "targeting"],
    }
    # 60 h × 50 €/h = 3 000 € for the agency, 60 × 25 = 1 500 € in-house, budget 2 000 €.
    rec = recommend(
        make_profile({**agency_leaning, "means.agency.hourly": 50, "means.budget_monthly": 2000})
    )
    assert rec.verdict is Verdict.IN_HOUSE
    assert rec.rules_fired[0] == RULE_BUDGET
    assert any(f.field == "means.budget_monthly" and f.verdict is Verdict.AGENCY for f in rec.flips)


def test_an_option_over_budget_is_never_recommended_silently() -> None:
    # Both options are over budget: the verdict stands, flagged, with an action and low confidence.
    rec = recommend(make_profile({"speed": "maximal", "means.budget_monthly": 500}))
    assert rec.over_budget
    # Over budget pulls against the verdict: first of what pulls the other way, not a "why".
    assert rec.against[0].code == "over_budget"
    assert "over_budget" not in [r.code for r in rec.top_reasons]
    assert rec.actions[0].code == "raise_budget_or_narrow_scope"
    assert rec.confidence <= 0.5


def test_contributions_add_up_to_the_score_and_costs_are_monthly() -> None:
    rec = recommend(make_profile({"means.budget_monthly": 1400, "smo_sma_mix": 0.25}))
    assert math.isclose(sum(c.value for c in rec.contributions), rec.score, abs_tol=1e-12)
    assert rec.costs.in_house_monthly == rec.costs.agency_monthly == 1500
    assert rec.costs.hybrid_monthly == 1500
    assert rec.costs.within_budget(Verdict.AGENCY) is False


def test_the_agency_price_flip_lands_strictly_past_the_threshold() -> None:
    fast = {"speed": "maximal", "progress": 0.5}
    rec = recommend(make_profile(fast))  # score 0.15: agency by 0.05
    flip = next(f for f in rec.flips if f.field == "means.agency.hourly")
    assert isinstance(flip.value, float) and flip.value > 25
    assert (
        recommend(make_profile({**fast, "means.agency.hourly": flip.value})).verdict is flip.verdict
    )
    just_before = round(flip.value - 0.01, 2)
    assert (
        recommend(make_profile({**fast, "means.agency.hourly": just_before})).verdict
        is Verdict.AGENCY
    )


def test_an_incumbent_verdict_is_kept_inside_the_hysteresis_margin() -> None:
    profile = make_profile({"deadline": "2026-01-15"})  # deadline within a year: S = 0.06
    assert recommend(profile).verdict is Verdict.HYBRID
    fast = make_profile({"speed": "maximal", "progress": 0.9})  # S = 0.11: just past the band
    assert recommend(fast).verdict is Verdict.AGENCY
    held = recommend(fast, incumbent=Verdict.HYBRID)
    assert held.verdict is Verdict.HYBRID
    assert "hysteresis_hold" in held.rules_fired


# ---------------------------------------------------------------- review fixes

ALL_CAPS = ["copywriting", "targeting", "retargeting", "social_ads", "search_ads"]
STALLED_SALES = {
    "objectives.primary": "sales",
    "objectives.secondary": ["community"],
    "audience": "broad",
    "capabilities": ALL_CAPS,
    "speed": "maximal",
    "deadline": "2025-06-01",
    "means.in_house.hourly": 40,
    "means.in_house.load_factor": 1.3,
    "means.agency.hourly": 30,
    "organisation.current_mode": "in_house",
    "organisation.months_in_mode": 24,
    "organisation.results": "not_convincing",
    "organisation.manager_checked": True,
}


def test_a_secondary_positioning_aim_does_not_split_a_clear_commercial_case() -> None:
    rec = recommend(make_profile(STALLED_SALES))
    assert rec.score > HY1_MAX_ABS_SCORE
    assert RULE_HYBRID_POSITIONING not in rec.rules_fired
    assert rec.verdict is Verdict.AGENCY
    assert not [f for f in rec.flips if f.code == "flip_no_capabilities"]


def test_the_positioning_split_never_overrides_a_year_without_results() -> None:
    changes = {**STALLED_SALES, "objectives.primary": "community", "objectives.secondary": []}
    rec = recommend(make_profile(changes))
    assert RULE_HYBRID_POSITIONING not in rec.rules_fired
    assert rec.verdict is Verdict.AGENCY


def test_a_positioning_primary_objective_with_commercial_needs_still_splits_the_work() -> None:
    changes = {
        "objectives.primary": "community",
        "objectives.secondary": ["sales"],
        "capabilities": ALL_CAPS,
        "speed": "maximal",
        "audience": "broad",
        "organisation.current_mode": "in_house",
        "organisation.months_in_mode": 6,
    }
    rec = recommend(make_profile(changes))
    assert rec.rules_fired[0] == RULE_HYBRID_POSITIONING
    assert rec.verdict is Verdict.HYBRID


def test_a_commercial_primary_objective_is_split_only_when_the_score_is_small() -> None:
    changes = {
        "objectives.primary": "sales",
        "objectives.secondary": ["community"],
        "capabilities": ["targeting"],
        "organisation.current_mode": "in_house",
        "organisation.months_in_mode": 6,
    }
    rec = recommend(make_profile(changes))
    assert abs(rec.score) < HY1_MAX_ABS_SCORE
    assert rec.rules_fired[0] == RULE_HYBRID_POSITIONING


BUDGET_SQUEEZE = {
    "objectives.primary": "sales",
    "audience": "broad",
    "capabilities": ["social_ads", "targeting"],
    "speed": "maximal",
    "means.budget_monthly": 2000,
    "means.hours_per_month": 60,
    "means.in_house.hourly": 25,
    "means.in_house.load_factor": 1.3,
    "means.agency.hourly": 50,
}


def test_no_flip_moves_to_a_dearer_option_that_fits_the_budget_less() -> None:
    rec = recommend(make_profile(BUDGET_SQUEEZE))
    assert rec.verdict is Verdict.IN_HOUSE
    codes = {(f.code, f.verdict) for f in rec.flips}
    assert ("flip_budget", Verdict.AGENCY) not in {
        (f.code, f.verdict) for f in rec.flips if f.value != 3000.0
    }
    assert ("flip_in_house_hourly", Verdict.AGENCY) not in codes
    for flip in rec.flips:
        assert flip.value != 1949.99


def test_a_restricted_audience_after_a_year_without_results_stays_in_house_at_medium() -> None:
    changes = {
        "audience": "restricted",
        "objectives.primary": "financial_comm",
        "organisation.current_mode": "in_house",
        "organisation.months_in_mode": 30,
        "organisation.results": "not_convincing",
        "organisation.manager_checked": True,
    }
    rec = recommend(make_profile(changes))
    assert rec.verdict is Verdict.IN_HOUSE
    assert rec.confidence <= CAP_RESTRICTED_YEAR_CONFLICT
    assert rec.confidence_label.value == "medium"
    assert "review_in_house_results" in [a.code for a in rec.actions]


def test_a_vertical_organisation_with_unknown_constraints_hears_what_if_they_cannot_be_lifted() -> (
    None
):
    rec = recommend(make_profile({**IN_HOUSE_LEANING, "organisation.vertical": True}))
    assert rec.verdict is not Verdict.AGENCY
    flips = [f for f in rec.flips if f.field == "organisation.constraints_liftable"]
    assert any(f.value is False and f.verdict is Verdict.AGENCY for f in flips)
    assert flips[0].code in {"flip_constraints_not_liftable", "flip_constraints_liftable"}


def test_unchecking_the_manager_is_never_offered_as_a_flip() -> None:
    changes = {
        "organisation.current_mode": "in_house",
        "organisation.months_in_mode": 14,
        "organisation.results": "not_convincing",
        "organisation.manager_checked": True,
    }
    rec = recommend(make_profile(changes))
    assert rec.verdict is Verdict.AGENCY
    assert not [f for f in rec.flips if f.field == "organisation.manager_checked"]


def test_the_limit_means_reason_shows_the_wage_next_to_the_cost_with_charges() -> None:
    changes = {
        "means.limit_means": True,
        "means.in_house.hourly": 20,
        "means.in_house.load_factor": 1.3,
        "means.agency.hourly": 30,
    }
    reason = recommend(make_profile(changes)).top_reasons[0]
    assert reason.code == "rule_limit_means"
    en = text(reason.code, "en", **dict(reason.params))
    assert "€20/h wage" in en and "€26/h with employer charges (×1.3)" in en
    assert "20\u00a0€/h de salaire" in text(reason.code, "fr", **dict(reason.params))


def test_a_deadline_on_the_assessment_day_is_not_passed() -> None:
    rec = recommend(make_profile({"deadline": "2025-03-01"}))
    deadline = next(c for c in rec.contributions if c.factor == "deadline")
    assert deadline.reason.code == "deadline_soon"
    assert "set_new_deadline" not in [a.code for a in rec.actions]


def test_a_passed_deadline_scores_nothing_and_asks_for_a_new_one() -> None:
    rec = recommend(make_profile({"deadline": "2025-02-28"}))
    deadline = next(c for c in rec.contributions if c.factor == "deadline")
    assert deadline.reason.code == "deadline_passed"
    assert deadline.score == 0.0
    assert "set_new_deadline" in [a.code for a in rec.actions]


def test_equal_hourly_costs_under_limit_means_flip_one_cent_below() -> None:
    rec = recommend(make_profile({"means.limit_means": True}))
    assert rec.verdict is Verdict.IN_HOUSE  # a tie stays in-house
    agency = [f for f in rec.flips if f.field == "means.agency.hourly"]
    assert [f.value for f in agency] == [24.99]


def test_a_retainer_equal_to_the_budget_flips_one_cent_above() -> None:
    changes = {
        "speed": "maximal",
        "audience": "broad",
        "capabilities": ["copywriting", "targeting", "social_ads"],
        "means.agency.hourly": None,
        "means.agency.retainer_monthly": 1500,
        "means.in_house.hourly": 20,
        "means.budget_monthly": 1500,
    }
    rec = recommend(make_profile(changes))
    assert not rec.rules_fired and rec.verdict is Verdict.AGENCY
    retainer = [f for f in rec.flips if f.field == "means.agency.retainer_monthly"]
    assert [(f.value, f.verdict) for f in retainer][0] == (1500.01, Verdict.IN_HOUSE)


def test_every_priced_input_with_a_flip_keeps_one_within_the_cap() -> None:
    # The in-house wage must more than double to flip: its relative distance sorts after
    # seven discrete answers, and the cap of six used to drop it.
    changes = {"audience": "broad", "organisation.vertical": True, "means.agency.hourly": 80}
    rec = recommend(make_profile(changes))
    assert rec.verdict is Verdict.IN_HOUSE
    assert len(rec.flips) == MAX_FLIPS
    assert "means.in_house.hourly" in {f.field for f in rec.flips}


def test_a_salary_and_a_retainer_without_hours_ask_for_the_hours() -> None:
    changes = {
        "means.hours_per_month": None,
        "means.in_house.hourly": None,
        "means.in_house.annual_salary": 40000,
        "means.agency.hourly": None,
        "means.agency.retainer_monthly": 2500,
    }
    codes = [a.code for a in recommend(make_profile(changes)).actions]
    assert "give_hours_per_month" in codes and "give_costs" not in codes
