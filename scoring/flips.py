"""What would flip it: every one-answer change that is a lever, then the few shown.

`candidates` is the full list (discrete answers here, continuous ones in `scoring.breakpoints`),
each judged by `FlipContext.judge`; `shown` keeps at most MAX_FLIPS of them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from scoring.breakpoints import VERDICT_PARAMS, money_flips, progress_flips
from scoring.factors import score_deadline
from scoring.judge import (
    AUDIENCE,
    AXIS,
    CAPABILITIES,
    DEADLINE,
    LIFTABLE,
    LIMIT_MEANS,
    MANAGER_CHECKED,
    MONTHS,
    OBJECTIVE,
    RESULTS,
    SPEED,
    FlipContext,
)
from scoring.model import (
    DAYS_PER_MONTH,
    YEAR_MONTHS,
    Audience,
    Capability,
    Flip,
    FlipValue,
    Mode,
    ObjectiveKind,
    Params,
    Profile,
    Results,
    Speed,
    Verdict,
)
from scoring.rules import first_reader
from scoring.weights import (
    MAX_FLIPS,
    OBJECTIVE_SCORE,
    POSITIONING,
    POSITIONING_KINDS,
    SPEED_LEVEL,
)

# Enum members with what the flip search reads of them, computed once: an Enum's `.value`
# and its hash are Python-level calls, too slow for a loop run on every evaluation.
_AUDIENCES = tuple((a, a.value) for a in Audience)
_SPEEDS = tuple((sp, sp.value, SPEED_LEVEL[sp]) for sp in Speed)
_OBJECTIVES = tuple(
    (kind, kind.value, OBJECTIVE_SCORE[kind], kind in POSITIONING) for kind in ObjectiveKind
)
# Results one can move to: nobody can go back to "unknown" or to "none yet", so those are no lever.
_RESULTS = tuple((r, r.value) for r in Results if r not in (Results.UNKNOWN, Results.NONE_YET))
_CAPABILITIES = tuple(Capability)
# One representative deadline per band: (months shown, days after as_of).
_DEADLINE_CANDIDATES = ((3.0, 91), (9.0, 274), (24.0, 730))

# The facts each group of answers changes, to skip a group no change of which can matter.
_SCORE_ANSWERS = frozenset().union(
    *[c.names for c in (SPEED, DEADLINE, OBJECTIVE, RESULTS, MANAGER_CHECKED, MONTHS)]
)
_AFTER_CONSTRAINTS = _SCORE_ANSWERS.union(AUDIENCE.names, CAPABILITIES.names, LIMIT_MEANS.names)
_SCORE_ANSWERS_READER = first_reader(_SCORE_ANSWERS)
_AFTER_CONSTRAINTS_READER = first_reader(_AFTER_CONSTRAINTS)

_AddFlip = Callable[[float, str, str, FlipValue, Verdict, Params], None]


def _discrete_flips(p: Profile, ctx: FlipContext) -> list[tuple[float, Flip]]:
    """(distance, flip) for each one-answer change that is a lever, in a fixed order."""
    f = ctx.f
    o = p.organisation
    found: list[tuple[float, Flip]] = []

    def add(
        dist: float, code: str, field: str, value: FlipValue, v: Verdict, ps: Params = ()
    ) -> None:
        found.append((dist, Flip(code, field, value, v, (*ps, VERDICT_PARAMS[AXIS.index(v)]))))

    v: Verdict | None
    if o.vertical:
        field = "organisation.constraints_liftable"
        lift = o.constraints_liftable
        if lift is not True and (v := ctx.judge(LIFTABLE.apply(f, True), LIFTABLE)) is not None:
            add(0.0, "flip_constraints_liftable", field, True, v)
        # Unknown: "if they cannot be lifted" is decisive (H1).
        if lift is None and (v := ctx.judge(LIFTABLE.apply(f, False), LIFTABLE)) is not None:
            add(0.0, "flip_constraints_not_liftable", field, False, v)
    if ctx.decided_before(_AFTER_CONSTRAINTS_READER):
        return found  # under H1 only the answer about the constraints can change the verdict
    for a, a_value in _AUDIENCES:
        if a is not p.audience and (v := ctx.judge(AUDIENCE.apply(f, a), AUDIENCE)) is not None:
            add(1.0, "flip_audience", "audience", a_value, v, (("audience", a_value),))
    caps = p.capabilities
    if caps:
        if (v := ctx.judge(CAPABILITIES.apply(f, 0), CAPABILITIES)) is not None:
            add(1.0, "flip_no_capabilities", "capabilities", (), v)
        # Dropping any one gives the same facts: offer the last one.
        if (
            len(caps) > 1
            and (v := ctx.judge(CAPABILITIES.apply(f, len(caps) - 1), CAPABILITIES)) is not None
        ):
            rest = tuple(x.value for x in caps[:-1])
            ps: Params = (("capability", caps[-1].value),)
            add(0.5, "flip_drop_capability", "capabilities", rest, v, ps)
    # Adding any one gives the same facts: offer the first missing one.
    missing = next((c for c in _CAPABILITIES if c not in caps), None)
    if (
        missing is not None
        and (v := ctx.judge(CAPABILITIES.apply(f, len(caps) + 1), CAPABILITIES)) is not None
    ):
        more = tuple(x.value for x in (*caps, missing))
        add(0.5, "flip_add_capability", "capabilities", more, v, (("capability", missing.value),))
    # When a rule that reads none of speed, deadline, objective and track record decides
    # (H3, M1, B1), no answer about those can change the verdict.
    if not ctx.decided_before(_SCORE_ANSWERS_READER):
        _score_answer_flips(p, ctx, add)
    if f.ih_hourly is not None and f.ag_hourly is not None:
        lm = not p.means.limit_means
        if (v := ctx.judge(LIMIT_MEANS.apply(f, lm), LIMIT_MEANS)) is not None:
            code = "flip_limit_means" if lm else "flip_no_limit_means"
            add(0.5, code, "means.limit_means", lm, v)
    return found


def _score_answer_flips(p: Profile, ctx: FlipContext, add: _AddFlip) -> None:
    """The flips of answers only the score and the hybrid patterns read, in a fixed order."""
    f = ctx.f
    o = p.organisation
    v: Verdict | None
    for sp, sp_value, level in _SPEEDS:
        if sp is not p.speed and (v := ctx.judge(SPEED.apply(f, level), SPEED)) is not None:
            add(1.0, "flip_speed", "speed", sp_value, v, (("speed", sp_value),))
    current_band = score_deadline(f, ctx.w)
    for months, days in _DEADLINE_CANDIDATES:
        cand = DEADLINE.apply(f, days / DAYS_PER_MONTH)
        if (
            score_deadline(cand, ctx.w) != current_band
            and (v := ctx.judge(cand, DEADLINE)) is not None
        ):
            d = (p.as_of + timedelta(days=days)).isoformat()
            add(1.0, "flip_deadline", "deadline", d, v, (("deadline", d), ("months", months)))
    if p.deadline is not None and (v := ctx.judge(DEADLINE.apply(f, None), DEADLINE)) is not None:
        add(1.0, "flip_no_deadline", "deadline", None, v, ())
    secondary_positioning = any(x in POSITIONING_KINDS for x in p.objectives.secondary)
    # Rules read the primary's own category too (HY1: a positioning primary; H4: community),
    # so two kinds give the same facts only when those agree as well as score and positioning.
    seen: set[tuple[float, bool, bool, bool]] = {
        (
            OBJECTIVE_SCORE[f.primary],
            f.positioning,
            f.primary in POSITIONING,
            f.primary is ObjectiveKind.COMMUNITY,
        )
    }
    for kind, kind_value, score, kind_positioning in _OBJECTIVES:
        positioning = kind_positioning or secondary_positioning
        key = (score, positioning, kind_positioning, kind is ObjectiveKind.COMMUNITY)
        if key in seen:  # same facts as an objective already offered
            continue
        seen.add(key)
        if (v := ctx.judge(OBJECTIVE.apply2(f, kind, positioning), OBJECTIVE)) is not None:
            field = "objectives.primary"
            add(1.5, "flip_objective", field, kind_value, v, (("objective", kind_value),))
    if o.current_mode is Mode.NONE:
        return
    for r, r_value in _RESULTS:
        if r is not o.results and (v := ctx.judge(RESULTS.apply(f, r), RESULTS)) is not None:
            add(1.0, "flip_results", "organisation.results", r_value, v, (("results", r_value),))
    # "If it were not checked" is no lever: never offered.
    if (
        not o.manager_checked
        and (v := ctx.judge(MANAGER_CHECKED.apply(f, True), MANAGER_CHECKED)) is not None
    ):
        add(1.0, "flip_manager_checked", "organisation.manager_checked", True, v, ())
    if (
        o.months_in_mode < YEAR_MONTHS
        and (v := ctx.judge(MONTHS.apply(f, YEAR_MONTHS), MONTHS)) is not None
    ):
        ps = (("months", YEAR_MONTHS),)
        add(1.0, "flip_months_in_mode", "organisation.months_in_mode", YEAR_MONTHS, v, ps)


_MONEY_FIELDS = frozenset(
    {
        "means.agency.hourly",
        "means.agency.retainer_monthly",
        "means.in_house.hourly",
        "means.in_house.annual_salary",
        "means.budget_monthly",
    }
)


def candidates(p: Profile, ctx: FlipContext) -> list[tuple[float, Flip]]:
    """Every flip the search finds, as (distance, flip), smallest change first; nothing capped."""
    found = _discrete_flips(p, ctx)
    found += money_flips(p, ctx)
    found += progress_flips(p, ctx)
    found.sort(key=lambda t: (t[0], t[1].field, t[1].code, str(t[1].value)))
    return found


def shown(found: list[tuple[float, Flip]]) -> tuple[Flip, ...]:
    """The flips shown: at most two per field and MAX_FLIPS in all, the nearest money flip of
    each money field kept."""
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
