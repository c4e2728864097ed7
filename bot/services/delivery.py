"""Durable delivery: every message the app promises is a job row, claimed and sent until Slack
takes it. At least once, at most one duplicate (a process dying between Slack's answer and the
record), never lost.

What the sender says decides what happens next: done; retry after N seconds (the job waits
that long, nobody sleeps on it, and the workspace's other jobs in the batch wait with it);
transient (exponential backoff with jitter, capped); dead token (the workspace is marked and
its jobs paused until a working token is seen); permanent (the job ends, and whoever asked is
told once, by a notice prepared with the job).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Final, TypeVar

from bot.blocks import Message
from bot.deps import Deps
from bot.domain import JobKind, JobState
from bot.slack.sender import Outcome, OutcomeKind, Sender
from bot.store import outbox, repo
from bot.store.db import Session, read_scope, session_scope

logger = logging.getLogger(__name__)

SenderFor = Callable[[str], Sender]  # team id -> the sender with that workspace's token

# Longer than any one delivery can take (a Slack call times out after 10 s, retried once).
LEASE: Final = timedelta(seconds=60)
BATCH: Final = 200
# A batch stops taking new jobs after this much real time, and hands the rest back: a slow
# Slack must never let the lease run out under jobs still in hand (another claimer would
# take them while they are being sent).
BATCH_TIME_BUDGET: Final = LEASE / 2
# Transient failures: 5 s, 10 s, 20 s… up to 30 minutes between tries; after 60 tries (about a
# day) the job fails for good, and whoever asked is told.
BACKOFF_BASE_SECONDS: Final = 5.0
BACKOFF_CAP_SECONDS: Final = 30 * 60.0
MAX_ATTEMPTS: Final = 60
# Idempotency keys (event ids, view hashes) older than this are forgotten by the daily prune.
KEEP_REQUESTS: Final = timedelta(days=7)
_PRUNE_SUBJECT: Final = "processed_request"
_NO_TEAM: Final = "-"  # the team id of housekeeping jobs, which belong to no workspace
# A notice is keyed by the job it is about ("after:<id>"): one per job, whatever the moment.
_ONCE: Final = datetime(2000, 1, 1, tzinfo=UTC)
_MESSAGE_KINDS: Final = frozenset(
    {
        JobKind.RESULT_DM,
        JobKind.SHARE,
        JobKind.DRAFT_DM,
        JobKind.NOTICE,
        JobKind.CHECKIN_UPDATE,
        JobKind.RESULT_UPDATE,
        JobKind.REVIEW_POST,
        JobKind.REVIEW_THREAD,
        JobKind.ESCALATION,
        JobKind.AWAY_SUMMARY,
    }
)


def message_payload(
    message: Message,
    *,
    channel: str,
    after: Mapping[str, tuple[str, Message]] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The payload of a message job: what to post where, and what to tell whom afterwards
    (`after`: "done", a Slack error code, or "*" for any other permanent failure → (channel,
    message))."""
    payload: dict[str, Any] = {"message": _message_json(channel, message)}
    if after:
        payload["after"] = {key: _message_json(to, note) for key, (to, note) in after.items()}
    if extra:
        payload |= dict(extra)
    return payload


def _message_json(channel: str, message: Message) -> dict[str, Any]:
    return {"channel": channel, "text": message.text, "blocks": message.blocks}


@dataclass
class DeliveryReport:
    """What one pass did."""

    claimed: int = 0
    done: int = 0
    retrying: int = 0
    failed: int = 0
    paused: int = 0
    released: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    notices: list[int] = field(default_factory=list)  # jobs the outcomes led to (due now)

    def add(self, other: DeliveryReport) -> None:
        """Fold another pass's figures into this one."""
        for name in ("claimed", "done", "retrying", "failed", "paused", "released"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for code, count in other.errors.items():
            self.errors[code] = self.errors.get(code, 0) + count
        self.notices.extend(other.notices)


@dataclass(frozen=True, slots=True)
class _Step:
    """A claimed job's attempt: its recorded outcome, and any notice it leads to."""

    outcome: outbox.Outcome
    notice: dict[str, Any] | None = None
    dead_team: str | None = None
    throttle_until: datetime | None = None
    posted: tuple[str, str] | None = None  # (channel, ts) of a message Slack took


def backoff(attempts: int, rng: random.Random) -> timedelta:
    """The wait after the `attempts`-th transient failure: doubling, capped, jittered (½–1)."""
    ceiling = min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** max(0, attempts - 1))
    return timedelta(seconds=ceiling * (0.5 + rng.random() / 2))


