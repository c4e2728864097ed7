"""Completeness of "what would flip it", on the full candidate list before the display caps.

For every categorical answer the model counts as a lever (MODEL.md §2.6: audience,
capabilities, speed, deadline band, primary objective, results, manager checked toward
"checked", months to a year, constraints liftable, limit means), if changing it alone changes
the verdict and the change is a lever, the flip search has it among its candidates. Answers the
model does not offer as levers (the organisation's mode, vertical structure, interlocutor,
secondary objectives, un-checking the manager, constraints once known to be liftable) are not
asked.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import date, timedelta

from hypothesis import example, given, strategies as st

from scoring import (
    Audience,
    Capability,
    Flip,
    ObjectiveKind,
    Profile,
    ProfileError,
    Recommendation,
    Results,
    Speed,
    Verdict,
    parse_profile,
    recommend,
)
from scoring.decision import flip_candidates
from scoring.factors import score_deadline
from scoring.facts import facts
from scoring.judge import (
    AUDIENCE,
    CAPABILITIES,
    DEADLINE,
    LIFTABLE,
    LIMIT_MEANS,
    MANAGER_CHECKED,
    MONTHS,
    OBJECTIVE,
    RESULTS,
    SPEED,
    Change,
)
from scoring.model import YEAR_MONTHS
from scoring.weights import (
    DEFAULT_WEIGHTS,
    OBJECTIVE_SCORE,
    POSITIONING,
)

from .factories import set_path
from .test_properties import SETTINGS, profile_dicts

# Each lever field, the kind of change it is, and the factor it moves (None: rules only).
LEVERS: dict[str, tuple[Change, str | None]] = {
    "audience": (AUDIENCE, "audience_capabilities"),
    "capabilities": (CAPABILITIES, "audience_capabilities"),
    "speed": (SPEED, "acceleration"),
    "deadline": (DEADLINE, "deadline"),
    "objectives.primary": (OBJECTIVE, "objective_type"),
    "organisation.results": (RESULTS, "track_record"),
    "organisation.manager_checked": (MANAGER_CHECKED, "track_record"),
    "organisation.months_in_mode": (MONTHS, "track_record"),
    "organisation.constraints_liftable": (LIFTABLE, None),
    "means.limit_means": (LIMIT_MEANS, None),
}
# Any day of a deadline band gives the same facts as the search's own day in it.
DEADLINE_DAYS = (0, 30, 91, 182, 183, 274, 365, 366, 730, 1500)


def _changes(p: Profile) -> Iterator[tuple[str, object]]:
    """Every one-answer change of a lever field, as (JSON path, new JSON value)."""
    for a in Audience:
        if a is not p.audience:
            yield "audience", a.value
    caps = [c.value for c in p.capabilities]
    if caps:
        yield "capabilities", []
        for dropped in caps:
            yield "capabilities", [x for x in caps if x != dropped]
    for added in Capability:
        if added.value not in caps:
            yield "capabilities", [*caps, added.value]
    for s in Speed:
        if s is not p.speed:
            yield "speed", s.value
    for days in DEADLINE_DAYS:
        yield "deadline", (p.as_of + timedelta(days=days)).isoformat()
    if p.deadline is not None:
        yield "deadline", None
    for k in ObjectiveKind:
        if k is not p.objectives.primary:
            yield "objectives.primary", k.value
    o = p.organisation
    # Back to "unknown" or to "none yet" is no lever: nobody un-knows results.
    for r in (Results.NOT_CONVINCING, Results.MIXED, Results.CONVINCING):
        if r is not o.results:
            yield "organisation.results", r.value
    if not o.manager_checked:
        yield "organisation.manager_checked", True
    if o.months_in_mode < YEAR_MONTHS:
        yield "organisation.months_in_mode", YEAR_MONTHS
    if o.constraints_liftable is not True:
        yield "organisation.constraints_liftable", True
    if o.constraints_liftable is None:
        yield "organisation.constraints_liftable", False
    yield "means.limit_means", not p.means.limit_means


def _is_lever(before: Recommendation, after: Recommendation, factor: str | None) -> bool:
    """MODEL.md §2.6: not against the moved factor's sign, not toward a dearer option that
    exceeds the budget."""
    step = after.verdict.rank - before.verdict.rank
    if factor is not None:
        old = next(c.score for c in before.contributions if c.factor == factor)
        new = next(c.score for c in after.contributions if c.factor == factor)
        if (new < old - 1e-9 and step > 0) or (new > old + 1e-9 and step < 0):
            return False
    budget = after.costs.budget_monthly
    new_cost = after.costs.monthly(after.verdict)
    old_cost = after.costs.monthly(before.verdict)
    if budget is None or new_cost is None or old_cost is None:
        return True
    return not (new_cost > budget + 1e-9 and new_cost > old_cost + 1e-9)


def _positioning(kind: ObjectiveKind, p: Profile) -> bool:
    return kind in POSITIONING or any(k in POSITIONING for k in p.objectives.secondary)


def _offered(field: str, value: object, verdict: Verdict, p: Profile, flip: Flip) -> bool:
    """Whether a candidate is the change, or one that gives the same facts (the search offers
    one capability of those it could add or drop, one day per deadline band, one objective per
    score and positioning)."""
    if flip.field != field or flip.verdict is not verdict:
        return False
    if field == "capabilities":
        assert isinstance(value, list) and isinstance(flip.value, tuple)
        return len(flip.value) == len(value)
    if field == "deadline" and value is not None and isinstance(flip.value, str):
        assert isinstance(value, str)
        f = facts(p)
        days = [(date.fromisoformat(d) - p.as_of).days for d in (value, flip.value)]
        bands = [score_deadline(DEADLINE.apply(f, n / 30.4375), DEFAULT_WEIGHTS) for n in days]
        return bands[0] == bands[1]
    if field == "objectives.primary" and isinstance(flip.value, str):
        assert isinstance(value, str)
        a, b = ObjectiveKind(value), ObjectiveKind(flip.value)
        return (OBJECTIVE_SCORE[a], _positioning(a, p)) == (OBJECTIVE_SCORE[b], _positioning(b, p))
    return flip.value == value


# Community upkeep (H4) reads the primary objective itself: CSR scores the same as community
# but lifts the rule, so it is a flip of its own.
_UPKEEP = {
    "as_of": "2025-03-01",
    "objectives": {"primary": "community", "secondary": []},
    "audience": "niche",
    "capabilities": [],
    "speed": "steady",
    "means": {"currency": "EUR", "in_house": {"load_factor": 1.0}, "agency": {}},
    "organisation": {"current_mode": "none", "months_in_mode": 0, "results": "unknown"},
}


@SETTINGS
@given(profile_dicts(), st.sampled_from([None, *Verdict]))
@example(_UPKEEP, None)
def test_every_categorical_lever_that_changes_the_verdict_is_a_flip_candidate(
    data: dict[str, object], incumbent: Verdict | None
) -> None:
    profile = parse_profile(data)
    rec = recommend(profile, incumbent=incumbent)
    found = flip_candidates(profile, incumbent=incumbent)
    for field, value in _changes(profile):
        changed = copy.deepcopy(data)
        set_path(changed, field, value)
        try:
            after_profile = parse_profile(changed)
        except ProfileError:
            continue  # e.g. limit_means without both costs: not an answer one can give
        after = recommend(after_profile, incumbent=incumbent)
        change, factor = LEVERS[field]
        if after.verdict is rec.verdict or not _is_lever(rec, after, factor):
            continue
        assert any(_offered(field, value, after.verdict, profile, f) for f in found), (
            field,
            value,
            after.verdict,
            found,
        )
