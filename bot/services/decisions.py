"""Team leads deciding in the review channel: accept, keep (with why), snooze; the post then
shows who decided and when. Two leads pressing at once produce one decision."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from bot.blocks.review import build_review_post
from bot.deps import Deps
from bot.domain import (
    AssessmentStatus,
    DecisionAction,
    JobKind,
    MessagePurpose,
    Mode,
    RecommendationState,
)
from bot.i18n import Translator
from bot.services import delivery, review
from bot.services.assessment import frozen, stored_changes
from bot.services.delivery import SenderFor, message_payload
from bot.store import outbox, repo
from bot.store.db import Session, read_scope, session_scope
from bot.store.models import Recommendation, Workspace

SNOOZE: Final = timedelta(weeks=2)
# The verdicts whose arrangement is judged against an agreed period.
_WITH_PERIOD: Final = frozenset({Mode.AGENCY.value, Mode.HYBRID.value})
_STATE: Final = {
    DecisionAction.ACCEPTED: RecommendationState.ACCEPTED,
    DecisionAction.KEPT: RecommendationState.KEPT,
    DecisionAction.SNOOZED: RecommendationState.SNOOZED,
}


class Refusal(enum.Enum):
    """Why a press did nothing."""

    NO_LEADS = "no_leads"  # nobody is a team lead yet (/smm settings)
    NOT_A_LEAD = "not_a_lead"
    ALREADY = "already"  # another lead was first
    GONE = "gone"  # no such recommendation, or a newer one replaced it
    ARCHIVED = "archived"  # its owner archived the assessment


@dataclass(frozen=True, slots=True)
class Decided:
    """What a press did: None refusal when it decided."""

    refusal: Refusal | None = None
    by: str | None = None  # who decided first (ALREADY)
    action: str | None = None
    at: datetime | None = None


def may_decide(workspace: Workspace | None, user_id: str) -> Refusal | None:
    """Only team leads decide."""
    leads = workspace.team_lead_user_ids if workspace is not None else []
    if not leads:
        return Refusal.NO_LEADS
    return None if user_id in leads else Refusal.NOT_A_LEAD


def check(deps: Deps, *, team_id: str, user_id: str) -> Refusal | None:
    """May this person decide (before a Keep modal opens)."""
    with read_scope(deps.session_factory) as session:
        return may_decide(repo.get_workspace(session=session, team_id=team_id), user_id)


def decide(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    recommendation_id: int,
    action: DecisionAction,
    sender_for: SenderFor,
    note: str | None = None,
    agreed_months: float | None = None,
) -> Decided:
    """Record a lead's decision, change the post to show it, and (accept) start the new mode,
    with the period agreed with the agency when it is one."""
    now = deps.clock()
    with session_scope(deps.session_factory) as session:
        workspace = repo.get_workspace(session=session, team_id=team_id)
        refused = may_decide(workspace, user_id)
        if refused is not None:
            return Decided(refused)
        assert workspace is not None
        row = repo.get_recommendation(
            session=session, team_id=team_id, recommendation_id=recommendation_id
        )
        if row is None or row.id is None:
            return Decided(Refusal.GONE)
        if (
            repo.assessment_status(
                session=session, team_id=team_id, assessment_id=row.assessment_id
            )
            == AssessmentStatus.ARCHIVED
        ):
            return Decided(Refusal.ARCHIVED)
        snoozed_until = now + SNOOZE if action is DecisionAction.SNOOZED else None
        if not repo.claim_decision(
            session=session,
            team_id=team_id,
            recommendation_id=row.id,
            state=_STATE[action],
            snoozed_until=snoozed_until,
        ):
            return _first(session, row)
        repo.add_decision(
            session=session,
            team_id=team_id,
            recommendation_id=row.id,
            user_id=user_id,
            action=action,
            note=note,
            at=now,
        )
        if action is DecisionAction.ACCEPTED:
            _start_mode(session, row, user_id=user_id, at=now, agreed_months=agreed_months)
        if snoozed_until is not None:
            outbox.enqueue_job(
                session=session,
                team_id=team_id,
                kind=JobKind.SNOOZE_REPOST,
                subject_id=str(row.id),
                occurrence=snoozed_until,
                payload={"recommendation_id": row.id},
                due_at=snoozed_until,
                at=now,
            )
        jobs = _show_decision(session, workspace, row, user_id=user_id, action=action, at=now)
    for job_id in jobs:
        delivery.deliver_now(deps, sender_for=sender_for, job_id=job_id)
    return Decided()


def _first(session: Session, row: Recommendation) -> Decided:
    """Who was first, for the lead who pressed second."""
    assert row.id is not None
    earlier = [
        d
        for d in repo.decisions_of(
            session=session, team_id=row.team_id, assessment_id=row.assessment_id
        )
        if d.recommendation_id == row.id
    ]
    if not earlier:  # superseded (or re-opened) without a decision
        return Decided(Refusal.GONE)
    first = earlier[0]
    return Decided(Refusal.ALREADY, by=first.user_id, action=first.action, at=first.created_at)


def period_verdict(deps: Deps, *, team_id: str, recommendation_id: int) -> str | None:
    """The verdict, when accepting it starts an agency or a hybrid whose agreed period Accept
    asks for ("une agence atteint un objectif sur une durée déterminée"); else None."""
    with read_scope(deps.session_factory) as session:
        row = repo.get_recommendation(
            session=session, team_id=team_id, recommendation_id=recommendation_id
        )
        if row is None or row.state != RecommendationState.OPEN or row.verdict not in _WITH_PERIOD:
            return None  # decided already, or gone: the press is told so without a modal
        assessment = repo.get_assessment(
            session=session, team_id=team_id, assessment_id=row.assessment_id
        )
        if (
            assessment is None
            or assessment.status != AssessmentStatus.ACTIVE
            or assessment.current_mode == row.verdict
        ):
            return None  # archived (the press is told so), or no new arrangement to ask about
        return row.verdict


def _start_mode(
    session: Session,
    row: Recommendation,
    *,
    user_id: str,
    at: datetime,
    agreed_months: float | None,
) -> None:
    """Accepting a new mode writes a new assessment version in it, from today: a later edit
    starts from it, and the track record starts again (an agency's with its period)."""
    assessment = repo.get_assessment(
        session=session, team_id=row.team_id, assessment_id=row.assessment_id, for_update=True
    )
    if assessment is None or assessment.current_mode == row.verdict:
        return  # the team already works this way: accepting keeps its track record running
    answers: dict[str, Any] = dict(assessment.answers)
    organisation = dict(answers.get("organisation") or {})
    organisation.update(
        current_mode=row.verdict, months_in_mode=0.0, results="unknown", manager_checked=False
    )
    organisation.pop("agreed_months", None)  # the old arrangement's period is not the new one's
    if agreed_months is not None and row.verdict in _WITH_PERIOD:
        organisation["agreed_months"] = agreed_months
    answers["organisation"] = organisation
    repo.record_answers(
        session=session,
        assessment=assessment,
        answers=answers,
        current_mode=row.verdict,
        mode_since=at,
        by_user_id=user_id,
        at=at,
    )


def _show_decision(
    session: Session,
    workspace: Workspace,
    row: Recommendation,
    *,
    user_id: str,
    action: DecisionAction,
    at: datetime,
) -> list[int]:
    """The post, changed in place: the buttons replaced by who decided what, and when."""
    assert row.id is not None
    t = Translator(workspace.default_locale)
    assessment = repo.get_assessment(
        session=session, team_id=row.team_id, assessment_id=row.assessment_id
    )
    content = review.stored_post_content(
        session,
        row,
        owner_user_id=assessment.owner_user_id if assessment else "",
        figures=workspace.post_cost_figures,
        today=at.date(),
    )
    said = t(f"review.decided.{action.value}", user=user_id, date=t.date(at.date()))
    message = build_review_post(frozen(row), content, t, decided=said)
    jobs = []
    for posted in repo.posted_messages(
        session=session,
        team_id=row.team_id,
        recommendation_id=row.id,
        purpose=MessagePurpose.REVIEW,
    ):
        job_id = outbox.enqueue_job(
            session=session,
            team_id=row.team_id,
            kind=JobKind.RESULT_UPDATE,
            subject_id=f"decided:{row.id}:{posted.channel_id}",
            occurrence=at,
            payload=message_payload(message, channel=posted.channel_id, extra={"ts": posted.ts}),
            due_at=at,
            at=at,
        )
        if job_id is not None:
            jobs.append(job_id)
    return jobs


def repost_snoozed(
    session: Session, *, team_id: str, recommendation_id: int, now: datetime
) -> None:
    """Two weeks on: a snoozed recommendation still in force is open again and posted anew."""
    row = repo.get_recommendation(
        session=session, team_id=team_id, recommendation_id=recommendation_id
    )
    if row is None or row.id is None or row.state != RecommendationState.SNOOZED:
        return
    latest = repo.latest_recommendation(
        session=session, team_id=team_id, assessment_id=row.assessment_id
    )
    workspace = repo.get_workspace(session=session, team_id=team_id)
    assessment = repo.get_assessment(
        session=session, team_id=team_id, assessment_id=row.assessment_id
    )
    if latest is None or latest.id != row.id or workspace is None or assessment is None:
        return  # a newer one replaced it: that one speaks now
    if assessment.status != AssessmentStatus.ACTIVE:
        return  # archived: it stays snoozed; restored, the daily pass speaks for it
    repo.reopen_recommendation(session=session, recommendation=row)
    previous = (
        repo.get_recommendation(session=session, team_id=team_id, recommendation_id=row.previous_id)
        if row.previous_id
        else row
    )
    review.post(
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


def leads(deps: Deps, *, team_id: str) -> list[str]:
    """The workspace's team leads."""
    with read_scope(deps.session_factory) as session:
        workspace = repo.get_workspace(session=session, team_id=team_id)
        return list(workspace.team_lead_user_ids) if workspace is not None else []