def _step(job: outbox.Claimed, sent: Outcome, *, now: datetime, rng: random.Random) -> _Step:
    after: Mapping[str, Any] = job.payload.get("after") or {}
    if sent.kind is OutcomeKind.DONE:
        done = outbox.Outcome(job.id, job.token, JobState.DONE)
        channel, ts = sent.data.get("channel"), sent.data.get("ts")
        posted = (channel, ts) if isinstance(channel, str) and isinstance(ts, str) else None
        return _Step(done, notice=after.get("done"), posted=posted)
    if sent.kind is OutcomeKind.RETRY_AFTER:
        until = now + timedelta(seconds=sent.retry_after or 0)
        waiting = outbox.Outcome(job.id, job.token, JobState.PENDING, until, sent.error)
        return _Step(waiting, throttle_until=until)
    if sent.kind is OutcomeKind.DEAD_TOKEN:
        paused = outbox.Outcome(job.id, job.token, JobState.PAUSED, now, sent.error)
        return _Step(paused, dead_team=job.team_id)
    if sent.kind is OutcomeKind.TRANSIENT and job.attempts < MAX_ATTEMPTS:
        retry = now + backoff(job.attempts, rng)
        return _Step(outbox.Outcome(job.id, job.token, JobState.PENDING, retry, sent.error))
    failed = outbox.Outcome(job.id, job.token, JobState.FAILED, None, sent.error)
    notice = after.get(sent.error or "") or after.get("*")
    logger.warning("Job %s (%s) failed for good: %s", job.id, job.kind, sent.error)
    return _Step(failed, notice=notice)


def _attempt(deps: Deps, job: outbox.Claimed, sender_for: SenderFor, now: datetime) -> Outcome:
    """Do one job: the Slack call happens here, outside any transaction."""
    if job.kind in _MESSAGE_KINDS:
        message = job.payload.get("message") or {}
        if job.payload.get("ts"):  # a message already posted, changed in place
            return sender_for(job.team_id).update_message(
                channel=str(message.get("channel", "")),
                ts=str(job.payload["ts"]),
                text=str(message.get("text", "")),
                blocks=message.get("blocks") or None,
            )
        return sender_for(job.team_id).post_message(
            channel=str(message.get("channel", "")),
            text=str(message.get("text", "")),
            blocks=message.get("blocks") or None,
            thread_ts=message.get("thread_ts"),
        )
    if job.kind == JobKind.REEVALUATION:
        # Imported here: re-evaluation puts messages in the outbox with this module's payloads.
        from bot.services import reevaluation

        try:
            with session_scope(deps.session_factory) as session:
                reevaluation.run_job(session, team_id=job.team_id, payload=job.payload, now=now)
        except Exception as e:  # e.g. the database went away: tried again, like a 5xx
            logger.warning("Re-evaluation job %s failed: %s", job.id, type(e).__name__)
            return Outcome(OutcomeKind.TRANSIENT, error="reevaluation_failed")
        return Outcome(OutcomeKind.DONE)
    if job.kind == JobKind.SNOOZE_REPOST:
        from bot.services import decisions  # imported here: it puts posts in the outbox

        recommendation_id = job.payload.get("recommendation_id")
        if isinstance(recommendation_id, int):
            with session_scope(deps.session_factory) as session:
                decisions.repost_snoozed(
                    session, team_id=job.team_id, recommendation_id=recommendation_id, now=now
                )
        return Outcome(OutcomeKind.DONE)
    if job.kind == JobKind.REEVALUATION_PASS:
        return Outcome(OutcomeKind.DONE)  # a marker: its assessments' jobs were added with it
    if job.kind == JobKind.PRUNE:
        with session_scope(deps.session_factory) as session:
            repo.prune_requests(session=session, before=now - KEEP_REQUESTS)
        return Outcome(OutcomeKind.DONE)
    logger.error("Job %s has a kind nobody delivers: %s", job.id, job.kind)
    return Outcome(OutcomeKind.PERMANENT, error="unknown_job_kind")


