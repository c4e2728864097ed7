"""Flips of the continuous answers (prices, budget, progress), solved in closed form.

Each breakpoint is a value at which a rule's or the band's answer may change; the nearest cent
(or 0.01 of progress) strictly past it is then judged like any candidate (`FlipContext.judge`),
so a breakpoint only proposes a value and never decides a verdict.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from scoring.facts import Facts, agency_costs, in_house_costs
from scoring.judge import (
    AGENCY_PRICE,
    AXIS,
    BUDGET,
    IN_HOUSE_PRICE,
    PROGRESS,
    Change,
    FlipContext,
)
from scoring.model import Flip, Params, Profile, Verdict
from scoring.reasons import money, params
from scoring.rules import RULE_BUDGET, RULES, deciding_rule, first_reader, rule_answers
from scoring.weights import EPS, MAX_MONEY, UNKNOWN_PROGRESS

# A flip's ("verdict", value) param for each verdict on AXIS: no Enum `.value` call per flip.
VERDICT_PARAMS = tuple([("verdict", v.value) for v in AXIS])
# The money facts: a price or the budget changes only these.
_MONEY_READER = first_reader(frozenset({*AGENCY_PRICE.names, *IN_HOUSE_PRICE.names, *BUDGET.names}))
# Progress moves the acceleration score only (progress_flips relies on it).
assert not PROGRESS.rules and not PROGRESS.patterns


def _budget_decides(f: Facts) -> bool:
    """Whether the budget rule (B1) is the one that decides on these facts."""
    i = deciding_rule(rule_answers(f))
    return i < len(RULES) and RULES[i].code == RULE_BUDGET


def round_past(x: float, upward: bool) -> float:
    """The nearest cent strictly past x in the given direction."""
    cents = x * 100.0
    return (math.floor(cents + EPS) + 1) / 100.0 if upward else (math.ceil(cents - EPS) - 1) / 100.0


def ceil_cent(x: float) -> float:
    """x to the cent at or above it: a budget of this much still covers a cost of x."""
    return math.ceil(x * 100.0 - EPS) / 100.0


def _round_steps(x: float) -> tuple[float, ...]:
    """Steps a person rounds an amount to, coarsest first: the largest 1, 2 or 5 × 10ⁿ within
    2.5% of it (€100/h → €2, €4,800 → €100), then ten times finer (never under a unit)."""
    target = x / 40.0
    if target < 1.0:
        return (1.0,) if x >= 1.0 else ()
    base = 10.0 ** math.floor(math.log10(target))
    coarse = next(m * base for m in (5.0, 2.0, 1.0) if m * base <= target)
    return (coarse, coarse / 10.0) if coarse >= 10.0 else (coarse,)


def lever_value(x: float, upward: bool, flips: Callable[[float], bool]) -> float:
    """x rounded away from the current value to a step a person decides on, when the rounded
    amount still flips the same way (`flips`); else x, the exact cent."""
    for step in _round_steps(x):
        n = math.ceil(x / step - EPS) if upward else math.floor(x / step + EPS)
        r = round(n * step, 2)
        if r == x:
            return x
        if 0.0 < r <= MAX_MONEY and flips(r):
            return r
    return x


def _flip_money(
    ctx: FlipContext,
    code: str,
    field: str,
    price: Change,
    current: float,
    breakpoints: list[float],
    facts_at: Callable[[float], Facts],
    currency: str,
    own: Verdict,
) -> list[tuple[float, Flip]]:
    """Nearest money value strictly past a breakpoint, in each direction, that flips the verdict.

    A breakpoint equal to the current value (a tie, an exact match) counts in both directions:
    the flip is then one cent away. Costs stay strictly positive. `own` is the option whose
    price this is: a flip the budget rule decides says whether that option then fits or exceeds.
    """
    found: list[tuple[float, Flip]] = []
    for upward in (True, False):
        if upward:
            side = [b for b in breakpoints if b >= current - EPS]
        else:
            side = [b for b in breakpoints if b <= current + EPS]
        if len(side) > 1:
            side.sort(key=lambda b: abs(b - current))
        for bp in side:
            # A breakpoint computed in floats may need one or two more cents.
            x = round_past(bp, upward)
            v = None
            tries = 3
            while 0.0 < x <= MAX_MONEY:
                # A flip that is no lever comes back as the verdict in force: no further cent.
                v = ctx.judge(facts_at(x), price, not_a_lever=ctx.verdict)
                tries -= 1
                if v is not None or tries == 0:
                    break
                x = round_past(x, upward)
            if v is None or v is ctx.verdict:
                continue
            budget_decides = _budget_decides(facts_at(x))

            def flips(y: float, v: Verdict = v, through: bool = budget_decides) -> bool:
                f2 = facts_at(y)
                return ctx.judge(f2, price) is v and _budget_decides(f2) == through

            shown = lever_value(x, upward, flips)
            ps: Params = (
                ("currency", currency),
                ("current", money(current)),
                ("shown", shown),
                ("value", x),
                VERDICT_PARAMS[AXIS.index(v)],
            )
            flip_code = code
            if budget_decides:
                assert ctx.f.budget is not None
                flip_code += "_fits_budget" if v is own else "_exceeds_budget"
                ps = (("budget", money(ctx.f.budget)), *ps)
            flip = Flip(flip_code, field, x, v, ps)
            found.append((abs(x - current) / max(abs(current), 1.0), flip))
            break
    return found


def _agency_facts_at(p: Profile, f: Facts) -> Callable[[float], Facts]:
    """Facts as a function of the agency price, in the unit the user gave it."""
    by_retainer = p.means.agency.retainer_monthly is not None
    hours = p.means.hours_per_month

    def at(x: float) -> Facts:
        if by_retainer:
            ag_h, ag_m = agency_costs(None, x, hours)
        else:
            ag_h, ag_m = agency_costs(x, None, hours)
        return AGENCY_PRICE.apply2(f, ag_h, ag_m)

    return at


def _in_house_facts_at(p: Profile, f: Facts) -> Callable[[float], Facts]:
    """Facts as a function of the in-house cost, as the wage or the salary the user gave."""
    m = p.means
    ih = m.in_house
    by_hour = ih.hourly is not None
    load, productive, hours = ih.load_factor, ih.productive_hours_per_year, m.hours_per_month

    def at(x: float) -> Facts:
        if by_hour:
            ih_h, ih_m = in_house_costs(x, None, load, productive, hours)
        else:
            ih_h, ih_m = in_house_costs(None, x, load, productive, hours)
        return IN_HOUSE_PRICE.apply2(f, ih_h, ih_m)

    return at


def _cost_target_hourly(ih: float, s_target: float, scale: float) -> float | None:
    """Agency hourly rate at which the cost score equals s_target (inverse of score_cost)."""
    r = s_target * scale
    if r >= 1.0 or r <= -1.0:
        return None
    if r >= 0.0:
        return ih * (1.0 - r)
    return ih / (1.0 + r)


def money_flips(p: Profile, ctx: FlipContext) -> list[tuple[float, Flip]]:
    """(distance, flip) for the agency price, the in-house cost and the budget."""
    f, w = ctx.f, ctx.w
    m = p.means
    hours = m.hours_per_month
    out: list[tuple[float, Flip]] = []
    if ctx.decided_before(_MONEY_READER):
        return []  # a rule that reads no cost decides (H1, H3): no price changes the verdict
    s_cost = ctx.scores.cost
    # Cost-score targets: the costs at which the sum crosses a band edge or a pattern's bound.
    band_reachable = w.cost > 0 and not ctx.pattern_fixed
    targets = (
        [s_cost + (t - ctx.total) / w.cost for t in ctx.score_targets()] if band_reachable else []
    )

    # Agency price, in the unit the user gave it.
    if m.agency.hourly is not None or m.agency.retainer_monthly is not None:
        retainer = m.agency.retainer_monthly is not None
        current = m.agency.retainer_monthly if retainer else m.agency.hourly
        assert current is not None
        # Input units per agency hourly unit (a retainer covers the month's hours).
        per_hour = (hours or 0.0) if retainer else 1.0
        bps: list[float] = []
        if f.ih_hourly is not None and per_hour > 0.0:
            for t in targets:
                h = _cost_target_hourly(f.ih_hourly, t, w.cost_scale)
                if h is not None:
                    bps.append(h * per_hour)
            if f.limit_means:
                bps.append(f.ih_hourly * per_hour)  # M1's equality
        if f.budget is not None:  # B1: the agency's month on the budget
            bps.append(f.budget if retainer else (f.budget / hours if hours else -1.0))
        field = "means.agency.retainer_monthly" if retainer else "means.agency.hourly"
        bps = [b for b in bps if b >= 0.0]
        code = "flip_agency_retainer" if retainer else "flip_agency_hourly"
        facts_at = _agency_facts_at(p, f)
        out += _flip_money(
            ctx, code, field, AGENCY_PRICE, current, bps, facts_at, m.currency, Verdict.AGENCY
        )

    # In-house cost, as a wage or a salary.
    ih = m.in_house
    if ih.hourly is not None or ih.annual_salary is not None:
        salary = ih.hourly is None
        current = ih.annual_salary if salary else ih.hourly
        assert current is not None
        per_input = ih.load_factor / ih.productive_hours_per_year if salary else ih.load_factor
        bps = []
        if f.ag_hourly is not None and per_input > 0:
            for t in targets:
                r = t * w.cost_scale
                if -1.0 < r < 1.0:
                    # s = (ih-ag)/max/scale: solve for ih given ag.
                    ih_h = f.ag_hourly / (1.0 - r) if r >= 0 else f.ag_hourly * (1.0 + r)
                    bps.append(ih_h / per_input)
            if f.limit_means:
                bps.append(f.ag_hourly / per_input)  # M1's equality
        if f.budget is not None and per_input > 0:  # B1: the in-house month on the budget
            if hours:
                bps.append(f.budget / hours / per_input)
            elif salary:
                bps.append(f.budget * 12.0 / ih.load_factor)
        field = "means.in_house.annual_salary" if salary else "means.in_house.hourly"
        bps = [b for b in bps if b >= 0.0]
        code = "flip_in_house_salary" if salary else "flip_in_house_hourly"
        facts_at = _in_house_facts_at(p, f)
        out += _flip_money(
            ctx, code, field, IN_HOUSE_PRICE, current, bps, facts_at, m.currency, Verdict.IN_HOUSE
        )

    # Budget: only the single-option rule (B1) reads it; its breakpoints are the two months.
    if f.budget is not None:
        months = [c for c in (f.ih_monthly, f.ag_monthly) if c is not None]
        nearest: tuple[float, float, Verdict] | None = None  # (distance, value, verdict)
        for c in months:
            for x in (ceil_cent(c), round_past(c, False)):
                if x < 0 or x == f.budget:
                    continue
                v = ctx.judge(BUDGET.apply(f, x), BUDGET)
                if v is not None:
                    dist = abs(x - f.budget) / max(f.budget, 1.0)
                    if nearest is None or dist < nearest[0]:  # first on a tie
                        nearest = (dist, x, v)
        if nearest is not None:
            dist, x, v = nearest

            def budget_flips(y: float, v: Verdict = v) -> bool:
                return ctx.judge(BUDGET.apply(f, y), BUDGET) is v

            shown = lever_value(x, x > f.budget, budget_flips)
            ps: Params = (
                ("currency", m.currency),
                ("current", money(f.budget)),
                ("shown", shown),
                ("value", x),
                VERDICT_PARAMS[AXIS.index(v)],
            )
            out.append((dist, Flip("flip_budget", "means.budget_monthly", x, v, ps)))
    return out


def progress_flips(p: Profile, ctx: FlipContext) -> list[tuple[float, Flip]]:
    """(distance, flip) for the progress, the nearest 0.01 past each score target."""
    f, w = ctx.f, ctx.w
    if f.speed_level <= 0.0 or w.acceleration <= 0.0:
        return []  # progress moves no score
    if ctx.fixed is not None or ctx.pattern_fixed:
        return []  # no rule reads progress, only the sum, and a rule decides whatever the sum
    current = UNKNOWN_PROGRESS if p.progress is None else p.progress
    out: list[tuple[float, Flip]] = []
    for t in ctx.score_targets():
        s_target = ctx.scores.acceleration + (t - ctx.total) / w.acceleration
        # s = L × (1 − p/2)  →  p = 2 (1 − s / L)
        prog = 2.0 * (1.0 - s_target / f.speed_level)
        upward = prog > current
        for _ in range(3):
            x = round_past(prog, upward)
            if not 0.0 <= x <= 1.0:
                break
            v = ctx.judge(PROGRESS.apply(f, x), PROGRESS)
            if v is not None:
                flip = Flip("flip_progress", "progress", x, v, params(value=x, verdict=v.value))
                out.append((abs(x - current), flip))
                break
            prog = x
    return out
