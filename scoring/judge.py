"""Judging a flip candidate: the verdict of the facts with one answer changed, and whether that
change is a lever.

The verdict comes from the rule and pattern tables of `scoring.rules` and the factors of
`scoring.factors`, the same definitions `recommend` uses; nothing here restates a rule. The
shortcuts: a rule or pattern whose `reads` a change does not touch keeps its answer on the base
facts (computed once per evaluation by those same definitions), and only the factor that reads
the changed facts is scored again, its new term added to the base sum. `Change` derives what to
ask again from the `reads` sets; tests/scoring/test_judge.py checks every candidate of the
golden corpus against a judge without shortcuts (tests/scoring/oracle.py).
"""

from __future__ import annotations

from typing import NamedTuple

from scoring.costs import option_monthly
from scoring.factors import FACTORS, Factor, PerFactor, weighted_sum
from scoring.facts import FIELD_INDEX, Facts, FactValue
from scoring.model import Verdict
from scoring.rules import (
    ALWAYS,
    PATTERNS,
    RULES,
    VERDICTS,
    WINDOWS,
    categorical_verdict,
    score_verdict,
)
from scoring.weights import EPS, Weights

# Verdict.rank as a tuple position: `index` compares by identity, without hashing the Enum.
AXIS = (Verdict.IN_HOUSE, Verdict.HYBRID, Verdict.AGENCY)


class Change(NamedTuple):
    """A kind of one-answer change: the facts it replaces and what must be judged again."""

    names: tuple[str, ...]  # one or two Facts fields
    first: int  # index in Facts of names[0]
    second: int  # of names[1], or -1
    factor: Factor | None  # the one factor that reads them, if any
    rules: tuple[int, ...]  # indices in RULES of the rules that read one of them, in order
    patterns: tuple[int, ...]  # indices in PATTERNS of those that read one of them
    kept: tuple[int, ...]  # indices in PATTERNS of the others

    def apply(self, f: Facts, value: FactValue) -> Facts:
        """f with the changed fact set to `value`."""
        items = list(f)
        items[self.first] = value
        return tuple.__new__(Facts, items)

    def apply2(self, f: Facts, first: FactValue, second: FactValue) -> Facts:
        """f with the two changed facts set (in the order of `names`)."""
        items = list(f)
        items[self.first] = first
        items[self.second] = second
        return tuple.__new__(Facts, items)


def change(*names: str) -> Change:
    """The change of some facts, with what reads them taken from the rule and factor tables."""
    assert 1 <= len(names) <= 2 and all(name in FIELD_INDEX for name in names), names
    touched = frozenset(names)
    readers = [factor for factor in FACTORS if factor.reads & touched]
    assert len(readers) <= 1, f"{names} move more than one factor"
    return Change(
        names,
        FIELD_INDEX[names[0]],
        FIELD_INDEX[names[1]] if len(names) > 1 else -1,
        readers[0] if readers else None,
        tuple(i for i, rule in enumerate(RULES) if rule.reads & touched),
        tuple(i for i, p in enumerate(PATTERNS) if p.reads & touched),
        tuple(i for i, p in enumerate(PATTERNS) if not p.reads & touched),
    )


# The rules after each one, for categorical_verdict.
_AFTER = tuple(VERDICTS[i + 1 :] for i in range(len(VERDICTS)))


# Every kind of change the flip search tries.
LIFTABLE = change("liftable")
AUDIENCE = change("audience")
CAPABILITIES = change("n_caps")
SPEED = change("speed_level")
DEADLINE = change("deadline_months")
OBJECTIVE = change("primary", "positioning")
RESULTS = change("results")
MANAGER_CHECKED = change("manager_checked")
MONTHS = change("months")
LIMIT_MEANS = change("limit_means")
AGENCY_PRICE = change("ag_hourly", "ag_monthly")
IN_HOUSE_PRICE = change("ih_hourly", "ih_monthly")
BUDGET = change("budget")
PROGRESS = change("progress")
CHANGES = (
    LIFTABLE,
    AUDIENCE,
    CAPABILITIES,
    SPEED,
    DEADLINE,
    OBJECTIVE,
    RESULTS,
    MANAGER_CHECKED,
    MONTHS,
    LIMIT_MEANS,
    AGENCY_PRICE,
    IN_HOUSE_PRICE,
    BUDGET,
    PROGRESS,
)


def _near_edge(total: float, window: float, bounds: tuple[float, float]) -> bool:
    """Whether a sum is within rounding of a band edge or a pattern window's bound."""
    return (
        abs(total - bounds[0]) < EPS
        or abs(total - bounds[1]) < EPS
        or (0.0 < window < ALWAYS and abs(abs(total) - window) < EPS)
    )


