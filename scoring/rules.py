"""The hard rules and hybrid patterns, each defined once, and the gate from score to verdict.

The verdict (`scoring.decision`) and the flip search (`scoring.judge`) both read these tables;
neither writes a rule out again. Precedence: the first categorical rule that holds decides;
else a hybrid pattern that holds gives hybrid; else the score's band.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from scoring.facts import NOT_CONVINCING, Facts
from scoring.model import YEAR_MONTHS, Audience, Mode, ObjectiveKind, Results, Verdict
from scoring.weights import (
    BASE_BUDGET,
    BASE_HARD_RULE,
    BASE_HYBRID_PATTERN,
    BASE_LIMIT_MEANS,
    HY1_MAX_ABS_SCORE,
    POSITIONING_KINDS,
    Weights,
)

# Codes are stable (catalogue: "rule.<code>"), in precedence order.
RULE_VERTICAL = "vertical_unliftable"  # H1 "vous devez absolument externaliser"
RULE_RESTRICTED = (
    "restricted_no_commercial"  # H3 "un Social Media en interne fait amplement l'affaire"
)
RULE_LIMIT_MEANS = "limit_means"  # M1 "le minimum vous indique la voie à suivre"
RULE_BUDGET = "budget_single_option"  # B1 "quel est le budget maximum que vous pouvez y mettre ?"
RULE_UPKEEP = "community_upkeep"  # H4 "pour entretenir simplement votre communauté ... ça gère"
RULE_HYBRID_POSITIONING = "positioning_plus_commercial"  # HY1
RULE_HYBRID_GROWTH = "convincing_in_house_plus_growth"  # HY2
RULE_HYSTERESIS = "hysteresis_hold"  # not a rule of the tables: the incumbent's wider band
# A hybrid pattern's window when it holds whatever the score.
ALWAYS = math.inf


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


def community_upkeep(f: Facts) -> Verdict | None:
    """H4: plain community upkeep (a community aim, no commercial need, a steady pace, no cost
    figures to weigh) is handled in-house, unless the year rule says the team has had its year."""
    if (
        f.primary is ObjectiveKind.COMMUNITY
        and f.n_caps == 0
        and not f.commercial_secondary
        and f.speed_level == 0.0
        and f.ih_hourly is None
        and f.ih_monthly is None
        and f.ag_hourly is None
        and f.ag_monthly is None
        and not year_rule(f)
    ):
        return Verdict.IN_HOUSE
    return None


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
    # Last: it needs no cost figure at all, so it never competes with M1 or B1, and the flip
    # search skips the score answers whenever an earlier rule decides.
    Rule(
        RULE_UPKEEP,
        frozenset(
            {"primary", "n_caps", "commercial_secondary", "speed_level"}
            | {"ih_hourly", "ih_monthly", "ag_hourly", "ag_monthly"}
            | {"mode", "months", "results", "manager_checked"}  # the year rule's
        ),
        community_upkeep,
        BASE_HARD_RULE,
    ),
)
VerdictsOf = tuple[Callable[[Facts], Verdict | None], ...]
VERDICTS: VerdictsOf = tuple(rule.verdict for rule in RULES)


def rule_answers(f: Facts) -> tuple[Verdict | None, ...]:
    """Each categorical rule's answer (its verdict, or None), in precedence order."""
    return tuple([verdict(f) for verdict in VERDICTS])


def categorical_verdict(f: Facts, verdicts: VerdictsOf = VERDICTS) -> Verdict | None:
    """The verdict of the first categorical rule that holds, if one does (among `verdicts`,
    a run of the table in precedence order, when given)."""
    for verdict in verdicts:
        v = verdict(f)
        if v is not None:
            return v
    return None


def deciding_rule(answers: tuple[Verdict | None, ...]) -> int:
    """The index of the first rule that holds among `rule_answers`, or len(RULES)."""
    for i, v in enumerate(answers):
        if v is not None:
            return i
    return len(answers)


def first_reader(names: frozenset[str]) -> int:
    """The index of the first categorical rule that reads one of the facts `names`, or
    len(RULES): a deciding rule before it decides whatever those facts are."""
    return next((i for i, rule in enumerate(RULES) if rule.reads & names), len(RULES))


