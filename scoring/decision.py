"""The decision: hard rules from the article's categorical sentences, then a weighted sum.

Sign convention everywhere: a positive score favours the agency, a negative one in-house.
`recommend` puts together the facts (`scoring.facts`), the factors (`scoring.factors`), the
rules (`scoring.rules`), their reasons (`scoring.reasons`), the costs (`scoring.costs`) and the
flips (`scoring.flips`); confidence and actions are decided here.
"""

from __future__ import annotations

from typing import NamedTuple

from scoring.costs import cost_comparison, hybrid_share
from scoring.factors import FACTOR_NAMES, PerFactor, known, scores, weights_of
from scoring.facts import Facts, facts
from scoring.flips import candidates, shown
from scoring.judge import FlipContext
from scoring.model import (
    Action,
    ConfidenceLabel,
    Contribution,
    CostComparison,
    Flip,
    Mode,
    Profile,
    Reason,
    Recommendation,
    Results,
    Speed,
    Verdict,
)
from scoring.reasons import RESTATED_BY_RULE, factor_reasons, money, params, rule_reason
from scoring.rules import (
    RULE_CONFIDENCE,
    RULE_HYSTERESIS,
    RULE_RESTRICTED,
    RULE_UPKEEP,
    deciding_rule,
    fired,
    pattern_windows,
    rule_answers,
    score_verdict,
    thresholds,
    year_rule,
    year_without_results,
)
from scoring.weights import (
    BASE_BALANCED,
    CAP_LIFTABLE_UNKNOWN,
    CAP_MANAGER_UNCHECKED,
    CAP_NO_INTERLOCUTOR,
    CAP_OVER_BUDGET,
    CAP_RESTRICTED_YEAR_CONFLICT,
    CONFIDENCE_SATURATION,
    DEFAULT_WEIGHTS,
    DISAGREEMENT_PENALTY,
    EPS,
    LABEL_HIGH,
    LABEL_MEDIUM,
    Weights,
)


class _Evaluation(NamedTuple):
    """The verdict of a profile and what it was decided from."""

    f: Facts
    weights: PerFactor
    scores: PerFactor
    values: PerFactor  # weight × score
    total: float
    bounds: tuple[float, float]
    answers: tuple[Verdict | None, ...]  # each categorical rule's (scoring.rules.rule_answers)
    decider: int  # the index of the first that holds, or len(RULES)
    windows: tuple[float, ...]  # each hybrid pattern's (scoring.rules.pattern_windows)
    widest: float
    rules: list[str]  # every rule that holds, the deciding one first (or hysteresis_hold)
    verdict: Verdict
    plain: Verdict  # the band's verdict without the incumbent's hysteresis


def _evaluate(p: Profile, w: Weights, incumbent: Verdict | None) -> _Evaluation:
    f = facts(p)
    wt = weights_of(w)
    sc = scores(f, w)
    values = tuple.__new__(PerFactor, [wk * s for wk, s in zip(wt, sc, strict=True)])
    total = 0.0
    for v in values:
        total += v
    bounds = thresholds(w, incumbent)
    answers = rule_answers(f)
    windows = pattern_windows(f)
    widest = max(windows)
    rules = fired(answers, windows, total)
    decider = deciding_rule(answers)
    fixed = answers[decider] if decider < len(answers) else None
    plain = score_verdict(total, 0.0, (-w.band, w.band))  # the band alone, no hysteresis
    verdict = fixed if fixed is not None else score_verdict(total, widest, bounds)
    if not rules and incumbent is not None and verdict is not plain:
        rules.append(RULE_HYSTERESIS)
    return _Evaluation(
        f, wt, sc, values, total, bounds, answers, decider, windows, widest, rules, verdict, plain
    )


def _context(p: Profile, w: Weights, e: _Evaluation) -> FlipContext:
    share = hybrid_share(p)
    fixed = e.answers[e.decider] if e.decider < len(e.answers) else None
    return FlipContext(
        e.f,
        w,
        e.weights,
        e.bounds,
        e.verdict,
        e.scores,
        e.total,
        share,
        fixed,
        e.decider,
        e.windows,
        e.widest,
    )


def _label(c: float) -> ConfidenceLabel:
    if c >= LABEL_HIGH:
        return ConfidenceLabel.HIGH
    if c >= LABEL_MEDIUM:
        return ConfidenceLabel.MEDIUM
    return ConfidenceLabel.LOW


def _lean_against(verdict: Verdict, total: float, band: float) -> float:
    """How far the weighted sum leans away from a verdict (0 when it agrees)."""
    if verdict is Verdict.IN_HOUSE:
        return max(0.0, total)
    if verdict is Verdict.AGENCY:
        return max(0.0, -total)
    return max(0.0, abs(total) - band)  # hybrid: a lean past the band toward one pure option


