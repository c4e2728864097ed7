"""The one home of claim-and-lease SQL: due rows are claimed here, and only here.

A claim writes a fresh token on up to `limit` due rows and pushes their `next_attempt_at` to
the end of the lease, in one statement: PostgreSQL locks the rows it picks with
`FOR UPDATE SKIP LOCKED`, so concurrent claimers take different rows; SQLite runs the same
`UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING` inside the `BEGIN IMMEDIATE` every write
transaction of the app starts with, which serialises claimers. A claimer that dies simply lets
its lease run out: the rows are due again. Outcomes are recorded fenced on the claim token, so
a claimer whose lease expired cannot overwrite a newer claim's outcome.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    Integer,
    String,
    Table,
    and_,
    any_,
    bindparam,
    case,
    column,
    func,
    literal,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Session

from bot.domain import AssessmentStatus, CheckInState, JobState
from bot.store.models import Assessment, CheckIn, Job, Kpi, Objective, Person, Workspace
from bot.store.repo import dialect_insert, insert_ignoring_conflicts

__all__ = [
    "CHECKINS",
    "JOBS",
    "Claimed",
    "ClaimedCheckIn",
    "DueKpi",
    "Slot",
    "due_kpis",
    "materialise",
    "record_asked",
    "schedule_reminders",
    "WAITING",
    "Waited",
    "claim_waiting",
    "record_waited",
    "snooze_checkin",
    "Outcome",
    "Queue",
    "claim_checkins",
    "claim_jobs",
    "commit_without_waiting",
    "enqueue_job",
    "new_claim_token",
    "pause_team",
    "record_outcomes",
    "release",
    "resume_team",
]

_JOB: Table = Job.__table__  # type: ignore[attr-defined]
_CHECKIN: Table = CheckIn.__table__  # type: ignore[attr-defined]
_KPI: Table = Kpi.__table__  # type: ignore[attr-defined]
_OBJECTIVE: Table = Objective.__table__  # type: ignore[attr-defined]
_ASSESSMENT: Table = Assessment.__table__  # type: ignore[attr-defined]
_PERSON: Table = Person.__table__  # type: ignore[attr-defined]
_WORKSPACE: Table = Workspace.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Queue:
    """A table claimed the same way: its rows wait in `due_state` until `next_attempt_at`."""

    table: Table
    due_state: str
    paused_state: str


JOBS = Queue(_JOB, JobState.PENDING, JobState.PAUSED)
# A check-in is claimed to be asked (pending); once asked it waits for its owner's answer.
CHECKINS = Queue(_CHECKIN, CheckInState.PENDING, CheckInState.PAUSED)


@dataclass(frozen=True, slots=True)
class Claimed:
    """A job this claimer holds until `lease_until`, with what it needs to do it."""

    id: int
    team_id: str
    kind: str
    payload: dict[str, Any]
    attempts: int  # this attempt included
    token: str
    lease_until: datetime


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of a claimed job: its new state, when to try again, and why."""

    job_id: int
    token: str
    state: str
    next_attempt_at: datetime | None = None
    error: str | None = None
    # False for a job that only waits for something else (due again at `next_attempt_at`):
    # the claim's attempt is given back, so waiting never uses up the job's tries.
    counted: bool = True


def new_claim_token() -> str:
    """A token that names one claim (one claimer, one batch)."""
    return secrets.token_hex(16)


def enqueue_job(
    *,
    session: Session,
    team_id: str,
    kind: str,
    subject_id: str,
    occurrence: datetime,
    payload: dict[str, Any],
    due_at: datetime,
    at: datetime,
) -> int | None:
    """Add a job, due at `due_at`, in the caller's transaction; its id, or None when the same
    (team, kind, subject, occurrence) is already there (the idempotency key)."""
    return insert_ignoring_conflicts(
        session=session,
        model=Job,
        values={
            "team_id": team_id,
            "kind": kind,
            "subject_id": subject_id,
            "occurrence": occurrence,
            "payload": payload,
            "state": JobState.PENDING,
            "next_attempt_at": due_at,
            "attempts": 0,
            "created_at": at,
        },
        conflict=["team_id", "kind", "subject_id", "occurrence"],
    )


