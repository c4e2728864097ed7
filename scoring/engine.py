"""The decision: hard rules from the article's categorical sentences, then a weighted sum.

Sign convention everywhere: a positive score favours the agency, a negative one in-house.
Bracketed numbers refer to the sources of /work/shared/research/decision-model.md (see MODEL.md).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from scoring.model import (
    Action,
    Audience,
    Capability,
    ConfidenceLabel,
    Contribution,
    CostComparison,
    Flip,
    FlipValue,
    Mode,
    ObjectiveKind,
    Params,
    Profile,
    Reason,
    Recommendation,
    Results,
    Speed,
    Verdict,
)

# ---------------------------------------------------------------- weights and thresholds


@dataclass(frozen=True, slots=True)
class Weights:
    """Factor weights and decision thresholds; override them to tune the model."""

    # "Si vous avez des intentions commerciales ... externaliser" / "une petite communauté
    # restreinte ... en interne fait amplement l'affaire": the article is categorical here.
    audience_capabilities: float = 0.25
    # "Si vous voulez l'accélération maximale, alors vous avez besoin d'activer tous les turbos".
    acceleration: float = 0.20
    # "Si vous avez essayé plus d'un an en interne sans des résultats probants ... externaliser".
    track_record: float = 0.20
    # "Le salaire horaire de l'employé et le coût horaire du prestataire ... le minimum".
    cost: float = 0.20
    # "Une agence atteint un objectif sur une durée déterminée".
    deadline: float = 0.10
    # "Revenir sur les objectifs": a small prior only; the objective acts through the rest.
    objective_type: float = 0.05
    # |S| under this is "balanced": hybrid. Decision-model §5.2 [P].
    band: float = 0.10
    # Hysteresis: to leave the incumbent verdict, the score must pass the band edge by this much.
    # 0.05 is the full swing of the smallest factor (objective_type), so one minor answer or
    # KPI wobble cannot flip it alone [P].
    hysteresis: float = 0.05
    # Relative cost gap that scores ±1 on cost: a 50% cheaper option wins the factor outright [P].
    cost_scale: float = 0.5


DEFAULT_WEIGHTS = Weights()

FACTORS = (
    "audience_capabilities",
    "acceleration",
    "track_record",
    "cost",
    "deadline",
    "objective_type",
)

# Hard rules, in precedence order. Codes are stable (catalogue: "rule.<code>").
RULE_VERTICAL = "vertical_unliftable"  # H1 "vous devez absolument externaliser"
RULE_RESTRICTED = (
    "restricted_no_commercial"  # H3 "un Social Media en interne fait amplement l'affaire"
)
RULE_LIMIT_MEANS = "limit_means"  # M1 "le minimum vous indique la voie à suivre"
RULE_BUDGET = "budget_single_option"  # B1 "quel est le budget maximum que vous pouvez y mettre ?"
RULE_HYBRID_POSITIONING = "positioning_plus_commercial"  # HY1
RULE_HYBRID_GROWTH = "convincing_in_house_plus_growth"  # HY2
RULE_HYSTERESIS = "hysteresis_hold"

# "Plus d'un an en interne": the article's year, in months.
YEAR_MONTHS = 12.0
# Average month length in days (365.25 / 12), to turn dates into months.
DAYS_PER_MONTH = 30.4375
# Deadline bands (months) and scores: decision-model §5.3 [P]; an agency commits to a period.
DEADLINE_SOON_MONTHS = 6.0
DEADLINE_YEAR_MONTHS = 12.0
DEADLINE_SCORES = (1.0, 0.6, 0.2)  # ≤ 6 months, ≤ 12 months, later
# Speed levels: steady adds nothing, maximal needs the full SMO+SMA mix. Decision-model §5.3.
SPEED_LEVEL = {Speed.STEADY: 0.0, Speed.FAST: 0.5, Speed.MAXIMAL: 1.0}
# Unknown progress counts as half way (decision-model §5.3).
UNKNOWN_PROGRESS = 0.5
# Commercial capabilities: three of the five (e.g. copywriting + targeting + ads) make a full
# "mission particulière" for an agency; a broad audience adds to it. Decision-model §5.3 [P].
CAPABILITIES_FOR_FULL_SCORE = 3.0
AUDIENCE_BONUS = {Audience.RESTRICTED: 0.0, Audience.NICHE: 0.0, Audience.BROAD: 0.2}
# Objective priors, decision-model §5.3 [P]: commercial aims lean to the agency, positioning
# aims (CSR, financial communication, employer brand, community upkeep) lean in-house.
OBJECTIVE_SCORE = {
    ObjectiveKind.LEADS: 0.5,
    ObjectiveKind.SALES: 0.5,
    ObjectiveKind.AWARENESS: 0.3,
    ObjectiveKind.COMMUNITY: -0.3,
    ObjectiveKind.EMPLOYER_BRAND: -0.3,
    ObjectiveKind.CSR: -0.3,
    ObjectiveKind.FINANCIAL_COMM: -0.5,
    ObjectiveKind.OTHER: 0.0,
}
POSITIONING = frozenset(
    {
        ObjectiveKind.COMMUNITY,
        ObjectiveKind.CSR,
        ObjectiveKind.FINANCIAL_COMM,
        ObjectiveKind.EMPLOYER_BRAND,
    }
)
# The same kinds as a tuple, for hot membership tests: `in` on a tuple compares by identity
# first, while a frozenset calls the Enum's Python-level __hash__.
_POSITIONING_KINDS = tuple(k for k in ObjectiveKind if k in POSITIONING)
# Track record scores, decision-model §4.5 and §5.3 [P]: the year rule counts fully only once
# the manager's effectiveness was checked ("mis à part l'efficacité du SMM dont vous devez
# vous assurer").
TRACK_IN_HOUSE_CONVINCING = -1.0
TRACK_IN_HOUSE_EARLY_CONVINCING = -0.5
TRACK_YEAR_CHECKED = 1.0
TRACK_YEAR_UNCHECKED = 0.4
TRACK_IN_HOUSE_MIXED = 0.3
TRACK_AGENCY_CONVINCING = 0.5
TRACK_AGENCY_NOT_CONVINCING = -0.6
TRACK_HYBRID_YEAR_CHECKED = 0.5
TRACK_HYBRID_YEAR_UNCHECKED = 0.2

# Confidence, decision-model §3.3 [P].
BASE_HARD_RULE = 0.9
BASE_LIMIT_MEANS = 0.8
BASE_BUDGET = 0.75
BASE_HYBRID_PATTERN = 0.7
BASE_BALANCED = 0.45
CONFIDENCE_SATURATION = 0.5  # |S| at which the weighted confidence reaches its base maximum
CAP_NO_INTERLOCUTOR = 0.6  # "il est important que vous ayez un interlocuteur qui a des notions"
CAP_MANAGER_UNCHECKED = 0.45  # year rule fired on an unchecked manager
CAP_OVER_BUDGET = 0.5  # the recommended option costs more than the budget
CAP_LIFTABLE_UNKNOWN = 0.6  # vertical organisation, unknown whether constraints can be lifted
# The article's two categorical sentences disagree: a restricted audience is "amplement" served
# in-house (H3), yet over a year without results with a checked manager says outsource. The
# verdict stays in-house but cannot be "high": medium at most.
CAP_RESTRICTED_YEAR_CONFLICT = 0.6
# HY1 (positioning in-house + commercial mission to an agency) splits the work when the
# positioning aim leads (it is the primary objective) or when the weighted sum does not lean
# clearly either way. 0.25 is the |S| at which a weighted verdict's own confidence reaches
# "high" (0.5 + 0.5 × 0.25 / CONFIDENCE_SATURATION = 0.75): a clearer lean is not overridden [P].
HY1_MAX_ABS_SCORE = 0.25
LABEL_MEDIUM = 0.5
LABEL_HIGH = 0.75
# Hybrid split when the SMO+SMA mix is unknown: half of the hours each side [P].
DEFAULT_HYBRID_AGENCY_SHARE = 0.5
MAX_FLIPS = 6
# Upper bound of every money amount (profile_io rejects more): keeps cent arithmetic finite.
MAX_MONEY = 1e12
_EPS = 1e-9

# ---------------------------------------------------------------- facts


class _Facts(NamedTuple):
    """Everything the verdict depends on, flat, so a flip candidate is one `_replace`."""

    vertical: bool
    liftable: bool | None
    audience: Audience
    n_caps: int
    speed_level: float
    progress: float | None
    deadline_months: float | None
    primary: ObjectiveKind
    positioning: bool
    mode: Mode
    months: float
    results: Results
    manager_checked: bool
    limit_means: bool
    ih_hourly: float | None
    ag_hourly: float | None
    ih_monthly: float | None
    ag_monthly: float | None
    budget: float | None


def _months_between(start: date, end: date) -> float:
    return (end - start).days / DAYS_PER_MONTH


def _agency_costs(
    hourly: float | None, retainer: float | None, hours: float | None
) -> tuple[float | None, float | None]:
    if retainer is not None:
        return (retainer / hours if hours else None), retainer
    if hourly is not None:
        return hourly, (hourly * hours if hours is not None else None)
    return None, None


def _in_house_costs(
    hourly: float | None,
    salary: float | None,
    load: float,
    productive: float,
    hours: float | None,
) -> tuple[float | None, float | None]:
    if hourly is not None:
        loaded = hourly * load
        return loaded, (loaded * hours if hours is not None else None)
    if salary is not None:
        loaded = salary * load / productive
        # Prorated to the hours needed ("toute chose égale par ailleurs"); a full salary otherwise.
        return loaded, (loaded * hours if hours is not None else salary * load / 12.0)
    return None, None


def _facts(p: Profile) -> _Facts:
    m = p.means
    o = p.organisation
    ih_h, ih_m = _in_house_costs(
        m.in_house.hourly,
        m.in_house.annual_salary,
        m.in_house.load_factor,
        m.in_house.productive_hours_per_year,
        m.hours_per_month,
    )
    ag_h, ag_m = _agency_costs(m.agency.hourly, m.agency.retainer_monthly, m.hours_per_month)
    kinds = (p.objectives.primary, *p.objectives.secondary)
    return _Facts(
        vertical=o.vertical,
        liftable=o.constraints_liftable,
        audience=p.audience,
        n_caps=len(p.capabilities),
        speed_level=SPEED_LEVEL[p.speed],
        progress=p.progress,
        deadline_months=None if p.deadline is None else _months_between(p.as_of, p.deadline),
        primary=p.objectives.primary,
        positioning=any(k in _POSITIONING_KINDS for k in kinds),
        mode=o.current_mode,
        months=o.months_in_mode,
        results=o.results,
        manager_checked=o.manager_checked,
        limit_means=m.limit_means,
        ih_hourly=ih_h,
        ag_hourly=ag_h,
        ih_monthly=ih_m,
        ag_monthly=ag_m,
        budget=m.budget_monthly,
    )


# ---------------------------------------------------------------- factor scores


def _s_audience(f: _Facts) -> float:
    if f.n_caps == 0 and f.audience is Audience.RESTRICTED:
        return -1.0
    return min(1.0, f.n_caps / CAPABILITIES_FOR_FULL_SCORE + AUDIENCE_BONUS[f.audience])


def _s_acceleration(f: _Facts) -> float:
    progress = UNKNOWN_PROGRESS if f.progress is None else f.progress
    # The further from the objective, the more the turbos matter.
    return f.speed_level * (0.5 + 0.5 * (1.0 - progress))


def _not_convincing(results: Results) -> bool:
    return results is Results.NOT_CONVINCING or results is Results.NONE_YET


def _s_track(f: _Facts) -> float:
    mode, results = f.mode, f.results
    year = f.months >= YEAR_MONTHS
    if mode is Mode.IN_HOUSE:
        if results is Results.CONVINCING:
            return TRACK_IN_HOUSE_CONVINCING if year else TRACK_IN_HOUSE_EARLY_CONVINCING
        if not year:
            return 0.0
        if _not_convincing(results):
            return TRACK_YEAR_CHECKED if f.manager_checked else TRACK_YEAR_UNCHECKED
        return TRACK_IN_HOUSE_MIXED if results is Results.MIXED else 0.0
    if mode is Mode.AGENCY:
        if results is Results.CONVINCING:
            return TRACK_AGENCY_CONVINCING
        return TRACK_AGENCY_NOT_CONVINCING if _not_convincing(results) else 0.0
    if mode is Mode.HYBRID and year and _not_convincing(results):
        return TRACK_HYBRID_YEAR_CHECKED if f.manager_checked else TRACK_HYBRID_YEAR_UNCHECKED
    return 0.0


def _cost_score(ih: float | None, ag: float | None, scale: float) -> float:
    if ih is None or ag is None:
        return 0.0
    top = max(ih, ag)
    if top <= 0.0:
        return 0.0
    return max(-1.0, min(1.0, (ih - ag) / top / scale))


def _s_deadline(f: _Facts) -> float:
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


def _scores(f: _Facts, w: Weights) -> tuple[float, float, float, float, float, float]:
    return (
        _s_audience(f),
        _s_acceleration(f),
        _s_track(f),
        _cost_score(f.ih_hourly, f.ag_hourly, w.cost_scale),
        _s_deadline(f),
        OBJECTIVE_SCORE[f.primary],
    )


def _score_k(k: int, f: _Facts, w: Weights) -> float:
    if k == 0:
        return _s_audience(f)
    if k == 1:
        return _s_acceleration(f)
    if k == 2:
        return _s_track(f)
    if k == 3:
        return _cost_score(f.ih_hourly, f.ag_hourly, w.cost_scale)
    if k == 4:
        return _s_deadline(f)
    return OBJECTIVE_SCORE[f.primary]


def _weight_tuple(w: Weights) -> tuple[float, float, float, float, float, float]:
    return (
        w.audience_capabilities,
        w.acceleration,
        w.track_record,
        w.cost,
        w.deadline,
        w.objective_type,
    )


def _total(scores: tuple[float, ...], weights: tuple[float, ...]) -> float:
    total = 0.0
    for s, wk in zip(scores, weights, strict=True):
        total += wk * s
    return total


# ---------------------------------------------------------------- the gate (rules, then band)


def _thresholds(w: Weights, incumbent: Verdict | None) -> tuple[float, float]:
    """(lower, upper): S <= lower is in-house, S >= upper is agency; the incumbent's region grows."""
    lower, upper = -w.band, w.band
    if incumbent is Verdict.AGENCY:
        upper -= w.hysteresis
    elif incumbent is Verdict.IN_HOUSE:
        lower += w.hysteresis
    elif incumbent is Verdict.HYBRID:
        lower -= w.hysteresis
        upper += w.hysteresis
    return lower, upper


