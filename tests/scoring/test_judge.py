"""The flip search's shortcuts against the rule definitions, over the whole golden corpus.

The judge asks again only the rules, patterns and factor that read what a change touches, and
the search skips answers a rule decides regardless of. Both are derived from the `reads` sets of
the tables: these tests check the sets and every shortcut against a from-scratch evaluation.
"""

from __future__ import annotations

import collections
from collections.abc import Iterator, Sequence

import pytest

from scoring import Profile, Verdict, parse_profile
from scoring.decision import flip_context
from scoring.factors import FACTORS, scores, weighted_sum
from scoring.facts import Facts, FactValue, facts
from scoring.flips import candidates
from scoring.judge import CHANGES, Change, FlipContext
from scoring.model import Audience, ObjectiveKind, Results
from scoring.rules import PATTERNS, RULES, first_reader, verdict_of
from scoring.weights import Weights

from .golden import WEIGHTS, cases
from .oracle import reference_judge

Case = tuple[Profile, Weights, Verdict | None]


@pytest.fixture(scope="module")
def corpus() -> list[Case]:
    """Every profile of the golden corpus, parsed, with its weights and incumbent."""
    return [
        (
            parse_profile(c.profile),
            WEIGHTS[c.weights],
            None if c.incumbent is None else Verdict(c.incumbent),
        )
        for c in cases()
    ]


def test_each_rule_pattern_and_factor_reads_only_the_facts_it_declares(
    corpus: list[Case],
) -> None:
    """Swapping in another profile's value of a fact outside `reads` never changes an answer."""
    all_facts = [facts(p) for p, _, _ in corpus]
    answers = [
        *[(r.code, r.reads, r.verdict) for r in RULES],
        *[(p.code, p.reads, p.window) for p in PATTERNS],
    ]
    w = Weights()
    for i, f in enumerate(all_facts):
        g = all_facts[(i * 7919 + 1) % len(all_facts)]  # another profile, far in the corpus
        before = [answer(f) for _, _, answer in answers]
        scored = [factor.score(f, w) for factor in FACTORS]
        for j, name in enumerate(Facts._fields):
            if f[j] == g[j]:
                continue
            items: list[object] = list(f)
            items[j] = g[j]
            h = tuple.__new__(Facts, items)
            for (code, reads, answer), a in zip(answers, before, strict=True):
                if name not in reads:
                    assert answer(h) == a, (code, name, i)
            for factor, score in zip(FACTORS, scored, strict=True):
                if name not in factor.reads:
                    assert factor.score(h, w) == score, (factor.name, name, i)


class _Checked(FlipContext):
    """A flip context whose judge is checked against `reference_judge` on every call."""

    __slots__ = ()
    seen: collections.Counter[str] = collections.Counter()

    def judge(
        self, f2: Facts, change: Change, *, not_a_lever: Verdict | None = None
    ) -> Verdict | None:
        fast = FlipContext.judge(self, f2, change, not_a_lever=not_a_lever)
        reference = reference_judge(self, f2, change, not_a_lever)
        assert fast is reference, (change.names, f2, fast, reference)
        _Checked.seen["/".join(change.names)] += 1
        return fast


def test_every_candidate_the_flip_search_judges_gets_the_verdict_of_every_rule_asked_again(
    corpus: list[Case],
) -> None:
    _Checked.seen.clear()
    for profile, weights, incumbent in corpus:
        ctx = flip_context(profile, weights=weights, incumbent=incumbent)
        checked = _Checked(*ctx)
        assert candidates(profile, checked) == candidates(profile, ctx)
    assert {"/".join(c.names) for c in CHANGES} == set(_Checked.seen), _Checked.seen


def _values(change: Change, f: Facts) -> Iterator[tuple[FactValue, ...]]:
    """Representative values of the facts a change replaces (valid or not: facts are facts)."""
    months = [None, -1.0, 0.0, 3.0, 6.5, 9.0, 12.5, 24.0]
    money = [(None, None), (10.0, 600.0), (50.0, 3000.0), (1e3, 1e5), (0.01, 1e12)]
    by_name: dict[str, Sequence[tuple[FactValue, ...]]] = {
        "liftable": [(None,), (True,), (False,)],
        "audience": [(a,) for a in Audience],
        "n_caps": [(n,) for n in range(6)],
        "speed_level": [(0.0,), (0.5,), (1.0,)],
        "deadline_months": [(m,) for m in months],
        "primary": [(k, b) for k in ObjectiveKind for b in (False, True)],
        "results": [(r,) for r in Results],
        "manager_checked": [(False,), (True,)],
        "months": [(0.0,), (11.99,), (12.0,), (30.0,)],
        "limit_means": [(False,), (True,)],
        "ag_hourly": money,
        "ih_hourly": money,
        "budget": [(None,), (0.0,), (500.0,), (1e6,), (f.ih_monthly,), (f.ag_monthly,)],
        "progress": [(None,), (0.0,), (0.5,), (1.0,)],
    }
    yield from by_name[change.names[0]]


def _apply(change: Change, f: Facts, values: tuple[FactValue, ...]) -> Facts:
    if len(values) == 1:
        return change.apply(f, values[0])
    return change.apply2(f, values[0], values[1])


def test_what_the_flip_search_skips_as_decided_by_a_rule_cannot_change_the_verdict(
    corpus: list[Case],
) -> None:
    skipped: collections.Counter[str] = collections.Counter()
    for profile, weights, incumbent in corpus:
        ctx = flip_context(profile, weights=weights, incumbent=incumbent)
        for change in CHANGES:
            decided = ctx.decided_before(first_reader(frozenset(change.names)))
            # Progress: skipped when a rule or a pattern decides whatever the score.
            if change.names == ("progress",):
                decided = ctx.fixed is not None or ctx.pattern_fixed
            if not decided:
                continue
            skipped["/".join(change.names)] += 1
            for values in _values(change, ctx.f):
                f2 = _apply(change, ctx.f, values)
                total = weighted_sum(scores(f2, weights), ctx.weights)
                assert verdict_of(f2, total, ctx.bounds) is ctx.verdict, (change.names, values)
    # Every kind of change is skipped somewhere, except the constraints' answer (H1 reads it first).
    expected = {"/".join(c.names) for c in CHANGES if first_reader(frozenset(c.names)) > 0}
    assert expected | {"progress"} == set(skipped), skipped