def _claim(
    session: Session,
    queue: Queue,
    *,
    now: datetime,
    lease: timedelta,
    limit: int,
    token: str,
    returning: Sequence[Any],
    row_id: int | None = None,
) -> Sequence[Any]:
    table = queue.table
    until = now + lease
    due = select(table.c.id).where(
        table.c.state == queue.due_state, table.c.next_attempt_at <= bindparam("now")
    )
    if row_id is not None:
        due = due.where(table.c.id == row_id)
    # Oldest due first, in the order of the (state, next_attempt_at) index: no sort of the
    # whole due set per batch.
    due = due.order_by(table.c.next_attempt_at).limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    statement = (
        update(table)
        .where(table.c.id.in_(due.scalar_subquery()))
        .values(
            claim_token=token,
            lease_until=until,
            # Claimed rows are not due until the lease ends: no second claimer takes them,
            # and a claimer that dies lets them come due again by themselves.
            next_attempt_at=until,
            attempts=table.c.attempts + 1,
        )
        .returning(*returning)
    )
    return session.connection().execute(statement, {"now": now}).all()


def claim_jobs(
    *,
    session: Session,
    now: datetime,
    lease: timedelta,
    limit: int,
    token: str,
    job_id: int | None = None,
) -> list[Claimed]:
    """Claim up to `limit` due jobs (or just `job_id`, if it is due) for `lease`."""
    c = _JOB.c
    rows = _claim(
        session,
        JOBS,
        now=now,
        lease=lease,
        limit=limit,
        token=token,
        returning=(c.id, c.team_id, c.kind, c.payload, c.attempts),
        row_id=job_id,
    )
    claimed = [
        Claimed(row_id, team_id, kind, payload or {}, attempts, token, now + lease)
        for row_id, team_id, kind, payload, attempts in rows
    ]
    claimed.sort(key=lambda c: c.id)
    return claimed


@dataclass(frozen=True, slots=True)
class ClaimedCheckIn:
    """A check-in this claimer holds until `lease_until`, to ask its KPI's owner."""

    id: int
    team_id: str
    kpi_id: int
    occurrence: datetime
    attempts: int
    token: str
    lease_until: datetime


def claim_checkins(
    *,
    session: Session,
    now: datetime,
    lease: timedelta,
    limit: int,
    token: str,
    checkin_id: int | None = None,
) -> list[ClaimedCheckIn]:
    """Claim up to `limit` check-ins due to be asked (or just `checkin_id`)."""
    c = _CHECKIN.c
    rows = _claim(
        session,
        CHECKINS,
        now=now,
        lease=lease,
        limit=limit,
        token=token,
        returning=(c.id, c.team_id, c.kpi_id, c.occurrence, c.attempts),
        row_id=checkin_id,
    )
    claimed = [
        ClaimedCheckIn(row_id, team_id, kpi_id, occurrence, attempts, token, now + lease)
        for row_id, team_id, kpi_id, occurrence, attempts in rows
    ]
    claimed.sort(key=lambda c: c.id)
    return claimed


def record_outcomes(*, session: Session, outcomes: Sequence[Outcome], queue: Queue = JOBS) -> None:
    """Record claimed rows' outcomes, each only if its claim still holds: one statement per
    kind of outcome that has no date of its own (done, failed, paused…), one executemany for
    the rest (retries), so a batch costs a few statements whatever its size."""
    table = queue.table
    alike: dict[tuple[str, str, str | None, datetime | None], list[int]] = {}
    dated: list[Outcome] = []
    for o in outcomes:
        if o.counted and (o.next_attempt_at is None or o.state != queue.due_state):
            alike.setdefault((o.token, o.state, o.error, o.next_attempt_at), []).append(o.job_id)
        else:
            dated.append(o)
    postgres = session.get_bind().dialect.name == "postgresql"
    for (token, state, error, next_attempt_at), ids in alike.items():
        # PostgreSQL takes the ids as one array parameter: one statement text, prepared once,
        # whatever the batch's size (an IN list would be a new statement per size).
        chosen = (
            table.c.id == any_(bindparam("ids", ids, type_=ARRAY(Integer)))
            if postgres
            else table.c.id.in_(ids)
        )
        session.connection().execute(
            update(table)
            .where(table.c.claim_token == token, chosen)
            .values(
                state=state,
                next_attempt_at=next_attempt_at,
                last_error=error,
                lease_until=None,
                claim_token=None,
            )
        )
    if not dated:
        return
    statement = (
        update(table)
        .where(and_(table.c.id == bindparam("b_id"), table.c.claim_token == bindparam("b_token")))
        .values(
            state=bindparam("b_state"),
            next_attempt_at=bindparam("b_next"),
            last_error=bindparam("b_error"),
            lease_until=None,
            claim_token=None,
            attempts=table.c.attempts - bindparam("b_given_back"),
        )
    )
    session.connection().execute(
        statement,
        [
            {
                "b_id": o.job_id,
                "b_token": o.token,
                "b_state": o.state,
                "b_next": o.next_attempt_at,
                "b_error": o.error,
                "b_given_back": 0 if o.counted else 1,
            }
            for o in dated
        ],
    )