def _band(score: float, lower: float, upper: float) -> Verdict:
    if score >= upper:
        return Verdict.AGENCY
    if score <= lower:
        return Verdict.IN_HOUSE
    return Verdict.HYBRID


def _year_rule(f: _Facts) -> bool:
    """The article's year rule holds in full: over a year in-house (or hybrid) without convincing
    results, the manager's own effectiveness checked ("mis à part l'efficacité ... assurer")."""
    return (
        f.mode in (Mode.IN_HOUSE, Mode.HYBRID)
        and f.months >= YEAR_MONTHS
        and _not_convincing(f.results)
        and f.manager_checked
    )


def _hy1_base(f: _Facts) -> bool:
    """HY1's conditions that do not read the score."""
    in_house_side = f.mode is Mode.IN_HOUSE or f.mode is Mode.HYBRID
    return (
        f.positioning
        and f.n_caps > 0
        and (in_house_side or f.audience is Audience.RESTRICTED)
        and not _year_rule(f)
    )


def _hy1(f: _Facts, total: float) -> bool:
    """HY1 holds: see HY1_MAX_ABS_SCORE; never against the year rule."""
    return _hy1_base(f) and (f.primary in _POSITIONING_KINDS or abs(total) < HY1_MAX_ABS_SCORE)


def _hy2(f: _Facts) -> bool:
    return (
        f.mode in (Mode.IN_HOUSE, Mode.HYBRID)
        and f.results is Results.CONVINCING
        and (f.n_caps > 0 or f.speed_level >= 1.0)
    )


