"""KPI check-ins: slots turned into rows, questions asked by DM, answers recorded, lists shown.

Every step is a row claimed in the database (`bot.store.outbox`): any number of clocks may
run, none asks twice, and a check-in Slack does not take is asked again later, never lost.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from time import monotonic
from typing import Any, Final
from zoneinfo import ZoneInfo

import scoring
from bot.blocks import Message
from bot.blocks.checkin import build_checkin_message, build_owner_left
from bot.blocks.kpi import objective_title
from bot.deps import Deps
from bot.domain import (
    Cadence,
    CheckInCard,
    CheckInState,
    Confidence,
    Direction,
    JobKind,
    KpiLine,
    RecommendationTrigger,
    SlackUser,
    known_zone,
)
from bot.i18n import Translator, resolve_locale
from bot.schedule import Schedule
from bot.services import escalation, reevaluation
from bot.services.delivery import (
    BATCH,
    BATCH_TIME_BUDGET,
    LEASE,
    SenderFor,
    backoff,
    deliver_now,
    drain,
    message_payload,
)
from bot.services.errors import NotYours
from bot.services.people import PERSON_CACHE_TTL
from bot.slack.people import NO_SUCH_USER, lookup_user
from bot.slack.sender import Outcome, OutcomeKind
from bot.store import outbox, repo
from bot.store.db import Session, read_scope, session_scope
from bot.working_time import WorkingTime, holidays_country

logger = logging.getLogger(__name__)

# Materialising touches only the database: bigger batches than sending.
MATERIALISE_BATCH: Final = 500
# A check-in Slack keeps refusing for a transient reason is given up after about a day.
MAX_ATTEMPTS: Final = 60
_DEFAULT_TIME: Final = time(9, 0)


class CheckInClosed(Exception):
    """The check-in can no longer be answered (a newer one came, or it was missed)."""


class Answer(StrEnum):
    """The three ways to answer a check-in."""

    UPDATE = "update"
    NO_CHANGE = "no_change"
    SKIP = "skip"


def zone_of(owner_tz: str | None, workspace_tz: str | None) -> str:
    """The owner's time zone, else the workspace's, else UTC (unknown names skipped)."""
    for name in (owner_tz, workspace_tz):
        if name and (zone := known_zone(name)) is not None:
            return zone
    return "UTC"


def schedule_of(facts: repo.ScheduleFacts | outbox.DueKpi) -> Schedule:
    """A KPI's schedule, the workspace's defaults filling what the KPI does not set itself."""
    cadence = Cadence(facts.cadence)
    weekday = facts.weekday if facts.weekday is not None else (facts.default_weekday or 0)
    return Schedule(
        cadence=cadence,
        weekday=weekday,
        # A monthly KPI on the default schedule falls on its start's day of the month.
        day_of_month=facts.day_of_month or facts.start.day,
        local_time=facts.local_time or facts.default_time or _DEFAULT_TIME,
        tz=zone_of(facts.owner_tz, facts.workspace_tz),
        start=facts.start,
        deadline=facts.deadline,
    )


def working_time_of(
    facts: repo.CheckInContext | outbox.DueKpi, *, tz: str, country: str | None = None
) -> WorkingTime:
    """The workspace's working days and hours, read in the owner's time zone `tz`."""
    return WorkingTime.of(
        tz=tz,
        start=facts.working_hours_start,
        end=facts.working_hours_end,
        days=facts.working_days,
        country=country,
    )


def owner_working_time(ctx: repo.CheckInContext) -> WorkingTime:
    """When `ctx`'s owner may be asked: working time in their zone, the country's holidays off."""
    return working_time_of(
        ctx,
        tz=zone_of(ctx.owner_tz, ctx.workspace_tz),
        country=holidays_country(ctx.holidays_country, ctx.workspace_tz),
    )


def reschedule(*, session: Session, team_id: str, kpi_id: int, now: datetime) -> None:
    """Set a KPI's next slot after `now` (a new KPI, a changed schedule or owner: its future
    slots move; a departed owner replaced: it asks again), in the caller's transaction."""
    facts = repo.schedule_facts(session=session, team_id=team_id, kpi_id=kpi_id)
    if facts is None:
        return
    upcoming = schedule_of(facts).next_slot(now)
    repo.schedule_kpi(session=session, kpi_id=kpi_id, next_due_at=upcoming, paused=False)


