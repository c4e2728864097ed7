"""The reason of each factor and of each deciding rule: stable codes and parameters.

The fr/en texts of the codes are in `scoring.catalogue`.
"""

from __future__ import annotations

from collections.abc import Callable

from scoring.factors import FACTOR_NAMES
from scoring.facts import NOT_CONVINCING, Facts, period_over
from scoring.model import YEAR_MONTHS, Mode, Params, Profile, Reason, Results, Verdict
from scoring.rules import RULE_BUDGET, RULE_LIMIT_MEANS, RULE_RESTRICTED, RULE_UPKEEP
from scoring.weights import (
    DEADLINE_SOON_MONTHS,
    DEADLINE_YEAR_MONTHS,
    OBJECTIVE_SCORE,
    POSITIONING,
)


def params(**kwargs: str | int | float) -> Params:
    """Params sorted by name. The reasons and flips built on every evaluation write their
    params as literal tuples already in that order, which saves the sort."""
    return tuple(sorted(kwargs.items()))


def money(x: float) -> float:
    """An amount as shown: to the cent."""
    return round(x, 2)


def reason_audience(p: Profile, f: Facts) -> Reason:
    """The audience and the commercial capabilities asked for."""
    if f.n_caps == 0:
        return Reason(f"audience_{f.audience.value}_no_commercial")
    caps = ",".join(c.value for c in p.capabilities)
    return Reason(
        "commercial_capabilities",
        (("audience", f.audience.value), ("capabilities", caps), ("count", f.n_caps)),
    )


def reason_acceleration(p: Profile, _: Facts) -> Reason:
    """The speed wanted (and the progress, when known)."""
    ps: Params = (("progress", p.progress),) if p.progress is not None else ()
    return Reason(f"speed_{p.speed.value}", ps)


def _year_code(f: Facts) -> str:
    return "year_not_convincing_checked" if f.manager_checked else "year_not_convincing_unchecked"


def reason_track_record(_: Profile, f: Facts) -> Reason:
    """What the current mode has achieved, and for how long."""
    months = round(f.months, 1)
    mode, results = f.mode, f.results
    if mode is Mode.NONE:
        return Reason("no_track_record")
    ps: Params = (("mode", mode.value), ("months", months))
    if mode is Mode.IN_HOUSE:
        if results is Results.CONVINCING:
            return Reason("in_house_convincing", ps)
        if f.months < YEAR_MONTHS:
            return Reason("in_house_under_a_year", ps)
        if results in NOT_CONVINCING:
            return Reason(_year_code(f), ps)
        if results is Results.MIXED:
            return Reason("in_house_mixed", ps)
        return Reason("results_unknown", ps)
    if mode is Mode.AGENCY:
        if results is Results.CONVINCING:
            return Reason("agency_convincing", ps)
        if f.agreed_months is not None:
            return _agency_in_period(f, results)
        if results in NOT_CONVINCING:
            return Reason("agency_not_convincing", ps)
        return Reason("agency_results_open", ps)
    if f.months >= YEAR_MONTHS and results in NOT_CONVINCING:
        return Reason(_year_code(f), ps)
    if f.agreed_months is not None:
        over = period_over(f)
        code = "hybrid_period_over" if over else "hybrid_in_period"
        if over and results in NOT_CONVINCING:
            code = "hybrid_period_over_not_convincing"
        return Reason(code, (*_period_params(f), ("results", results.value)))
    return Reason("hybrid_track_record", (("months", months), ("results", results.value)))


def _period_params(f: Facts) -> Params:
    """The agreed period, the months gone and those left (0 once over), as the texts show them."""
    agreed = f.agreed_months or 0.0
    return (
        ("left", round(max(0.0, agreed - f.months), 1)),
        ("months", round(f.months, 1)),
        ("period", round(agreed, 1)),
    )


def _agency_in_period(f: Facts, results: Results) -> Reason:
    """An agency judged against its agreed period: over, with its results; or how long is left."""
    ps = _period_params(f)
    if period_over(f):
        if results in NOT_CONVINCING:
            return Reason("agency_period_over_not_convincing", ps)
        if results is Results.MIXED:
            return Reason("agency_period_over_mixed", ps)
        return Reason("agency_period_over_unknown", ps)
    if results in NOT_CONVINCING:
        return Reason("agency_not_convincing_in_period", ps)
    return Reason("agency_results_open_in_period", ps)


