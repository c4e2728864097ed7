"""Durable delivery: every message the app promises is a job row, claimed and sent until Slack
takes it. At least once, at most one duplicate (a process dying between Slack's answer and the
record), never lost.

What the sender says decides what happens next: done; retry after N seconds (the job waits
that long, nobody sleeps on it, and the workspace's other jobs in the batch wait with it);
transient (exponential backoff with jitter, capped); dead token (the workspace is marked and
its jobs paused until a working token is seen); permanent (the job ends, and whoever asked is
told once, by a notice prepared with the job).

A message may link to another one the outbox posts (`link_to`): it waits, a few seconds at a
time and for a bounded while, for that message to land, then goes with its permalink; or
without the link, as prepared, when that message does not come or its link cannot be had.
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
from bot.domain import JobKind, JobState, MessagePurpose
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
# A message linking to another one not posted yet looks again this much later (both are
# usually due at once), for at most LINK_PATIENCE after it was prepared: then it goes
# without the link rather than keep the person waiting for its update.
LINK_WAIT: Final = timedelta(seconds=5)
LINK_PATIENCE: Final = timedelta(minutes=5)
# Where a linking message's text takes the permalink; no catalogue text or Slack id has it.
PERMALINK: Final = "⟦permalink⟧"
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
        JobKind.DIGEST_POST,
        JobKind.ESCALATION,
        JobKind.AWAY_SUMMARY,
    }
)
# A chart Slack refused is tried again this many times (the parent says it is missing), then
# given up; a transient failure follows the usual backoff.
CHART_ATTEMPTS: Final = 5


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


def link_to(
    linked: Message,
    *,
    recommendation_id: int,
    purpose: MessagePurpose,
    job_id: int | None,
    at: datetime,
) -> dict[str, Any]:
    """The `extra` of a message job that links to a recommendation's message of `purpose`
    (which job `job_id` posts): once that has landed, `linked` goes instead of the job's own
    message, with the permalink where its text says PERMALINK."""
    return {
        "link_to": {
            "recommendation_id": recommendation_id,
            "purpose": purpose.value,
            "job_id": job_id,
            "until": (at + LINK_PATIENCE).isoformat(),
            "text": linked.text,
            "blocks": linked.blocks,
        }
    }


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
class _Later:
    """A job that cannot be done yet (what it links to has not landed): due again `at`."""

    at: datetime


@dataclass(slots=True)
class _Seen:
    """What this batch did that is not recorded yet, for the jobs after it that link to it."""

    # (recommendation, purpose) -> (channel, ts) of its message, posted in this batch
    landed: dict[tuple[int, str], tuple[str, str]] = field(default_factory=dict)
    ended: set[int] = field(default_factory=set)  # jobs that failed for good in this batch

    def add(self, job: outbox.Claimed, step: _Step) -> None:
        """Note what a job's step did."""
        recommendation_id, purpose = (
            job.payload.get("recommendation_id"),
            job.payload.get("purpose"),
        )
        if step.posted is not None and isinstance(recommendation_id, int) and purpose:
            self.landed[(recommendation_id, str(purpose))] = step.posted
        if step.outcome.state == JobState.FAILED:
            self.ended.add(job.id)


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


def _step(
    job: outbox.Claimed, sent: Outcome | _Later, *, now: datetime, rng: random.Random
) -> _Step:
    if isinstance(sent, _Later):  # not a try: it does not count against the job's attempts
        return _Step(outbox.Outcome(job.id, job.token, JobState.PENDING, sent.at, counted=False))
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
    if job.kind == JobKind.DIGEST_CHART and job.attempts < CHART_ATTEMPTS:
        retry = now + backoff(job.attempts, rng)
        return _Step(outbox.Outcome(job.id, job.token, JobState.PENDING, retry, sent.error))
    failed = outbox.Outcome(job.id, job.token, JobState.FAILED, None, sent.error)
    notice = after.get(sent.error or "") or after.get("*")
    logger.warning("Job %s (%s) failed for good: %s", job.id, job.kind, sent.error)
    return _Step(failed, notice=notice)


def _attempt(
    deps: Deps, job: outbox.Claimed, sender_for: SenderFor, now: datetime, seen: _Seen
) -> Outcome | _Later:
    """Do one job: the Slack call happens here, outside any transaction."""
    if job.kind in _MESSAGE_KINDS:
        message = job.payload.get("message") or {}
        link = job.payload.get("link_to")
        if isinstance(link, dict):
            linked = _linked(deps, job, link, sender_for(job.team_id), now=now, seen=seen)
            if isinstance(linked, _Later):
                return linked
            message = {**message, **linked} if linked is not None else message
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
                # Safe: the job is recorded done only by a later, waiting commit (`_record`).
                outbox.commit_without_waiting(session=session)
                reevaluation.run_job(session, team_id=job.team_id, payload=job.payload, now=now)
        except Exception as e:  # e.g. the database went away: tried again, like a 5xx
            logger.warning("Re-evaluation job %s failed: %s", job.id, type(e).__name__)
            return Outcome(OutcomeKind.TRANSIENT, error="reevaluation_failed")
        return Outcome(OutcomeKind.DONE)
    if job.kind == JobKind.DIGEST:
        from bot.services import digest  # imported here: it puts the parent post in the outbox

        try:
            with session_scope(deps.session_factory) as session:
                digest.run_job(session, team_id=job.team_id, payload=job.payload, now=now)
        except Exception as e:  # e.g. the database went away: tried again, like a 5xx
            logger.warning("Digest job %s failed: %s", job.id, type(e).__name__)
            return Outcome(OutcomeKind.TRANSIENT, error="digest_failed")
        return Outcome(OutcomeKind.DONE)
    if job.kind == JobKind.DIGEST_CHART:
        return _upload_chart(job, sender_for)
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


