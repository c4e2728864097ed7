"""Re-evaluation: real KPI numbers into `scoring`, a new frozen recommendation only when what it
says changed (else the current one is confirmed), and the jobs that run it.

Three triggers, each a `Job` row (so concurrent clocks never run one twice): an answered
check-in, the daily pass over every active assessment, and `/smm reevaluate`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time

import scoring
from bot.deps import Deps
from bot.domain import AssessmentStatus, JobKind, RecommendationTrigger
from bot.i18n import Translator, resolve_locale
from bot.services import delivery, review
from bot.services.assessment import enqueue_result_dm, frozen, replace_dm
from bot.services.delivery import SenderFor
from bot.services.kpi_specs import with_points
from bot.store import outbox, repo
from bot.store.db import Session, read_scope, session_scope
from bot.store.models import Assessment, Recommendation
from scoring.recommendation_io import reason_to_dict

logger = logging.getLogger(__name__)

# The day's pass is one marker job per UTC day; each assessment then gets its own job.
_PASS_SUBJECT = "daily"
_NO_TEAM = "-"
# A note only hysteresis kept the verdict is said again each day: on its own it is no change.
_NOT_A_CHANGE = frozenset({"held_by_hysteresis"})


@dataclass(frozen=True, slots=True)
class Reevaluated:
    """What one re-evaluation did."""

    recommendation_id: int
    created: bool  # a new recommendation row (what it says changed)
    changes: tuple[scoring.Reason, ...]
    jobs: tuple[int, ...]  # the messages it put in the outbox (the new DM, the old DM's update)


def reevaluate_assessment(
    session: Session, *, team_id: str, assessment_id: int, trigger: str, now: datetime
) -> Reevaluated | None:
    """Re-decide one active assessment from its KPI histories, in the caller's transaction;
    None when there is nothing to re-decide (not active, never scored, unreadable inputs)."""
    assessment = repo.get_assessment(
        session=session, team_id=team_id, assessment_id=assessment_id, for_update=True
    )
    if assessment is None or assessment.status != AssessmentStatus.ACTIVE:
        return None
    previous = repo.latest_recommendation(
        session=session, team_id=team_id, assessment_id=assessment_id
    )
    if previous is None or previous.id is None:
        return None
    try:
        profile = scoring.parse_profile(previous.inputs)
    except scoring.ProfileError:
        logger.warning("Recommendation %s has inputs the model no longer reads", previous.id)
        return None
    kpis = repo.assessment_kpis(session=session, team_id=team_id, assessment_id=assessment_id)
    since = assessment.mode_since or assessment.created_at
    shown = frozen(previous)  # decoded once: the scoring and the posting policy both read it
    result = scoring.reevaluate(
        profile,
        mode=scoring.Mode(assessment.current_mode),
        mode_since=since.date(),
        kpis=with_points(kpis),
        previous=shown,
        as_of=now.date(),
    )
    alerts = review.just_off_track_twice(kpis)
    if not [c for c in result.changes if c.code not in _NOT_A_CHANGE]:
        repo.touch_recommendation(session=session, recommendation=previous, at=now)
        jobs = _review(
            session, assessment, previous, previous, shown, result, alerts, kpis, now=now
        )
        return Reevaluated(previous.id, False, result.changes, tuple(jobs))
    row = repo.add_recommendation(
        session=session,
        team_id=team_id,
        assessment_id=assessment_id,
        trigger=trigger,
        output=scoring.recommendation_to_dict(result.recommendation),
        model_version=scoring.MODEL_VERSION,
        inputs=scoring.profile_to_dict(result.profile),
        changes=[reason_to_dict(c) for c in result.changes],
        at=now,
    )
    jobs = _tell_owner(session, assessment, previous, row, now=now)
    jobs += _review(session, assessment, row, previous, shown, result, alerts, kpis, now=now)
    assert row.id is not None
    return Reevaluated(row.id, True, result.changes, tuple(jobs))


def _review(
    session: Session,
    assessment: Assessment,
    row: Recommendation,
    previous: Recommendation,
    shown: scoring.Recommendation,
    result: scoring.Reevaluation,
    alerts: Sequence[str],
    kpis: Sequence[repo.OwnedKpi],
    *,
    now: datetime,
) -> list[int]:
    """The review post, when the posting policy says so (against what a change of the model
    alone would have shown, so that a new model version never posts by itself); `shown` is
    `previous` as it was frozen."""
    baseline = review.rebased(previous) or shown
    if not review.should_post(baseline, result.recommendation, alerts=alerts):
        return []
    # Read only when there is something to post: most days' passes post nothing.
    workspace = repo.get_workspace(session=session, team_id=assessment.team_id)
    if workspace is None:
        return []
    # A change posts once per new row; an alert once per KPI answer that raised it.
    latest = max((k.history[-1][0] for k in kpis if k.name in alerts and k.history), default=None)
    occurrence = (
        row.created_at
        if row is not previous or latest is None
        else datetime.combine(latest, time(0, 0), tzinfo=UTC)
    )
    job_id = review.post(
        session,
        workspace=workspace,
        assessment=assessment,
        row=row,
        previous=previous,
        changes=result.changes if row is not previous else (),
        alerts=alerts,
        kpis=kpis,
        occurrence=occurrence,
        now=now,
    )
    return [job_id] if job_id is not None else []


def _tell_owner(
    session: Session,
    assessment: Assessment,
    previous: Recommendation,
    row: Recommendation,
    *,
    now: datetime,
) -> list[int]:
    """The new recommendation to its owner by DM, and the old DM marked as replaced."""
    assert assessment.id is not None and row.id is not None
    known = repo.get_person_locale(
        session=session, team_id=assessment.team_id, user_id=assessment.owner_user_id
    )
    t = Translator(
        resolve_locale(known.locale if known else None, (known and known.workspace_locale) or "en")
    )
    job_id = enqueue_result_dm(session, row, owner=assessment.owner_user_id, t=t, at=now)
    jobs = [job_id] if job_id is not None else []
    return jobs + replace_dm(session, previous, by=row, t=t, at=now, dm_job=job_id)


def on_demand(
    deps: Deps, *, team_id: str, user_id: str, sender_for: SenderFor
) -> list[tuple[Reevaluated, str, float]]:
    """`/smm reevaluate`: re-decide the person's own active assessments now, and send what
    changed at once; each result with the verdict and confidence in force."""
    now = deps.clock()
    done: list[tuple[Reevaluated, str, float]] = []
    with read_scope(deps.session_factory) as session:
        owned = repo.owned_assessments(session=session, team_id=team_id, owner_user_id=user_id)
    for assessment_id in owned:
        with session_scope(deps.session_factory) as session:
            result = reevaluate_assessment(
                session,
                team_id=team_id,
                assessment_id=assessment_id,
                trigger=RecommendationTrigger.MANUAL,
                now=now,
            )
            row = (
                repo.get_recommendation(
                    session=session, team_id=team_id, recommendation_id=result.recommendation_id
                )
                if result is not None
                else None
            )
            shown = (row.verdict, row.confidence) if row is not None else None
        if result is None or shown is None:
            continue
        for job_id in result.jobs:
            delivery.deliver_now(deps, sender_for=sender_for, job_id=job_id)
        done.append((result, *shown))
    return done


# ---------------------------------------------------------------- the jobs that run it


def enqueue(
    session: Session,
    *,
    team_id: str,
    assessment_id: int,
    trigger: str,
    occurrence: datetime,
    now: datetime,
) -> int | None:
    """A re-evaluation job for one assessment, once per (assessment, trigger, occurrence)."""
    return outbox.enqueue_job(
        session=session,
        team_id=team_id,
        kind=JobKind.REEVALUATION,
        subject_id=f"{assessment_id}:{trigger}",
        occurrence=occurrence,
        payload={"assessment_id": assessment_id, "trigger": trigger},
        due_at=now,
        at=now,
    )


def schedule_daily(deps: Deps, *, now: datetime) -> int:
    """Today's pass, in a transaction of its own (see `schedule_daily_pass`)."""
    with session_scope(deps.session_factory) as session:
        return schedule_daily_pass(session, now=now)


