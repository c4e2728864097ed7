"""The reminder ladder and snooze of an asked check-in, then `missed`.

An asked check-in waits for its answer with `next_attempt_at` set to its next reminder: the
next working morning, then the one after (never two reminders a day, never at night, on a day
off or a holiday). Each reminder changes the prompt in place and adds one short line so Slack
notifies; after the second, the next working morning finds it missed. A snooze moves the same
`next_attempt_at`; when it ends the question is put again and the ladder starts over. The rows
are claimed like any outbox row: two clocks never remind twice.
"""

from __future__ import annotations

import logging
import random
import threading
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from enum import StrEnum
from typing import Final

from bot.blocks.checkin import build_checkin_message, build_reminder_line
from bot.deps import Deps
from bot.domain import CheckInCard, CheckInState, JobKind
from bot.services import escalation
from bot.services.checkins import (
    AWAY,
    CheckInClosed,
    card_of,
    owner_working_time,
    translator_of as _translator,
)
from bot.services.delivery import (
    BATCH,
    LEASE,
    SenderFor,
    backoff,
    deliver_now,
    drain,
    message_payload,
)
from bot.services.errors import NotYours
from bot.slack.sender import Outcome, OutcomeKind
from bot.store import outbox, repo
from bot.store.db import Session, session_scope

logger = logging.getLogger(__name__)

MAX_REMINDERS: Final = 2


class Snooze(StrEnum):
    """How long the owner puts a check-in off (always into working hours)."""

    TWO_HOURS = "2h"
    TOMORROW = "tomorrow"
    NEXT_WORKING_DAY = "next_day"


@dataclass
class RemindReport:
    """What one pass over the waiting check-ins did."""

    claimed: int = 0
    reminded: int = 0
    snoozes_over: int = 0
    missed: int = 0
    waiting: int = 0


@dataclass
class _Done:
    outcomes: list[outbox.Waited] = field(default_factory=list)
    missed: list[repo.CheckInContext] = field(default_factory=list)
    reminded: int = 0
    snoozes_over: int = 0


def remind_due(
    deps: Deps,
    *,
    sender_for: SenderFor,
    now: datetime,
    batch: int = BATCH,
    stop: threading.Event | None = None,
    rng: random.Random | None = None,
) -> RemindReport:
    """Remind (or find missed, or ask again after a snooze) every asked check-in that is due."""
    random_source = rng or random.Random()
    report = RemindReport()
    report.claimed = drain(
        deps,
        claim=lambda session, token: _claim(session, token, now=now, batch=batch),
        work=lambda claimed: _work(claimed, sender_for, now, random_source),
        record=lambda session, done: _record(session, done, now=now, report=report),
        batch=batch,
        stop=stop,
    )
    return report


def _claim(
    session: Session, token: str, *, now: datetime, batch: int
) -> list[tuple[outbox.ClaimedCheckIn, repo.CheckInContext]]:
    claimed = outbox.claim_waiting(session=session, now=now, lease=LEASE, limit=batch, token=token)
    contexts = {
        c.checkin_id: c
        for c in repo.checkin_contexts(session=session, checkin_ids=[c.id for c in claimed])
    }
    return [(c, contexts[c.id]) for c in claimed if c.id in contexts]


def _work(
    claimed: list[tuple[outbox.ClaimedCheckIn, repo.CheckInContext]],
    sender_for: SenderFor,
    now: datetime,
    rng: random.Random,
) -> _Done:
    done = _Done()
    for job, ctx in claimed:
        sent = ctx.reminders_sent
        if not ctx.assessment_active or ctx.kpi_paused:
            done.outcomes.append(
                outbox.Waited(
                    job.id, job.token, CheckInState.EXCUSED, None, sent, error="not_asking"
                )
            )
            continue
        if ctx.owner_away_until is not None and ctx.owner_away_until > now:
            done.outcomes.append(
                outbox.Waited(job.id, job.token, CheckInState.EXCUSED, None, sent, error=AWAY)
            )
            continue
        hours = owner_working_time(ctx)
        if not hours.is_working(now):  # the settings changed, or a retry fell at night
            later = hours.next_working(now)
            done.outcomes.append(outbox.Waited(job.id, job.token, CheckInState.ASKED, later, sent))
            continue
        card = card_of(ctx, now=now)
        if ctx.snoozed_until is None and sent >= MAX_REMINDERS:
            # The ladder is over: the prompt shows it missed (Slack's answer does not matter).
            missed = replace(card, state=CheckInState.MISSED, reminder=MAX_REMINDERS)
            _update(ctx, sender_for, missed)
            done.outcomes.append(outbox.Waited(job.id, job.token, CheckInState.MISSED, None, sent))
            done.missed.append(ctx)
            continue
        snooze_over = ctx.snoozed_until is not None
        step = 0 if snooze_over else sent + 1
        shown = replace(card, reminder=step, snoozed_until=None)
        outcome = _remind(ctx, sender_for, shown, snooze_over=snooze_over)
        if outcome.kind in (OutcomeKind.DONE, OutcomeKind.PERMANENT):
            # Taken (or refused for good: the ladder goes on rather than asking forever).
            done.outcomes.append(
                outbox.Waited(
                    job.id,
                    job.token,
                    CheckInState.ASKED,
                    hours.next_morning(now),
                    step,
                    snooze_over=snooze_over,
                    sent=outcome.kind is OutcomeKind.DONE,
                    error=outcome.error,
                )
            )
            done.snoozes_over += snooze_over
            done.reminded += not snooze_over
            continue
        if outcome.kind is OutcomeKind.RETRY_AFTER:
            later = now + timedelta(seconds=outcome.retry_after or 0)
        elif outcome.kind is OutcomeKind.TRANSIENT:
            later = now + backoff(job.attempts, rng)
        else:  # a dead token: tried again tomorrow, when someone may have reinstalled the app
            later = hours.next_morning(now)
        done.outcomes.append(
            outbox.Waited(job.id, job.token, CheckInState.ASKED, later, sent, error=outcome.error)
        )
    return done