def commit_without_waiting(*, session: Session) -> None:
    """The caller's transaction commits without waiting for its WAL to reach the disk
    (PostgreSQL; elsewhere nothing). Only for a claimed job's work, whose outcome a later
    transaction records: PostgreSQL writes its WAL in order, so that later commit, which does
    wait, makes this one durable too, and a crash before it leaves the job due again."""
    # A wait for the disk per job was most of the daily re-evaluation's time (4-5 ms per
    # commit here, against ~3 ms of work per assessment).
    if session.get_bind().dialect.name == "postgresql":
        session.connection().exec_driver_sql("SET LOCAL synchronous_commit = off")


def release(
    *,
    session: Session,
    jobs: Sequence[Claimed | ClaimedCheckIn],
    now: datetime,
    queue: Queue = JOBS,
) -> None:
    """Hand claimed rows back, due at once (a claimer stopping before it got to them)."""
    record_outcomes(
        session=session,
        outcomes=[Outcome(j.id, j.token, queue.due_state, next_attempt_at=now) for j in jobs],
        queue=queue,
    )


def record_asked(
    *, session: Session, asked: Sequence[tuple[int, str, str, str]], at: datetime
) -> None:
    """Check-ins whose question Slack took: (id, claim token, channel, message ts) each, in one
    statement per claim token, each only if its claim still holds."""
    by_token: dict[str, list[tuple[int, str, str]]] = {}
    for checkin_id, token, channel, ts in asked:
        by_token.setdefault(token, []).append((checkin_id, channel, ts))
    postgres = session.get_bind().dialect.name == "postgresql"
    for token, rows in by_token.items():
        # The batch's rows travel as one parameter (arrays; a JSON text on SQLite) and are
        # joined in one UPDATE … FROM: an executemany pays the driver's and SQLAlchemy's
        # per-row cost (and on PostgreSQL a round trip each) for every check-in.
        given = _asked_rows(rows, postgres=postgres)
        c = _CHECKIN.c
        session.connection().execute(
            update(_CHECKIN)
            .where(c.id == given.c.id, c.claim_token == token)
            .values(
                state=CheckInState.ASKED,
                asked_at=at,
                channel_id=given.c.channel_id,
                message_ts=given.c.message_ts,
                next_attempt_at=None,
                lease_until=None,
                claim_token=None,
                last_error=None,
            )
        )


def schedule_reminders(*, session: Session, reminders: Sequence[tuple[int, datetime]]) -> None:
    """When each asked check-in is reminded (or, after the last reminder, found missed):
    (check-in id, instant) each, only while it is still waiting for its answer."""
    if not reminders:
        return
    c = _CHECKIN.c
    session.connection().execute(
        update(_CHECKIN)
        .where(c.id == bindparam("b_id"), c.state == CheckInState.ASKED)
        .values(next_attempt_at=bindparam("b_at")),
        [{"b_id": checkin_id, "b_at": at} for checkin_id, at in reminders],
    )


def _asked_rows(rows: Sequence[tuple[int, str, str]], *, postgres: bool) -> Any:
    """(id, channel_id, message_ts) rows as a derived table of one statement text."""
    columns = (column("id", Integer), column("channel_id", String), column("message_ts", String))
    if postgres:
        ids, channels, stamps = zip(*rows, strict=True)
        return (
            func.unnest(
                bindparam("b_ids", list(ids), type_=ARRAY(Integer)),
                bindparam("b_channels", list(channels), type_=ARRAY(String)),
                bindparam("b_stamps", list(stamps), type_=ARRAY(String)),
            )
            .table_valued(*columns)
            .render_derived(name="given")
        )
    entries = func.json_each(bindparam("b_rows", json.dumps(rows))).table_valued("value")
    item = entries.c.value
    return (
        select(
            func.json_extract(item, "$[0]").label("id"),
            func.json_extract(item, "$[1]").label("channel_id"),
            func.json_extract(item, "$[2]").label("message_ts"),
        )
        .select_from(entries)
        .subquery("given")
    )


def pause_team(*, session: Session, team_id: str, at: datetime) -> None:
    """The workspace's token is dead: mark it, and hold its pending work until it works again."""
    session.connection().execute(
        update(_WORKSPACE)
        .where(_WORKSPACE.c.team_id == team_id, _WORKSPACE.c.token_revoked_at.is_(None))
        .values(token_revoked_at=at)
    )
    for queue in (JOBS, CHECKINS):
        session.connection().execute(
            update(queue.table)
            .where(queue.table.c.team_id == team_id, queue.table.c.state == queue.due_state)
            .values(state=queue.paused_state)
        )