def _rules(f: _Facts, total: float) -> list[str]:
    """Every hard rule whose condition holds, in precedence order."""
    fired: list[str] = []
    if f.vertical and f.liftable is False:
        fired.append(RULE_VERTICAL)
    if f.audience is Audience.RESTRICTED and f.n_caps == 0:
        fired.append(RULE_RESTRICTED)
    if f.limit_means and f.ih_hourly is not None and f.ag_hourly is not None:
        fired.append(RULE_LIMIT_MEANS)
    if _budget_single(f) is not None:
        fired.append(RULE_BUDGET)
    if _hy1(f, total):
        fired.append(RULE_HYBRID_POSITIONING)
    if _hy2(f):
        fired.append(RULE_HYBRID_GROWTH)
    return fired


def _budget_single(f: _Facts) -> Verdict | None:
    """The one pure option the budget pays for, when exactly one of the two fits."""
    if f.budget is None or f.ih_monthly is None or f.ag_monthly is None:
        return None
    ih_fits = f.ih_monthly <= f.budget
    ag_fits = f.ag_monthly <= f.budget
    if ih_fits == ag_fits:
        return None
    return Verdict.IN_HOUSE if ih_fits else Verdict.AGENCY


def _decide_rule(rule: str, f: _Facts) -> Verdict:
    if rule == RULE_VERTICAL:
        return Verdict.AGENCY
    if rule == RULE_RESTRICTED:
        return Verdict.IN_HOUSE
    if rule == RULE_LIMIT_MEANS:
        # Strictly cheaper agency wins; on a tie the in-house option avoids transaction costs [2].
        assert f.ih_hourly is not None and f.ag_hourly is not None
        return Verdict.AGENCY if f.ag_hourly < f.ih_hourly else Verdict.IN_HOUSE
    if rule == RULE_BUDGET:
        single = _budget_single(f)
        assert single is not None
        return single
    return Verdict.HYBRID  # the two hybrid patterns


def _fixed_rule_verdict(f: _Facts) -> Verdict | None:
    """The verdict of the first hard rule that holds among those that do not read the score."""
    if f.vertical and f.liftable is False:
        return Verdict.AGENCY
    if f.n_caps == 0 and f.audience is Audience.RESTRICTED:
        return Verdict.IN_HOUSE
    ih, ag = f.ih_hourly, f.ag_hourly
    if f.limit_means and ih is not None and ag is not None:
        return Verdict.AGENCY if ag < ih else Verdict.IN_HOUSE
    return _budget_single(f)


def _pattern_fixed(f: _Facts, hy1_base: bool) -> bool:
    """A hybrid pattern holds whatever the score (so no price or progress can leave it);
    hy1_base is _hy1_base(f)."""
    return _hy2(f) or (hy1_base and f.primary in _POSITIONING_KINDS)


def _score_targets(ctx: _Ctx) -> list[float]:
    """The totals at which the verdict may change: the band edges and HY1's score bound."""
    targets = list(ctx.bounds)
    if ctx.hy1_base and ctx.f.primary not in _POSITIONING_KINDS:
        targets += [-HY1_MAX_ABS_SCORE, HY1_MAX_ABS_SCORE]
    return targets


def _score_verdict(total: float, hy1_base: bool, bounds: tuple[float, float]) -> Verdict:
    """The verdict when no fixed rule, HY2 or positioning-led HY1 holds: HY1's bound, then the band."""
    if hy1_base and abs(total) < HY1_MAX_ABS_SCORE:
        return Verdict.HYBRID
    # _band, inlined: this runs for every flip candidate.
    if total >= bounds[1]:
        return Verdict.AGENCY
    if total <= bounds[0]:
        return Verdict.IN_HOUSE
    return Verdict.HYBRID


# ---------------------------------------------------------------- reasons of each factor


def _p(**kwargs: str | int | float) -> Params:
    """Params sorted by name. The reasons and flips built on every evaluation write their
    params as literal tuples already in that order, which saves the sort."""
    return tuple(sorted(kwargs.items()))


def _money(x: float) -> float:
    return round(x, 2)


def _reason_audience(p: Profile, f: _Facts) -> Reason:
    if f.n_caps == 0:
        return Reason(f"audience_{f.audience.value}_no_commercial")
    caps = ",".join(c.value for c in p.capabilities)
    return Reason(
        "commercial_capabilities",
        (("audience", f.audience.value), ("capabilities", caps), ("count", f.n_caps)),
    )


def _reason_acceleration(p: Profile) -> Reason:
    params: Params = (("progress", p.progress),) if p.progress is not None else ()
    return Reason(f"speed_{p.speed.value}", params)


