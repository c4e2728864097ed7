"""The posting policy of the review channel, and the post itself (through the outbox).

A re-evaluation posts when the verdict changes (with the scoring's hysteresis), when the
confidence crosses a label by more than LABEL_HYSTERESIS (a value hovering at a boundary does
not post each day), or when a KPI has just been off track for two check-ins in a row. A change
of the model's version alone never posts. A newer recommendation with the same verdict changes
the assessment's undecided post in place; a new verdict is news and gets a post (and a thread)
of its own: edited into an old post, it would notify nobody and sit under the old factors.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Final

import scoring
from bot.blocks import Message
from bot.blocks.review import KpiLine, ReviewPost, build_review_post, build_review_thread
from bot.domain import AssessmentStatus, JobKind, MessagePurpose, RecommendationState
from bot.i18n import Translator
from bot.services.assessment import frozen, posted_as, stored_changes
from bot.services.delivery import message_payload
from bot.services.kpi_specs import points_of, spec_of
from bot.store import outbox, repo
from bot.store.db import Session
from bot.store.models import Assessment, Recommendation, Workspace
from scoring.weights import LABEL_HIGH, LABEL_MEDIUM

# Slack's answers for a channel the bot cannot post in.
CHANNEL_FAULTS: Final = ("not_in_channel", "channel_not_found", "is_archived")
# How far past a label's boundary the confidence must go for the change to be posted.
LABEL_HYSTERESIS: Final = 0.03
_BOUNDARIES: Final = (LABEL_MEDIUM, LABEL_HIGH)
# Posts that still wait for a decision: a newer recommendation changes them in place.
_UNDECIDED: Final = frozenset({RecommendationState.OPEN, RecommendationState.SUPERSEDED})


def confidence_crossed(old: float, new: float) -> bool:
    """Whether the confidence moved to another label, and clearly past the boundary."""
    for boundary in _BOUNDARIES:
        if (old < boundary) != (new < boundary) and abs(new - boundary) >= LABEL_HYSTERESIS:
            return True
    return False


def _points(history: Sequence[tuple[date, float]]) -> list[scoring.CheckInPoint]:
    return [scoring.CheckInPoint(d, v) for d, v in history]


def _assess(
    kpi: repo.OwnedKpi, points: Sequence[tuple[date, float]], day: date
) -> scoring.KpiAssessment | None:
    spec = spec_of(kpi)
    return None if spec is None else scoring.assess_kpi(spec, _points(points), day)


def _off_track(spec: scoring.KpiSpec, points: Sequence[scoring.CheckInPoint], upto: int) -> bool:
    """Whether the KPI was off track as of its `upto`-th answer (counting from 1)."""
    seen = points[:upto]
    found = scoring.assess_kpi(spec, seen, seen[-1].at)
    return found.status is scoring.KpiStatus.OFF_TRACK


def just_off_track_twice(kpis: Sequence[repo.OwnedKpi]) -> list[str]:
    """The KPIs whose last two answers were both off track, and the one before was not."""
    found = []
    for kpi in kpis:
        n = len(kpi.history)
        spec = spec_of(kpi) if n >= 2 else None
        if spec is None:  # too few answers, or a KPI the form could not have accepted
            continue
        # Built once per KPI: the daily re-evaluation asks this of every KPI every day.
        points = points_of(kpi)
        twice = _off_track(spec, points, n) and _off_track(spec, points, n - 1)
        if twice and (n == 2 or not _off_track(spec, points, n - 2)):
            found.append(kpi.name)
    return found


def should_post(
    previous: scoring.Recommendation,
    new: scoring.Recommendation,
    *,
    alerts: Sequence[str],
) -> bool:
    """The posting policy: a new verdict, a label clearly crossed, or a KPI just off track
    twice; everything else waits for the digest."""
    if new.verdict is not previous.verdict:
        return True
    if confidence_crossed(previous.confidence, new.confidence):
        return True
    return bool(alerts)


def rebased(previous: Recommendation) -> scoring.Recommendation | None:
    """The previous recommendation's inputs under today's model: what a change of the model
    alone would have shown (None when the versions agree, or the inputs no longer read)."""
    if previous.model_version == scoring.MODEL_VERSION:
        return None
    try:
        profile = scoring.parse_profile(previous.inputs)
    except scoring.ProfileError:
        return None
    return scoring.recommend(profile, incumbent=scoring.Verdict(previous.verdict))


def kpi_lines(kpis: Sequence[repo.OwnedKpi], today: date) -> tuple[KpiLine, ...]:
    lines = []
    for kpi in kpis:
        found = _assess(kpi, kpi.history, today)
        if found is None:
            continue
        expected = kpi.baseline + found.expected * (kpi.target - kpi.baseline)
        lines.append(
            KpiLine(kpi.name, found.actual_value, kpi.target, expected, found.status.value)
        )
    return tuple(lines)


def post_content(
    row: Recommendation,
    *,
    owner_user_id: str,
    previous_verdict: str | None,
    changes: Sequence[scoring.Reason],
    alerts: Sequence[str],
    kpis: Sequence[repo.OwnedKpi],
    figures: bool,
    today: date,
) -> ReviewPost:
    """What a post says about `row` (also when it is changed to show a decision)."""
    assert row.id is not None
    return ReviewPost(
        recommendation_id=row.id,
        objective_kind=str(row.inputs.get("objectives", {}).get("primary", "other")),
        owner_user_id=owner_user_id,
        previous_verdict=previous_verdict,
        changes=tuple(c for c in changes if c.code in _POSTED_CHANGES),
        alerts=tuple(alerts),
        kpis=kpi_lines(kpis, today),
        figures=figures,
    )


def previous_of(session: Session, row: Recommendation) -> Recommendation | None:
    """The recommendation `row` replaced, if any."""
    if not row.previous_id:
        return None
    return repo.get_recommendation(
        session=session, team_id=row.team_id, recommendation_id=row.previous_id
    )


def stored_post_content(
    session: Session, row: Recommendation, *, owner_user_id: str, figures: bool, today: date
) -> ReviewPost:
    """What the post of a stored recommendation says, read from the rows (to change it in
    place: a decision, an archive)."""
    previous = previous_of(session, row)
    return post_content(
        row,
        owner_user_id=owner_user_id,
        previous_verdict=previous.verdict if previous else None,
        changes=stored_changes(row),
        alerts=(),
        kpis=repo.assessment_kpis(
            session=session, team_id=row.team_id, assessment_id=row.assessment_id
        ),
        figures=figures,
        today=today,
    )


def post(
    session: Session,
    *,
    workspace: Workspace,
    assessment: Assessment,
    row: Recommendation,
    previous: Recommendation,
    changes: Sequence[scoring.Reason],
    alerts: Sequence[str],
    kpis: Sequence[repo.OwnedKpi],
    occurrence: datetime,
    now: datetime,
    fresh: bool = False,
) -> int | None:
    """Put the review post of `row` in the outbox (or, the verdict unchanged, the change of the
    assessment's undecided post in place), once per (row, occurrence); its job id, or None
    without a review channel, when that post is already there, or for an assessment that is
    not active."""
    channel = workspace.review_channel_id
    if not channel or row.id is None or previous.id is None:
        return None
    if assessment.status != AssessmentStatus.ACTIVE:
        return None  # archived: the review channel hears no more of it
    t = Translator(workspace.default_locale)
    figures = workspace.post_cost_figures
    content = post_content(
        row,
        owner_user_id=assessment.owner_user_id,
        previous_verdict=previous.verdict,
        changes=changes,
        alerts=alerts,
        kpis=kpis,
        figures=figures,
        today=now.date(),
    )
    rec = frozen(row)
    message = build_review_post(rec, content, t)
    undecided = (
        repo.posted_messages(
            session=session,
            team_id=row.team_id,
            recommendation_id=previous.id,
            purpose=MessagePurpose.REVIEW,
        )
        if previous.state in _UNDECIDED and not fresh and row.verdict == previous.verdict
        else []
    )
    if undecided:
        last = undecided[-1]
        repo.record_posted(
            session=session,
            team_id=row.team_id,
            recommendation_id=row.id,
            purpose=MessagePurpose.REVIEW,
            channel_id=last.channel_id,
            ts=last.ts,
            at=now,
        )
        kind = JobKind.RESULT_UPDATE
        payload = message_payload(message, channel=last.channel_id, extra={"ts": last.ts})
    else:
        thread = build_review_thread(rec, t, figures=figures)
        kind = JobKind.REVIEW_POST
        # A channel the post cannot go to: the recommendation is kept, whoever set the channel
        # is told how to fix it, and saving the settings again posts it.
        fixer = workspace.settings_user_id or workspace.installer_user_id
        after = (
            {
                code: (fixer, Message(text=t(f"review.fault.{code}", channel=channel)))
                for code in CHANNEL_FAULTS
            }
            if fixer
            else None
        )
        payload = message_payload(
            message,
            channel=channel,
            after=after,
            extra={
                **posted_as(row.id, MessagePurpose.REVIEW),
                "thread": {"channel": channel, "text": thread.text, "blocks": thread.blocks},
            },
        )
    return outbox.enqueue_job(
        session=session,
        team_id=row.team_id,
        kind=kind,
        subject_id=f"review:{row.id}",
        occurrence=occurrence,
        payload=payload,
        due_at=now,
        at=now,
    )


def post_unposted(session: Session, *, team_id: str, now: datetime) -> int:
    """After the settings are saved: each recommendation whose post the channel refused, still
    in force, posted now. How many."""
    workspace = repo.get_workspace(session=session, team_id=team_id)
    if workspace is None or not workspace.review_channel_id:
        return 0
    posted = 0
    for recommendation_id in repo.failed_review_posts(session=session, team_id=team_id):
        row = repo.get_recommendation(
            session=session, team_id=team_id, recommendation_id=recommendation_id
        )
        if row is None or row.state != RecommendationState.OPEN:
            continue
        latest = repo.latest_recommendation(
            session=session, team_id=team_id, assessment_id=row.assessment_id
        )
        assessment = repo.get_assessment(
            session=session, team_id=team_id, assessment_id=row.assessment_id
        )
        if latest is None or latest.id != row.id or assessment is None:
            continue
        previous = previous_of(session, row)
        job_id = post(
            session,
            workspace=workspace,
            assessment=assessment,
            row=row,
            previous=previous or row,
            changes=stored_changes(row),
            alerts=(),
            kpis=repo.assessment_kpis(
                session=session, team_id=team_id, assessment_id=row.assessment_id
            ),
            occurrence=now,
            now=now,
            fresh=True,
        )
        posted += job_id is not None
    return posted


# The changes a post lists (the others are the model's bookkeeping).
_POSTED_CHANGES: Final = frozenset(
    {"verdict_changed", "confidence_changed", "rule_now_applies", "rule_no_longer_applies"}
    | {"results_now", "mode_now", "held_by_hysteresis"}
)
