"""Claim-and-deliver throughput of the outbox, against hand-written SQL doing the same work.

For each database (a SQLite file; PostgreSQL when TEST_DATABASE_URL or the local server
answers), N due jobs are seeded and `bot.services.delivery.deliver_due` delivers them all with an
in-process recorder in place of Slack. Then the same number of rows is claimed, read and
recorded by raw DBAPI SQL: one transaction per batch that records the previous batch (one
`UPDATE … WHERE id IN / = ANY`) and claims the next (one `UPDATE … RETURNING`, with
`FOR UPDATE SKIP LOCKED` on PostgreSQL), each payload decoded and handed to a recorder: the
floor any implementation pays. Prints jobs per second, the ratio to the raw cost, the statements
per batch (counted on the engine), and the peak Python memory at two sizes (it must not grow
with the number of rows). Timed runs go without tracemalloc (it slows every allocation);
the memory runs are separate. Targets: ≥ 5,000 jobs/s on PostgreSQL, ≤ 3× the raw cost, a constant
number of statements per batch, flat memory.
"""

from __future__ import annotations

import gc
import json
import os
import secrets
import sqlite3
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import event, insert, make_url

from bot.deps import Deps
from bot.domain import JobKind, JobState
from bot.services import delivery
from bot.settings import Settings
from bot.slack.sender import Outcome, OutcomeKind, Sender
from bot.store.db import Engine, make_engine, make_session_factory
from bot.store.migrate import upgrade
from bot.store.models import Job
from bot.store.testing import isolated_postgres_schema

SIZES = (20_000, 100_000)
BATCH = delivery.BATCH
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
TARGET_PG_RATE = 5_000
TARGET_RATIO = 3.0
FLAT_MB = 0.5  # a batch's worth of objects, whatever the number of rows
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


class RecordingSender(Sender):
    """Slack replaced by a counter: what the outbox itself costs is what is measured."""

    def __init__(self) -> None:  # no WebClient: nothing leaves the process
        self.sent = 0

    def call(self, method: str, **params: Any) -> Outcome:  # noqa: ARG002 - a recorder ignores them
        self.sent += 1
        return Outcome(OutcomeKind.DONE, data={"ok": True, "ts": str(self.sent)})


def _rows(count: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, count, 10_000):
        yield [
            {
                "team_id": f"T{n % 1000:04d}",  # a thousand workspaces
                "kind": JobKind.NOTICE,
                "subject_id": f"dm:{n}",
                "occurrence": NOW,
                "payload": {"message": {"channel": f"U{n:07d}", "text": f"job {n}", "blocks": []}},
                "state": JobState.PENDING,
                "next_attempt_at": NOW - timedelta(minutes=1),
                "attempts": 0,
                "created_at": NOW,
            }
            for n in range(start, min(count, start + 10_000))
        ]


def _seed(engine: Engine, count: int) -> None:
    with engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM job")
        for chunk in _rows(count):
            connection.execute(insert(Job.__table__), chunk)  # type: ignore[attr-defined]


@dataclass
class Run:
    seconds: float
    delivered: int
    statements_per_batch: float
    peak_mb: float