def _reason_track(f: _Facts) -> Reason:
    months = round(f.months, 1)
    mode, results = f.mode, f.results
    if mode is Mode.NONE:
        return Reason("no_track_record")
    params: Params = (("mode", mode.value), ("months", months))
    if mode is Mode.IN_HOUSE:
        if results is Results.CONVINCING:
            return Reason("in_house_convincing", params)
        if f.months < YEAR_MONTHS:
            return Reason("in_house_under_a_year", params)
        if _not_convincing(results):
            code = (
                "year_not_convincing_checked"
                if f.manager_checked
                else "year_not_convincing_unchecked"
            )
            return Reason(code, params)
        if results is Results.MIXED:
            return Reason("in_house_mixed", params)
        return Reason("results_unknown", params)
    if mode is Mode.AGENCY:
        if results is Results.CONVINCING:
            return Reason("agency_convincing", params)
        if _not_convincing(results):
            return Reason("agency_not_convincing", params)
        return Reason("agency_results_open", params)
    if f.months >= YEAR_MONTHS and _not_convincing(results):
        code = (
            "year_not_convincing_checked" if f.manager_checked else "year_not_convincing_unchecked"
        )
        return Reason(code, params)
    return Reason("hybrid_track_record", (("months", months), ("results", results.value)))


def _reason_cost(f: _Facts, currency: str) -> Reason:
    if f.ih_hourly is None or f.ag_hourly is None:
        return Reason("cost_unknown")
    params: Params = (
        ("agency_hourly", _money(f.ag_hourly)),
        ("currency", currency),
        ("in_house_hourly", _money(f.ih_hourly)),
    )
    if f.ag_hourly < f.ih_hourly:
        return Reason("agency_cheaper", params)
    if f.ag_hourly > f.ih_hourly:
        return Reason("in_house_cheaper", params)
    return Reason("same_hourly_cost", params)


def _reason_deadline(p: Profile, f: _Facts) -> Reason:
    if p.deadline is None or f.deadline_months is None:
        return Reason("no_deadline")
    params: Params = (("deadline", p.deadline.isoformat()), ("months", round(f.deadline_months, 1)))
    if p.deadline < p.as_of:  # a deadline on as_of itself is today, not passed
        return Reason("deadline_passed", params)
    if f.deadline_months <= DEADLINE_SOON_MONTHS:
        return Reason("deadline_soon", params)
    if f.deadline_months <= DEADLINE_YEAR_MONTHS:
        return Reason("deadline_within_year", params)
    return Reason("deadline_far", params)


def _reason_objective(p: Profile) -> Reason:
    kind = p.objectives.primary
    if OBJECTIVE_SCORE[kind] > 0:
        code = "objective_commercial" if OBJECTIVE_SCORE[kind] >= 0.5 else "objective_awareness"
    elif kind in POSITIONING:
        code = "objective_positioning"
    else:
        code = "objective_other"
    return Reason(code, (("objective", kind.value),))


# ---------------------------------------------------------------- costs


def _costs(p: Profile, f: _Facts) -> CostComparison:
    share = DEFAULT_HYBRID_AGENCY_SHARE if p.smo_sma_mix is None else p.smo_sma_mix
    hybrid = None
    if f.ih_monthly is not None and f.ag_monthly is not None:
        # The organic (SMO) part stays in-house, the paid (SMA) part goes to the agency.
        hybrid = (1.0 - share) * f.ih_monthly + share * f.ag_monthly
    return CostComparison(
        currency=p.means.currency,
        budget_monthly=p.means.budget_monthly,
        hours_per_month=p.means.hours_per_month,
        in_house_hourly=f.ih_hourly,
        agency_hourly=f.ag_hourly,
        in_house_monthly=f.ih_monthly,
        agency_monthly=f.ag_monthly,
        hybrid_monthly=hybrid,
        hybrid_agency_share=share,
    )


# ---------------------------------------------------------------- flips


def _round_past(x: float, upward: bool) -> float:
    """The nearest cent strictly past x in the given direction."""
    cents = x * 100.0
    return (
        (math.floor(cents + _EPS) + 1) / 100.0 if upward else (math.ceil(cents - _EPS) - 1) / 100.0
    )


# Verdict.rank as a tuple position: `index` compares by identity, without hashing the Enum.
_AXIS = (Verdict.IN_HOUSE, Verdict.HYBRID, Verdict.AGENCY)
# A flip's ("verdict", value) param for each verdict on _AXIS: no Enum `.value` call per flip.
_VERDICT_PARAMS = tuple([("verdict", v.value) for v in _AXIS])


def _monthly(f: _Facts, v: Verdict, share: float) -> float | None:
    if v is Verdict.IN_HOUSE:
        return f.ih_monthly
    if v is Verdict.AGENCY:
        return f.ag_monthly
    if f.ih_monthly is None or f.ag_monthly is None:
        return None
    return (1.0 - share) * f.ih_monthly + share * f.ag_monthly