def resume_team(*, session: Session, team_id: str, now: datetime) -> int:
    """A working token was seen: the workspace's paused work is due again; how many rows."""
    session.connection().execute(
        update(_WORKSPACE).where(_WORKSPACE.c.team_id == team_id).values(token_revoked_at=None)
    )
    resumed = 0
    for queue in (JOBS, CHECKINS):
        result = session.connection().execute(
            update(queue.table)
            .where(queue.table.c.team_id == team_id, queue.table.c.state == queue.paused_state)
            .values(state=queue.due_state, next_attempt_at=now, claim_token=None, lease_until=None)
        )
        resumed += int(result.rowcount or 0)
    return resumed


# ---- materialising check-ins: KPIs whose next slot has come are due rows too ----------------


@dataclass(frozen=True, slots=True)
class DueKpi:
    """A KPI whose `next_due_at` has passed, with what its schedule is computed from."""

    kpi_id: int
    team_id: str
    cadence: str
    weekday: int | None
    day_of_month: int | None
    local_time: time | None
    start: date
    deadline: date
    asking: bool  # its assessment is active and the KPI is neither paused nor archived
    owner_tz: str | None
    workspace_tz: str | None
    default_weekday: int | None
    default_time: time | None
    working_hours_start: time | None = None
    working_hours_end: time | None = None
    working_days: tuple[int, ...] | None = None


def due_kpis(*, session: Session, now: datetime, limit: int) -> list[DueKpi]:
    """Up to `limit` KPIs whose next check-in slot has come, locked for this transaction
    (PostgreSQL skips rows another clock holds; SQLite's write lock serialises clocks)."""
    k, o, a = _KPI.c, _OBJECTIVE.c, _ASSESSMENT.c
    p, w = _PERSON.c, _WORKSPACE.c
    query = (
        select(
            k.id,
            k.team_id,
            k.cadence,
            k.checkin_weekday,
            k.checkin_day_of_month,
            k.checkin_local_time,
            k.start_date,
            k.deadline,
            k.paused,
            a.status,
            k.archived_at,
            p.tz,
            w.tz,
            w.checkin_weekday,
            w.checkin_local_time,
            w.working_hours_start,
            w.working_hours_end,
            w.working_days,
        )
        .select_from(_KPI)
        .join(_OBJECTIVE, o.id == k.objective_id)
        .join(_ASSESSMENT, a.id == o.assessment_id)
        .outerjoin(_PERSON, and_(p.team_id == k.team_id, p.user_id == k.owner_user_id))
        .outerjoin(_WORKSPACE, w.team_id == k.team_id)
        .where(k.next_due_at <= bindparam("now", now, type_=k.next_due_at.type))
        .order_by(k.next_due_at)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=_KPI)
    return [
        DueKpi(
            kpi_id=row[0],
            team_id=row[1],
            cadence=row[2],
            weekday=row[3],
            day_of_month=row[4],
            local_time=row[5],
            start=row[6],
            deadline=row[7],
            asking=not row[8] and row[9] == AssessmentStatus.ACTIVE and row[10] is None,
            owner_tz=row[11],
            workspace_tz=row[12],
            default_weekday=row[13],
            default_time=row[14],
            working_hours_start=row[15],
            working_hours_end=row[16],
            working_days=tuple(row[17]) if row[17] else None,
        )
        for row in session.connection().execute(query).all()
    ]


@dataclass(frozen=True, slots=True)
class Slot:
    """What materialising one due KPI decided: the check-in to ask (if any), the next slot."""

    kpi_id: int
    team_id: str
    occurrence: datetime | None
    next_due_at: datetime | None
    # A weekly slot the working days or hours no longer allow, moved to the next working slot:
    # the KPI's own day and time from now on.
    refit: tuple[int, time] | None = None