def reason_cost(p: Profile, f: Facts) -> Reason:
    """Which loaded hourly cost is lower."""
    if f.ih_hourly is None or f.ag_hourly is None:
        return Reason("cost_unknown")
    ps: Params = (
        ("agency_hourly", money(f.ag_hourly)),
        ("currency", p.means.currency),
        ("in_house_hourly", money(f.ih_hourly)),
    )
    if f.ag_hourly < f.ih_hourly:
        return Reason("agency_cheaper", ps)
    if f.ag_hourly > f.ih_hourly:
        return Reason("in_house_cheaper", ps)
    return Reason("same_hourly_cost", ps)


def reason_deadline(p: Profile, f: Facts) -> Reason:
    """How far the deadline is, or that it has passed."""
    if p.deadline is None or f.deadline_months is None:
        return Reason("no_deadline")
    ps: Params = (("deadline", p.deadline.isoformat()), ("months", round(f.deadline_months, 1)))
    if p.deadline < p.as_of:  # a deadline on as_of itself is today, not passed
        return Reason("deadline_passed", ps)
    if f.deadline_months <= DEADLINE_SOON_MONTHS:
        return Reason("deadline_soon", ps)
    if f.deadline_months <= DEADLINE_YEAR_MONTHS:
        return Reason("deadline_within_year", ps)
    return Reason("deadline_far", ps)


def reason_objective(p: Profile, _: Facts) -> Reason:
    """The kind of the primary objective."""
    kind = p.objectives.primary
    if OBJECTIVE_SCORE[kind] > 0:
        code = "objective_commercial" if OBJECTIVE_SCORE[kind] >= 0.5 else "objective_awareness"
    elif kind in POSITIONING:
        code = "objective_positioning"
    else:
        code = "objective_other"
    return Reason(code, (("objective", kind.value),))


FACTOR_REASONS: dict[str, Callable[[Profile, Facts], Reason]] = {
    "audience_capabilities": reason_audience,
    "acceleration": reason_acceleration,
    "track_record": reason_track_record,
    "cost": reason_cost,
    "deadline": reason_deadline,
    "objective_type": reason_objective,
}
assert tuple(FACTOR_REASONS) == FACTOR_NAMES
_REASONS = tuple(FACTOR_REASONS.values())


def factor_reasons(p: Profile, f: Facts) -> tuple[Reason, ...]:
    """Every factor's reason, in factor order."""
    return tuple([reason(p, f) for reason in _REASONS])


# Factor reasons that say again what a fired rule's reason already says.
RESTATED_BY_RULE: dict[str, frozenset[str]] = {
    RULE_RESTRICTED: frozenset({"audience_restricted_no_commercial"}),
    RULE_LIMIT_MEANS: frozenset({"in_house_cheaper", "agency_cheaper"}),
    RULE_UPKEEP: frozenset(
        {f"audience_{a}_no_commercial" for a in ("restricted", "niche", "broad")}
    ),
}


def rule_reason(rule: str, verdict: Verdict, p: Profile, f: Facts) -> Reason:
    """The reason of the rule that decided `verdict`."""
    currency = p.means.currency
    if rule == RULE_LIMIT_MEANS:
        assert f.ih_hourly is not None and f.ag_hourly is not None
        ih = p.means.in_house
        # The comparison is on the loaded cost (what an hour of the employee costs the company,
        # MODEL.md §1); the text shows the wage the article speaks of next to it.
        wage = ih.hourly if ih.hourly is not None else f.ih_hourly / ih.load_factor
        return Reason(
            "rule_limit_means",
            params(
                in_house_hourly=money(f.ih_hourly),
                in_house_wage=money(wage),
                load_factor=ih.load_factor,
                agency_hourly=money(f.ag_hourly),
                currency=currency,
            ),
        )
    if rule == RULE_BUDGET:
        assert f.budget is not None
        cost = f.ih_monthly if verdict is Verdict.IN_HOUSE else f.ag_monthly
        assert cost is not None
        return Reason(
            "rule_budget_single_option",
            params(
                option=verdict.value, cost=money(cost), budget=money(f.budget), currency=currency
            ),
        )
    return Reason(f"rule_{rule}")