# ---- materialise -------------------------------------------------------------------------------


def materialise_due(deps: Deps, *, now: datetime, batch: int = MATERIALISE_BATCH) -> int:
    """Turn every KPI whose slot has come into a check-in row and move its next slot on. After
    downtime a KPI gets its latest missed slot only. How many KPIs were due."""
    total = 0
    while True:
        with session_scope(deps.session_factory) as session:
            due = outbox.due_kpis(session=session, now=now, limit=batch)
            slots = [_slot(kpi, now) for kpi in due]
            outbox.materialise(session=session, slots=slots)
            # A new slot closes the question it replaces (missed): a KPI may have gone silent.
            asked = [s.kpi_id for s in slots if s.occurrence is not None]
            escalation.note_silent_kpis(session, kpi_ids=asked, now=now)
        total += len(due)
        if len(due) < batch:
            return total


def _slot(kpi: outbox.DueKpi, now: datetime) -> outbox.Slot:
    if not kpi.asking:  # paused, or its assessment is no longer active: it stops asking
        return outbox.Slot(kpi.kpi_id, kpi.team_id, None, None)
    schedule = schedule_of(kpi)
    latest = schedule.latest_slot(now)
    # A slot the working days or hours no longer allow (the settings changed) moves to the next
    # working slot for good; this one is asked at the next working time, and its DM says so.
    hours = working_time_of(kpi, tz=schedule.tz)
    if schedule.cadence is Cadence.MONTHLY:
        fitted = (schedule.weekday, hours.fit(hours_day(hours), schedule.local_time)[1])
    else:
        fitted = hours.fit(schedule.weekday, schedule.local_time)
    refit = None
    if fitted != (schedule.weekday, schedule.local_time):
        refit = fitted
        schedule = replace(schedule, weekday=fitted[0], local_time=fitted[1])
    upcoming = schedule.next_slot(now)
    zone = ZoneInfo(schedule.tz)
    if refit and latest and upcoming:
        # The period just asked is asked on its moved day: its moved slot is not a second one.
        asked_on = _day_of(hours.next_working(latest), zone)
        while upcoming is not None and _day_of(upcoming, zone) <= asked_on:
            upcoming = schedule.next_slot(upcoming)
    return outbox.Slot(kpi.kpi_id, kpi.team_id, latest, upcoming, refit)


