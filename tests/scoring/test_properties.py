"""Properties of the engine over generated valid profiles (verdicts ordered in_house < hybrid < agency)."""

from __future__ import annotations

import copy
import math
from datetime import date, timedelta

from hypothesis import HealthCheck, example, given, settings, strategies as st

from scoring import (
    Audience,
    Capability,
    Mode,
    ObjectiveKind,
    Recommendation,
    Results,
    Speed,
    Verdict,
    parse_profile,
    profile_to_dict,
    recommend,
    recommendation_to_dict,
)
from scoring.catalogue import TEXTS, explain, text

from .factories import set_path

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
AS_OF = date(2025, 3, 1)

# Costs are strictly positive (a €0 wage is refused as not_positive).
money = st.floats(min_value=0.01, max_value=300.0, allow_nan=False).map(
    lambda x: max(0.01, round(x, 2))
)


@st.composite
def profile_dicts(draw: st.DrawFn) -> dict[str, object]:
    """Valid profile dicts across every factor."""
    kinds = [k.value for k in ObjectiveKind]
    hours = draw(
        st.one_of(st.none(), st.floats(min_value=1, max_value=200).map(lambda x: round(x, 1)))
    )
    in_house: dict[str, object] = {}
    ih_kind = draw(st.sampled_from(["hourly", "salary", "none"]))
    if ih_kind == "hourly":
        in_house["hourly"] = draw(money)
    elif ih_kind == "salary":
        in_house["annual_salary"] = draw(st.integers(1, 90000))
    in_house["load_factor"] = draw(st.sampled_from([1.0, 1.25, 1.3, 1.42]))
    agency: dict[str, object] = {}
    ag_kind = draw(st.sampled_from(["hourly", "retainer", "none"]))
    if ag_kind == "hourly":
        agency["hourly"] = draw(money)
    elif ag_kind == "retainer":
        agency["retainer_monthly"] = draw(st.integers(1, 12000))
    hourly_comparable = ih_kind != "none" and (
        ag_kind == "hourly" or (ag_kind == "retainer" and hours)
    )
    means: dict[str, object] = {
        "currency": draw(st.sampled_from(["EUR", "USD", "XOF"])),
        "in_house": in_house,
        "agency": agency,
        "limit_means": hourly_comparable and draw(st.booleans()),
    }
    if hours is not None:
        means["hours_per_month"] = hours
    budget = draw(st.one_of(st.none(), st.integers(0, 15000)))
    if budget is not None:
        means["budget_monthly"] = budget
    data: dict[str, object] = {
        "as_of": AS_OF.isoformat(),
        "objectives": {
            "primary": draw(st.sampled_from(kinds)),
            "secondary": draw(st.lists(st.sampled_from(kinds), max_size=3)),
        },
        "audience": draw(st.sampled_from([a.value for a in Audience])),
        "capabilities": draw(st.lists(st.sampled_from([c.value for c in Capability]), max_size=5)),
        "speed": draw(st.sampled_from([s.value for s in Speed])),
        "means": means,
        "organisation": {
            "current_mode": draw(st.sampled_from([m.value for m in Mode])),
            "months_in_mode": draw(st.sampled_from([0, 3, 11.5, 12, 14, 30])),
            "results": draw(st.sampled_from([r.value for r in Results])),
            "manager_checked": draw(st.booleans()),
            "vertical": draw(st.booleans()),
            "constraints_liftable": draw(st.sampled_from([None, True, False])),
            "interlocutor": draw(st.sampled_from([None, True, False])),
            "agreed_months": draw(st.sampled_from([None, 3, 6, 12, 18])),
        },
    }
    progress = draw(st.one_of(st.none(), st.floats(0, 1).map(lambda x: round(x, 2))))
    if progress is not None:
        data["progress"] = progress
    mix = draw(st.one_of(st.none(), st.floats(0, 1).map(lambda x: round(x, 2))))
    if mix is not None:
        data["smo_sma_mix"] = mix
    deadline_days = draw(st.one_of(st.none(), st.integers(-200, 900)))
    if deadline_days is not None:
        data["deadline"] = (AS_OF + timedelta(days=deadline_days)).isoformat()
    return data


@SETTINGS
@given(profile_dicts())
def test_a_valid_profile_always_gets_a_consistent_recommendation(data: dict[str, object]) -> None:
    profile = parse_profile(data)
    rec = recommend(profile)
    assert math.isclose(sum(c.value for c in rec.contributions), rec.score, abs_tol=1e-12)
    assert 0.0 <= rec.confidence <= 1.0
    assert all(-1.0 <= c.score <= 1.0 for c in rec.contributions)
    assert recommend(profile) == rec  # same input, same output
    assert recommendation_to_dict(recommend(parse_profile(profile_to_dict(profile)))) == (
        recommendation_to_dict(rec)
    )
    assert parse_profile(profile_to_dict(profile)) == profile


