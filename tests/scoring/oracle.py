"""A slow, shortcut-free judge of flip candidates, to check the flip search against.

It asks every rule, pattern and factor again through the tables of `scoring.rules` and
`scoring.factors` (the definitions under test), and writes the lever tests out as MODEL.md
§2.6 words them.
"""

from __future__ import annotations

from scoring.costs import option_monthly
from scoring.factors import scores, weighted_sum
from scoring.facts import Facts
from scoring.judge import Change, FlipContext
from scoring.model import Verdict
from scoring.rules import verdict_of
from scoring.weights import EPS


def reference_judge(
    ctx: FlipContext, f2: Facts, change: Change, not_a_lever: Verdict | None
) -> Verdict | None:
    """What FlipContext.judge answers, from scratch: the changed facts' verdict on their full
    sum, None if it is the verdict in force, `not_a_lever` if the change is no lever."""
    after = scores(f2, ctx.w)
    v = verdict_of(f2, weighted_sum(after, ctx.weights), ctx.bounds)
    if v is ctx.verdict:
        return None
    step = v.rank - ctx.verdict.rank
    if change.factor is not None:  # "against its own factor's sign"
        delta = after[change.factor.index] - ctx.scores[change.factor.index]
        if (delta < -EPS and step > 0) or (delta > EPS and step < 0):
            return not_a_lever
    # "toward an option that then costs more than the verdict in force and exceeds the budget"
    budget = f2.budget
    new, old = option_monthly(f2, v, ctx.share), option_monthly(f2, ctx.verdict, ctx.share)
    if budget is None or new is None or old is None:
        return v
    return not_a_lever if new > budget + EPS and new > old + EPS else v