def _ours(engine: Engine, url: str, count: int, *, traced: bool = False) -> Run:
    """Deliver `count` seeded jobs; with `traced`, the peak Python memory is measured too
    (tracemalloc slows every allocation down: the timed run goes without it)."""
    _seed(engine, count)
    sender = RecordingSender()
    deps = Deps(
        settings=Settings(_env_file=None, database_url=url),
        session_factory=make_session_factory(engine),
        slack_for=lambda _team: None,  # type: ignore[arg-type,return-value]
    )
    statements: list[str] = []

    def count_statement(_c: object, _cur: object, statement: str, *_a: object) -> None:
        if statement.split(None, 1)[0].upper() in ("SELECT", "UPDATE", "INSERT", "DELETE"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count_statement)
    gc.collect()
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    try:
        report = delivery.deliver_due(deps, sender_for=lambda _team: sender, now=NOW)
    finally:
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] if traced else 0
        if traced:
            tracemalloc.stop()
        event.remove(engine, "before_cursor_execute", count_statement)
    batches = -(-count // BATCH)
    assert report.done == count == sender.sent, (report, sender.sent)
    return Run(seconds, report.done, len(statements) / batches, peak / 2**20)


_CLAIM = (
    "UPDATE job SET claim_token = {p}, lease_until = {p}, next_attempt_at = {p}, "
    "attempts = attempts + 1 WHERE id IN (SELECT id FROM job WHERE state = 'pending' "
    "AND next_attempt_at <= {p} ORDER BY next_attempt_at LIMIT {p}{lock}) "
    "RETURNING id, team_id, kind, payload, attempts"
)
_DONE = (
    "UPDATE job SET state = 'done', next_attempt_at = NULL, last_error = NULL, "
    "lease_until = NULL, claim_token = NULL WHERE claim_token = {p} AND id {ids}"
)


def _record_in_process(rows: list[Any]) -> int:
    """What the raw claimer "sends": each payload read (JSON), its channel and text taken."""
    recorded = []
    for row in rows:
        payload = row[3] if isinstance(row[3], dict) else json.loads(row[3])
        message = payload["message"]
        recorded.append((message["channel"], message["text"]))
    return len(recorded)


def _raw_sqlite(path: str, count: int) -> float:
    """The same claims and records in plain sqlite3 (each transaction records the previous
    batch and claims the next, as the app does): the floor."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        now, until = NOW.isoformat(" "), (NOW + delivery.LEASE).isoformat(" ")
        claim = _CLAIM.format(p="?", lock="")
        started = time.perf_counter()
        sent, previous_token = 0, ""
        previous: list[int] = []
        while True:
            token = secrets.token_hex(16)
            connection.execute("BEGIN IMMEDIATE")
            if previous:
                done = _DONE.format(p="?", ids=f"IN ({','.join('?' * len(previous))})")
                connection.execute(done, (previous_token, *previous))
            rows = connection.execute(claim, (token, until, until, now, BATCH)).fetchall()
            connection.execute("COMMIT")
            if not rows:
                break
            sent += _record_in_process(rows)  # the payloads read, "sent" to a recorder
            previous, previous_token = [row[0] for row in rows], token
        seconds = time.perf_counter() - started
    finally:
        connection.close()
    assert sent == count, sent
    return seconds


def _raw_postgres(url: str, count: int) -> float:
    """The same claims and records in plain psycopg: the floor."""
    import psycopg

    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    claim = _CLAIM.format(p="%s", lock=" FOR UPDATE SKIP LOCKED")
    done = _DONE.format(p="%s", ids="= ANY(%s)")
    with psycopg.connect(dsn) as connection:
        until = NOW + delivery.LEASE
        started = time.perf_counter()
        sent, previous_token = 0, ""
        previous: list[int] = []
        while True:
            token = secrets.token_hex(16)
            with connection.transaction(), connection.cursor() as cursor:
                if previous:
                    cursor.execute(done, (previous_token, previous))
                cursor.execute(claim, (token, until, until, NOW, BATCH))
                rows = cursor.fetchall()
            if not rows:
                break
            sent += _record_in_process(rows)
            previous, previous_token = [row[0] for row in rows], token
        seconds = time.perf_counter() - started
    assert sent == count, sent
    return seconds


def _databases() -> Iterator[tuple[str, str, Callable[[int], float]]]:
    with tempfile.TemporaryDirectory() as tmp:
        path = f"{tmp}/bench.db"
        yield "SQLite", f"sqlite:///{path}", lambda n: _raw_sqlite(path, n)
    server = os.environ.get("TEST_DATABASE_URL") or DEFAULT_PG
    try:
        with isolated_postgres_schema(server, prefix="bench") as url:
            yield "PostgreSQL", url, lambda n: _raw_postgres(url, n)
    except Exception as error:  # no server here: say so rather than fail the whole bench
        print(f"PostgreSQL: skipped ({type(error).__name__}: {str(error).splitlines()[0]})")


def main() -> int:
    """Run the outbox benchmark; 0 when every target is met."""
    failed = False
    for name, url, raw in _databases():
        upgrade(url)
        engine = make_engine(url)
        try:
            runs = {size: _ours(engine, url, size) for size in SIZES}
            memory = {size: _ours(engine, url, size, traced=True).peak_mb for size in SIZES}
            _seed(engine, SIZES[-1])
            floor = raw(SIZES[-1])
        finally:
            engine.dispose()
        big = runs[SIZES[-1]]
        rate = big.delivered / big.seconds
        ratio = big.seconds / floor
        print(
            f"{name}: {big.delivered:,} jobs in {big.seconds:.2f} s = {rate:,.0f} jobs/s; "
            f"raw SQL {floor:.2f} s ({big.delivered / floor:,.0f}/s), ratio {ratio:.2f}× "
            f"(target ≤ {TARGET_RATIO}×)"
        )
        for size, run in runs.items():
            print(
                f"  {size:>7,} jobs: {run.seconds:.2f} s, {run.statements_per_batch:.2f} "
                f"statements per batch, peak Python memory {memory[size]:.1f} MB"
            )
        per_batch = {round(r.statements_per_batch, 1) for r in runs.values()}
        memory_growth = memory[SIZES[-1]] - memory[SIZES[0]]
        print(
            f"  peak memory at {SIZES[-1]:,} jobs minus at {SIZES[0]:,}: {memory_growth:+.2f} MB "
            f"(flat: within {FLAT_MB} MB for {SIZES[-1] // SIZES[0]}× the rows)"
        )
        failed |= ratio > TARGET_RATIO or len(per_batch) != 1 or memory_growth > FLAT_MB
        if name == "PostgreSQL":
            failed |= rate < TARGET_PG_RATE
            print(
                f"  target ≥ {TARGET_PG_RATE:,} jobs/s: {'met' if rate >= TARGET_PG_RATE else 'MISSED'}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
