"""The assessment use cases: open the wizard, keep drafts, finish (or edit) and score."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import scoring
from bot.answers import Answers
from bot.blocks import Message
from bot.blocks.assessment import build_resume_offer
from bot.blocks.recommendation import build_recommendation_message
from bot.blocks.share import (
    build_channel_copy,
    build_share_done,
    build_share_modal,
    build_share_not_in_channel,
)
from bot.deps import Deps
from bot.domain import JobKind, MessagePurpose, RecommendationTrigger, known_zone
from bot.i18n import Translator
from bot.services import delivery
from bot.services.delivery import message_payload
from bot.services.errors import NotYours
from bot.slack.sender import Sender
from bot.store import outbox, repo
from bot.store.db import Session, read_scope, session_scope
from bot.store.models import Recommendation
from scoring.model import Profile
from scoring.recommendation_io import reason_to_dict

__all__ = [
    "Finished",
    "NotYours",
    "ShareModalGuard",
    "Submission",
    "WizardStart",
    "finish",
    "offer_resume",
    "open_wizard",
    "share",
    "shared_on",
    "submit",
]

# What Slack answers when the bot cannot post in a channel: the sharer is told how to invite it.
_NOT_A_MEMBER = ("not_in_channel", "channel_not_found", "is_archived")
# How long one Share click keeps a second click from opening another modal, when Slack never
# says the first one closed (the close and the submission lift it sooner).
SHARE_MODAL_GUARD = timedelta(minutes=10)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WizardStart:
    """Where the wizard opens: the step a draft stopped at (None: the beginning), the answers
    it is pre-filled with, the assessment it edits, and whether it resumes a draft."""

    step: str | None
    answers: Answers
    assessment_id: int | None
    resumed: bool
    result_pending: bool = False  # a recommendation is still on its way to the person


@dataclass(frozen=True)
class Submission:
    """One submitted, checked wizard step: the answers so far; `resume_at` names where a
    closed wizard reopens (the caller's word for it), None once the last step is in, and
    then `profile` holds the answers as the engine reads them."""

    answers: Answers
    assessment_id: int | None
    resume_at: str | None
    profile: Profile | None
    delivery_key: str
    today: date
    stage: int = 0  # how many steps are in: a draft never goes back to a lower stage
    locale: str = "en"  # the language of the result DM


@dataclass(frozen=True)
class Finished:
    """A stored, scored assessment and the recommendation to show."""

    assessment_id: int
    recommendation_id: int
    recommendation: scoring.Recommendation
    job_id: int | None = None  # the result DM, in the outbox
    replacing: tuple[int, ...] = ()  # the superseded DMs' in-place updates, in the outbox


def open_wizard(
    deps: Deps, *, team_id: str, user_id: str, edit_assessment_id: int | None = None
) -> WizardStart:
    """Resume the member's draft, or start fresh, or pre-fill an edit of their assessment."""
    with read_scope(deps.session_factory) as session:
        if edit_assessment_id is None and repo.has_pending_job(
            session=session, team_id=team_id, kind=JobKind.RESULT_DM, subject_id=user_id
        ):
            # The last answers are in and their result is on its way: a fresh wizard now
            # would only make a second assessment.
            return WizardStart(None, Answers(), None, resumed=False, result_pending=True)
        draft = repo.get_draft(session=session, team_id=team_id, user_id=user_id)
        saved = _draft_answers(draft.answers) if draft is not None else None
        if edit_assessment_id is None:
            # One draft per person: `/smm assess` and "Resume" reopen it, new or edit alike.
            if draft is not None and saved is not None:
                return WizardStart(draft.step, saved, draft.assessment_id, resumed=True)
            return WizardStart(None, Answers(), None, resumed=False)
        assessment = repo.get_assessment(
            session=session, team_id=team_id, assessment_id=edit_assessment_id
        )
        if assessment is None or assessment.owner_user_id != user_id:
            raise NotYours(edit_assessment_id)
        if draft is not None and saved is not None and draft.assessment_id == edit_assessment_id:
            return WizardStart(draft.step, saved, edit_assessment_id, resumed=True)
        # Assessments stored before answers had a type of their own carry the day they were
        # scored; the wizard's answers have none (the submission's day is used).
        stored = {k: v for k, v in assessment.answers.items() if k != "as_of"}
        return WizardStart(None, Answers.from_json(stored), assessment.id, False)


def _draft_answers(stored: dict[str, Any]) -> Answers | None:
    try:
        return Answers.from_json(stored)
    except ValueError:
        # A draft this version cannot read is no draft: the wizard starts afresh.
        logger.warning("Ignoring a draft whose answers cannot be read")
        return None


def submit(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    submission: Submission,
    sender: Sender,
    on_finished: Callable[[Finished], None] | None = None,
) -> Finished | None:
    """A wizard step was submitted: keep the draft, or, after the last step, finish, tell
    `on_finished` (the modal shows the verdict before the DM is tried), and try the result DM
    at once through `sender` (the clock tries again if Slack does not take it)."""
    if submission.resume_at is not None:
        save_draft(
            deps,
            team_id=team_id,
            user_id=user_id,
            step=submission.resume_at,
            stage=submission.stage,
            answers=submission.answers,
            assessment_id=submission.assessment_id,
        )
        return None
    if submission.profile is None:
        raise ValueError("the last step was submitted without a whole profile")
    finished = finish(
        deps,
        team_id=team_id,
        user_id=user_id,
        answers=submission.answers,
        profile=submission.profile,
        assessment_id=submission.assessment_id,
        delivery_key=submission.delivery_key,
        locale=submission.locale,
    )
    if finished is not None and on_finished is not None:
        on_finished(finished)
    if finished is not None and finished.job_id is not None:
        delivery.deliver_now(deps, sender_for=lambda _team: sender, job_id=finished.job_id)
    for job_id in finished.replacing if finished is not None else ():
        delivery.deliver_now(deps, sender_for=lambda _team: sender, job_id=job_id)
    return finished


def save_draft(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    step: str,
    answers: Answers,
    assessment_id: int | None,
    stage: int = 0,
) -> None:
    """Keep the wizard's progress so a closed modal can resume where it stopped; an edit's
    draft must be of the member's own assessment (`NotYours` otherwise, nothing stored)."""
    with session_scope(deps.session_factory) as session:
        if assessment_id is not None:
            edited = repo.get_assessment(
                session=session, team_id=team_id, assessment_id=assessment_id
            )
            if edited is None or edited.owner_user_id != user_id:
                raise NotYours(assessment_id)
        stored = repo.save_draft(
            session=session,
            team_id=team_id,
            user_id=user_id,
            step=step,
            stage=stage,
            answers=answers.to_json(),
            assessment_id=assessment_id,
            at=deps.clock(),
        )
        if not stored:
            logger.info("Kept the draft of %s: a replayed step would move it back", user_id)


def has_draft(deps: Deps, *, team_id: str, user_id: str) -> bool:
    """Whether the member has saved wizard progress."""
    with read_scope(deps.session_factory) as session:
        return repo.get_draft(session=session, team_id=team_id, user_id=user_id) is not None


def discard_draft(deps: Deps, *, team_id: str, user_id: str) -> None:
    """Forget the member's draft."""
    with session_scope(deps.session_factory) as session:
        repo.delete_draft(session=session, team_id=team_id, user_id=user_id)


def finish(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    answers: Answers,
    profile: Profile,
    assessment_id: int | None,
    delivery_key: str,
    locale: str = "en",
) -> Finished | None:
    """Store the answers (a new assessment or a new version), score `profile` (those answers
    as the engine reads them), record the result, and put its DM in the outbox.

    Returns None when `delivery_key` was already handled (a double submission). Raises
    `NotYours` for an edit of someone else's assessment; nothing is written then.
    """
    now = deps.clock()
    rec = scoring.recommend(profile)
    with session_scope(deps.session_factory) as session:
        if not repo.remember_request(session=session, team_id=team_id, key=delivery_key, at=now):
            return None
        # A new workspace takes its first assessor's time zone (until settings exist).
        assessor = repo.get_person(session=session, team_id=team_id, user_id=user_id)
        zone = known_zone(assessor.tz) if assessor and assessor.tz else None
        repo.get_or_create_workspace(
            session=session,
            team_id=team_id,
            at=now,
            default_locale=deps.settings.default_locale,
            tz=zone or "UTC",
        )
        if assessment_id is None:
            assessment = repo.add_assessment(
                session=session, team_id=team_id, owner_user_id=user_id, at=now
            )
            trigger = RecommendationTrigger.ASSESSMENT
        else:
            # Locked: two edits at once must not both write version N+1.
            found = repo.get_assessment(
                session=session, team_id=team_id, assessment_id=assessment_id, for_update=True
            )
            if found is None or found.owner_user_id != user_id:
                raise NotYours(assessment_id)
            assessment = found
            trigger = RecommendationTrigger.EDIT
        assert assessment.id is not None
        mode = profile.organisation.current_mode.value
        mode_since = assessment.mode_since
        if assessment.current_mode != mode or mode_since is None:
            mode_since = _since(now, months=profile.organisation.months_in_mode)
        repo.record_answers(
            session=session,
            assessment=assessment,
            answers=answers.to_json(),
            current_mode=mode,
            mode_since=mode_since,
            by_user_id=user_id,
            at=now,
        )
        wanted = [profile.objectives.primary, *profile.objectives.secondary]
        repo.sync_objectives(
            session=session,
            team_id=team_id,
            assessment_id=assessment.id,
            kinds=[kind.value for kind in dict.fromkeys(wanted)],
            deadline=profile.deadline,
            at=now,
        )
        previous = repo.latest_recommendation(
            session=session, team_id=team_id, assessment_id=assessment.id
        )
        changes = _changes_since(previous, rec, profile) if previous is not None else None
        row = repo.add_recommendation(
            session=session,
            team_id=team_id,
            assessment_id=assessment.id,
            trigger=trigger,
            output=scoring.recommendation_to_dict(rec),
            model_version=scoring.MODEL_VERSION,
            # What was scored, as the engine reads it (with the day it was scored).
            inputs=scoring.profile_to_dict(profile),
            changes=[reason_to_dict(c) for c in changes] if changes is not None else None,
            at=now,
        )
        repo.delete_draft(session=session, team_id=team_id, user_id=user_id)
        assert row.id is not None
        t = Translator(locale)
        job_id = enqueue_result_dm(session, row, owner=user_id, t=t, at=now)
        replacing = (
            replace_dm(session, previous, by=row, t=t, at=now, dm_job=job_id) if previous else []
        )
        return Finished(assessment.id, row.id, rec, job_id, tuple(replacing))


def _changes_since(
    previous: Recommendation, rec: scoring.Recommendation, profile: Profile
) -> tuple[scoring.Reason, ...]:
    """What an edit changed since the recommendation it replaces, in the scoring's terms."""
    try:
        before = scoring.parse_profile(previous.inputs)
    except scoring.ProfileError:  # inputs this model no longer reads: compare the outputs only
        before = profile
    return scoring.changes_since(frozen(previous), rec, before, profile)


def stored_changes(row: Recommendation) -> list[scoring.Reason]:
    """The changes a row stored, as reasons."""
    out = []
    for item in row.changes:
        if isinstance(item, dict) and isinstance(item.get("params"), dict):
            params = tuple((str(k), v) for k, v in item["params"].items())
            out.append(scoring.Reason(str(item.get("code", "")), params))
    return out


def _since(now: datetime, *, months: float) -> datetime:
    # Months in the current mode, as the wizard asks them, turned into the day the mode began.
    return now - timedelta(days=months * scoring.DAYS_PER_MONTH)


def frozen(row: Recommendation) -> scoring.Recommendation:
    """The recommendation a row froze, as it was shown (never scored again)."""
    return scoring.recommendation_from_dict(row.output)


def enqueue_result_dm(
    session: Session, row: Recommendation, *, owner: str, t: Translator, at: datetime
) -> int | None:
    """The recommendation to its owner by DM, in the outbox, rendered from the frozen row as
    every later copy of it will be (with what changed since the one it replaces); the job's id."""
    assert row.id is not None
    dm = build_recommendation_message(
        frozen(row),
        t,
        assessment_id=row.assessment_id,
        recommendation_id=row.id,
        changes=stored_changes(row) if row.previous_id is not None else None,
    )
    return outbox.enqueue_job(
        session=session,
        team_id=row.team_id,
        kind=JobKind.RESULT_DM,
        subject_id=owner,
        occurrence=at,
        payload=message_payload(
            dm,
            channel=owner,
            after={"*": (owner, Message(text=t("delivery.result_failed")))},
            extra=posted_as(row.id, MessagePurpose.DM),
        ),
        due_at=at,
        at=at,
    )


def posted_as(recommendation_id: int, purpose: MessagePurpose) -> dict[str, Any]:
    """A message job's note of what it posts: delivery records where it landed."""
    return {"recommendation_id": recommendation_id, "purpose": purpose.value}


def replace_dm(
    session: Session,
    previous: Recommendation,
    *,
    by: Recommendation,
    t: Translator,
    at: datetime,
    dm_job: int | None = None,
) -> list[int]:
    """Change the superseded recommendation's DM in place: "replaced on …" with a link to the
    new one's DM (`dm_job` posts it) once that has landed, without buttons; the update jobs'
    ids."""
    assert previous.id is not None and by.id is not None
    jobs: list[int] = []
    day, verdict = t.date(at.date()), t.label(f"verdict.{by.verdict}")
    for message in repo.posted_messages(
        session=session,
        team_id=previous.team_id,
        recommendation_id=previous.id,
        purpose=MessagePurpose.DM,
    ):
        old = _superseded(previous, t, t("result.replaced", date=day, verdict=verdict))
        linked = _superseded(
            previous,
            t,
            t("result.replaced_linked", date=day, verdict=verdict, link=delivery.PERMALINK),
        )
        # The link is only known once the new DM has landed: delivery puts it in then.
        link = delivery.link_to(
            linked, recommendation_id=by.id, purpose=MessagePurpose.DM, job_id=dm_job, at=at
        )
        job_id = outbox.enqueue_job(
            session=session,
            team_id=previous.team_id,
            kind=JobKind.RESULT_UPDATE,
            subject_id=f"{previous.id}:{message.channel_id}",
            occurrence=at,
            payload=message_payload(
                old, channel=message.channel_id, extra={"ts": message.ts, **link}
            ),
            due_at=at,
            at=at,
        )
        if job_id is not None:
            jobs.append(job_id)
    return jobs


def _superseded(previous: Recommendation, t: Translator, note: str) -> Message:
    assert previous.id is not None
    return build_recommendation_message(
        frozen(previous),
        t,
        assessment_id=previous.assessment_id,
        recommendation_id=previous.id,
        replaced=note,
    )


def recommendation(
    deps: Deps, *, team_id: str, user_id: str, recommendation_id: int
) -> tuple[int, scoring.Recommendation] | None:
    """A member's own stored recommendation, as frozen, with its assessment id; None when it
    is not theirs."""
    with read_scope(deps.session_factory) as session:
        row = repo.get_recommendation(
            session=session, team_id=team_id, recommendation_id=recommendation_id
        )
        owner = (
            repo.get_assessment(session=session, team_id=team_id, assessment_id=row.assessment_id)
            if row is not None
            else None
        )
    if row is None or owner is None or owner.owner_user_id != user_id:
        return None
    return row.assessment_id, frozen(row)


def share(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    recommendation_id: int,
    channel: str,
    locale: str,
    bot_user_id: str,
    delivery_key: str,
    sender: Sender,
    show_pay: bool = False,
) -> int | None:
    """Put a channel copy of the member's recommendation in the outbox (pay left out unless
    `show_pay`), with what to tell them once Slack answers, and try it at once; the job's id,
    or None (a double submission, or not theirs)."""
    found = recommendation(
        deps, team_id=team_id, user_id=user_id, recommendation_id=recommendation_id
    )
    if found is None:
        return None
    assessment_id, rec = found
    t = Translator(locale)
    copy = build_channel_copy(
        rec,
        t,
        assessment_id=assessment_id,
        recommendation_id=recommendation_id,
        shared_by=user_id,
        show_pay=show_pay,
    )
    invite = build_share_not_in_channel(t, channel_id=channel, bot_user_id=bot_user_id)
    after: dict[str, tuple[str, Message]] = {
        "done": (user_id, build_share_done(t, channel_id=channel)),
        **dict.fromkeys(_NOT_A_MEMBER, (user_id, invite)),
        "*": (user_id, Message(text=t("delivery.share_failed", channel=channel))),
    }
    now = deps.clock()
    with session_scope(deps.session_factory) as session:
        if not repo.remember_request(session=session, team_id=team_id, key=delivery_key, at=now):
            return None
        job_id = outbox.enqueue_job(
            session=session,
            team_id=team_id,
            kind=JobKind.SHARE,
            subject_id=f"{recommendation_id}:{channel}",
            occurrence=now,
            payload=message_payload(
                copy,
                channel=channel,
                after=after,
                extra=posted_as(recommendation_id, MessagePurpose.SHARE),
            ),
            due_at=now,
            at=now,
        )
    if job_id is not None:
        delivery.deliver_now(deps, sender_for=lambda _team: sender, job_id=job_id)
    return job_id


def shared_on(deps: Deps, *, team_id: str, recommendation_id: int, channel: str) -> datetime | None:
    """When this version of the recommendation was last shared in `channel` (one indexed
    read: the share modal's acknowledgement asks before posting it there again)."""
    with read_scope(deps.session_factory) as session:
        return repo.shared_at(
            session=session,
            team_id=team_id,
            recommendation_id=recommendation_id,
            channel_id=channel,
        )


def share_modal(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    recommendation_id: int,
    locale: str,
    show_pay: bool = False,
    channel: str | None = None,
    ask_again: bool = False,
) -> dict[str, Any] | None:
    """The share modal of the member's recommendation, its preview as the channel would read
    it (with pay when `show_pay`); with `ask_again`, the "share it there again?" question when
    this version is already in `channel`. None when it is not theirs."""
    found = recommendation(
        deps, team_id=team_id, user_id=user_id, recommendation_id=recommendation_id
    )
    if found is None:
        return None
    assessment_id, rec = found
    t = Translator(locale)
    shared = (
        shared_on(deps, team_id=team_id, recommendation_id=recommendation_id, channel=channel)
        if ask_again and channel is not None
        else None
    )
    copy = build_channel_copy(
        rec,
        t,
        assessment_id=assessment_id,
        recommendation_id=recommendation_id,
        shared_by=user_id,
        show_pay=show_pay,
    )
    return build_share_modal(
        t,
        recommendation_id=recommendation_id,
        locale=locale,
        preview=copy.blocks,
        show_pay=show_pay,
        channel=channel,
        shared_on=t.date(shared.date()) if shared is not None else None,
    )


@dataclass(frozen=True)
class ShareModalGuard:
    """One member's share modal for one recommendation: while it is held (open, or for
    `SHARE_MODAL_GUARD` at most when Slack never says it closed), a second click does nothing."""

    deps: Deps
    team_id: str
    user_id: str
    recommendation_id: int

    def _key(self) -> str:
        return f"share-modal:{self.user_id}:{self.recommendation_id}"

    def hold(self) -> bool:
        """True when no modal of theirs for it is open (so one may open), else False."""
        now = self.deps.clock()
        with session_scope(self.deps.session_factory) as session:
            return repo.take_guard(
                session=session,
                team_id=self.team_id,
                key=self._key(),
                at=now,
                stale_before=now - SHARE_MODAL_GUARD,
            )

    def release(self) -> None:
        """The modal closed (or never opened): the next click opens one."""
        with session_scope(self.deps.session_factory) as session:
            repo.forget_request(session=session, team_id=self.team_id, key=self._key())


def offer_resume(
    deps: Deps, *, team_id: str, user_id: str, locale: str, sender: Sender
) -> int | None:
    """After a wizard closed midway with answers saved, put the offer to resume in the outbox
    and try it at once; its job id, or None when there is no draft to resume."""
    now = deps.clock()
    with session_scope(deps.session_factory) as session:
        if repo.get_draft(session=session, team_id=team_id, user_id=user_id) is None:
            return None
        offer = build_resume_offer(Translator(locale))
        job_id = outbox.enqueue_job(
            session=session,
            team_id=team_id,
            kind=JobKind.DRAFT_DM,
            subject_id=user_id,
            occurrence=now,
            payload=message_payload(offer, channel=user_id),
            due_at=now,
            at=now,
        )
    if job_id is not None:
        delivery.deliver_now(deps, sender_for=lambda _team: sender, job_id=job_id)
    return job_id