# The factor each flip code moves (flips on rules alone, such as limit means, move none).
FLIP_FACTOR = {
    "flip_audience": "audience_capabilities",
    "flip_no_capabilities": "audience_capabilities",
    "flip_drop_capability": "audience_capabilities",
    "flip_add_capability": "audience_capabilities",
    "flip_speed": "acceleration",
    "flip_progress": "acceleration",
    "flip_results": "track_record",
    "flip_manager_checked": "track_record",
    "flip_months_in_mode": "track_record",
    "flip_agency_hourly": "cost",
    "flip_agency_retainer": "cost",
    "flip_in_house_hourly": "cost",
    "flip_in_house_salary": "cost",
    "flip_deadline": "deadline",
    "flip_no_deadline": "deadline",
    "flip_objective": "objective_type",
}
# A money flip the budget rule decides moves the same cost factor.
FLIP_FACTOR |= {
    f"{code}_{effect}_budget": "cost"
    for code in ("flip_agency_hourly", "flip_agency_retainer", "flip_in_house_hourly")
    + ("flip_in_house_salary",)
    for effect in ("fits", "exceeds")
}


# A monthly cost of a fraction of a cent (0.625): the budget flip is shown to the cent.
_SUB_CENT_COST = {
    "as_of": "2025-03-01",
    "objectives": {"primary": "leads", "secondary": []},
    "audience": "restricted",
    "capabilities": ["copywriting"],
    "speed": "steady",
    "means": {
        "currency": "EUR",
        "in_house": {"hourly": 0.5, "load_factor": 1.25},
        "agency": {"hourly": 1.0},
        "limit_means": False,
        "hours_per_month": 1.0,
        "budget_monthly": 0,
    },
    "organisation": {"current_mode": "none", "months_in_mode": 0, "results": "unknown"},
}


@SETTINGS
@given(profile_dicts())
@example(_SUB_CENT_COST)
def test_applying_any_reported_flip_does_change_the_verdict(data: dict[str, object]) -> None:
    rec = recommend(parse_profile(data))
    assert len(rec.flips) <= 6
    for flip in (*rec.flips, *rec.other_flips):
        assert flip.code != "flip_manager_unchecked"
        # Nobody can go back to unknown results, or to none yet: no lever.
        assert flip.value not in ("unknown", "none_yet") or flip.field != "organisation.results"
        if isinstance(flip.value, float):
            assert flip.value > 0 or flip.field == "means.budget_monthly", flip
        changed = copy.deepcopy(data)
        set_path(changed, flip.field, flip.value)
        after = recommend(parse_profile(changed))
        assert after.verdict is flip.verdict, flip
        assert after.verdict is not rec.verdict, flip
        shown = flip.param("shown")
        if shown is not None:  # the rounded amount the text shows flips the same way
            assert round(float(shown), 2) == shown and shown != 0, flip
            rounded = copy.deepcopy(data)
            set_path(rounded, flip.field, shown)
            assert recommend(parse_profile(rounded)).verdict is flip.verdict, flip
            # ...and lies on the far side of the exact cent, away from the current value.
            current = flip.param("current")
            assert isinstance(current, float | int) and isinstance(flip.value, float)
            assert (shown - flip.value) * (flip.value - current) >= 0, flip
        # Never against the moved factor's own sign.
        factor = FLIP_FACTOR.get(flip.code)
        if factor is not None:
            old = next(c.score for c in rec.contributions if c.factor == factor)
            new = next(c.score for c in after.contributions if c.factor == factor)
            step = after.verdict.rank - rec.verdict.rank
            assert not (new < old - 1e-9 and step > 0), flip
            assert not (new > old + 1e-9 and step < 0), flip
        # Never toward an option that costs more and fits the budget less.
        budget = after.costs.budget_monthly
        new_cost = after.costs.monthly(after.verdict)
        old_cost = after.costs.monthly(rec.verdict)
        if budget is not None and new_cost is not None and old_cost is not None:
            assert not (new_cost > budget + 1e-9 and new_cost > old_cost + 1e-9), flip