def _base_confidence(e: _Evaluation, w: Weights) -> float:
    deciding = e.rules[0] if e.rules else None
    if deciding is not None and deciding in RULE_CONFIDENCE:
        # A rule decides whatever the score; factors leaning the other way make it less sure.
        lean = _lean_against(e.verdict, e.total, w.band)
        return RULE_CONFIDENCE[deciding] * (
            1.0 - DISAGREEMENT_PENALTY * min(1.0, lean / CONFIDENCE_SATURATION)
        )
    if e.verdict is Verdict.HYBRID:
        return BASE_BALANCED
    return 0.5 + 0.5 * min(1.0, abs(e.total) / CONFIDENCE_SATURATION)


def _pulls_toward(value: float, verdict: Verdict, total: float, band: float) -> bool:
    """Whether a factor's term pulls toward the verdict (else it pulls the other way)."""
    if verdict is Verdict.AGENCY:
        return value > 0.0
    if verdict is Verdict.IN_HOUSE:
        return value < 0.0
    # Hybrid: past the band the sum leans to one pure option and what leans with it pulls away
    # from the split; within the band both sides together are why the work is split.
    if total >= band:
        return value < 0.0
    if total <= -band:
        return value > 0.0
    return True


# Each verdict's own next step, first in the list (after check_manager, which the article puts
# before anything else): what to do now that the way is chosen.
_VERDICT_STEP = {
    Verdict.IN_HOUSE: "brief_in_house",
    Verdict.HYBRID: "split_work",
    Verdict.AGENCY: "brief_agency",
}


def _actions(p: Profile, e: _Evaluation, confidence: float) -> tuple[float, list[Action]]:
    """The actions, in order, and the confidence under the caps they come with."""
    f, verdict = e.f, e.verdict
    deciding = e.rules[0] if e.rules else None
    actions: list[Action] = []
    if not f.manager_checked and year_without_results(f):
        # "mis à part l'efficacité du Social Media Manager dont vous devez vous assurer": first.
        confidence = min(confidence, CAP_MANAGER_UNCHECKED)
        actions.append(Action("check_manager", params(months=round(f.months, 1))))
    actions.append(Action(_VERDICT_STEP[verdict]))
    if f.vertical and f.liftable is True:
        actions.append(Action("lift_constraints"))
    elif f.vertical and f.liftable is None:
        confidence = min(confidence, CAP_LIFTABLE_UNKNOWN)
        # "If not, outsource" would contradict an in-house verdict: it only asks the question.
        code = (
            "assess_constraints_in_house" if verdict is Verdict.IN_HOUSE else "assess_constraints"
        )
        actions.append(Action(code))
    if deciding == RULE_RESTRICTED and year_rule(f):
        # H3 keeps the team in-house while the year rule says outsource: not "high".
        confidence = min(confidence, CAP_RESTRICTED_YEAR_CONFLICT)
        actions.append(Action("review_in_house_results", params(months=round(f.months, 1))))
    if p.deadline is not None and p.deadline < p.as_of:
        actions.append(Action("set_new_deadline", params(deadline=p.deadline.isoformat())))
    if verdict is not Verdict.IN_HOUSE and p.organisation.interlocutor is not True:
        if p.organisation.interlocutor is False:
            confidence = min(confidence, CAP_NO_INTERLOCUTOR)
        actions.append(Action("name_interlocutor"))
    if p.speed is Speed.MAXIMAL and p.smo_sma_mix is None:
        # "Il faut souvent attribuer une mission, afin d'évaluer le niveau de combinaison optimal."
        actions.append(Action("commission_mix_mission"))
    if deciding != RULE_UPKEEP and (f.ih_hourly is None or f.ag_hourly is None):
        # Plain community upkeep needs no cost figures ("ça gère"): none is asked for.
        m = p.means
        ih_given = m.in_house.hourly is not None or m.in_house.annual_salary is not None
        if ih_given and m.agency.retainer_monthly is not None and m.hours_per_month is None:
            # Both costs are there; only the hours turn the retainer into an hourly cost.
            actions.append(Action("give_hours_per_month"))
        else:
            actions.append(Action("give_costs"))
    if f.mode in (Mode.IN_HOUSE, Mode.HYBRID, Mode.AGENCY) and f.results is Results.UNKNOWN:
        actions.append(Action("track_kpis"))
    return confidence, actions


