"""Archiving an assessment (its owner only): no more check-ins, re-evaluations or review posts;
its result DM and review post say so in place. Restoring it resumes them from the next slot.

The status change, the check-ins it closes and every message it changes are one transaction:
the messages are outbox jobs, tried at once and by the clock until Slack takes them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.blocks import Message
from bot.blocks.recommendation import build_recommendation_message
from bot.blocks.review import build_review_post
from bot.deps import Deps
from bot.domain import AssessmentLine, AssessmentStatus, JobKind, MessagePurpose
from bot.i18n import Translator, resolve_locale
from bot.services import delivery, review
from bot.services.assessment import frozen
from bot.services.checkins import reschedule, zone_of
from bot.services.delivery import SenderFor, message_payload
from bot.store import outbox, repo
from bot.store.db import Session, read_scope, session_scope
from bot.store.models import Assessment, Recommendation, RecommendationMessage, Workspace

__all__ = ["Changed", "Refusal", "archive", "archived_count", "my_assessments", "restore"]


class Refusal(enum.Enum):
    """Why a press changed nothing."""

    NOT_YOURS = "not_yours"
    ALREADY_ARCHIVED = "already_archived"
    ALREADY_ACTIVE = "already_active"
    GONE = "gone"


@dataclass(frozen=True, slots=True)
class Changed:
    """What a press did: None refusal when it archived (or restored)."""

    refusal: Refusal | None = None
    day: date | None = None  # ALREADY_ARCHIVED: since when, in the presser's time zone


@dataclass(frozen=True, slots=True)
class _Reader:
    """How a person reads dates: their language and time zone."""

    t: Translator
    zone: ZoneInfo

    def day(self, at: datetime) -> date:
        return at.astimezone(self.zone).date()


def _reader(session: Session, *, team_id: str, user_id: str) -> _Reader:
    person = repo.get_person(session=session, team_id=team_id, user_id=user_id)
    workspace = repo.get_workspace(session=session, team_id=team_id)
    default = workspace.default_locale if workspace else "en"
    t = Translator(resolve_locale(person.locale if person else None, default))
    zone = zone_of(person.tz if person else None, workspace.tz if workspace else None)
    return _Reader(t, ZoneInfo(zone))


def _channel_reader(workspace: Workspace) -> _Reader:
    """The review channel reads the workspace's language and time zone."""
    return _Reader(
        Translator(resolve_locale(None, workspace.default_locale)),
        ZoneInfo(zone_of(None, workspace.tz)),
    )


def _owned(
    session: Session, *, team_id: str, user_id: str, assessment_id: int
) -> Assessment | Refusal:
    assessment = repo.get_assessment(
        session=session, team_id=team_id, assessment_id=assessment_id, for_update=True
    )
    if assessment is None or assessment.status == AssessmentStatus.DRAFT:
        return Refusal.GONE
    if assessment.owner_user_id != user_id:
        return Refusal.NOT_YOURS
    return assessment


def archive(
    deps: Deps, *, team_id: str, user_id: str, assessment_id: int, sender_for: SenderFor
) -> Changed:
    """The owner archives an assessment: its check-ins stop, and its result DM and review
    post change in place to say so; a second press says it already is."""
    now = deps.clock()
    with session_scope(deps.session_factory) as session:
        found = _owned(session, team_id=team_id, user_id=user_id, assessment_id=assessment_id)
        if isinstance(found, Refusal):
            return Changed(found)
        if not repo.archive_assessment(
            session=session,
            team_id=team_id,
            assessment_id=assessment_id,
            user_id=user_id,
            at=now,
        ):
            since = found.archived_at or found.updated_at
            reader = _reader(session, team_id=team_id, user_id=user_id)
            return Changed(Refusal.ALREADY_ARCHIVED, reader.day(since))
        repo.stop_checkins(session=session, team_id=team_id, assessment_id=assessment_id)
        jobs = _show(session, team_id=team_id, assessment_id=assessment_id, by=user_id, at=now)
    for job_id in jobs:
        delivery.deliver_now(deps, sender_for=sender_for, job_id=job_id)
    return Changed()


def restore(
    deps: Deps, *, team_id: str, user_id: str, assessment_id: int, sender_for: SenderFor
) -> Changed:
    """The owner restores an archived assessment: its KPIs ask again from their next slot
    (the slots missed while archived are not asked), and its messages get their buttons back."""
    now = deps.clock()
    with session_scope(deps.session_factory) as session:
        found = _owned(session, team_id=team_id, user_id=user_id, assessment_id=assessment_id)
        if isinstance(found, Refusal):
            return Changed(found)
        if not repo.restore_assessment(
            session=session, team_id=team_id, assessment_id=assessment_id, at=now
        ):
            return Changed(Refusal.ALREADY_ACTIVE)
        for kpi, _ in repo.list_kpis(session=session, team_id=team_id, assessment_id=assessment_id):
            if kpi.id is not None and not kpi.paused:  # a paused KPI waits for a new owner
                reschedule(session=session, team_id=team_id, kpi_id=kpi.id, now=now)
        jobs = _show(session, team_id=team_id, assessment_id=assessment_id, by=user_id, at=now)
    for job_id in jobs:
        delivery.deliver_now(deps, sender_for=sender_for, job_id=job_id)
    return Changed()