def _day_of(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def hours_day(hours: WorkingTime) -> int:
    """A working weekday of `hours` (to fit only a time of day into its hours)."""
    return min(hours.days) if hours.days else 0


def next_slot_due(deps: Deps) -> datetime | None:
    """When the next KPI slot of any workspace comes."""
    with read_scope(deps.session_factory) as session:
        return repo.earliest_due_at(session=session)


# ---- ask ---------------------------------------------------------------------------------------


@dataclass
class AskReport:
    """What one pass of asking did."""

    claimed: int = 0
    asked: int = 0
    retrying: int = 0
    missed: int = 0
    paused: int = 0
    owners_gone: int = 0
    released: int = 0


@dataclass
class _Asked:
    """A batch worked on, to record."""

    asked: list[tuple[int, str, str, str]] = field(default_factory=list)
    outcomes: list[outbox.Outcome] = field(default_factory=list)
    unhandled: list[outbox.ClaimedCheckIn] = field(default_factory=list)
    people: list[tuple[str, SlackUser]] = field(default_factory=list)  # (team, refreshed)
    gone: list[repo.CheckInContext] = field(default_factory=list)
    dead: set[str] = field(default_factory=set)
    reminders: list[tuple[int, datetime]] = field(default_factory=list)  # (check-in, when)


def ask_due(
    deps: Deps,
    *,
    sender_for: SenderFor,
    now: datetime,
    batch: int = BATCH,
    checkin_id: int | None = None,
    stop: threading.Event | None = None,
    rng: random.Random | None = None,
) -> AskReport:
    """Ask every due check-in's owner by DM (or just `checkin_id`), a batch at a time."""
    random_source = rng or random.Random()
    report = AskReport()
    report.claimed = drain(
        deps,
        claim=lambda session, token: _claim(session, token, now=now, batch=batch, one=checkin_id),
        work=lambda claimed: _ask_batch(claimed, sender_for, now, stop, random_source),
        record=lambda session, done: _record(session, done, now=now, report=report),
        batch=batch,
        single=checkin_id is not None,
        stop=stop,
    )
    return report


def _claim(
    session: Session, token: str, *, now: datetime, batch: int, one: int | None
) -> list[tuple[outbox.ClaimedCheckIn, repo.CheckInContext]]:
    claimed = outbox.claim_checkins(
        session=session, now=now, lease=LEASE, limit=batch, token=token, checkin_id=one
    )
    contexts = {
        c.checkin_id: c
        for c in repo.checkin_contexts(session=session, checkin_ids=[c.id for c in claimed])
    }
    return [(c, contexts[c.id]) for c in claimed if c.id in contexts]


def _owner(
    ctx: repo.CheckInContext, sender_for: SenderFor, now: datetime, done: _Asked
) -> tuple[bool, Outcome | None]:
    """Whether the owner can be asked (False: they left), or Slack's failure to say."""
    fresh = ctx.owner_refreshed_at is not None and ctx.owner_refreshed_at >= now - PERSON_CACHE_TTL
    if fresh:
        return not (ctx.owner_deleted or ctx.owner_is_bot), None
    user, outcome = lookup_user(sender_for(ctx.team_id), ctx.owner_user_id)
    if user is not None:
        done.people.append((ctx.team_id, user))
        return not (user.deleted or user.is_bot), None
    if outcome.kind is OutcomeKind.PERMANENT and outcome.error in NO_SUCH_USER:
        return False, None
    return True, outcome  # Slack did not say: the check-in waits like a failed DM would


def _ask_batch(
    claimed: list[tuple[outbox.ClaimedCheckIn, repo.CheckInContext]],
    sender_for: SenderFor,
    now: datetime,
    stop: threading.Event | None,
    rng: random.Random,
) -> _Asked:
    done = _Asked()
    renderer = CheckInRenderer(now)
    throttled: dict[str, datetime] = {}
    # Real elapsed time, not `now` (which a tick may be given): it is the lease's safety.
    give_up_at = monotonic() + BATCH_TIME_BUDGET.total_seconds()
    for job, ctx in claimed:
        if (stop is not None and stop.is_set()) or monotonic() > give_up_at:
            done.unhandled.append(job)
            continue
        if job.team_id in done.dead:
            done.outcomes.append(outbox.Outcome(job.id, job.token, CheckInState.PAUSED, now))
            continue
        if job.team_id in throttled:
            done.outcomes.append(
                outbox.Outcome(job.id, job.token, CheckInState.PENDING, throttled[job.team_id])
            )
            continue
        if not ctx.assessment_active or ctx.kpi_paused:
            done.outcomes.append(
                outbox.Outcome(job.id, job.token, CheckInState.EXCUSED, None, "not_asking")
            )
            continue
        held = _held(job, ctx, now)
        if held is not None:
            done.outcomes.append(held)
            continue
        present, failure = _owner(ctx, sender_for, now, done)
        if not present:
            done.gone.append(ctx)
            done.outcomes.append(
                outbox.Outcome(job.id, job.token, CheckInState.EXCUSED, None, "owner_left")
            )
            continue
        sent = failure or _post(ctx, sender_for, renderer)
        if sent.kind is OutcomeKind.DONE:
            channel = str(sent.data.get("channel") or ctx.owner_user_id)
            done.asked.append((job.id, job.token, channel, str(sent.data.get("ts", ""))))
            # The first reminder, if no answer comes: the next working morning.
            done.reminders.append((job.id, owner_working_time(ctx).next_morning(now)))
            continue
        step = _failed(job, sent, now=now, rng=rng)
        done.outcomes.append(step)
        if sent.kind is OutcomeKind.DEAD_TOKEN:
            done.dead.add(job.team_id)
        if sent.kind is OutcomeKind.RETRY_AFTER and step.next_attempt_at is not None:
            throttled[job.team_id] = step.next_attempt_at
    return done


AWAY: Final = "away"  # the reason a check-in is excused while its owner is away
HOLIDAY: Final = "holiday"
AWAY_RETURN: Final = "away_return:"  # a note for the DM: how many were skipped while away


def _held(
    job: outbox.ClaimedCheckIn, ctx: repo.CheckInContext, now: datetime
) -> outbox.Outcome | None:
    """Not now: excused (the owner is away; a weekly slot on a public holiday) or waiting
    for the next working time. None: ask."""
    if ctx.owner_away_until is not None and ctx.owner_away_until > now:
        return outbox.Outcome(job.id, job.token, CheckInState.EXCUSED, None, AWAY)
    hours = owner_working_time(ctx)
    slot_day = ctx.occurrence.astimezone(hours.zone).date()
    # A monthly value would be lost if excused: a monthly slot moves to the next working day.
    if hours.is_holiday(slot_day) and ctx.cadence != Cadence.MONTHLY:
        return outbox.Outcome(job.id, job.token, CheckInState.EXCUSED, None, HOLIDAY)
    if hours.is_working(now):
        return None
    keep = ctx.reason if ctx.reason and ctx.reason.startswith(AWAY_RETURN) else "not_working_time"
    return outbox.Outcome(job.id, job.token, CheckInState.PENDING, hours.next_working(now), keep)


def _failed(
    job: outbox.ClaimedCheckIn, sent: Outcome, *, now: datetime, rng: random.Random
) -> outbox.Outcome:
    if sent.kind is OutcomeKind.RETRY_AFTER:
        until = now + timedelta(seconds=sent.retry_after or 0)
        return outbox.Outcome(job.id, job.token, CheckInState.PENDING, until, sent.error)
    if sent.kind is OutcomeKind.DEAD_TOKEN:
        return outbox.Outcome(job.id, job.token, CheckInState.PAUSED, now, sent.error)
    if sent.kind is OutcomeKind.TRANSIENT and job.attempts < MAX_ATTEMPTS:
        retry = now + backoff(job.attempts, rng)
        return outbox.Outcome(job.id, job.token, CheckInState.PENDING, retry, sent.error)
    logger.warning("Check-in %s could not be asked: %s", job.id, sent.error)
    return outbox.Outcome(job.id, job.token, CheckInState.MISSED, None, sent.error)


def _post(ctx: repo.CheckInContext, sender_for: SenderFor, renderer: CheckInRenderer) -> Outcome:
    message = renderer.message(ctx)
    return sender_for(ctx.team_id).post_message(
        channel=ctx.owner_user_id, text=message.text, blocks=message.blocks
    )


def _record(session: Session, done: _Asked, *, now: datetime, report: AskReport) -> None:
    outbox.record_asked(session=session, asked=done.asked, at=now)
    outbox.schedule_reminders(session=session, reminders=done.reminders)
    outbox.record_outcomes(session=session, outcomes=done.outcomes, queue=outbox.CHECKINS)
    outbox.release(session=session, jobs=done.unhandled, now=now, queue=outbox.CHECKINS)
    for team_id, user in done.people:
        repo.upsert_person(
            session=session,
            team_id=team_id,
            user_id=user.user_id,
            tz=user.tz,
            locale=user.locale,
            is_bot=user.is_bot,
            is_admin=user.is_admin,
            is_owner=user.is_owner,
            deleted=user.deleted,
            refreshed_at=now,
        )
    for team_id in done.dead:
        outbox.pause_team(session=session, team_id=team_id, at=now)
    for ctx in done.gone:
        _owner_left(session, ctx, now=now)
    report.asked += len(done.asked)
    report.released += len(done.unhandled)
    report.owners_gone += len(done.gone)
    for outcome in done.outcomes:
        report.retrying += outcome.state == CheckInState.PENDING
        report.missed += outcome.state == CheckInState.MISSED
        report.paused += outcome.state == CheckInState.PAUSED


def _owner_left(session: Session, ctx: repo.CheckInContext, *, now: datetime) -> None:
    owner_left(
        session,
        team_id=ctx.team_id,
        owner_user_id=ctx.owner_user_id,
        kpi=repo.PersonKpi(
            kpi_id=ctx.kpi_id,
            name=ctx.kpi_name,
            next_due_at=ctx.occurrence,
            paused=ctx.kpi_paused,
            objective_title=ctx.objective_title,
            objective_kind=ctx.objective_kind,
            assessment_owner_id=ctx.assessment_owner_id,
        ),
        workspace_locale=ctx.workspace_locale,
        occurrence=ctx.occurrence,
        now=now,
    )


def owner_left(
    session: Session,
    *,
    team_id: str,
    owner_user_id: str,
    kpi: repo.PersonKpi,
    workspace_locale: str | None,
    occurrence: datetime,
    now: datetime,
) -> int | None:
    """Pause a KPI whose owner left (the ask found them gone, or Slack said they were
    deactivated) and tell its assessment's author, once per slot: the notice job's id (None
    when that slot's notice was written already), in the caller's transaction."""
    # The KPI stops asking until someone else owns it; its author is told once per slot.
    repo.schedule_kpi(session=session, kpi_id=kpi.kpi_id, next_due_at=None, paused=True)
    t = Translator(resolve_locale(None, workspace_locale or "en"))
    objective = objective_title(t, title=kpi.objective_title, kind=kpi.objective_kind)
    notice = build_owner_left(
        t, owner=owner_user_id, kpi_name=kpi.name, objective=objective, kpi_id=kpi.kpi_id
    )
    return outbox.enqueue_job(
        session=session,
        team_id=team_id,
        kind=JobKind.NOTICE,
        subject_id=f"owner_left:{kpi.kpi_id}",
        occurrence=occurrence,
        payload=message_payload(notice, channel=kpi.assessment_owner_id),
        due_at=now,
        at=now,
    )


# ---- what a check-in shows ----------------------------------------------------------------------


def translator_of(ctx: repo.CheckInContext) -> Translator:
    """The check-in's owner's language (else the workspace's)."""
    return Translator(resolve_locale(ctx.owner_locale, ctx.workspace_locale or "en"))


_translator = translator_of


def _assessment(
    *,
    direction: str,
    baseline: float,
    target: float,
    start: date,
    deadline: date,
    name: str,
    aspirational: bool,
    history: Sequence[tuple[date, float]],
    today: date,
) -> scoring.KpiAssessment | None:
    try:
        spec = scoring.KpiSpec(
            scoring.Direction(direction), baseline, target, start, deadline, name=name,
            aspirational=aspirational,
        )  # fmt: skip
    except ValueError:  # a KPI the form could not have accepted: shown without pacing
        return None
    points = [scoring.CheckInPoint(day, value) for day, value in history]
    return scoring.assess_kpi(spec, points, today)


def card_of(ctx: repo.CheckInContext, *, now: datetime, answerable: bool = True) -> CheckInCard:
    """What the check-in DM shows: the KPI, its last value, the pace expected, its status."""
    zone = ZoneInfo(zone_of(ctx.owner_tz, ctx.workspace_tz))
    return _card(ctx, now=now, zone=zone, assess=_assessment, answerable=answerable)


def _card(
    ctx: repo.CheckInContext,
    *,
    now: datetime,
    zone: ZoneInfo,
    assess: Callable[..., scoring.KpiAssessment | None],
    answerable: bool,
) -> CheckInCard:
    slot_day = ctx.occurrence.astimezone(zone).date()
    # "Expected by now" is never read before the slot it was asked for.
    today = max(now.astimezone(zone).date(), slot_day)
    assessment = assess(
        direction=ctx.direction,
        baseline=ctx.baseline,
        target=ctx.target,
        start=ctx.start,
        deadline=ctx.deadline,
        name=ctx.kpi_name,
        aspirational=ctx.aspirational,
        history=ctx.history,
        today=today,
    )
    expected = assessment.expected if assessment else 0.0
    next_due = ctx.kpi_next_due_at
    asking = ctx.state == CheckInState.PENDING
    moved = None
    skipped = 0
    if asking:
        hours = owner_working_time(ctx)
        if not hours.is_working(ctx.occurrence):
            moved = HOLIDAY if hours.is_holiday(slot_day) else "hours"
        if ctx.reason and ctx.reason.startswith(AWAY_RETURN):
            skipped = int(ctx.reason.removeprefix(AWAY_RETURN) or 0)
    waiting = ctx.state == CheckInState.ASKED
    return CheckInCard(
        checkin_id=ctx.checkin_id,
        kpi_name=ctx.kpi_name,
        unit=ctx.unit,
        objective_title=ctx.objective_title,
        objective_kind=ctx.objective_kind,
        direction=Direction(ctx.direction),
        baseline=ctx.baseline,
        target=ctx.target,
        deadline=ctx.deadline,
        slot_day=slot_day,
        last_value=ctx.history[-1][1] if ctx.history else None,
        expected_value=ctx.baseline + expected * (ctx.target - ctx.baseline),
        status=assessment.status.value if assessment else "too_early",
        state=CheckInState(ctx.state),
        value=ctx.value,
        confidence=Confidence(ctx.confidence) if ctx.confidence else None,
        comment=ctx.comment,
        answerable=answerable,
        next_day=next_due.astimezone(zone).date() if next_due else None,
        moved=moved,
        reminder=ctx.reminders_sent if waiting else 0,
        snoozed_until=(
            ctx.snoozed_until.astimezone(zone) if waiting and ctx.snoozed_until else None
        ),
        away_skipped=skipped,
    )


class CheckInRenderer:
    """The check-in DMs of one batch, as `card_of` and `build_checkin_message` write them: what
    repeats between them (translators, time zones, a KPI's pace) is worked out once."""

    def __init__(self, now: datetime) -> None:
        self._now = now
        self._translators: dict[tuple[str | None, str | None], Translator] = {}
        self._zones: dict[tuple[str | None, str | None], ZoneInfo] = {}
        self._paces: dict[tuple[object, ...], scoring.KpiAssessment | None] = {}

    def message(self, ctx: repo.CheckInContext) -> Message:
        """The DM asking `ctx`'s owner, in their language."""
        languages = (ctx.owner_locale, ctx.workspace_locale)
        t = self._translators.get(languages)
        if t is None:
            t = self._translators[languages] = _translator(ctx)
        zones = (ctx.owner_tz, ctx.workspace_tz)
        zone = self._zones.get(zones)
        if zone is None:
            zone = self._zones[zones] = ZoneInfo(zone_of(*zones))
        card = _card(ctx, now=self._now, zone=zone, assess=self._pace, answerable=True)
        return build_checkin_message(t, card)

    def _pace(self, **facts: Any) -> scoring.KpiAssessment | None:
        # Keyed on every input: several slots of one KPI in a batch (after downtime, a retry)
        # share it, and nothing else can.
        key = tuple(facts.values())
        if key not in self._paces:
            self._paces[key] = _assessment(**facts)
        return self._paces[key]


# ---- answers -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Opened:
    """A check-in its owner is about to answer: its card and the reader's language."""

    card: CheckInCard
    locale: str


def open_for_answer(deps: Deps, *, team_id: str, user_id: str, checkin_id: int) -> Opened:
    """A check-in `user_id` may answer now; `NotYours` (with the owner) or `CheckInClosed`."""
    with read_scope(deps.session_factory) as session:
        found = repo.checkin_contexts(session=session, team_id=team_id, checkin_ids=[checkin_id])
        answerable = set(
            repo.open_checkin_ids(session=session, team_id=team_id, owner_user_id=user_id)
        )
    if not found:
        raise NotYours(None)
    ctx = found[0]
    if ctx.owner_user_id != user_id:
        raise NotYours(ctx.owner_user_id)
    if checkin_id not in answerable:
        raise CheckInClosed(checkin_id)
    return Opened(card_of(ctx, now=deps.clock()), _translator(ctx).locale)


def answer(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    checkin_id: int,
    how: Answer,
    sender_for: SenderFor,
    value: float | None = None,
    confidence: Confidence | None = None,
    comment: str | None = None,
) -> CheckInCard:
    """Record the owner's answer (an update, no change, a skip), change the check-in DM in
    place to show it and the new status, and return that card; `NotYours` for anyone but the
    owner, `CheckInClosed` once a newer check-in came."""
    opened = open_for_answer(deps, team_id=team_id, user_id=user_id, checkin_id=checkin_id)
    now = deps.clock()
    state = CheckInState.SKIPPED if how is Answer.SKIP else CheckInState.ANSWERED
    if how is Answer.NO_CHANGE:
        card = opened.card
        value = card.last_value if card.last_value is not None else card.baseline
        confidence, comment = None, None
    if how is Answer.SKIP:
        value, confidence = None, None
    with session_scope(deps.session_factory) as session:
        recorded = repo.answer_checkin(
            session=session,
            team_id=team_id,
            checkin_id=checkin_id,
            state=state,
            value=value,
            confidence=confidence.value if confidence else None,
            comment=comment,
            at=now,
        )
        if not recorded:
            raise CheckInClosed(checkin_id)
        [ctx] = repo.checkin_contexts(session=session, team_id=team_id, checkin_ids=[checkin_id])
        card = card_of(ctx, now=now)
        assessment_id = repo.assessment_of_kpi(session=session, team_id=team_id, kpi_id=ctx.kpi_id)
        if assessment_id is not None and how is not Answer.SKIP:
            # A new number: the clock re-decides the assessment, off this listener's path.
            reevaluation.enqueue(
                session,
                team_id=team_id,
                assessment_id=assessment_id,
                trigger=RecommendationTrigger.CHECK_IN,
                occurrence=now,
                now=now,
            )
        job_id = None
        if ctx.channel_id and ctx.message_ts:
            message = build_checkin_message(_translator(ctx), card)
            job_id = outbox.enqueue_job(
                session=session,
                team_id=team_id,
                kind=JobKind.CHECKIN_UPDATE,
                subject_id=f"checkin:{checkin_id}",
                occurrence=now,
                payload=message_payload(
                    message, channel=ctx.channel_id, extra={"ts": ctx.message_ts}
                ),
                due_at=now,
                at=now,
            )
    if job_id is not None:
        deliver_now(deps, sender_for=sender_for, job_id=job_id)
    return card


# ---- /smm kpis ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MyKpis:
    """A person's KPIs and the check-ins they can answer, in their language."""

    kpis: list[KpiLine]
    open_cards: list[CheckInCard]


def my_kpis(deps: Deps, *, team_id: str, user_id: str) -> MyKpis:
    """The KPIs `user_id` owns (status, next check-in) and their check-ins still open."""
    now = deps.clock()
    with read_scope(deps.session_factory) as session:
        owned = repo.owned_kpis(session=session, team_id=team_id, owner_user_id=user_id)
        open_ids = repo.open_checkin_ids(session=session, team_id=team_id, owner_user_id=user_id)
        contexts = repo.checkin_contexts(session=session, team_id=team_id, checkin_ids=open_ids)
        person = repo.get_person(session=session, team_id=team_id, user_id=user_id)
        workspace = repo.get_workspace(session=session, team_id=team_id)
    zone = ZoneInfo(zone_of(person.tz if person else None, workspace.tz if workspace else None))
    today = now.astimezone(zone).date()
    lines = []
    for kpi in owned:
        # Never read before its latest answer (the clock of the process asking may be ahead).
        as_of = max(today, kpi.history[-1][0]) if kpi.history else today
        assessment = _assessment(
            direction=kpi.direction,
            baseline=kpi.baseline,
            target=kpi.target,
            start=kpi.start,
            deadline=kpi.deadline,
            name=kpi.name,
            aspirational=kpi.aspirational,
            history=kpi.history,
            today=as_of,
        )
        lines.append(
            KpiLine(
                kpi_id=kpi.kpi_id,
                name=kpi.name,
                unit=kpi.unit,
                objective_title=kpi.objective_title,
                objective_kind=kpi.objective_kind,
                target=kpi.target,
                deadline=kpi.deadline,
                last_value=kpi.history[-1][1] if kpi.history else None,
                status=assessment.status.value if assessment else "too_early",
                next_day=kpi.next_due_at.astimezone(zone).date() if kpi.next_due_at else None,
                paused=kpi.paused,
            )
        )
    order = {checkin_id: i for i, checkin_id in enumerate(open_ids)}
    cards = sorted((card_of(c, now=now) for c in contexts), key=lambda c: order[c.checkin_id])
    return MyKpis(lines, cards)


__all__ = [
    "Answer",
    "AskReport",
    "CheckInRenderer",
    "CheckInClosed",
    "MyKpis",
    "Opened",
    "answer",
    "ask_due",
    "card_of",
    "materialise_due",
    "my_kpis",
    "next_slot_due",
    "open_for_answer",
    "owner_left",
    "reschedule",
    "schedule_of",
    "zone_of",
]
