"""The hard rules and hybrid patterns, each defined once, and the gate from score to verdict.

The verdict (`scoring.decision`) and the flip search (`scoring.judge`) both read these tables;
neither writes a rule out again. Precedence: the first categorical rule that holds decides;
else a hybrid pattern that holds gives hybrid; else the score's band.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from scoring.facts import Facts, not_convincing
from scoring.model import Audience, Mode, Results, Verdict
from scoring.weights import (
    BASE_BUDGET,
    BASE_HARD_RULE,
    BASE_HYBRID_PATTERN,
    BASE_LIMIT_MEANS,
    HY1_MAX_ABS_SCORE,
    POSITIONING_KINDS,
    YEAR_MONTHS,
    Weights,
)

# Codes are stable (catalogue: "rule.<code>"), in precedence order.
RULE_VERTICAL = "vertical_unliftable"  # H1 "vous devez absolument externaliser"
RULE_RESTRICTED = (
    "restricted_no_commercial"  # H3 "un Social Media en interne fait amplement l'affaire"
)
RULE_LIMIT_MEANS = "limit_means"  # M1 "le minimum vous indique la voie à suivre"
RULE_BUDGET = "budget_single_option"  # B1 "quel est le budget maximum que vous pouvez y mettre ?"
RULE_HYBRID_POSITIONING = "positioning_plus_commercial"  # HY1
RULE_HYBRID_GROWTH = "convincing_in_house_plus_growth"  # HY2
RULE_HYSTERESIS = "hysteresis_hold"  # not a rule of the tables: the incumbent's wider band


# ---------------------------------------------------------------- the categorical rules


def vertical_unliftable(f: Facts) -> Verdict | None:
    """H1: a vertical organisation whose constraints cannot be lifted must outsource."""
    return Verdict.AGENCY if f.vertical and f.liftable is False else None


def restricted_no_commercial(f: Facts) -> Verdict | None:
    """H3: a restricted audience with no commercial need is enough for in-house."""
    return Verdict.IN_HOUSE if f.n_caps == 0 and f.audience is Audience.RESTRICTED else None


def limit_means(f: Facts) -> Verdict | None:
    """M1: with limited means, the strictly cheaper hourly cost; a tie stays in-house."""
    ih, ag = f.ih_hourly, f.ag_hourly
    if not f.limit_means or ih is None or ag is None:
        return None
    # On a tie the in-house option avoids transaction costs [2].
    return Verdict.AGENCY if ag < ih else Verdict.IN_HOUSE


def budget_single_option(f: Facts) -> Verdict | None:
    """B1: the one pure option the budget pays for, when exactly one of the two fits."""
    budget, ih, ag = f.budget, f.ih_monthly, f.ag_monthly
    if budget is None or ih is None or ag is None:
        return None
    ih_fits = ih <= budget
    if ih_fits == (ag <= budget):
        return None
    return Verdict.IN_HOUSE if ih_fits else Verdict.AGENCY


@dataclass(frozen=True, slots=True)
class Rule:
    """A categorical rule: when it holds, it gives the verdict, whatever the score."""

    code: str
    reads: frozenset[str]  # the Facts fields its answer depends on
    verdict: Callable[[Facts], Verdict | None]  # its verdict when it holds, else None
    confidence: float  # the base confidence of a verdict it decides


RULES = (
    Rule(RULE_VERTICAL, frozenset({"vertical", "liftable"}), vertical_unliftable, BASE_HARD_RULE),
    Rule(
        RULE_RESTRICTED,
        frozenset({"audience", "n_caps"}),
        restricted_no_commercial,
        BASE_HARD_RULE,
    ),
    Rule(
        RULE_LIMIT_MEANS,
        frozenset({"limit_means", "ih_hourly", "ag_hourly"}),
        limit_means,
        BASE_LIMIT_MEANS,
    ),
    Rule(
        RULE_BUDGET,
        frozenset({"budget", "ih_monthly", "ag_monthly"}),
        budget_single_option,
        BASE_BUDGET,
    ),
)
_VERDICTS = tuple(rule.verdict for rule in RULES)


def categorical(f: Facts) -> list[tuple[str, Verdict]]:
    """Every categorical rule that holds, in precedence order, with its verdict."""
    held: list[tuple[str, Verdict]] = []
    for rule in RULES:
        v = rule.verdict(f)
        if v is not None:
            held.append((rule.code, v))
    return held


def categorical_verdict(f: Facts) -> Verdict | None:
    """The verdict of the first categorical rule that holds, if one does."""
    for verdict in _VERDICTS:
        v = verdict(f)
        if v is not None:
            return v
    return None


def decided_regardless_of(f: Facts, names: frozenset[str]) -> bool:
    """A categorical rule decides whatever the facts `names` are: it holds, and neither it nor
    a rule before it reads them."""
    for rule in RULES:
        if rule.reads & names:
            return False
        if rule.verdict(f) is not None:
            return True
    return False


# ---------------------------------------------------------------- the hybrid patterns


def year_without_results(f: Facts) -> bool:
    """Over a year in-house (or hybrid) without convincing results, the manager aside."""
    return (
        f.mode in (Mode.IN_HOUSE, Mode.HYBRID)
        and f.months >= YEAR_MONTHS
        and not_convincing(f.results)
    )


def year_rule(f: Facts) -> bool:
    """The article's year rule holds in full: over a year without convincing results, the
    manager's own effectiveness checked ("mis à part l'efficacité ... dont vous devez vous assurer")."""
    return f.manager_checked and year_without_results(f)


