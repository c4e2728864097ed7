"""Judging a flip candidate: the verdict of the facts with one answer changed, and whether that
change is a lever.

The verdict comes from the rule and pattern tables of `scoring.rules` and the factors of
`scoring.factors`, the same definitions `recommend` uses. The only shortcut: a group of rules
(categorical, patterns) none of whose `reads` a change touches keeps its answer on the base
facts, computed once per evaluation by those same definitions; likewise only the factor that
reads the changed fields is scored again. `Change` derives all of this from the `reads` sets.
"""

from __future__ import annotations

from typing import NamedTuple

from scoring.costs import option_monthly
from scoring.factors import FACTORS, Factor, PerFactor, weighted_sum
from scoring.facts import FIELD_INDEX, Facts, FactValue
from scoring.model import Verdict
from scoring.rules import (
    PATTERNS,
    RULES,
    categorical_verdict,
    pattern_state,
    score_verdict,
)
from scoring.weights import EPS, Weights

# Verdict.rank as a tuple position: `index` compares by identity, without hashing the Enum.
AXIS = (Verdict.IN_HOUSE, Verdict.HYBRID, Verdict.AGENCY)

_CATEGORICAL_READS = frozenset().union(*[rule.reads for rule in RULES])
_PATTERN_READS = frozenset().union(*[pattern.reads for pattern in PATTERNS])


class Change(NamedTuple):
    """A kind of one-answer change: the facts it replaces and what must be judged again."""

    names: tuple[str, ...]
    indices: tuple[int, ...]  # of the names in Facts
    factor: Factor | None  # the one factor that reads them, if any
    rules: bool  # a categorical rule reads one of them
    patterns: bool  # a hybrid pattern reads one of them

    def apply(self, f: Facts, *values: FactValue) -> Facts:
        """f with the changed facts set to `values` (in the order of `names`)."""
        items = list(f)
        for i, value in zip(self.indices, values, strict=True):
            items[i] = value
        return tuple.__new__(Facts, items)

    def everything(self) -> Change:
        """The same change, every rule judged again (the reference of the shortcut)."""
        return self._replace(rules=True, patterns=True)


def change(*names: str) -> Change:
    """The change of some facts, with what reads them taken from the rule and factor tables."""
    assert all(name in FIELD_INDEX for name in names), names
    touched = frozenset(names)
    readers = [factor for factor in FACTORS if factor.reads & touched]
    assert len(readers) <= 1, f"{names} move more than one factor"
    return Change(
        names,
        tuple(FIELD_INDEX[name] for name in names),
        readers[0] if readers else None,
        bool(_CATEGORICAL_READS & touched),
        bool(_PATTERN_READS & touched),
    )


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
    fixed: Verdict | None  # categorical_verdict(f)
    pattern_fixed: bool  # pattern_state(f): a hybrid pattern holds whatever the score
    score_bound: float | None  # pattern_state(f): the widest bound under which one holds

    @classmethod
    def of(
        cls,
        f: Facts,
        w: Weights,
        weights: PerFactor,
        bounds: tuple[float, float],
        verdict: Verdict,
        scores: PerFactor,
        total: float,
        share: float,
    ) -> FlipContext:
        """The context of an evaluation, the rules asked once of its facts."""
        fixed = categorical_verdict(f)
        pattern_fixed, bound = pattern_state(f)
        return cls(
            f, w, weights, bounds, verdict, scores, total, share, fixed, pattern_fixed, bound
        )

    def score_targets(self) -> list[float]:
        """The totals at which the verdict may change: the band edges and a pattern's bound."""
        targets = list(self.bounds)
        if self.score_bound is not None:
            targets += [-self.score_bound, self.score_bound]
        return targets

    def judge(
        self, f2: Facts, change: Change, *, not_a_lever: Verdict | None = None
    ) -> Verdict | None:
        """The verdict of changed facts if it differs from the verdict in force and the change
        is a lever; `not_a_lever` if it differs but the change is no lever; else None.

        A lever changes the verdict in its factor's direction, not against it (e.g. dropping
        the commercial needs, which lowers the agency's side, would lead to the agency), and
        not toward an option that would cost more than the verdict in force and exceed the
        budget (a flip toward an option that fits the budget less).

        f2 differs from the base facts only in `change.names`.
        """
        verdict = self.verdict
        factor = change.factor
        s: float | None = None  # the changed factor's new score, computed once
        v = categorical_verdict(f2) if change.rules else self.fixed
        if v is None:
            if change.patterns:
                pattern_fixed, bound = pattern_state(f2)
            else:
                pattern_fixed, bound = self.pattern_fixed, self.score_bound
            if pattern_fixed:
                v = Verdict.HYBRID
            elif factor is None:  # no score moved: the sum is the base one
                v = score_verdict(self.total, bound, self.bounds)
                if v is verdict:
                    return None
            else:
                k = factor.index
                s = factor.score(f2, self.w)
                scores = self.scores
                total = self.total + self.weights[k] * (s - scores[k])
                v = score_verdict(total, bound, self.bounds)
                if v is verdict:
                    return None
                # The incremental sum can differ from the full one in the last bit: a new
                # verdict must also hold on the full sum, added term by term in factor
                # order as recommend does.
                full = weighted_sum((*scores[:k], s, *scores[k + 1 :]), self.weights)
                if score_verdict(full, bound, self.bounds) is not v:
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
