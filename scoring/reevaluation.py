"""Re-evaluation: fold KPI histories into the profile, re-decide, and say what changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from scoring.decision import recommend
from scoring.kpi import (
    CheckInPoint,
    KpiAssessment,
    KpiSpec,
    ResultsVerdict,
    assess_kpi,
    judged_after,
    months_between,
    results_verdict,
    rollup,
)
from scoring.model import Mode, Params, Profile, Reason, Recommendation, Results, Verdict
from scoring.rules import RULE_HYSTERESIS
from scoring.weights import DEFAULT_WEIGHTS, Weights

_MODE_VERDICT = {
    Mode.IN_HOUSE: Verdict.IN_HOUSE,
    Mode.AGENCY: Verdict.AGENCY,
    Mode.HYBRID: Verdict.HYBRID,
}
_RESULTS = {
    ResultsVerdict.CONVINCING: Results.CONVINCING,
    ResultsVerdict.MIXED: Results.MIXED,
    ResultsVerdict.NOT_CONVINCING: Results.NOT_CONVINCING,
    ResultsVerdict.UNKNOWN: Results.UNKNOWN,
}


@dataclass(frozen=True, slots=True)
class Reevaluation:
    recommendation: Recommendation
    profile: Profile  # the profile as updated from the KPIs and the mode
    previous_verdict: Verdict | None
    changed: bool  # the verdict differs from the previous recommendation's
    held: bool  # hysteresis kept the incumbent verdict where a fresh one would differ
    changes: tuple[Reason, ...]  # what changed since the previous recommendation
    kpis: tuple[KpiAssessment, ...]
    results: ResultsVerdict


def reevaluate(
    profile: Profile,
    *,
    mode: Mode,
    mode_since: date,
    kpis: Sequence[tuple[KpiSpec, Sequence[CheckInPoint]]],
    previous: Recommendation | None,
    as_of: date,
    weights: Weights = DEFAULT_WEIGHTS,
) -> Reevaluation:
    """Re-decide from the KPI histories as of a day, with hysteresis against the verdict in force."""
    months = months_between(mode_since, as_of)
    org = profile.organisation
    # A new mode starts a new track record: the old mode's results, its agreed period and the
    # check of its manager say nothing about it (months_in_mode comes from mode_since below).
    same_mode = mode is org.current_mode
    agreed = org.agreed_months if same_mode else None
    assessed = tuple(assess_kpi(spec, points, as_of) for spec, points in kpis)
    verdict = (
        results_verdict(assessed, months_observed=months, judged_after=judged_after(mode, agreed))
        if assessed
        else None
    )
    results = org.results if same_mode else Results.UNKNOWN
    manager_checked = org.manager_checked if same_mode else False
    if verdict is not None and verdict is not ResultsVerdict.UNKNOWN:
        results = _RESULTS[verdict]
    progress = profile.progress
    if assessed:
        rolled = rollup(assessed)
        if rolled.progress is not None:
            progress = min(1.0, max(0.0, rolled.progress))
    updated = replace(
        profile,
        as_of=as_of,
        progress=progress,
        organisation=replace(
            org,
            current_mode=mode,
            months_in_mode=months,
            results=results,
            manager_checked=manager_checked,
            agreed_months=agreed,
        ),
    )
    # The verdict in force: the last recommendation's, else the mode the team works in.
    incumbent = previous.verdict if previous is not None else _MODE_VERDICT.get(mode)
    rec = recommend(updated, weights=weights, incumbent=incumbent)
    changes = changes_since(previous, rec, profile, updated)
    held = RULE_HYSTERESIS in rec.rules_fired
    if held:
        hold = next(r for r in rec.top_reasons if r.code == "rule_hysteresis_hold")
        changes = (
            *changes,
            Reason("held_by_hysteresis", (("candidate", hold.param("candidate") or ""),)),
        )
    return Reevaluation(
        recommendation=rec,
        profile=updated,
        previous_verdict=None if previous is None else previous.verdict,
        changed=previous is not None and previous.verdict is not rec.verdict,
        held=held,
        changes=changes,
        kpis=assessed,
        results=verdict or ResultsVerdict.UNKNOWN,
    )


def changes_since(
    previous: Recommendation | None, rec: Recommendation, before: Profile, after: Profile
) -> tuple[Reason, ...]:
    """What changed from `previous` (scored from `before`) to `rec` (scored from `after`)."""
    out: list[Reason] = []
    if previous is None:
        out.append(Reason("first_recommendation", (("verdict", rec.verdict.value),)))
    else:
        if previous.verdict is not rec.verdict:
            params: Params = (("from", previous.verdict.value), ("to", rec.verdict.value))
            out.append(Reason("verdict_changed", params))
        if previous.confidence_label is not rec.confidence_label:
            params = (
                ("from", previous.confidence_label.value),
                ("to", rec.confidence_label.value),
            )
            out.append(Reason("confidence_changed", params))
        old_rules, new_rules = set(previous.rules_fired), set(rec.rules_fired)
        out += [
            Reason("rule_now_applies", (("rule", r),))
            for r in rec.rules_fired
            if r not in old_rules
        ]
        out += [
            Reason("rule_no_longer_applies", (("rule", r),))
            for r in previous.rules_fired
            if r not in new_rules
        ]
        old = {c.factor: c for c in previous.contributions}
        for c in rec.contributions:
            o = old.get(c.factor)
            if o is not None and o.reason.code != c.reason.code:
                params = (("factor", c.factor), ("from", o.reason.code), ("to", c.reason.code))
                out.append(Reason("factor_changed", params))
        old_actions = {a.code for a in previous.actions}
        out += [
            Reason("new_action", (("action", a.code),))
            for a in rec.actions
            if a.code not in old_actions
        ]
    b, a = before.organisation, after.organisation
    if b.results is not a.results:
        out.append(Reason("results_now", (("from", b.results.value), ("to", a.results.value))))
    if b.current_mode is not a.current_mode:
        params = (("from", b.current_mode.value), ("to", a.current_mode.value))
        out.append(Reason("mode_now", params))
    return tuple(out)