class _Ctx(NamedTuple):
    f: _Facts
    w: Weights
    wt: tuple[float, ...]
    bounds: tuple[float, float]
    verdict: Verdict
    scores: tuple[float, ...]
    total: float
    share: float  # the agency's share of a hybrid, for its monthly cost
    # The base facts' answers, reused for changes that the rules or patterns do not read.
    fixed: Verdict | None  # _fixed_rule_verdict
    hy1_base: bool
    pattern_fixed: bool  # a hybrid pattern holds whatever the score

    def judge(
        self,
        f2: _Facts,
        k: int | None,
        *,
        rules: bool = True,
        patterns: bool = True,
        not_a_lever: Verdict | None = None,
    ) -> Verdict | None:
        """The verdict of changed facts if it differs from the verdict in force and the change
        is a lever; `not_a_lever` if it differs but the change is no lever; else None.

        A lever changes the verdict in its factor's direction, not against it (e.g. dropping
        the commercial needs, which lowers the agency's side, would lead to the agency), and
        not toward an option that would cost more than the verdict in force and exceed the
        budget (a flip toward an option that fits the budget less).

        f2 may differ from the base facts only in fields that factor k (or no factor) reads, so
        one score is recomputed and the others are reused as they are. `rules` / `patterns`
        False: no field the fixed rules / the hybrid patterns read changed, their answers stand.
        The rules, patterns and lever tests are written out here (see _fixed_rule_verdict,
        _hy2, _hy1_base): this runs about twenty times per evaluation and the calls they cost
        were most of its time.
        """
        verdict = self.verdict
        s: float | None = None  # factor k's new score, computed once
        if not rules:
            v = self.fixed
        elif f2.vertical and f2.liftable is False:
            v = Verdict.AGENCY
        elif f2.n_caps == 0 and f2.audience is Audience.RESTRICTED:
            v = Verdict.IN_HOUSE
        elif f2.limit_means and f2.ih_hourly is not None and f2.ag_hourly is not None:
            v = Verdict.AGENCY if f2.ag_hourly < f2.ih_hourly else Verdict.IN_HOUSE
        else:  # the budget rule: exactly one pure option fits
            v = None
            budget, ih_m, ag_m = f2.budget, f2.ih_monthly, f2.ag_monthly
            if budget is not None and ih_m is not None and ag_m is not None:
                ih_fits = ih_m <= budget
                if ih_fits != (ag_m <= budget):
                    v = Verdict.IN_HOUSE if ih_fits else Verdict.AGENCY
        if v is None:
            if patterns:
                mode = f2.mode
                in_house_side = mode is Mode.IN_HOUSE or mode is Mode.HYBRID
                results = f2.results
                if (
                    in_house_side
                    and results is Results.CONVINCING
                    and (f2.n_caps > 0 or f2.speed_level >= 1.0)
                ):
                    v = Verdict.HYBRID  # HY2
                else:
                    year_rule = (
                        in_house_side
                        and f2.months >= YEAR_MONTHS
                        and (results is Results.NOT_CONVINCING or results is Results.NONE_YET)
                        and f2.manager_checked
                    )
                    hy1_base = (
                        f2.positioning
                        and f2.n_caps > 0
                        and (in_house_side or f2.audience is Audience.RESTRICTED)
                        and not year_rule
                    )
                    if hy1_base and f2.primary in _POSITIONING_KINDS:
                        v = Verdict.HYBRID
            elif self.pattern_fixed:
                v = Verdict.HYBRID
            else:
                hy1_base = self.hy1_base
            if v is None:
                if k is None:  # no score moved: the sum is the base one
                    v = _score_verdict(self.total, hy1_base, self.bounds)
                    if v is verdict:
                        return None
                else:
                    s = _score_k(k, f2, self.w)
                    scores = self.scores
                    total = self.total + self.wt[k] * (s - scores[k])
                    v = _score_verdict(total, hy1_base, self.bounds)
                    if v is verdict:
                        return None
                    # The incremental sum can differ from the full one in the last bit: a new
                    # verdict must also hold on the full sum, added term by term in factor
                    # order as recommend does.
                    full = _total((*scores[:k], s, *scores[k + 1 :]), self.wt)
                    if _score_verdict(full, hy1_base, self.bounds) is not v:
                        return None
        if v is verdict:
            return None
        if k is not None:  # not against its factor
            if s is None:
                s = _score_k(k, f2, self.w)
            delta = s - self.scores[k]
            if delta < -_EPS or delta > _EPS:
                step = _AXIS.index(v) - _AXIS.index(verdict)
                if (step > 0) if delta < 0.0 else (step < 0):
                    return not_a_lever
        budget = f2.budget
        if budget is not None:  # not toward a dearer option over budget
            new = _monthly(f2, v, self.share)
            if new is not None and new > budget + _EPS:
                old = _monthly(f2, verdict, self.share)
                if old is not None and new > old + _EPS:
                    return not_a_lever
        return v


def _flip_money(
    ctx: _Ctx,
    code: str,
    field: str,
    current: float,
    breakpoints: list[float],
    facts_at: Callable[[float], _Facts],
    currency: str,
) -> list[tuple[float, Flip]]:
    """Nearest money value strictly past a breakpoint, in each direction, that flips the verdict.

    A breakpoint equal to the current value (a tie, an exact match) counts in both directions:
    the flip is then one cent away. Costs stay strictly positive.
    """
    found: list[tuple[float, Flip]] = []
    for upward in (True, False):
        if upward:
            side = [b for b in breakpoints if b >= current - _EPS]
        else:
            side = [b for b in breakpoints if b <= current + _EPS]
        if len(side) > 1:
            side.sort(key=lambda b: abs(b - current))
        for bp in side:
            # A breakpoint computed in floats may need one or two more cents.
            x = _round_past(bp, upward)
            v = None
            tries = 3
            while 0.0 < x <= MAX_MONEY:
                # A flip that is no lever comes back as the verdict in force: no further cent.
                v = ctx.judge(facts_at(x), 3, patterns=False, not_a_lever=ctx.verdict)
                tries -= 1
                if v is not None or tries == 0:
                    break
                x = _round_past(x, upward)
            if v is None or v is ctx.verdict:
                continue
            params: Params = (
                ("currency", currency),
                ("current", _money(current)),
                ("value", x),
                _VERDICT_PARAMS[_AXIS.index(v)],
            )
            flip = Flip(code, field, x, v, params)
            found.append((abs(x - current) / max(abs(current), 1.0), flip))
            break
    return found


def _agency_facts_at(p: Profile, f: _Facts) -> Callable[[float], _Facts]:
    """Facts as a function of the agency price, in the unit the user gave it."""
    by_retainer = p.means.agency.retainer_monthly is not None
    hours = p.means.hours_per_month

    def at(x: float) -> _Facts:
        if by_retainer:
            ag_h, ag_m = _agency_costs(None, x, hours)
        else:
            ag_h, ag_m = _agency_costs(x, None, hours)
        return _with2(f, "ag_hourly", ag_h, "ag_monthly", ag_m)

    return at


def _in_house_facts_at(p: Profile, f: _Facts) -> Callable[[float], _Facts]:
    """Facts as a function of the in-house cost, as the wage or the salary the user gave."""
    m = p.means
    ih = m.in_house
    by_hour = ih.hourly is not None
    load, productive, hours = ih.load_factor, ih.productive_hours_per_year, m.hours_per_month

    def at(x: float) -> _Facts:
        if by_hour:
            ih_h, ih_m = _in_house_costs(x, None, load, productive, hours)
        else:
            ih_h, ih_m = _in_house_costs(None, x, load, productive, hours)
        return _with2(f, "ih_hourly", ih_h, "ih_monthly", ih_m)

    return at


def _cost_target_hourly(ih: float, s_target: float, scale: float) -> float | None:
    """Agency hourly rate at which the cost score equals s_target (inverse of _cost_score)."""
    r = s_target * scale
    if r >= 1.0 or r <= -1.0:
        return None
    if r >= 0.0:
        return ih * (1.0 - r)
    return ih / (1.0 + r)