def positioning_plus_commercial(f: Facts) -> bool:
    """HY1's conditions: a positioning aim, a capability, and a restricted audience or a team
    already in-house; never against the year rule."""
    return (
        f.positioning
        and f.n_caps > 0
        and (f.mode is Mode.IN_HOUSE or f.mode is Mode.HYBRID or f.audience is Audience.RESTRICTED)
        and not year_rule(f)
    )


def positioning_score_bound(f: Facts) -> float | None:
    """HY1 holds whatever the score when the positioning aim is primary; else only while the
    weighted sum leans less than HY1_MAX_ABS_SCORE either way."""
    return None if f.primary in POSITIONING_KINDS else HY1_MAX_ABS_SCORE


def convincing_in_house_plus_growth(f: Facts) -> bool:
    """HY2: in-house (or hybrid) with convincing results, plus a capability or maximal speed."""
    return (
        f.mode in (Mode.IN_HOUSE, Mode.HYBRID)
        and f.results is Results.CONVINCING
        and (f.n_caps > 0 or f.speed_level >= 1.0)
    )


def _no_bound(_: Facts) -> float | None:
    return None


@dataclass(frozen=True, slots=True)
class Pattern:
    """A hybrid pattern: hybrid when its conditions hold and |S| is under its bound, if any."""

    code: str
    reads: frozenset[str]  # the Facts fields its conditions and bound depend on (the score aside)
    holds: Callable[[Facts], bool]  # its conditions, the score aside
    score_bound: Callable[[Facts], float | None]  # |S| must be under it; None: whatever the score
    confidence: float


PATTERNS = (
    Pattern(
        RULE_HYBRID_POSITIONING,
        frozenset(
            {"positioning", "n_caps", "mode", "audience", "months", "results", "manager_checked"}
            | {"primary"}  # the score bound's
        ),
        positioning_plus_commercial,
        positioning_score_bound,
        BASE_HYBRID_PATTERN,
    ),
    Pattern(
        RULE_HYBRID_GROWTH,
        frozenset({"mode", "results", "n_caps", "speed_level"}),
        convincing_in_house_plus_growth,
        _no_bound,
        BASE_HYBRID_PATTERN,
    ),
)
_PATTERNS = tuple((pattern.holds, pattern.score_bound) for pattern in PATTERNS)
RULE_CONFIDENCE = {r.code: r.confidence for r in (*RULES, *PATTERNS)}


def patterns_held(f: Facts, total: float) -> list[str]:
    """The codes of every hybrid pattern that holds at the score `total`, in precedence order."""
    held: list[str] = []
    for pattern in PATTERNS:
        if pattern.holds(f):
            bound = pattern.score_bound(f)
            if bound is None or abs(total) < bound:
                held.append(pattern.code)
    return held


def pattern_state(f: Facts) -> tuple[bool, float | None]:
    """What the patterns say before the score: (one holds whatever the score, the widest
    bound under which one holds)."""
    widest: float | None = None
    for holds, score_bound in _PATTERNS:
        if holds(f):
            bound = score_bound(f)
            if bound is None:
                return True, None
            if widest is None or bound > widest:
                widest = bound
    return False, widest


# ---------------------------------------------------------------- the gate (rules, then band)


def thresholds(w: Weights, incumbent: Verdict | None) -> tuple[float, float]:
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


def band(score: float, lower: float, upper: float) -> Verdict:
    """The verdict of the weighted sum alone."""
    if score >= upper:
        return Verdict.AGENCY
    if score <= lower:
        return Verdict.IN_HOUSE
    return Verdict.HYBRID


def score_verdict(total: float, bound: float | None, bounds: tuple[float, float]) -> Verdict:
    """The verdict when no categorical rule holds and no pattern holds whatever the score:
    hybrid under a pattern's bound (`pattern_state`), else the band."""
    if bound is not None and abs(total) < bound:
        return Verdict.HYBRID
    return band(total, bounds[0], bounds[1])


def verdict_of(f: Facts, total: float, bounds: tuple[float, float]) -> Verdict:
    """The verdict of some facts at a score, from scratch: rules, patterns, then the band."""
    v = categorical_verdict(f)
    if v is not None:
        return v
    fixed, bound = pattern_state(f)
    return Verdict.HYBRID if fixed else score_verdict(total, bound, bounds)