def schedule_daily_pass(session: Session, *, now: datetime) -> int:
    """Today's re-evaluation of every active assessment, once whatever the number of clocks:
    the day's marker job is inserted first, and only the clock that inserted it adds the rest.
    How many assessment jobs it added."""
    day = datetime.combine(now.date(), time(0, 0), tzinfo=UTC)
    marker = outbox.enqueue_job(
        session=session,
        team_id=_NO_TEAM,
        kind=JobKind.REEVALUATION_PASS,
        subject_id=_PASS_SUBJECT,
        occurrence=day,
        payload={"day": now.date().isoformat()},
        due_at=now,
        at=now,
    )
    if marker is None:
        return 0
    added = 0
    for team_id, assessment_id in repo.active_assessments(session=session):
        added += (
            enqueue(
                session,
                team_id=team_id,
                assessment_id=assessment_id,
                trigger=RecommendationTrigger.PERIODIC,
                occurrence=day,
                now=now,
            )
            is not None
        )
    return added


def run_job(session: Session, *, team_id: str, payload: dict[str, object], now: datetime) -> None:
    """Do a claimed re-evaluation job (its messages go to the outbox, due now)."""
    assessment_id, trigger = payload.get("assessment_id"), payload.get("trigger")
    if not isinstance(assessment_id, int) or not isinstance(trigger, str):
        logger.error("A re-evaluation job without an assessment")
        return
    reevaluate_assessment(
        session, team_id=team_id, assessment_id=assessment_id, trigger=trigger, now=now
    )