def materialise(*, session: Session, slots: Sequence[Slot]) -> None:
    """Turn due KPIs into check-in rows (a slot already there is kept, never doubled), move
    each KPI's `next_due_at` on, and close the questions the new slots replace (missed)."""
    if not slots:
        return
    asked = [s for s in slots if s.occurrence is not None]
    if asked:
        rows = [
            {
                "team_id": s.team_id,
                "kpi_id": s.kpi_id,
                "occurrence": s.occurrence,
                "state": CheckInState.PENDING,
                "next_attempt_at": s.occurrence,
                "attempts": 0,
                "reminders_sent": 0,
            }
            for s in asked
        ]
        session.connection().execute(
            dialect_insert(session, CheckIn)
            .values(rows)
            .on_conflict_do_nothing(index_elements=["kpi_id", "occurrence"])
        )
        c = _CHECKIN.c
        session.connection().execute(
            update(_CHECKIN)
            .where(
                c.kpi_id == bindparam("b_kpi"),
                c.state == CheckInState.ASKED,
                c.occurrence < bindparam("b_occurrence"),
            )
            # A snoozed check-in is not missed: the next one replaces it, excused.
            .values(
                state=case(
                    (c.snoozed_until.is_not(None), literal(CheckInState.EXCUSED)),
                    else_=literal(CheckInState.MISSED),
                ),
                next_attempt_at=None,
            ),
            [{"b_kpi": s.kpi_id, "b_occurrence": s.occurrence} for s in asked],
        )
    session.connection().execute(
        update(_KPI).where(_KPI.c.id == bindparam("b_id")).values(next_due_at=bindparam("b_next")),
        [{"b_id": s.kpi_id, "b_next": s.next_due_at} for s in slots],
    )
    refits = [s for s in slots if s.refit is not None]
    if refits:
        session.connection().execute(
            update(_KPI)
            .where(_KPI.c.id == bindparam("b_id"))
            .values(checkin_weekday=bindparam("b_weekday"), checkin_local_time=bindparam("b_time")),
            [
                {"b_id": s.kpi_id, "b_weekday": s.refit[0], "b_time": s.refit[1]}
                for s in refits
                if s.refit is not None
            ],
        )


# ---- asked check-ins waiting for their answer: reminders, snoozes, then missed --------------

# An asked check-in is claimed again when its reminder (or snooze) is due.
WAITING = Queue(_CHECKIN, CheckInState.ASKED, CheckInState.PAUSED)


def claim_waiting(
    *, session: Session, now: datetime, lease: timedelta, limit: int, token: str
) -> list[ClaimedCheckIn]:
    """Claim up to `limit` asked check-ins whose reminder, snooze or end is due."""
    c = _CHECKIN.c
    rows = _claim(
        session,
        WAITING,
        now=now,
        lease=lease,
        limit=limit,
        token=token,
        returning=(c.id, c.team_id, c.kpi_id, c.occurrence, c.attempts),
    )
    claimed = [
        ClaimedCheckIn(row_id, team_id, kpi_id, occurrence, attempts, token, now + lease)
        for row_id, team_id, kpi_id, occurrence, attempts in rows
    ]
    claimed.sort(key=lambda c: c.id)
    return claimed


@dataclass(frozen=True, slots=True)
class Waited:
    """What became of a claimed asked check-in: reminded, back from a snooze, waiting, missed."""

    checkin_id: int
    token: str
    state: str  # asked (still waiting), missed, excused
    next_attempt_at: datetime | None
    reminders_sent: int
    snooze_over: bool = False  # its snooze has ended (the question was put again)
    sent: bool = False  # Slack took it: the failure count starts again
    error: str | None = None


def record_waited(*, session: Session, outcomes: Sequence[Waited]) -> list[int]:
    """Record each outcome if its claim still holds and its owner has not answered meanwhile;
    the ids of those recorded."""
    c = _CHECKIN.c
    recorded = []
    for o in outcomes:
        values: dict[str, Any] = {
            "state": o.state,
            "next_attempt_at": o.next_attempt_at,
            "reminders_sent": o.reminders_sent,
            "lease_until": None,
            "claim_token": None,
            "last_error": o.error,
        }
        if o.snooze_over:
            values["snoozed_until"] = None
        if o.sent:
            values["attempts"] = 0
        result = session.connection().execute(
            update(_CHECKIN)
            .where(c.id == o.checkin_id, c.claim_token == o.token, c.state == CheckInState.ASKED)
            .values(**values)
        )
        if result.rowcount:
            recorded.append(o.checkin_id)
    return recorded


def snooze_checkin(*, session: Session, team_id: str, checkin_id: int, until: datetime) -> bool:
    """Put an asked check-in off until `until` (its reminders start again from there); False
    when it is no longer waiting for an answer."""
    c = _CHECKIN.c
    result = session.connection().execute(
        update(_CHECKIN)
        .where(c.id == checkin_id, c.team_id == team_id, c.state == CheckInState.ASKED)
        .values(
            snoozed_until=until,
            next_attempt_at=until,
            reminders_sent=0,
            claim_token=None,
            lease_until=None,
        )
    )
    return bool(result.rowcount)
