"""Claim-and-lease on a real database: due rows only, each to one claimer, fenced outcomes."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import event
from sqlmodel import select

from bot.domain import JobKind, JobState
from bot.store import outbox
from bot.store.db import Engine, Session, session_scope
from bot.store.models import Job, Workspace

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
LEASE = timedelta(seconds=60)


def seed(
    factory: Callable[[], Session], count: int, *, team: str = "T1", due: datetime = NOW
) -> None:
    with session_scope(factory) as session:
        for n in range(count):
            outbox.enqueue_job(
                session=session,
                team_id=team,
                kind=JobKind.NOTICE,
                subject_id=f"dm:{n}",
                occurrence=NOW,
                payload={"n": n},
                due_at=due,
                at=NOW,
            )


def claim(
    factory: Callable[[], Session], *, now: datetime = NOW, limit: int = 100
) -> list[outbox.Claimed]:
    with session_scope(factory) as session:
        return outbox.claim_jobs(
            session=session, now=now, lease=LEASE, limit=limit, token=outbox.new_claim_token()
        )


def jobs(factory: Callable[[], Session]) -> list[Job]:
    with factory() as session:
        return list(session.exec(select(Job).order_by(Job.id)))  # type: ignore[arg-type]


def test_enqueueing_the_same_occurrence_twice_keeps_one_job(
    session_factory: Callable[[], Session],
) -> None:
    seed(session_factory, 3)
    seed(session_factory, 3)
    assert len(jobs(session_factory)) == 3


def test_only_due_jobs_are_claimed_and_a_claim_holds_them_for_its_lease(
    session_factory: Callable[[], Session],
) -> None:
    seed(session_factory, 2)
    seed(session_factory, 1, team="T2", due=NOW + timedelta(hours=1))
    first = claim(session_factory)
    assert [c.payload["n"] for c in first] == [0, 1] and all(c.attempts == 1 for c in first)
    assert claim(session_factory) == []  # held by the first claim
    assert claim(session_factory, now=NOW + LEASE - timedelta(seconds=1)) == []
    # The first claimer died: at the end of its lease the jobs are due again.
    again = claim(session_factory, now=NOW + LEASE)
    assert {c.id for c in again} == {c.id for c in first} and all(c.attempts == 2 for c in again)


def test_a_job_that_only_waits_gives_its_claims_attempt_back(
    session_factory: Callable[[], Session],
) -> None:
    seed(session_factory, 2)
    waited, tried = claim(session_factory)
    later = NOW + timedelta(seconds=5)
    with session_scope(session_factory) as session:
        outbox.record_outcomes(
            session=session,
            outcomes=[
                outbox.Outcome(waited.id, waited.token, JobState.PENDING, later, counted=False),
                outbox.Outcome(tried.id, tried.token, JobState.PENDING, later, "timeout"),
            ],
        )
    assert [(j.attempts, j.next_attempt_at) for j in jobs(session_factory)] == [
        (0, later),
        (1, later),
    ]


def test_an_expired_claim_cannot_overwrite_a_newer_claims_outcome(
    session_factory: Callable[[], Session],
) -> None:
    seed(session_factory, 1)
    [old] = claim(session_factory)
    [new] = claim(session_factory, now=NOW + LEASE)
    with session_scope(session_factory) as session:
        outbox.record_outcomes(
            session=session, outcomes=[outbox.Outcome(new.id, new.token, JobState.DONE)]
        )
        # The old claimer comes back late and says it failed: ignored, its claim is gone.
        outbox.record_outcomes(
            session=session,
            outcomes=[outbox.Outcome(old.id, old.token, JobState.FAILED, None, "late")],
        )
    [job] = jobs(session_factory)
    assert (job.state, job.last_error, job.claim_token) == (JobState.DONE, None, None)


def test_released_jobs_are_due_at_once(session_factory: Callable[[], Session]) -> None:
    seed(session_factory, 2)
    claimed = claim(session_factory)
    with session_scope(session_factory) as session:
        outbox.release(session=session, jobs=claimed, now=NOW)
    assert len(claim(session_factory)) == 2


def test_a_dead_token_pauses_the_workspaces_jobs_until_it_works_again(
    session_factory: Callable[[], Session],
) -> None:
    with session_scope(session_factory) as session:
        session.add(Workspace(team_id="T1", created_at=NOW, updated_at=NOW))
    seed(session_factory, 2)
    seed(session_factory, 1, team="T2")
    with session_scope(session_factory) as session:
        outbox.pause_team(session=session, team_id="T1", at=NOW)
    assert [c.team_id for c in claim(session_factory)] == ["T2"]
    with session_factory() as session:
        workspace = session.exec(select(Workspace)).one()
        assert workspace.token_revoked_at == NOW
    with session_scope(session_factory) as session:
        assert outbox.resume_team(session=session, team_id="T1", now=NOW) == 2
    assert len(claim(session_factory)) == 2


def test_concurrent_claimers_take_each_job_once(session_factory: Callable[[], Session]) -> None:
    seed(session_factory, 600)
    taken: Counter[int] = Counter()
    lock = threading.Lock()

    def worker() -> None:
        while batch := claim(session_factory, limit=25):
            with lock:
                taken.update(c.id for c in batch)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(taken) == 600 and set(taken.values()) == {1}


def test_a_claim_and_its_record_are_one_statement_each_whatever_the_batch(
    engine: Engine, session_factory: Callable[[], Session]
) -> None:
    seed(session_factory, 300)
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement.split()[0].upper())

    event.listen(engine, "before_cursor_execute", count)
    try:
        for size in (10, 200):
            statements.clear()
            with session_scope(session_factory) as session:
                claimed = outbox.claim_jobs(
                    session=session, now=NOW, lease=LEASE, limit=size, token="t" * 8
                )
                outbox.record_outcomes(
                    session=session,
                    outcomes=[outbox.Outcome(c.id, c.token, JobState.DONE) for c in claimed],
                )
            assert len(claimed) == size
            # One UPDATE … RETURNING to claim, one executemany UPDATE to record.
            assert statements.count("UPDATE") == 2, statements
    finally:
        event.remove(engine, "before_cursor_execute", count)