def _scaled(data: dict[str, object], side: str, factor: float) -> dict[str, object] | None:
    changed = copy.deepcopy(data)
    means = changed["means"]
    assert isinstance(means, dict)
    costs = means[side]
    for key in ("hourly", "retainer_monthly", "annual_salary"):
        if key in costs:
            costs[key] = round(costs[key] * factor, 2)
            return changed
    return None


@SETTINGS
@given(profile_dicts(), st.floats(min_value=1.01, max_value=5.0))
def test_a_dearer_agency_never_moves_the_verdict_toward_the_agency(
    data: dict[str, object], factor: float
) -> None:
    dearer = _scaled(data, "agency", factor)
    if dearer is not None:
        before = recommend(parse_profile(data)).verdict
        assert recommend(parse_profile(dearer)).verdict.rank <= before.rank


@SETTINGS
@given(profile_dicts(), st.floats(min_value=1.01, max_value=5.0))
def test_a_dearer_in_house_never_moves_the_verdict_toward_in_house(
    data: dict[str, object], factor: float
) -> None:
    dearer = _scaled(data, "in_house", factor)
    if dearer is not None:
        before = recommend(parse_profile(data)).verdict
        assert recommend(parse_profile(dearer)).verdict.rank >= before.rank


@settings(max_examples=100, deadline=None)
@given(profile_dicts(), st.sampled_from(["fr", "en"]))
def test_every_code_in_a_recommendation_has_a_text(data: dict[str, object], lang: str) -> None:
    rec = recommend(parse_profile(data))
    codes = [r.code for r in rec.top_reasons] + [c.reason.code for c in rec.contributions]
    codes += [r.code for r in rec.against] + [a.code for a in rec.actions]
    codes += [f.code for f in (*rec.flips, *rec.other_flips)]
    codes += [f"rule.{r}" for r in rec.rules_fired] + [f"verdict.{v.value}" for v in Verdict]
    assert all(code in TEXTS for code in codes), [c for c in codes if c not in TEXTS]
    assert explain(rec, lang)


def _pulls_toward(value: float, rec: Recommendation) -> bool:
    if rec.verdict is Verdict.AGENCY:
        return value > 0
    if rec.verdict is Verdict.IN_HOUSE:
        return value < 0
    if rec.score >= 0.1:
        return value < 0
    if rec.score <= -0.1:
        return value > 0
    return True


@SETTINGS
@given(profile_dicts(), st.sampled_from([None, *Verdict]))
def test_the_first_reason_shown_always_supports_the_verdict(
    data: dict[str, object], incumbent: Verdict | None
) -> None:
    rec = recommend(parse_profile(data), incumbent=incumbent)
    assert rec.top_reasons, rec
    first = rec.top_reasons[0]
    if rec.rules_fired:  # a verdict a rule decided names that rule first
        assert first.code == f"rule_{rec.rules_fired[0]}", (first, rec.rules_fired)
    elif rec.verdict is Verdict.HYBRID:
        assert first.code == "balanced_score"
    else:
        factor = next(c for c in rec.contributions if c.reason == first)
        assert _pulls_toward(factor.value, rec), (first, factor)
    by_reason = {c.reason: c for c in rec.contributions}
    for reason in rec.top_reasons:
        if reason in by_reason:
            assert _pulls_toward(by_reason[reason].value, rec), reason
    for reason in rec.against:
        if reason in by_reason:
            assert not _pulls_toward(by_reason[reason].value, rec), reason
        else:
            assert reason.code == "over_budget" and rec.against[0] == reason


# Next steps that would contradict each verdict.
CONTRADICTING_STEPS = {
    Verdict.IN_HOUSE: {"assess_constraints", "brief_agency", "split_work", "name_interlocutor"},
    Verdict.HYBRID: {"brief_in_house", "brief_agency", "assess_constraints_in_house"},
    Verdict.AGENCY: {"brief_in_house", "split_work", "review_in_house_results"}
    | {"assess_constraints_in_house"},
}
OWN_STEP = {
    Verdict.IN_HOUSE: "brief_in_house",
    Verdict.HYBRID: "split_work",
    Verdict.AGENCY: "brief_agency",
}


@SETTINGS
@given(profile_dicts())
def test_next_steps_fit_the_verdict(data: dict[str, object]) -> None:
    rec = recommend(parse_profile(data))
    codes = [a.code for a in rec.actions]
    assert OWN_STEP[rec.verdict] in codes
    assert not CONTRADICTING_STEPS[rec.verdict] & set(codes), codes
    if rec.verdict is Verdict.IN_HOUSE:  # no "…if not, outsource" in any step
        for a in rec.actions:
            assert "outsource" not in text(a.code, "en", **dict(a.params)), a