# ---------------------------------------------------------------- the hybrid patterns


def year_without_results(f: Facts) -> bool:
    """Over a year in-house (or hybrid) without convincing results, the manager aside."""
    return (
        f.mode in (Mode.IN_HOUSE, Mode.HYBRID)
        and f.months >= YEAR_MONTHS
        and f.results in NOT_CONVINCING
    )


def year_rule(f: Facts) -> bool:
    """The article's year rule holds in full: over a year without convincing results, the
    manager's own effectiveness checked ("mis à part l'efficacité ... dont vous devez vous assurer")."""
    return f.manager_checked and year_without_results(f)


def positioning_window(f: Facts) -> float:
    """HY1: a positioning aim, a capability, and a restricted audience or a team already
    in-house, never against the year rule; then hybrid whatever the score when the positioning
    aim is primary, else only while the weighted sum leans less than HY1_MAX_ABS_SCORE."""
    if not (
        f.positioning
        and f.n_caps > 0
        and (f.mode is Mode.IN_HOUSE or f.mode is Mode.HYBRID or f.audience is Audience.RESTRICTED)
        and not year_rule(f)
    ):
        return 0.0
    return ALWAYS if f.primary in POSITIONING_KINDS else HY1_MAX_ABS_SCORE


def growth_window(f: Facts) -> float:
    """HY2: in-house (or hybrid) with convincing results, plus a capability or maximal speed;
    then hybrid whatever the score."""
    if (
        f.mode in (Mode.IN_HOUSE, Mode.HYBRID)
        and f.results is Results.CONVINCING
        and (f.n_caps > 0 or f.speed_level >= 1.0)
    ):
        return ALWAYS
    return 0.0


@dataclass(frozen=True, slots=True)
class Pattern:
    """A hybrid pattern: the verdict is hybrid while |S| < its window of the facts (0: its
    conditions do not hold; ALWAYS: whatever the score)."""

    code: str
    reads: frozenset[str]  # the Facts fields its window depends on
    window: Callable[[Facts], float]
    confidence: float


PATTERNS = (
    Pattern(
        RULE_HYBRID_POSITIONING,
        frozenset(
            {"positioning", "n_caps", "mode", "audience", "months", "results", "manager_checked"}
            | {"primary"}  # its score bound's
        ),
        positioning_window,
        BASE_HYBRID_PATTERN,
    ),
    Pattern(
        RULE_HYBRID_GROWTH,
        frozenset({"mode", "results", "n_caps", "speed_level"}),
        growth_window,
        BASE_HYBRID_PATTERN,
    ),
)
WINDOWS = tuple(pattern.window for pattern in PATTERNS)
RULE_CONFIDENCE = {r.code: r.confidence for r in (*RULES, *PATTERNS)}


def pattern_windows(f: Facts) -> tuple[float, ...]:
    """Each hybrid pattern's window, in table order."""
    return tuple([window(f) for window in WINDOWS])


def fired(
    answers: tuple[Verdict | None, ...], windows: tuple[float, ...], total: float
) -> list[str]:
    """The codes of every rule and pattern that holds at the score `total`, in precedence order."""
    codes = [rule.code for rule, v in zip(RULES, answers, strict=True) if v is not None]
    return codes + [p.code for p, w in zip(PATTERNS, windows, strict=True) if abs(total) < w]


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


def score_verdict(total: float, window: float, bounds: tuple[float, float]) -> Verdict:
    """The verdict when no categorical rule holds: hybrid within the widest pattern window,
    else the band (S >= upper agency, S <= lower in-house, hybrid between)."""
    if window > 0.0 and abs(total) < window:
        return Verdict.HYBRID
    if total >= bounds[1]:
        return Verdict.AGENCY
    if total <= bounds[0]:
        return Verdict.IN_HOUSE
    return Verdict.HYBRID


def verdict_of(f: Facts, total: float, bounds: tuple[float, float]) -> Verdict:
    """The verdict of some facts at a score, from scratch: rules, patterns, then the band."""
    v = categorical_verdict(f)
    if v is not None:
        return v
    return score_verdict(total, max(pattern_windows(f)), bounds)