def _money_flips(p: Profile, ctx: _Ctx) -> list[tuple[float, Flip]]:
    f, w = ctx.f, ctx.w
    m = p.means
    hours = m.hours_per_month
    out: list[tuple[float, Flip]] = []
    if (f.vertical and f.liftable is False) or (
        f.audience is Audience.RESTRICTED and f.n_caps == 0
    ):
        return []  # H1 and H3 do not read costs: no price changes the verdict
    s_cost = ctx.scores[3]
    band_reachable = w.cost > 0 and not ctx.pattern_fixed
    targets = (
        [s_cost + (t - ctx.total) / w.cost for t in _score_targets(ctx)] if band_reachable else []
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
                bps.append(f.ih_hourly * per_hour)  # limit-means equality
        if f.budget is not None:
            bps.append(f.budget if retainer else (f.budget / hours if hours else -1.0))
        field = "means.agency.retainer_monthly" if retainer else "means.agency.hourly"
        bps = [b for b in bps if b >= 0.0]
        code = "flip_agency_retainer" if retainer else "flip_agency_hourly"
        out += _flip_money(ctx, code, field, current, bps, _agency_facts_at(p, f), m.currency)

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
                bps.append(f.ag_hourly / per_input)
        if f.budget is not None and per_input > 0:
            if hours:
                bps.append(f.budget / hours / per_input)
            elif salary:
                bps.append(f.budget * 12.0 / ih.load_factor)
        field = "means.in_house.annual_salary" if salary else "means.in_house.hourly"
        bps = [b for b in bps if b >= 0.0]
        code = "flip_in_house_salary" if salary else "flip_in_house_hourly"
        out += _flip_money(ctx, code, field, current, bps, _in_house_facts_at(p, f), m.currency)

    # Budget: only the single-option rule reads it.
    if f.budget is not None:
        bps = [c for c in (f.ih_monthly, f.ag_monthly) if c is not None]
        nearest: tuple[float, float, Verdict] | None = None  # (distance, value, verdict)
        for c in bps:
            for x in (c, _round_past(c, False)):
                if x < 0 or x == f.budget:
                    continue
                v = ctx.judge(_with(f, "budget", x), None, patterns=False)
                if v is not None:
                    dist = abs(x - f.budget) / max(f.budget, 1.0)
                    if nearest is None or dist < nearest[0]:  # first on a tie
                        nearest = (dist, x, v)
        if nearest is not None:
            dist, x, v = nearest
            params: Params = (
                ("currency", m.currency),
                ("current", _money(f.budget)),
                ("value", x),
                _VERDICT_PARAMS[_AXIS.index(v)],
            )
            out.append((dist, Flip("flip_budget", "means.budget_monthly", x, v, params)))
    return out


def _progress_flips(p: Profile, ctx: _Ctx) -> list[tuple[float, Flip]]:
    f, w = ctx.f, ctx.w
    if f.speed_level <= 0.0 or w.acceleration <= 0.0 or ctx.fixed is not None or ctx.pattern_fixed:
        return []  # only the weighted sum reads progress, and a rule decides here
    current = UNKNOWN_PROGRESS if p.progress is None else p.progress
    out: list[tuple[float, Flip]] = []
    for t in _score_targets(ctx):
        s_target = ctx.scores[1] + (t - ctx.total) / w.acceleration
        # s = L × (1 − p/2)  →  p = 2 (1 − s / L)
        prog = 2.0 * (1.0 - s_target / f.speed_level)
        upward = prog > current
        for _ in range(3):
            x = _round_past(prog, upward)
            if not 0.0 <= x <= 1.0:
                break
            f2 = _with(f, "progress", x)
            v = ctx.judge(f2, 1, rules=False, patterns=False)
            if v is not None:
                flip = Flip("flip_progress", "progress", x, v, _p(value=x, verdict=v.value))
                out.append((abs(x - current), flip))
                break
            prog = x
    return out


_FIELD_INDEX = {name: i for i, name in enumerate(_Facts._fields)}


_FactValue = float | Audience | Results | ObjectiveKind | None


def _with(f: _Facts, name: str, value: _FactValue) -> _Facts:
    """f with one field replaced; a faster `_replace` for the hot loop."""
    items = list(f)
    items[_FIELD_INDEX[name]] = value
    return tuple.__new__(_Facts, items)


def _with2(f: _Facts, n1: str, v1: _FactValue, n2: str, v2: _FactValue) -> _Facts:
    """f with two fields replaced."""
    items = list(f)
    items[_FIELD_INDEX[n1]] = v1
    items[_FIELD_INDEX[n2]] = v2
    return tuple.__new__(_Facts, items)


# Enum members with what the flip search reads of them, computed once: an Enum's `.value`
# and its hash are Python-level calls, too slow for a loop run on every evaluation.
_AUDIENCES = tuple((a, a.value) for a in Audience)
_SPEEDS = tuple((sp, sp.value, SPEED_LEVEL[sp]) for sp in Speed)
_OBJECTIVES = tuple(
    (kind, kind.value, OBJECTIVE_SCORE[kind], kind in POSITIONING) for kind in ObjectiveKind
)
_RESULTS = tuple((r, r.value) for r in Results)
_CAPABILITIES = tuple(Capability)
# One representative deadline per band: (months shown, days after as_of).
_DEADLINE_CANDIDATES = ((3.0, 91), (9.0, 274), (24.0, 730))


def _discrete_flips(p: Profile, ctx: _Ctx) -> list[tuple[float, Flip]]:
    """(distance, flip) for each one-answer change that is a lever, in a fixed order."""
    f = ctx.f
    o = p.organisation
    found: list[tuple[float, Flip]] = []

    def add(
        dist: float, code: str, field: str, value: FlipValue, v: Verdict, params: Params = ()
    ) -> None:
        found.append(
            (dist, Flip(code, field, value, v, (*params, _VERDICT_PARAMS[_AXIS.index(v)])))
        )

    v: Verdict | None
    if o.vertical:
        field = "organisation.constraints_liftable"
        lift = o.constraints_liftable
        if (
            lift is not True
            and (v := ctx.judge(_with(f, "liftable", True), None, patterns=False)) is not None
        ):
            add(0.0, "flip_constraints_liftable", field, True, v)
        # Unknown: "if they cannot be lifted" is decisive (H1).
        if (
            lift is None
            and (v := ctx.judge(_with(f, "liftable", False), None, patterns=False)) is not None
        ):
            add(0.0, "flip_constraints_not_liftable", field, False, v)
    if f.vertical and f.liftable is False:
        return found  # under H1 only the answer about the constraints can change the verdict
    for a, a_value in _AUDIENCES:
        if a is not p.audience and (v := ctx.judge(_with(f, "audience", a), 0)) is not None:
            add(1.0, "flip_audience", "audience", a_value, v, (("audience", a_value),))
    caps = p.capabilities
    if caps:
        if (v := ctx.judge(_with(f, "n_caps", 0), 0)) is not None:
            add(1.0, "flip_no_capabilities", "capabilities", (), v)
        # Dropping any one gives the same facts: offer the last one.
        if len(caps) > 1 and (v := ctx.judge(_with(f, "n_caps", len(caps) - 1), 0)) is not None:
            rest = tuple(x.value for x in caps[:-1])
            params: Params = (("capability", caps[-1].value),)
            add(0.5, "flip_drop_capability", "capabilities", rest, v, params)
    # Adding any one gives the same facts: offer the first missing one.
    missing = next((c for c in _CAPABILITIES if c not in caps), None)
    if missing is not None and (v := ctx.judge(_with(f, "n_caps", len(caps) + 1), 0)) is not None:
        more = tuple(x.value for x in (*caps, missing))
        add(0.5, "flip_add_capability", "capabilities", more, v, (("capability", missing.value),))
    # H3, M1 and B1 read neither the speed, the deadline, the objective nor the track record:
    # when one of them decides, no answer about those can change the verdict.
    if ctx.fixed is None:
        _score_answer_flips(p, ctx, add)
    if f.ih_hourly is not None and f.ag_hourly is not None:
        lm = not p.means.limit_means
        if (v := ctx.judge(_with(f, "limit_means", lm), None, patterns=False)) is not None:
            code = "flip_limit_means" if lm else "flip_no_limit_means"
            add(0.5, code, "means.limit_means", lm, v)
    return found


_AddFlip = Callable[[float, str, str, FlipValue, Verdict, Params], None]


def _score_answer_flips(p: Profile, ctx: _Ctx, add: _AddFlip) -> None:
    """The flips of answers only the score and the hybrid patterns read, in a fixed order."""
    f = ctx.f
    o = p.organisation
    v: Verdict | None
    for sp, sp_value, level in _SPEEDS:
        if (
            sp is not p.speed
            and (v := ctx.judge(_with(f, "speed_level", level), 1, rules=False)) is not None
        ):
            add(1.0, "flip_speed", "speed", sp_value, v, (("speed", sp_value),))
    current_band = _s_deadline(f)
    for months, days in _DEADLINE_CANDIDATES:
        cand = _with(f, "deadline_months", days / DAYS_PER_MONTH)
        if (
            _s_deadline(cand) != current_band
            and (v := ctx.judge(cand, 4, rules=False, patterns=False)) is not None
        ):
            d = (p.as_of + timedelta(days=days)).isoformat()
            add(1.0, "flip_deadline", "deadline", d, v, (("deadline", d), ("months", months)))
    if (
        p.deadline is not None
        and (v := ctx.judge(_with(f, "deadline_months", None), 4, rules=False, patterns=False))
        is not None
    ):
        add(1.0, "flip_no_deadline", "deadline", None, v, ())
    secondary_positioning = any(x in _POSITIONING_KINDS for x in p.objectives.secondary)
    seen: set[tuple[float, bool]] = {(OBJECTIVE_SCORE[f.primary], f.positioning)}
    for kind, kind_value, score, kind_positioning in _OBJECTIVES:
        positioning = kind_positioning or secondary_positioning
        key = (score, positioning)
        if key in seen:  # same facts as an objective already offered
            continue
        seen.add(key)
        facts = _with2(f, "primary", kind, "positioning", positioning)
        if (v := ctx.judge(facts, 5, rules=False)) is not None:
            field = "objectives.primary"
            add(1.5, "flip_objective", field, kind_value, v, (("objective", kind_value),))
    if o.current_mode is Mode.NONE:
        return
    for r, r_value in _RESULTS:
        if (
            r is not o.results
            and (v := ctx.judge(_with(f, "results", r), 2, rules=False)) is not None
        ):
            add(1.0, "flip_results", "organisation.results", r_value, v, (("results", r_value),))
    # "If it were not checked" is no lever: never offered.
    if (
        not o.manager_checked
        and (v := ctx.judge(_with(f, "manager_checked", True), 2, rules=False)) is not None
    ):
        add(1.0, "flip_manager_checked", "organisation.manager_checked", True, v, ())
    if (
        o.months_in_mode < YEAR_MONTHS
        and (v := ctx.judge(_with(f, "months", YEAR_MONTHS), 2, rules=False)) is not None
    ):
        params = (("months", YEAR_MONTHS),)
        add(1.0, "flip_months_in_mode", "organisation.months_in_mode", YEAR_MONTHS, v, params)


_MONEY_FIELDS = frozenset(
    {
        "means.agency.hourly",
        "means.agency.retainer_monthly",
        "means.in_house.hourly",
        "means.in_house.annual_salary",
        "means.budget_monthly",
    }
)


def _flips(p: Profile, ctx: _Ctx) -> tuple[Flip, ...]:
    found = _discrete_flips(p, ctx)
    found += _money_flips(p, ctx)
    found += _progress_flips(p, ctx)
    found.sort(key=lambda t: (t[0], t[1].field, t[1].code, str(t[1].value)))
    kept: list[Flip] = []
    per_field: dict[str, int] = {}
    for _, flip in found:
        n = per_field.get(flip.field, 0)
        if n >= 2:  # at most two per input (e.g. a lower and a higher price)
            continue
        per_field[flip.field] = n + 1
        kept.append(flip)
    if len(kept) <= MAX_FLIPS:
        return tuple(kept)  # all fit: no money field needs a reserved place
    # Money distances are relative and sort after most discrete answers: each money field that
    # has a flip keeps its nearest one within the cap.
    reserved: set[int] = set()
    seen: set[str] = set()
    for i, flip in enumerate(kept):
        if flip.field in _MONEY_FIELDS and flip.field not in seen:
            seen.add(flip.field)
            reserved.add(i)
    out: list[Flip] = []
    pending = len(reserved)
    for i, flip in enumerate(kept):
        if i in reserved:
            pending -= 1
            out.append(flip)
        elif len(out) + pending < MAX_FLIPS:
            out.append(flip)
    return tuple(out[:MAX_FLIPS])


# ---------------------------------------------------------------- confidence and actions


# Factor reasons that say again what a fired rule's reason already says.
_RESTATED_BY_RULE: dict[str, frozenset[str]] = {
    "restricted_no_commercial": frozenset({"audience_restricted_no_commercial"}),
    "limit_means": frozenset({"in_house_cheaper", "agency_cheaper"}),
}


def _label(c: float) -> ConfidenceLabel:
    if c >= LABEL_HIGH:
        return ConfidenceLabel.HIGH
    if c >= LABEL_MEDIUM:
        return ConfidenceLabel.MEDIUM
    return ConfidenceLabel.LOW


def _year_unchecked(f: _Facts) -> bool:
    return (
        f.mode in (Mode.IN_HOUSE, Mode.HYBRID)
        and f.months >= YEAR_MONTHS
        and _not_convincing(f.results)
        and not f.manager_checked
    )


def recommend(
    profile: Profile, *, weights: Weights = DEFAULT_WEIGHTS, incumbent: Verdict | None = None
) -> Recommendation:
    """Recommend in-house, hybrid or agency for a profile, with reasons, flips and actions.

    `incumbent` (the verdict in force) widens its own region by `weights.hysteresis`.
    """
    p, w = profile, weights
    f = _facts(p)
    wt = _weight_tuple(w)
    scores = _scores(f, w)
    values = tuple([wk * s for wk, s in zip(wt, scores, strict=True)])
    total = 0.0
    for v in values:
        total += v
    bounds = _thresholds(w, incumbent)
    rules = _rules(f, total)
    if rules:
        verdict = _decide_rule(rules[0], f)
    else:
        verdict = _band(total, *bounds)
        plain = _band(total, -w.band, w.band)
        if incumbent is not None and verdict is not plain:
            rules.append(RULE_HYSTERESIS)

    currency = p.means.currency
    known = (
        True,
        f.speed_level == 0.0 or f.progress is not None,
        f.mode is Mode.NONE or f.results is not Results.UNKNOWN,
        f.ih_hourly is not None and f.ag_hourly is not None,
        True,
        True,
    )
    reasons = (
        _reason_audience(p, f),
        _reason_acceleration(p),
        _reason_track(f),
        _reason_cost(f, currency),
        _reason_deadline(p, f),
        _reason_objective(p),
    )
    contributions = tuple(
        [
            Contribution(name, wk, s, v, k, r)
            for name, wk, s, v, k, r in zip(
                FACTORS, wt, scores, values, known, reasons, strict=True
            )
        ]
    )
    costs = _costs(p, f)

    # Confidence.
    deciding = rules[0] if rules else None
    if deciding in (RULE_VERTICAL, RULE_RESTRICTED):
        base = BASE_HARD_RULE
    elif deciding == RULE_LIMIT_MEANS:
        base = BASE_LIMIT_MEANS
    elif deciding == RULE_BUDGET:
        base = BASE_BUDGET
    elif deciding in (RULE_HYBRID_POSITIONING, RULE_HYBRID_GROWTH):
        base = BASE_HYBRID_PATTERN
    elif verdict is Verdict.HYBRID:
        base = BASE_BALANCED
    else:
        base = 0.5 + 0.5 * min(1.0, abs(total) / CONFIDENCE_SATURATION)
    wsum = sum(wt)
    completeness = (
        sum([wk for wk, k in zip(wt, known, strict=True) if k]) / wsum if wsum > 0 else 1.0
    )
    confidence = base * (0.6 + 0.4 * completeness)

    actions: list[Action] = []
    top: list[Reason] = []
    if deciding is not None and deciding != RULE_HYSTERESIS:
        top.append(_rule_reason(deciding, p, f))
    elif deciding == RULE_HYSTERESIS:
        top.append(Reason("rule_hysteresis_hold", _p(verdict=verdict.value, candidate=plain.value)))

    if _year_unchecked(f):
        # "mis à part l'efficacité du Social Media Manager dont vous devez vous assurer": first.
        confidence = min(confidence, CAP_MANAGER_UNCHECKED)
        actions.append(Action("check_manager", _p(months=round(f.months, 1))))
    if f.vertical and f.liftable is True:
        actions.append(Action("lift_constraints"))
    elif f.vertical and f.liftable is None:
        confidence = min(confidence, CAP_LIFTABLE_UNKNOWN)
        actions.append(Action("assess_constraints"))
    if deciding == RULE_RESTRICTED and _year_rule(f):
        # H3 keeps the team in-house while the year rule says outsource: not "high".
        confidence = min(confidence, CAP_RESTRICTED_YEAR_CONFLICT)
        actions.append(Action("review_in_house_results", _p(months=round(f.months, 1))))
    if p.deadline is not None and p.deadline < p.as_of:
        actions.append(Action("set_new_deadline", _p(deadline=p.deadline.isoformat())))
    if verdict is not Verdict.IN_HOUSE and p.organisation.interlocutor is not True:
        if p.organisation.interlocutor is False:
            confidence = min(confidence, CAP_NO_INTERLOCUTOR)
        actions.append(Action("name_interlocutor"))
    if p.speed is Speed.MAXIMAL and p.smo_sma_mix is None:
        # "Il faut souvent attribuer une mission, afin d'évaluer le niveau de combinaison optimal."
        actions.append(Action("commission_mix_mission"))
    if f.ih_hourly is None or f.ag_hourly is None:
        m = p.means
        ih_given = m.in_house.hourly is not None or m.in_house.annual_salary is not None
        if ih_given and m.agency.retainer_monthly is not None and m.hours_per_month is None:
            # Both costs are there; only the hours turn the retainer into an hourly cost.
            actions.append(Action("give_hours_per_month"))
        else:
            actions.append(Action("give_costs"))
    if f.mode in (Mode.IN_HOUSE, Mode.HYBRID, Mode.AGENCY) and f.results is Results.UNKNOWN:
        actions.append(Action("track_kpis"))

    over_budget = False
    chosen_cost = costs.monthly(verdict)
    if chosen_cost is not None and p.means.budget_monthly is not None:
        budget = p.means.budget_monthly
        if chosen_cost > budget + _EPS:
            over_budget = True
            confidence = min(confidence, CAP_OVER_BUDGET)
            params = _p(
                option=verdict.value,
                cost=_money(chosen_cost),
                budget=_money(budget),
                gap=_money(chosen_cost - budget),
                currency=currency,
            )
            top.insert(0, Reason("over_budget", params))
            actions.insert(0, Action("raise_budget_or_narrow_scope", params))
            fits = [
                o
                for o in (Verdict.IN_HOUSE, Verdict.HYBRID, Verdict.AGENCY)
                if (c := costs.monthly(o)) is not None and c <= budget
            ]
            for o in fits:
                c = costs.monthly(o)
                assert c is not None
                actions.insert(
                    1,
                    Action(
                        "cheaper_option_fits", _p(option=o.value, cost=_money(c), currency=currency)
                    ),
                )

    ranked = sorted(
        (c for c in contributions if c.value != 0.0), key=lambda c: (-abs(c.value), c.factor)
    )
    # A factor's reason that only restates a rule already given makes room for the next one.
    said = frozenset().union(*[_RESTATED_BY_RULE.get(r, frozenset()) for r in rules])
    top.extend([c.reason for c in ranked if c.reason.code not in said][:3])
    confidence = max(0.0, min(1.0, round(confidence, 4)))

    share = costs.hybrid_agency_share
    fixed = _fixed_rule_verdict(f)
    hy1_base = _hy1_base(f)
    pattern_fixed = _pattern_fixed(f, hy1_base)
    ctx = _Ctx(f, w, wt, bounds, verdict, scores, total, share, fixed, hy1_base, pattern_fixed)
    return Recommendation(
        verdict=verdict,
        confidence=confidence,
        confidence_label=_label(confidence),
        score=total,
        contributions=contributions,
        rules_fired=tuple(rules),
        top_reasons=tuple(top),
        flips=_flips(p, ctx),
        actions=tuple(actions),
        costs=costs,
        over_budget=over_budget,
        as_of=p.as_of,
    )


def _rule_reason(rule: str, p: Profile, f: _Facts) -> Reason:
    currency = p.means.currency
    if rule == RULE_LIMIT_MEANS:
        assert f.ih_hourly is not None and f.ag_hourly is not None
        ih = p.means.in_house
        # The comparison is on the loaded cost (what an hour of the employee costs the company,
        # MODEL.md §1); the text shows the wage the article speaks of next to it.
        wage = ih.hourly if ih.hourly is not None else f.ih_hourly / ih.load_factor
        return Reason(
            "rule_limit_means",
            _p(
                in_house_hourly=_money(f.ih_hourly),
                in_house_wage=_money(wage),
                load_factor=ih.load_factor,
                agency_hourly=_money(f.ag_hourly),
                currency=currency,
            ),
        )
    if rule == RULE_BUDGET:
        assert f.budget is not None
        single = _budget_single(f)
        assert single is not None
        cost = f.ih_monthly if single is Verdict.IN_HOUSE else f.ag_monthly
        assert cost is not None
        return Reason(
            "rule_budget_single_option",
            _p(option=single.value, cost=_money(cost), budget=_money(f.budget), currency=currency),
        )
    return Reason(f"rule_{rule}")