C = TypeVar("C")  # what a claim hands out (claimed jobs, claimed check-ins)
W = TypeVar("W")  # what working on a batch leaves to record


def drain(
    deps: Deps,
    *,
    claim: Callable[[Session, str], list[C]],
    work: Callable[[list[C]], W],
    record: Callable[[Session, W], None],
    batch: int,
    single: bool = False,
    stop: threading.Event | None = None,
) -> int:
    """Claim, work and record batches until none is due (or `stop`, or after one when
    `single`): the work (Slack calls) happens between transactions, and each transaction
    records the previous batch and claims the next. How many rows were claimed."""
    claimed_count = 0
    pending: W | None = None
    while True:
        token = outbox.new_claim_token()
        with session_scope(deps.session_factory) as session:
            if pending is not None:
                record(session, pending)
            claimed: list[C] = []
            if stop is None or not stop.is_set():
                claimed = claim(session, token)
        if not claimed:
            return claimed_count
        pending = work(claimed)
        claimed_count += len(claimed)
        if single or len(claimed) < batch:
            with session_scope(deps.session_factory) as session:
                record(session, pending)
            return claimed_count


def deliver_due(
    deps: Deps,
    *,
    sender_for: SenderFor,
    now: datetime,
    batch: int = BATCH,
    job_id: int | None = None,
    stop: threading.Event | None = None,
    rng: random.Random | None = None,
) -> DeliveryReport:
    """Claim due jobs a batch at a time and deliver them until none is due (or `stop` is set,
    or just `job_id` when given)."""
    random_source = rng or random.Random()
    report = DeliveryReport()
    report.claimed = drain(
        deps,
        claim=lambda session, token: outbox.claim_jobs(
            session=session, now=now, lease=LEASE, limit=batch, token=token, job_id=job_id
        ),
        work=lambda claimed: _deliver_batch(
            deps, claimed, sender_for=sender_for, now=now, stop=stop, rng=random_source
        ),
        record=lambda session, done: _record(session, done, now=now, report=report),
        batch=batch,
        single=job_id is not None,
        stop=stop,
    )
    return report


@dataclass(frozen=True, slots=True)
class _Recorded:
    """A delivered batch, to be recorded: each job's step, and the jobs it did not reach."""

    claimed: Sequence[outbox.Claimed]
    steps: Sequence[_Step]
    unhandled: Sequence[outbox.Claimed]
    dead: frozenset[str]


def _deliver_batch(
    deps: Deps,
    claimed: Sequence[outbox.Claimed],
    *,
    sender_for: SenderFor,
    now: datetime,
    stop: threading.Event | None,
    rng: random.Random,
) -> _Recorded:
    steps: list[_Step] = []
    throttled: dict[str, datetime] = {}  # team -> until when Slack asked it to wait
    dead: set[str] = set()
    unhandled: list[outbox.Claimed] = []
    # Real elapsed time, not `now` (which a tick may be given): it is the lease's safety.
    give_up_at = time.monotonic() + BATCH_TIME_BUDGET.total_seconds()
    for job in claimed:
        if (stop is not None and stop.is_set()) or time.monotonic() > give_up_at:
            unhandled.append(job)
            continue
        if job.team_id in dead:
            steps.append(_Step(outbox.Outcome(job.id, job.token, JobState.PAUSED, now)))
            continue
        if job.team_id in throttled:
            waiting = outbox.Outcome(job.id, job.token, JobState.PENDING, throttled[job.team_id])
            steps.append(_Step(waiting))
            continue
        step = _step(job, _attempt(deps, job, sender_for, now), now=now, rng=rng)
        steps.append(step)
        if step.dead_team:
            dead.add(step.dead_team)
        if step.throttle_until:
            throttled[job.team_id] = step.throttle_until
    skipped = {job.id for job in unhandled}
    handled = [job for job in claimed if job.id not in skipped]
    return _Recorded(handled, steps, unhandled, frozenset(dead))


