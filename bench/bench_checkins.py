"""Asking due check-ins: the outbox's rate with an in-process recorder against hand-written SQL,
and through the Slack stand-in against slack_sdk alone posting the same messages.

(a) 100,000 due check-ins across 1,000 workspaces (10 KPIs each, 10 slots per KPI, owners'
profiles fresh) are seeded in the database; `bot.services.checkins.ask_due` asks them all with
a recorder in place of Slack (each DM rendered in full: the KPI's pace from `scoring`, Block
Kit, the owner's language). Then the same rows are claimed and recorded as asked by raw DBAPI
SQL, the floor: it claims and records only, reading no context and rendering nothing. Prints
check-ins per second, the ratio, statements per batch (counted on the engine) and peak Python
memory at two sizes (timed runs go without tracemalloc). In addition (never instead), the same
DMs are rendered alone, timed, in the same run: "data path only" is our time less that
rendering, against the same floor.

(b) Through the stand-in over HTTP, in the same run: N check-ins asked by `ask_due` with the
real sender, against slack_sdk alone posting the same N rendered messages to the same stand-in,
in alternating rounds (the median of the per-round shares: this machine's drift cancels).

Targets: ≥ 5,000/s on PostgreSQL, ≤ 3× the raw cost, constant statements per batch, flat
memory; (b) ≥ 80 % of slack_sdk's rate.
"""

from __future__ import annotations

import gc
import os
import secrets
import sqlite3
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from sqlalchemy import event, insert, make_url

from bench.bench_outbox import DEFAULT_PG, FLAT_MB, TARGET_PG_RATE, TARGET_RATIO, RecordingSender
from bot.deps import Deps
from bot.domain import AssessmentStatus, CheckInState
from bot.sandbox import SlackStandIn
from bot.services import checkins
from bot.services.delivery import BATCH
from bot.settings import Settings
from bot.slack.sender import Sender
from bot.store import repo
from bot.store.db import Engine, make_engine, make_session_factory, read_scope
from bot.store.migrate import upgrade
from bot.store.models import Assessment, CheckIn, Kpi, Objective, Person, Workspace
from bot.store.testing import isolated_postgres_schema

SIZES = (20_000, 100_000)
HTTP_COUNT = 500
HTTP_ROUNDS = 7
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
TARGET_HTTP_SHARE = 0.8
FLAT_PEAK_MB = 1.0  # a batch's working set, whatever the number of rows
WORKSPACES, KPIS_PER_WORKSPACE = 1000, 10


def _insert(engine: Engine, model: Any, rows: list[dict[str, Any]]) -> None:
    with engine.begin() as connection:
        for start in range(0, len(rows), 5000):
            connection.execute(insert(model.__table__), rows[start : start + 5000])


def _seed_world(engine: Engine) -> list[int]:
    """1,000 workspaces, an assessment and objective each, 10 KPIs each; the KPIs' ids."""
    with engine.begin() as connection:
        for table in ("checkin", "kpi", "objective", "assessment", "person", "workspace"):
            connection.exec_driver_sql(f"DELETE FROM {table}")
    teams = [f"T{n:04d}" for n in range(WORKSPACES)]
    _insert(engine, Workspace, [
        {"team_id": t, "tz": "Europe/Paris", "default_locale": "fr", "created_at": NOW, "updated_at": NOW}
        for t in teams
    ])  # fmt: skip
    _insert(engine, Assessment, [
        {"team_id": t, "owner_user_id": "U0AUTHOR", "status": AssessmentStatus.ACTIVE,
         "current_mode": "in_house", "answers": {}, "version": 1, "created_at": NOW, "updated_at": NOW}
        for t in teams
    ])  # fmt: skip
    with engine.connect() as connection:
        assessments: dict[str, int] = dict(
            connection.exec_driver_sql("SELECT team_id, id FROM assessment").all()
        )
    _insert(engine, Objective, [
        {"team_id": t, "assessment_id": assessments[t], "kind": "leads", "is_primary": True,
         "title": "", "commitment": "committed", "created_at": NOW}
        for t in teams
    ])  # fmt: skip
    with engine.connect() as connection:
        objectives: dict[str, int] = dict(
            connection.exec_driver_sql("SELECT team_id, id FROM objective").all()
        )
    owners = [(t, f"U{i:02d}{t}") for t in teams for i in range(KPIS_PER_WORKSPACE)]
    _insert(engine, Person, [
        {"team_id": t, "user_id": u, "tz": "Europe/Paris", "locale": "fr-FR", "is_bot": False,
         "is_admin": False, "is_owner": False, "deleted": False, "refreshed_at": NOW}
        for t, u in owners
    ])  # fmt: skip
    _insert(engine, Kpi, [
        {"team_id": t, "objective_id": objectives[t], "name": f"Leads {u}", "unit": "leads",
         "direction": "increase", "baseline": 20.0, "target": 80.0,
         "start_date": NOW.date() - timedelta(days=60), "deadline": NOW.date() + timedelta(days=120),
         "owner_user_id": u, "cadence": "weekly", "paused": False, "created_at": NOW, "updated_at": NOW}
        for t, u in owners
    ])  # fmt: skip
    with engine.connect() as connection:
        return [row[0] for row in connection.exec_driver_sql("SELECT id FROM kpi ORDER BY id")]