def _show(
    session: Session, *, team_id: str, assessment_id: int, by: str, at: datetime
) -> list[int]:
    """The assessment's result DM and review posts, changed in place to its new status."""
    assessment = repo.get_assessment(session=session, team_id=team_id, assessment_id=assessment_id)
    latest = repo.latest_recommendation(
        session=session, team_id=team_id, assessment_id=assessment_id
    )
    if assessment is None or latest is None:
        return []
    archived = assessment.status == AssessmentStatus.ARCHIVED
    jobs = _show_dm(session, assessment, latest, archived=archived, at=at)
    workspace = repo.get_workspace(session=session, team_id=team_id)
    if workspace is not None:
        jobs += _show_review(session, workspace, assessment, by=by, archived=archived, at=at)
    return jobs


def _update(
    session: Session,
    *,
    team_id: str,
    subject: str,
    posted: RecommendationMessage,
    message: Message,
    at: datetime,
) -> list[int]:
    job_id = outbox.enqueue_job(
        session=session,
        team_id=team_id,
        kind=JobKind.RESULT_UPDATE,
        subject_id=f"{subject}:{posted.channel_id}",
        occurrence=at,
        payload=message_payload(message, channel=posted.channel_id, extra={"ts": posted.ts}),
        due_at=at,
        at=at,
    )
    return [job_id] if job_id is not None else []


def _show_dm(
    session: Session,
    assessment: Assessment,
    latest: Recommendation,
    *,
    archived: bool,
    at: datetime,
) -> list[int]:
    """The owner's DM of the recommendation in force: "Archived on …" and Restore, or its
    buttons back."""
    assert latest.id is not None
    reader = _reader(session, team_id=assessment.team_id, user_id=assessment.owner_user_id)
    t = reader.t
    note = t("archive.dm.archived", date=t.date(reader.day(at))) if archived else None
    message = build_recommendation_message(
        frozen(latest),
        t,
        assessment_id=latest.assessment_id,
        recommendation_id=latest.id,
        archived=note,
    )
    jobs: list[int] = []
    for posted in repo.posted_messages(
        session=session,
        team_id=assessment.team_id,
        recommendation_id=latest.id,
        purpose=MessagePurpose.DM,
    ):
        subject = f"{'archived' if archived else 'restored'}:{latest.id}"
        jobs += _update(
            session,
            team_id=assessment.team_id,
            subject=subject,
            posted=posted,
            message=message,
            at=at,
        )
    return jobs


def _show_review(
    session: Session,
    workspace: Workspace,
    assessment: Assessment,
    *,
    by: str,
    archived: bool,
    at: datetime,
) -> list[int]:
    """Each review post of the assessment, as it stands: archived by whom and when, its
    buttons gone; or, restored, its buttons (or its decision) back."""
    assert assessment.id is not None
    reader = _channel_reader(workspace)
    t = reader.t
    jobs: list[int] = []
    for posted in repo.assessment_review_posts(
        session=session, team_id=assessment.team_id, assessment_id=assessment.id
    ):
        row = repo.get_recommendation(
            session=session, team_id=assessment.team_id, recommendation_id=posted.recommendation_id
        )
        if row is None or row.id is None:
            continue
        content = review.stored_post_content(
            session,
            row,
            owner_user_id=assessment.owner_user_id,
            figures=workspace.post_cost_figures,
            today=reader.day(at),
        )
        decided = _decided(session, row, reader)
        day = t.date(reader.day(at))
        if archived:
            lines = [
                *([decided] if decided else []),
                t("archive.review.archived", user=by, date=day),
            ]
            message = build_review_post(frozen(row), content, t, decided="\n".join(lines))
        else:
            message = build_review_post(
                frozen(row),
                content,
                t,
                decided=decided,
                note=t("archive.review.restored", user=by, date=day),
            )
        subject = f"{'archived' if archived else 'restored'}:review:{row.id}"
        jobs += _update(
            session, team_id=row.team_id, subject=subject, posted=posted, message=message, at=at
        )
    return jobs


def _decided(session: Session, row: Recommendation, reader: _Reader) -> str | None:
    """Who decided on the recommendation, as its post says it (None: undecided)."""
    decision = next(
        (
            d
            for d in repo.decisions_of(
                session=session, team_id=row.team_id, assessment_id=row.assessment_id
            )
            if d.recommendation_id == row.id
        ),
        None,
    )
    if decision is None:
        return None
    t = reader.t
    return t(
        f"review.decided.{decision.action}",
        user=decision.user_id,
        date=t.date(reader.day(decision.created_at)),
    )


def my_assessments(deps: Deps, *, team_id: str, user_id: str) -> list[AssessmentLine]:
    """`/smm archive`: the person's assessments (active and archived), their days in the
    person's time zone."""
    with read_scope(deps.session_factory) as session:
        reader = _reader(session, team_id=team_id, user_id=user_id)
        rows = repo.owned_assessment_rows(session=session, team_id=team_id, owner_user_id=user_id)
    lines = [
        AssessmentLine(
            assessment_id=assessment.id,
            objective_kind=kind or "other",
            verdict=latest.verdict if latest else None,
            confidence=latest.confidence if latest else None,
            created_day=reader.day(assessment.created_at),
            archived_day=(
                reader.day(assessment.archived_at or assessment.updated_at)
                if assessment.status == AssessmentStatus.ARCHIVED
                else None
            ),
        )
        for assessment, latest, kind in rows
        if assessment.id is not None
    ]
    return lines


def archived_count(deps: Deps, *, team_id: str, user_id: str) -> int:
    """How many of the person's assessments are archived."""
    lines = my_assessments(deps, team_id=team_id, user_id=user_id)
    return sum(line.archived_day is not None for line in lines)