def _update(ctx: repo.CheckInContext, sender_for: SenderFor, card: CheckInCard) -> Outcome:
    message = build_checkin_message(_translator(ctx), card)
    if not (ctx.channel_id and ctx.message_ts):
        return Outcome(OutcomeKind.PERMANENT, error="no_prompt")
    return sender_for(ctx.team_id).update_message(
        channel=ctx.channel_id, ts=ctx.message_ts, text=message.text, blocks=message.blocks
    )


def _remind(
    ctx: repo.CheckInContext, sender_for: SenderFor, card: CheckInCard, *, snooze_over: bool
) -> Outcome:
    """The prompt changed in place, then one short new line (the one Slack notifies)."""
    updated = _update(ctx, sender_for, card)
    if updated.kind not in (OutcomeKind.DONE, OutcomeKind.PERMANENT):
        return updated
    line = build_reminder_line(_translator(ctx), card, snooze_over=snooze_over, of=MAX_REMINDERS)
    return sender_for(ctx.team_id).post_message(
        channel=ctx.channel_id or ctx.owner_user_id, text=line.text, blocks=line.blocks
    )


def _record(session: Session, done: _Done, *, now: datetime, report: RemindReport) -> None:
    recorded = set(outbox.record_waited(session=session, outcomes=done.outcomes))
    missed = [ctx for ctx in done.missed if ctx.checkin_id in recorded]
    escalation.note_silent_kpis(session, kpi_ids=[ctx.kpi_id for ctx in missed], now=now)
    report.reminded += done.reminded
    report.snoozes_over += done.snoozes_over
    report.missed += len(missed)
    report.waiting += sum(o.state == CheckInState.ASKED for o in done.outcomes)


# ---- snooze ------------------------------------------------------------------------------------


def snooze_until(hours_now: datetime, choice: Snooze, *, ctx: repo.CheckInContext) -> datetime:
    """When a snooze chosen at `hours_now` ends, inside the owner's working time."""
    hours = owner_working_time(ctx)
    if choice is Snooze.TWO_HOURS:
        return hours.next_working(hours_now + timedelta(hours=2))
    if choice is Snooze.TOMORROW:
        tomorrow = hours_now.astimezone(hours.zone).date() + timedelta(days=1)
        return hours.next_working_day_at(tomorrow, time(0, 0))
    return hours.next_morning(hours_now)


def snooze(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    checkin_id: int,
    choice: Snooze,
    sender_for: SenderFor,
) -> CheckInCard:
    """Put the owner's asked check-in off (the prompt says until when); `NotYours` for anyone
    else, `CheckInClosed` once it was answered or closed."""
    now = deps.clock()
    with session_scope(deps.session_factory) as session:
        found = repo.checkin_contexts(session=session, team_id=team_id, checkin_ids=[checkin_id])
        if not found:
            raise NotYours(None)
        ctx = found[0]
        if ctx.owner_user_id != user_id:
            raise NotYours(ctx.owner_user_id)
        until = snooze_until(now, choice, ctx=ctx)
        if not outbox.snooze_checkin(
            session=session, team_id=team_id, checkin_id=checkin_id, until=until
        ):
            raise CheckInClosed(checkin_id)
        [ctx] = repo.checkin_contexts(session=session, team_id=team_id, checkin_ids=[checkin_id])
        card = card_of(ctx, now=now)
        job_id = None
        if ctx.channel_id and ctx.message_ts:
            job_id = outbox.enqueue_job(
                session=session,
                team_id=team_id,
                kind=JobKind.CHECKIN_UPDATE,
                subject_id=f"checkin:{checkin_id}",
                occurrence=now,
                payload=message_payload(
                    build_checkin_message(_translator(ctx), card),
                    channel=ctx.channel_id,
                    extra={"ts": ctx.message_ts},
                ),
                due_at=now,
                at=now,
            )
    if job_id is not None:
        deliver_now(deps, sender_for=sender_for, job_id=job_id)
    return card


__all__ = ["MAX_REMINDERS", "RemindReport", "Snooze", "remind_due", "snooze", "snooze_until"]