def _seed_checkins(engine: Engine, kpis: list[int], count: int) -> None:
    with engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM checkin")
        connection.exec_driver_sql("DELETE FROM job")
    with engine.connect() as connection:
        teams: dict[int, str] = dict(
            connection.exec_driver_sql("SELECT id, team_id FROM kpi").all()
        )
    rows = [
        {
            "team_id": teams[kpis[n % len(kpis)]],
            "kpi_id": kpis[n % len(kpis)],
            "occurrence": NOW - timedelta(days=7 * (n // len(kpis)), minutes=1),
            "state": CheckInState.PENDING,
            "next_attempt_at": NOW - timedelta(minutes=1),
            "attempts": 0,
            "reminders_sent": 0,
        }
        for n in range(count)
    ]
    _insert(engine, CheckIn, rows)


def _deps(engine: Engine, url: str) -> Deps:
    return Deps(
        settings=Settings(_env_file=None, database_url=url),
        session_factory=make_session_factory(engine),
        slack_for=lambda _team: None,  # type: ignore[arg-type,return-value]
        clock=lambda: NOW,
    )


def _ours(
    engine: Engine, url: str, kpis: list[int], count: int, *, traced: bool = False
) -> tuple[float, float, float, float]:
    """(seconds, statements per batch, peak MB, MB still held afterwards) of asking `count`
    seeded check-ins."""
    _seed_checkins(engine, kpis, count)
    sender = RecordingSender()
    # Counted, not kept: SQLite's IN lists are a new text per batch, and a list of them would
    # be memory the bench holds, growing with the rows, measured as if the app held it.
    statements = [0]

    def count_statement(_c: object, _cur: object, statement: str, *_a: object) -> None:
        if statement.split(None, 1)[0].upper() in ("SELECT", "UPDATE", "INSERT", "DELETE"):
            statements[0] += 1

    event.listen(engine, "before_cursor_execute", count_statement)
    gc.collect()
    before = 0
    if traced:
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
    started = time.perf_counter()
    try:
        report = checkins.ask_due(_deps(engine, url), sender_for=lambda _team: sender, now=NOW)
    finally:
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] if traced else 0
        held = 0
        if traced:
            gc.collect()
            held = tracemalloc.get_traced_memory()[0] - before
            tracemalloc.stop()
        event.remove(engine, "before_cursor_execute", count_statement)
    assert report.asked == count == sender.sent, (report, sender.sent)
    return seconds, statements[0] / -(-count // BATCH), peak / 2**20, held / 2**20


_CLAIM = (
    "UPDATE checkin SET claim_token = {p}, lease_until = {p}, next_attempt_at = {p}, "
    "attempts = attempts + 1 WHERE id IN (SELECT id FROM checkin WHERE state = 'pending' "
    "AND next_attempt_at <= {p} ORDER BY next_attempt_at LIMIT {p}{lock}) "
    "RETURNING id, team_id, kpi_id, occurrence, attempts"
)
_ASKED = (
    "UPDATE checkin SET state = 'asked', asked_at = {p}, channel_id = {p}, message_ts = {p}, "
    "next_attempt_at = NULL, lease_until = NULL, claim_token = NULL WHERE id = {p} AND claim_token = {p}"
)


def _rendering(engine: Engine, kpis: list[int], count: int) -> float:
    """Seconds to render the DMs of `count` seeded check-ins as `ask_due` does (a renderer per
    batch), their contexts read beforehand, untimed."""
    _seed_checkins(engine, kpis, count)
    with engine.connect() as connection:
        ids = [r[0] for r in connection.exec_driver_sql("SELECT id FROM checkin ORDER BY id")]
    session_factory = make_session_factory(engine)
    with read_scope(session_factory) as session:
        batches = [
            repo.checkin_contexts(session=session, checkin_ids=ids[start : start + BATCH])
            for start in range(0, len(ids), BATCH)
        ]
    gc.collect()
    started = time.perf_counter()
    for contexts in batches:
        renderer = checkins.CheckInRenderer(NOW)
        for ctx in contexts:
            renderer.message(ctx)
    return time.perf_counter() - started


def _raw(connect: Callable[[], Any], p: str, lock: str, count: int, *, sqlite_begin: bool) -> float:
    """The same claims and records, in plain DBAPI SQL: the floor."""
    connection = connect()
    try:
        until = NOW + timedelta(seconds=60)
        now: Any = NOW.isoformat(" ") if sqlite_begin else NOW
        later: Any = until.isoformat(" ") if sqlite_begin else until
        claim, asked = _CLAIM.format(p=p, lock=lock), _ASKED.format(p=p)
        started = time.perf_counter()
        sent = 0
        while True:
            token = secrets.token_hex(16)
            cursor = connection.cursor()
            if sqlite_begin:
                cursor.execute("BEGIN IMMEDIATE")
            cursor.execute(claim, (token, later, later, now, BATCH))
            rows = cursor.fetchall()
            connection.commit()
            if not rows:
                break
            sent += len(rows)
            if sqlite_begin:
                cursor.execute("BEGIN IMMEDIATE")
            cursor.executemany(asked, [(now, f"D{r[2]}", f"{r[0]}.0", r[0], token) for r in rows])
            connection.commit()
        seconds = time.perf_counter() - started
    finally:
        connection.close()
    assert sent == count, sent
    return seconds


def _http(engine: Engine, url: str, kpis: list[int]) -> tuple[float, float, float]:
    """Through the same stand-in, in alternating rounds (the machine's drift cancels): the
    median per-round share of slack_sdk's rate that `ask_due` reaches, and both rates."""
    shares, ours_rates, alone_rates = [], [], []
    with SlackStandIn() as standin:
        for team in range(WORKSPACES):  # the owners, as Slack knows them
            for i in range(KPIS_PER_WORKSPACE):
                standin.add_user(
                    f"U{i:02d}T{team:04d}", f"owner{i}", tz="Europe/Paris", locale="fr-FR"
                )
        client = WebClient(base_url=standin.api_url, token=standin.bot_token)
        for _ in range(HTTP_ROUNDS):
            _seed_checkins(engine, kpis, HTTP_COUNT)
            started = time.perf_counter()
            report = checkins.ask_due(
                _deps(engine, url), sender_for=lambda _team: Sender(client), now=NOW
            )
            ours = report.asked / (time.perf_counter() - started)
            assert report.asked == HTTP_COUNT, report
            posted = [c.params for c in standin.calls("chat.postMessage")][-HTTP_COUNT:]
            started = time.perf_counter()
            for params in posted:
                client.chat_postMessage(
                    channel=params["channel"], text=params["text"], blocks=params["blocks"]
                )
            alone = len(posted) / (time.perf_counter() - started)
            shares.append(ours / alone)
            ours_rates.append(ours)
            alone_rates.append(alone)
    return statistics.median(shares), statistics.median(ours_rates), statistics.median(alone_rates)


def _databases() -> Iterator[tuple[str, str, Callable[[int], float]]]:
    with tempfile.TemporaryDirectory() as tmp:
        path = f"{tmp}/bench.db"

        def sqlite_raw(n: int) -> float:
            def connect() -> sqlite3.Connection:
                connection = sqlite3.connect(path, isolation_level=None)
                connection.execute("PRAGMA journal_mode = WAL")
                connection.execute("PRAGMA synchronous = NORMAL")
                return connection

            return _raw(connect, "?", "", n, sqlite_begin=True)

        yield "SQLite", f"sqlite:///{path}", sqlite_raw
    server = os.environ.get("TEST_DATABASE_URL") or DEFAULT_PG
    try:
        with isolated_postgres_schema(server, prefix="bench") as url:
            import psycopg

            dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
            yield (
                "PostgreSQL",
                url,
                lambda n: _raw(
                    lambda: psycopg.connect(dsn),
                    "%s",
                    " FOR UPDATE SKIP LOCKED",
                    n,
                    sqlite_begin=False,
                ),
            )
    except Exception as error:
        print(f"PostgreSQL: skipped ({type(error).__name__}: {str(error).splitlines()[0]})")


def main() -> int:
    """Run the check-in benchmark; 0 when every target is met."""
    failed = False
    for name, url, raw in _databases():
        upgrade(url)
        engine = make_engine(url)
        try:
            kpis = _seed_world(engine)
            runs = {size: _ours(engine, url, kpis, size) for size in SIZES}
            # Measured warm: the first runs filled the process's bounded caches (formatted
            # numbers and dates), which is not memory that grows with the rows.
            memory = {size: _ours(engine, url, kpis, size, traced=True)[2:] for size in SIZES}
            rendering = _rendering(engine, kpis, SIZES[-1])
            _seed_checkins(engine, kpis, SIZES[-1])
            floor = raw(SIZES[-1])
            share, ours_http, alone_http = _http(engine, url, kpis)
        finally:
            engine.dispose()
        seconds, per_batch, _, _ = runs[SIZES[-1]]
        rate = SIZES[-1] / seconds
        ratio = seconds / floor
        growth = memory[SIZES[-1]][0] - memory[SIZES[0]][0]
        held = memory[SIZES[-1]][1]
        data_ratio = (seconds - rendering) / floor
        print(
            f"{name}: {SIZES[-1]:,} check-ins asked in {seconds:.2f} s = {rate:,.0f}/s; raw SQL "
            f"{floor:.2f} s ({SIZES[-1] / floor:,.0f}/s), ratio {ratio:.2f}× (target ≤ "
            f"{TARGET_RATIO}×: {'met' if ratio <= TARGET_RATIO else 'MISSED'})"
        )
        print(
            f"  data path only, in addition: rendering the same {SIZES[-1]:,} DMs alone took "
            f"{rendering:.2f} s; ours less that {seconds - rendering:.2f} s, ratio "
            f"{data_ratio:.2f}× to the raw floor ({'met' if data_ratio <= TARGET_RATIO else 'MISSED'}"
            f" against ≤ {TARGET_RATIO}×; the target above is the full ratio)"
        )
        for size, (s, b, _, _) in runs.items():
            print(
                f"  {size:>7,}: {s:.2f} s, {b:.2f} statements per batch, peak memory "
                f"{memory[size][0]:.1f} MB, {memory[size][1]:+.2f} MB held after the run"
            )
        print(
            f"  peak at {SIZES[-1]:,} minus at {SIZES[0]:,}: {growth:+.2f} MB "
            f"(flat: within {FLAT_PEAK_MB} MB, and under {FLAT_MB} MB held)"
        )
        print(
            f"  through the stand-in: {ours_http:,.0f}/s against slack_sdk alone {alone_http:,.0f}/s; "
            f"median share per round {share:.0%} (target ≥ {TARGET_HTTP_SHARE:.0%}), "
            f"{HTTP_ROUNDS} alternating rounds of {HTTP_COUNT:,} messages"
        )
        batches = {round(b, 1) for _, b, _, _ in runs.values()}
        failed |= ratio > TARGET_RATIO or len(batches) != 1 or share < TARGET_HTTP_SHARE
        failed |= growth > FLAT_PEAK_MB or held > FLAT_MB
        if name == "PostgreSQL":
            failed |= rate < TARGET_PG_RATE
            print(
                f"  target ≥ {TARGET_PG_RATE:,}/s: {'met' if rate >= TARGET_PG_RATE else 'MISSED'}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
