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

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Integer, Table, and_, any_, bindparam, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Session

from bot.domain import JobState
from bot.store.models import Job, Workspace
from bot.store.repo import insert_ignoring_conflicts

__all__ = [
    "Claimed",
    "Outcome",
    "claim_jobs",
    "enqueue_job",
    "new_claim_token",
    "pause_team",
    "record_outcomes",
    "release",
    "resume_team",
]

_JOB: Table = Job.__table__  # type: ignore[attr-defined]
_WORKSPACE: Table = Workspace.__table__  # type: ignore[attr-defined]


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


def claim_jobs(
    *,
    session: Session,
    now: datetime,
    lease: timedelta,
    limit: int,
    token: str,
    job_id: int | None = None,
    kinds: Sequence[str] | None = None,
) -> list[Claimed]:
    """Claim up to `limit` due jobs (or just `job_id`, if it is due) for `lease`."""
    until = now + lease
    due = select(_JOB.c.id).where(
        _JOB.c.state == JobState.PENDING, _JOB.c.next_attempt_at <= bindparam("now")
    )
    if job_id is not None:
        due = due.where(_JOB.c.id == job_id)
    if kinds is not None:
        due = due.where(_JOB.c.kind.in_(list(kinds)))
    # Oldest due first, in the order of the (state, next_attempt_at) index: no sort of the
    # whole due set per batch.
    due = due.order_by(_JOB.c.next_attempt_at).limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    statement = (
        update(_JOB)
        .where(_JOB.c.id.in_(due.scalar_subquery()))
        .values(
            claim_token=token,
            lease_until=until,
            # Claimed rows are not due until the lease ends: no second claimer takes them,
            # and a claimer that dies lets them come due again by themselves.
            next_attempt_at=until,
            attempts=_JOB.c.attempts + 1,
        )
        .returning(_JOB.c.id, _JOB.c.team_id, _JOB.c.kind, _JOB.c.payload, _JOB.c.attempts)
    )
    rows = session.connection().execute(statement, {"now": now}).all()
    claimed = [
        Claimed(job_id, team_id, kind, payload or {}, attempts, token, until)
        for job_id, team_id, kind, payload, attempts in rows
    ]
    claimed.sort(key=lambda c: c.id)
    return claimed


def record_outcomes(*, session: Session, outcomes: Sequence[Outcome]) -> None:
    """Record claimed jobs' outcomes, each only if its claim still holds: one statement per
    kind of outcome that has no date of its own (done, failed, paused…), one executemany for
    the rest (retries), so a batch costs a few statements whatever its size."""
    alike: dict[tuple[str, str, str | None, datetime | None], list[int]] = {}
    dated: list[Outcome] = []
    for o in outcomes:
        if o.next_attempt_at is None or o.state != JobState.PENDING:
            alike.setdefault((o.token, o.state, o.error, o.next_attempt_at), []).append(o.job_id)
        else:
            dated.append(o)
    postgres = session.get_bind().dialect.name == "postgresql"
    for (token, state, error, next_attempt_at), ids in alike.items():
        # PostgreSQL takes the ids as one array parameter: one statement text, prepared once,
        # whatever the batch's size (an IN list would be a new statement per size).
        chosen = (
            _JOB.c.id == any_(bindparam("ids", ids, type_=ARRAY(Integer)))
            if postgres
            else _JOB.c.id.in_(ids)
        )
        session.connection().execute(
            update(_JOB)
            .where(_JOB.c.claim_token == token, chosen)
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
        update(_JOB)
        .where(and_(_JOB.c.id == bindparam("b_id"), _JOB.c.claim_token == bindparam("b_token")))
        .values(
            state=bindparam("b_state"),
            next_attempt_at=bindparam("b_next"),
            last_error=bindparam("b_error"),
            lease_until=None,
            claim_token=None,
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
            }
            for o in dated
        ],
    )


def release(*, session: Session, jobs: Sequence[Claimed], now: datetime) -> None:
    """Hand claimed jobs back, due at once (a claimer stopping before it got to them)."""
    record_outcomes(
        session=session,
        outcomes=[Outcome(j.id, j.token, JobState.PENDING, next_attempt_at=now) for j in jobs],
    )


def pause_team(*, session: Session, team_id: str, at: datetime) -> None:
    """The workspace's token is dead: mark it, and hold its pending jobs until it works again."""
    session.connection().execute(
        update(_WORKSPACE)
        .where(_WORKSPACE.c.team_id == team_id, _WORKSPACE.c.token_revoked_at.is_(None))
        .values(token_revoked_at=at)
    )
    session.connection().execute(
        update(_JOB)
        .where(_JOB.c.team_id == team_id, _JOB.c.state == JobState.PENDING)
        .values(state=JobState.PAUSED)
    )


def resume_team(*, session: Session, team_id: str, now: datetime) -> int:
    """A working token was seen: the workspace's paused jobs are due again; how many."""
    session.connection().execute(
        update(_WORKSPACE).where(_WORKSPACE.c.team_id == team_id).values(token_revoked_at=None)
    )
    result = session.connection().execute(
        update(_JOB)
        .where(_JOB.c.team_id == team_id, _JOB.c.state == JobState.PAUSED)
        .values(state=JobState.PENDING, next_attempt_at=now, claim_token=None, lease_until=None)
    )
    return int(result.rowcount or 0)