def _over_budget(
    costs: CostComparison, verdict: Verdict, against: list[Reason], actions: list[Action]
) -> bool:
    """Flag an option dearer than the budget: its reason first of what pulls the other way, its
    action first, and each option that fits."""
    chosen_cost = costs.monthly(verdict)
    budget = costs.budget_monthly
    if chosen_cost is None or budget is None or chosen_cost <= budget + EPS:
        return False
    currency = costs.currency
    ps = params(
        option=verdict.value,
        cost=money(chosen_cost),
        budget=money(budget),
        gap=money(chosen_cost - budget),
        currency=currency,
    )
    against.insert(0, Reason("over_budget", ps))
    actions.insert(0, Action("raise_budget_or_narrow_scope", ps))
    fits = [
        o
        for o in (Verdict.IN_HOUSE, Verdict.HYBRID, Verdict.AGENCY)
        if (c := costs.monthly(o)) is not None and c <= budget
    ]
    for o in fits:
        c = costs.monthly(o)
        assert c is not None
        cheaper = params(option=o.value, cost=money(c), currency=currency)
        actions.insert(1, Action("cheaper_option_fits", cheaper))
    return True


def recommend(
    profile: Profile, *, weights: Weights = DEFAULT_WEIGHTS, incumbent: Verdict | None = None
) -> Recommendation:
    """Recommend in-house, hybrid or agency for a profile, with reasons, flips and actions.

    `incumbent` (the verdict in force) widens its own region by `weights.hysteresis`.
    """
    p, w = profile, weights
    e = _evaluate(p, w, incumbent)
    f, verdict, rules = e.f, e.verdict, e.rules
    knowns = known(f)
    contributions = tuple(
        [
            Contribution(name, wk, s, v, k, r)
            for name, wk, s, v, k, r in zip(
                FACTOR_NAMES,
                e.weights,
                e.scores,
                e.values,
                knowns,
                factor_reasons(p, f),
                strict=True,
            )
        ]
    )
    costs = cost_comparison(p, f)

    wsum = sum(e.weights)
    completeness = (
        sum([wk for wk, k in zip(e.weights, knowns, strict=True) if k]) / wsum if wsum > 0 else 1.0
    )
    confidence = _base_confidence(e, w) * (0.6 + 0.4 * completeness)

    top: list[Reason] = []
    against: list[Reason] = []
    deciding = rules[0] if rules else None
    if deciding == RULE_HYSTERESIS:
        ps = params(verdict=verdict.value, candidate=e.plain.value)
        top.append(Reason("rule_hysteresis_hold", ps))
    elif deciding is not None:
        top.append(rule_reason(deciding, verdict, p, f))
    elif verdict is Verdict.HYBRID:
        top.append(Reason("balanced_score"))  # the band decided: no factor alone says "split"
    confidence, actions = _actions(p, e, confidence)
    over_budget = _over_budget(costs, verdict, against, actions)
    if over_budget:
        confidence = min(confidence, CAP_OVER_BUDGET)

    ranked = sorted(
        (c for c in contributions if c.value != 0.0), key=lambda c: (-abs(c.value), c.factor)
    )
    # A factor's reason that only restates a rule already given makes room for the next one.
    said = frozenset().union(*[RESTATED_BY_RULE.get(r, frozenset()) for r in rules])
    told = [c for c in ranked if c.reason.code not in said]
    top.extend([c.reason for c in told if _pulls_toward(c.value, verdict, e.total, w.band)][:3])
    against.extend(
        [c.reason for c in told if not _pulls_toward(c.value, verdict, e.total, w.band)][:3]
    )
    confidence = max(0.0, min(1.0, round(confidence, 4)))
    found = candidates(p, _context(p, w, e))
    flips = shown(found)
    kept = set(map(id, flips))

    return Recommendation(
        verdict=verdict,
        confidence=confidence,
        confidence_label=_label(confidence),
        score=e.total,
        contributions=contributions,
        rules_fired=tuple(rules),
        top_reasons=tuple(top),
        against=tuple(against),
        flips=flips,
        other_flips=tuple([flip for _, flip in found if id(flip) not in kept]),
        actions=tuple(actions),
        costs=costs,
        over_budget=over_budget,
        as_of=p.as_of,
    )


def flip_candidates(
    profile: Profile, *, weights: Weights = DEFAULT_WEIGHTS, incumbent: Verdict | None = None
) -> tuple[Flip, ...]:
    """Every flip the search finds for a profile, nearest first, before the display caps."""
    e = _evaluate(profile, weights, incumbent)
    return tuple(flip for _, flip in candidates(profile, _context(profile, weights, e)))


def flip_context(
    profile: Profile, *, weights: Weights = DEFAULT_WEIGHTS, incumbent: Verdict | None = None
) -> FlipContext:
    """The context the flip search judges a profile's candidates in (for tests)."""
    return _context(profile, weights, _evaluate(profile, weights, incumbent))