class FlipContext(NamedTuple):
    """The evaluation a flip is searched from, and the rules' answers on its facts."""

    f: Facts
    w: Weights
    weights: PerFactor
    bounds: tuple[float, float]  # scoring.rules.thresholds, with the incumbent
    verdict: Verdict
    scores: PerFactor
    total: float
    share: float  # the agency's share of a hybrid, for its monthly cost
    fixed: Verdict | None  # the verdict of the first categorical rule that holds on f
    decider: int  # that rule's index in RULES, or len(RULES)
    windows: tuple[float, ...]  # pattern_windows(f)
    widest: float  # max(windows)

    @property
    def pattern_fixed(self) -> bool:
        """A hybrid pattern holds whatever the score."""
        return self.widest == ALWAYS

    def score_targets(self) -> list[float]:
        """The totals at which the verdict may change: the band edges and a pattern's bound."""
        targets = list(self.bounds)
        if 0.0 < self.widest < ALWAYS:
            targets += [-self.widest, self.widest]
        return targets

    def decided_before(self, reader: int) -> bool:
        """A categorical rule before the rule of index `reader` decides (`first_reader`): no
        change of the facts that rule and those after it read can change the verdict."""
        return self.decider < reader

    def judge(
        self, f2: Facts, change: Change, *, not_a_lever: Verdict | None = None
    ) -> Verdict | None:
        """The verdict of changed facts if it differs from the verdict in force and the change
        is a lever; `not_a_lever` if it differs but the change is no lever; else None.

        A lever changes the verdict in its factor's direction, not against it (e.g. dropping
        the commercial needs, which lowers the agency's side, would lead to the agency), and
        not toward an option that would cost more than the verdict in force and exceed the
        budget (a flip toward an option that fits the budget less).

        f2 differs from the base facts only in `change.names`. The rules and patterns that
        read none of them keep their answers on the base facts.
        """
        verdict = self.verdict
        factor = change.factor
        s: float | None = None  # the changed factor's new score, computed once
        # The categorical verdict: the rules the change does not touch keep their answers, so
        # only those it touches up to the deciding one are asked again.
        v = self.fixed
        decider = self.decider
        for i in change.rules:
            if i > decider:
                break  # an untouched rule before it decides: v is self.fixed
            u = VERDICTS[i](f2)
            if u is not None:
                v = u
                break
            if i == decider:  # the deciding rule no longer holds: ask the ones after it
                v = categorical_verdict(f2, _AFTER[i])
                break
        if v is None:
            # The widest pattern window: the patterns the change does not touch keep theirs.
            if change.patterns:
                window = 0.0
                windows = self.windows
                for i in change.kept:
                    if windows[i] > window:
                        window = windows[i]
                for i in change.patterns:
                    wi = WINDOWS[i](f2)
                    if wi > window:
                        window = wi
            else:
                window = self.widest
            if window == ALWAYS:
                v = Verdict.HYBRID
            elif factor is None:  # no score moved: the sum is the base one
                v = score_verdict(self.total, window, self.bounds)
                if v is verdict:
                    return None
            else:
                k = factor.index
                s = factor.score(f2, self.w)
                scores = self.scores
                total = self.total + self.weights[k] * (s - scores[k])
                v = score_verdict(total, window, self.bounds)
                # The incremental sum can differ from the full one in the last bit: a new
                # verdict, or the same one within a hair of an edge, is decided on the full
                # sum, added term by term in factor order as recommend does.
                if v is not verdict or _near_edge(total, window, self.bounds):
                    full = weighted_sum((*scores[:k], s, *scores[k + 1 :]), self.weights)
                    v = score_verdict(full, window, self.bounds)
                if v is verdict:
                    return None
        if v is verdict:
            return None
        if factor is not None:  # not against its factor
            k = factor.index
            if s is None:
                s = factor.score(f2, self.w)
            delta = s - self.scores[k]
            if delta < -EPS or delta > EPS:
                step = AXIS.index(v) - AXIS.index(verdict)
                if (step > 0) if delta < 0.0 else (step < 0):
                    return not_a_lever
        budget = f2.budget
        if budget is not None:  # not toward a dearer option over budget
            new = option_monthly(f2, v, self.share)
            if new is not None and new > budget + EPS:
                old = option_monthly(f2, verdict, self.share)
                if old is not None and new > old + EPS:
                    return not_a_lever
        return v