def _record(session: Session, batch: _Recorded, *, now: datetime, report: DeliveryReport) -> None:
    outbox.record_outcomes(session=session, outcomes=[s.outcome for s in batch.steps])
    outbox.release(session=session, jobs=batch.unhandled, now=now)
    for team_id in batch.dead:
        outbox.pause_team(session=session, team_id=team_id, at=now)
    for job, step in zip(batch.claimed, batch.steps, strict=True):
        _record_posted(session, job, step, now=now)
        if step.notice is None:
            continue
        notice_id = outbox.enqueue_job(
            session=session,
            team_id=job.team_id,
            kind=JobKind.NOTICE,
            subject_id=f"after:{job.id}",
            occurrence=_ONCE,
            payload={"message": step.notice},
            due_at=now,
            at=now,
        )
        if notice_id is not None:
            report.notices.append(notice_id)
    for step in batch.steps:
        state = step.outcome.state
        report.done += state == JobState.DONE
        report.retrying += state == JobState.PENDING
        report.failed += state == JobState.FAILED
        report.paused += state == JobState.PAUSED
        if step.outcome.error:
            report.errors[step.outcome.error] = report.errors.get(step.outcome.error, 0) + 1
    report.released += len(batch.unhandled)


def _record_posted(session: Session, job: outbox.Claimed, step: _Step, *, now: datetime) -> None:
    """A recommendation's message that Slack took: where it landed, to change it later."""
    recommendation_id, purpose = job.payload.get("recommendation_id"), job.payload.get("purpose")
    if step.posted is None or not isinstance(recommendation_id, int) or not purpose:
        return
    channel, ts = step.posted
    thread = job.payload.get("thread")
    if isinstance(thread, dict):  # the post's details go in its thread, once it has a ts
        outbox.enqueue_job(
            session=session,
            team_id=job.team_id,
            kind=JobKind.REVIEW_THREAD,
            subject_id=f"thread:{recommendation_id}",
            occurrence=now,
            payload={"message": {**thread, "thread_ts": ts}},
            due_at=now,
            at=now,
        )
    repo.record_posted(
        session=session,
        team_id=job.team_id,
        recommendation_id=recommendation_id,
        purpose=str(purpose),
        channel_id=channel,
        ts=ts,
        at=now,
    )


def deliver_now(deps: Deps, *, sender_for: SenderFor, job_id: int) -> DeliveryReport:
    """Try one job at once, as any worker would (the web process, right after writing it),
    and the notice its outcome leads to ("shared", "invite me first")."""
    report = deliver_due(deps, sender_for=sender_for, now=deps.clock(), job_id=job_id)
    for notice_id in list(report.notices):
        report.add(deliver_due(deps, sender_for=sender_for, now=deps.clock(), job_id=notice_id))
    return report


def schedule_housekeeping(deps: Deps, *, now: datetime) -> None:
    """Make sure today's prune of old idempotency keys is a job (any number of clocks: one)."""
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    with session_scope(deps.session_factory) as session:
        outbox.enqueue_job(
            session=session,
            team_id=_NO_TEAM,
            kind=JobKind.PRUNE,
            subject_id=_PRUNE_SUBJECT,
            occurrence=day,
            payload={},
            due_at=day,
            at=now,
        )


def resume_workspace(deps: Deps, *, team_id: str, now: datetime) -> int:
    """The workspace's token works (again): its paused jobs are due now; how many."""
    with session_scope(deps.session_factory) as session:
        return outbox.resume_team(session=session, team_id=team_id, now=now)


def has_pending(deps: Deps, *, team_id: str, kind: str, subject_id: str) -> bool:
    """Whether a job of this kind and subject is still waiting to be delivered."""
    with read_scope(deps.session_factory) as session:
        return repo.has_pending_job(
            session=session, team_id=team_id, kind=kind, subject_id=subject_id
        )


def notify(
    deps: Deps, *, team_id: str, user_id: str, message: Message, sender: Sender
) -> int | None:
    """Put a short DM to a person in the outbox (a KPI list, an owner refused) and try it at
    once through `sender`; its job id."""
    now = deps.clock()
    with session_scope(deps.session_factory) as session:
        job_id = outbox.enqueue_job(
            session=session,
            team_id=team_id,
            kind=JobKind.NOTICE,
            subject_id=f"dm:{user_id}",
            occurrence=now,
            payload=message_payload(message, channel=user_id),
            due_at=now,
            at=now,
        )
    if job_id is not None:
        deliver_now(deps, sender_for=lambda _team: sender, job_id=job_id)
    return job_id