def _upload_chart(job: outbox.Claimed, sender_for: SenderFor) -> Outcome:
    """Draw one objective's chart and upload it into the digest's thread."""
    # Imported here: matplotlib loads only in the process that draws (never on the ack path).
    from bot.blocks import charts
    from bot.i18n import Translator

    try:
        chart = charts.chart_from_dict(job.payload["chart"])
        t = Translator(str(job.payload.get("locale") or "en"))
        png = charts.render_objective_chart(chart, t)
    except Exception as e:  # a chart that cannot be drawn: said missing, tried again
        logger.warning("Chart of job %s could not be drawn: %s", job.id, type(e).__name__)
        return Outcome(OutcomeKind.PERMANENT, error="chart_not_drawn")
    return sender_for(job.team_id).upload_file(
        channel_id=str(job.payload.get("channel", "")),
        thread_ts=job.payload.get("thread_ts"),
        content=png,
        filename=charts.chart_filename(chart),
        title=charts.chart_title(chart, t),
        alt_text=charts.chart_alt_text(chart, t),
    )


def _linked(
    deps: Deps,
    job: outbox.Claimed,
    link: dict[str, Any],
    sender: Sender,
    *,
    now: datetime,
    seen: _Seen,
) -> dict[str, Any] | _Later | None:
    """A linking job's text and blocks with the permalink in; when to look again, while the
    message it links to is still on its way; or None: send the job's own message."""
    recommendation_id, purpose = link.get("recommendation_id"), link.get("purpose")
    if not isinstance(recommendation_id, int) or not isinstance(purpose, str):
        return None
    target = seen.landed.get((recommendation_id, purpose)) or _landed(
        deps, job.team_id, recommendation_id, purpose
    )
    if target is None:
        coming = _coming(deps, job.team_id, link.get("job_id"), seen)
        if coming and now < _until(link.get("until")):
            return _Later(now + LINK_WAIT)
        logger.info("Job %s goes without its link: the message it links to is not there", job.id)
        return None
    found = sender.get_permalink(channel=target[0], message_ts=target[1])
    permalink = found.data.get("permalink") if found.ok else None
    if not isinstance(permalink, str) or not permalink:
        # The update matters more than its link: it goes as prepared, never fails for it.
        logger.info("Job %s goes without its link: getPermalink said %s", job.id, found.error)
        return None
    # Escaped as mrkdwn wants a URL (a reply's permalink has `&` in its query).
    url = permalink.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return {"text": _fill(link.get("text", ""), url), "blocks": _fill(link.get("blocks"), url)}


def _landed(
    deps: Deps, team_id: str, recommendation_id: int, purpose: str
) -> tuple[str, str] | None:
    with read_scope(deps.session_factory) as session:
        posted = repo.posted_messages(
            session=session, team_id=team_id, recommendation_id=recommendation_id, purpose=purpose
        )
    return (posted[0].channel_id, posted[0].ts) if posted else None


def _coming(deps: Deps, team_id: str, job_id: Any, seen: _Seen) -> bool:
    """Whether the job posting the linked message may still post it (unknown: it may)."""
    if not isinstance(job_id, int):
        return True
    if job_id in seen.ended:
        return False
    with read_scope(deps.session_factory) as session:
        state = repo.get_job_state(session=session, team_id=team_id, job_id=job_id)
    return state in (JobState.PENDING, JobState.PAUSED)


def _until(stamp: Any) -> datetime:
    try:
        return datetime.fromisoformat(stamp) if isinstance(stamp, str) else _ONCE
    except ValueError:
        return _ONCE  # unreadable: waited long enough


def _fill(value: Any, url: str) -> Any:
    if isinstance(value, str):
        return value.replace(PERMALINK, url)
    if isinstance(value, list):
        return [_fill(item, url) for item in value]
    if isinstance(value, dict):
        return {key: _fill(item, url) for key, item in value.items()}
    return value


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
    seen = _Seen()
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
        step = _step(job, _attempt(deps, job, sender_for, now, seen), now=now, rng=rng)
        steps.append(step)
        seen.add(job, step)
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
        _record_digest(session, job, step, now=now)
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


def _record_digest(session: Session, job: outbox.Claimed, step: _Step, *, now: datetime) -> None:
    """A digest's parent that Slack took gets its charts; a chart that failed (the first time),
    that arrived after failing, or that was given up changes the parent's missing-chart note."""
    if job.kind not in (JobKind.DIGEST_POST, JobKind.DIGEST_CHART):
        return
    from bot.services import digest  # imported here: it builds on this module's payloads

    if job.kind == JobKind.DIGEST_POST:
        if step.posted is not None:
            channel, ts = step.posted
            digest.enqueue_charts(
                session, team_id=job.team_id, post_job_id=job.id, payload=job.payload,
                channel=channel, ts=ts, now=now,
            )  # fmt: skip
        return
    state = step.outcome.state
    first_failure = state != JobState.DONE and job.attempts == 1
    recovered = state == JobState.DONE and job.attempts > 1
    if first_failure or recovered or state == JobState.FAILED:
        digest.note_missing_charts(session, team_id=job.team_id, payload=job.payload, now=now)


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
