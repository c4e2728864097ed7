"""The daily re-evaluation on PostgreSQL: 10,000 active assessments, 5 KPIs each, a year of
weekly answers per KPI (52), re-decided by one clock tick as the clock runs it.

`bot.scheduler.run_tick` is called as `python -m bot clock` calls it: it schedules the day's
pass (`reevaluation.schedule_daily_pass`: the marker job and one REEVALUATION job per active
assessment), then `delivery.deliver_due` claims those jobs a batch at a time and runs each in
a transaction of its own (`reevaluation.run_job`), and delivers what they put in the outbox
(new DMs, the old DMs' updates, review posts and their threads) through a recorder in place of
Slack. Most assessments are confirmed (their stored recommendation is yesterday's output);
one in ten has a recommendation from before its KPIs, and is re-decided (a new row, DMs, a
review post). The seeded data is not timed.

Prints the pass's time, SQL statements per assessment (counted on the engine) and peak Python
memory at two sizes (a tenth and the whole; timed runs go without tracemalloc), then, in the
same run, the per-assessment cost of one `reevaluate_assessment` call against the scoring-only
`scoring.reevaluate` on the same inputs: the share that is not scoring (the database, above
all). Targets: the pass of 10,000 in under 60 s (prorated for another size), the same number
of statements per assessment at both sizes, the peak at the larger size well under the 10×
that would say memory grows with the rows.

`python -m bench.bench_reevaluation [--assessments N]` (default 10,000; also
BENCH_REEVALUATION_ASSESSMENTS).
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import event, insert

import scoring
from bench.bench_outbox import DEFAULT_PG
from bot.deps import Deps
from bot.domain import AssessmentStatus, CheckInState, JobKind, JobState, MessagePurpose
from bot.scheduler import run_tick
from bot.services import reevaluation
from bot.settings import Settings
from bot.slack.sender import Outcome, OutcomeKind, Sender
from bot.store import outbox
from bot.store.db import Engine, make_engine, make_session_factory, session_scope
from bot.store.migrate import upgrade
from bot.store.models import (
    Assessment,
    Kpi,
    Objective,
    Person,
    Recommendation,
    RecommendationMessage,
    Workspace,
)
from bot.store.testing import isolated_postgres_schema

ASSESSMENTS = 10_000
KPIS, CHECK_INS = 5, 52
PER_WORKSPACE = 10  # assessments per workspace (a thousand workspaces at 10,000)
TARGET_SECONDS = 60.0  # for 10,000 assessments on this 2-core machine
MEMORY_GROWTH = 3.0  # the larger peak over the smaller: 10× the rows must not be ~10× the memory
# Per-assessment counts at both sizes may differ by the pass's fixed statements spread over
# fewer assessments; a query per KPI or per answer would add whole statements.
QUERY_TOLERANCE = 0.1
SAMPLE = 500  # assessments in the per-call comparison with scoring alone
NOW = datetime(2026, 12, 7, 5, 0, tzinfo=UTC)
SEEDED_AT = NOW - timedelta(days=1)
MODE_SINCE = NOW - timedelta(days=420)
START = NOW.date() - timedelta(weeks=CHECK_INS)
DEADLINE = NOW.date() + timedelta(days=120)
TEMPLATES = 20  # profile and KPI shapes, assessment i taking i % 20
STALE = frozenset({0, 10})  # templates whose stored recommendation predates their KPIs


class PostingSender(Sender):
    """Slack replaced by a recorder that answers as Slack does (a channel and a ts), so
    delivery records where each post landed and adds the review posts' threads."""

    def __init__(self) -> None:  # no WebClient: nothing leaves the process
        self.sent = 0

    def call(self, method: str, **params: Any) -> Outcome:  # noqa: ARG002 - the method is not needed
        self.sent += 1
        data = {"ok": True, "channel": str(params.get("channel", "")), "ts": f"{self.sent}.0"}
        return Outcome(OutcomeKind.DONE, data=data)


@dataclass(frozen=True, slots=True)
class Template:
    """One shape of assessment: its profile, KPI paces and both recommendations it may hold."""

    answers: dict[str, Any]
    paces: tuple[float, ...]
    stale: dict[str, Any]  # the first recommendation, scored before any KPI answer
    fresh: dict[str, Any]  # yesterday's re-evaluation of it (today's pass confirms it)
    stale_inputs: dict[str, Any]
    fresh_inputs: dict[str, Any]


def _answers(j: int) -> dict[str, Any]:
    return {
        "as_of": SEEDED_AT.date().isoformat(),
        "objectives": {"primary": ("leads", "sales", "awareness", "community")[j % 4]},
        "audience": ("niche", "broad", "restricted")[j % 3],
        "capabilities": ["copywriting", "targeting"][: j % 3],
        "progress": 0.1 + 0.04 * j,
        "speed": ("steady", "fast", "maximal")[j % 3],
        "means": {
            "currency": "EUR",
            "budget_monthly": 1500 + 400 * j,
            "hours_per_month": 30 + 5 * j,
            "in_house": {"annual_salary": 30000 + 1000 * j},
            "agency": {"retainer_monthly": 1200 + 300 * j},
        },
        "organisation": {
            "current_mode": "in_house",
            "months_in_mode": 13,
            "results": "unknown",
            "manager_checked": j % 2 == 0,
            "vertical": j % 5 == 0,
            "constraints_liftable": True,
            "interlocutor": j % 4 != 1,
        },
    }


def _value(pace: float, week: int, k: int) -> float:
    """A KPI's answer in its `week`-th week: baseline 20, target 80, on `pace`, a little noise."""
    return 20.0 + 60.0 * pace * week / (CHECK_INS + 17) + ((week * 7 + k * 3) % 5 - 2)


def _history(pace: float, k: int) -> list[tuple[date, float]]:
    return [(START + timedelta(weeks=w), _value(pace, w, k)) for w in range(1, CHECK_INS + 1)]


def _template(j: int) -> Template:
    answers = _answers(j)
    profile = scoring.parse_profile(answers)
    paces = tuple(0.3 + ((j * 7 + k * 11) % 10) / 10 for k in range(KPIS))
    specs = [
        (
            scoring.KpiSpec(
                scoring.Direction.INCREASE, 20.0, 80.0, START, DEADLINE, name=f"KPI {k}"
            ),
            [scoring.CheckInPoint(d, v) for d, v in _history(pace, k)],
        )
        for k, pace in enumerate(paces)
    ]
    first = scoring.recommend(profile, incumbent=scoring.Verdict.IN_HOUSE)
    yesterday = scoring.reevaluate(
        profile,
        mode=scoring.Mode.IN_HOUSE,
        mode_since=MODE_SINCE.date(),
        kpis=specs,
        previous=first,
        as_of=SEEDED_AT.date(),
    )
    return Template(
        answers=answers,
        paces=paces,
        stale=scoring.recommendation_to_dict(first),
        fresh=scoring.recommendation_to_dict(yesterday.recommendation),
        stale_inputs=scoring.profile_to_dict(profile),
        fresh_inputs=scoring.profile_to_dict(yesterday.profile),
    )


def _insert(engine: Engine, model: Any, rows: list[dict[str, Any]]) -> None:
    with engine.begin() as connection:
        for start in range(0, len(rows), 5000):
            connection.execute(insert(model.__table__), rows[start : start + 5000])


_TABLES = (
    "job", "decision", "recommendation_message", "recommendation", "checkin", "kpi",
    "objective", "assessment", "person", "workspace",
)  # fmt: skip


def _seed(engine: Engine, templates: list[Template], count: int) -> None:
    """`count` active assessments (ids 1…count), each with one objective, 5 KPIs of 52 answers,
    a recommendation and the DM that showed it; ten per workspace, each with a review channel."""
    with engine.begin() as connection:
        connection.exec_driver_sql(f"TRUNCATE {', '.join(_TABLES)} RESTART IDENTITY CASCADE")
    teams = [f"T{n:05d}" for n in range(-(-count // PER_WORKSPACE))]
    _insert(engine, Workspace, [
        {"id": n + 1, "team_id": t, "tz": "Europe/Paris", "default_locale": ("en", "fr")[n % 2],
         "review_channel_id": "C0REVIEW", "team_lead_user_ids": ["U0LEAD"],
         "installer_user_id": "U0LEAD", "created_at": SEEDED_AT, "updated_at": SEEDED_AT}
        for n, t in enumerate(teams)
    ])  # fmt: skip
    ids = range(1, count + 1)

    def team(i: int) -> str:
        return teams[(i - 1) // PER_WORKSPACE]

    def shape(i: int) -> Template:
        return templates[i % TEMPLATES]

    _insert(engine, Person, [
        {"team_id": team(i), "user_id": f"U{i:06d}", "tz": "Europe/Paris",
         "locale": ("en-US", "fr-FR")[i % 2], "is_bot": False, "is_admin": False,
         "is_owner": False, "deleted": False, "refreshed_at": SEEDED_AT}
        for i in ids
    ])  # fmt: skip
    _insert(engine, Assessment, [
        {"id": i, "team_id": team(i), "owner_user_id": f"U{i:06d}",
         "status": AssessmentStatus.ACTIVE, "current_mode": "in_house", "mode_since": MODE_SINCE,
         "answers": shape(i).answers, "version": 1, "created_at": MODE_SINCE,
         "updated_at": MODE_SINCE}
        for i in ids
    ])  # fmt: skip
    _insert(engine, Objective, [
        {"id": i, "team_id": team(i), "assessment_id": i, "kind": "leads", "is_primary": True,
         "title": "Leads", "commitment": "committed", "created_at": MODE_SINCE}
        for i in ids
    ])  # fmt: skip
    _insert(engine, Kpi, [
        {"id": (i - 1) * KPIS + k + 1, "team_id": team(i), "objective_id": i,
         "name": f"KPI {k}", "unit": "leads", "direction": "increase", "baseline": 20.0,
         "target": 80.0, "start_date": START, "deadline": DEADLINE, "owner_user_id": f"U{i:06d}",
         "cadence": "weekly", "next_due_at": NOW + timedelta(days=3), "paused": False,
         "created_at": MODE_SINCE, "updated_at": MODE_SINCE}
        for i in ids for k in range(KPIS)
    ])  # fmt: skip

    def recommendation(i: int) -> dict[str, Any]:
        t = shape(i)
        output, inputs = (
            (t.stale, t.stale_inputs) if i % TEMPLATES in STALE else (t.fresh, t.fresh_inputs)
        )
        return {
            "id": i, "team_id": team(i), "assessment_id": i, "created_at": SEEDED_AT,
            "evaluated_at": SEEDED_AT, "trigger": "periodic", "verdict": output["verdict"],
            "confidence": output["confidence"], "score": output["score"], "output": output,
            "model_version": scoring.MODEL_VERSION, "changes": [], "inputs": inputs,
            "state": "open",
        }  # fmt: skip

    _insert(engine, Recommendation, [recommendation(i) for i in ids])
    _insert(engine, RecommendationMessage, [
        {"id": i, "team_id": team(i), "recommendation_id": i, "purpose": MessagePurpose.DM,
         "channel_id": f"D{i:06d}", "ts": f"{i}.5", "posted_at": SEEDED_AT}
        for i in ids
    ])  # fmt: skip
    _copy_checkins(engine, templates, count, team)
    with engine.begin() as connection:
        for table in _TABLES[1:]:  # the app's inserts take ids after the seeded ones
            connection.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)"
            )
    _vacuum(engine)


def _vacuum(engine: Engine) -> None:
    """What autovacuum does for a database in production, done now: each pass starts on
    fresh statistics and no dead rows of the bench's own resets."""
    with engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")


def _copy_checkins(engine: Engine, templates: list[Template], count: int, team: Any) -> None:
    """The 52 answered check-ins of each KPI, by COPY (2.6 million rows at 10,000: an INSERT
    would make seeding, which is not what is measured, take minutes)."""
    raw = engine.raw_connection()
    try:
        cursor = raw.driver_connection.cursor()  # type: ignore[union-attr]
        columns = "team_id, kpi_id, occurrence, state, answered_at, value, attempts, reminders_sent"
        with cursor.copy(f"COPY checkin ({columns}) FROM STDIN") as copy:
            for i in range(1, count + 1):
                paces = templates[i % TEMPLATES].paces
                for k, pace in enumerate(paces):
                    kpi_id = (i - 1) * KPIS + k + 1
                    for day, value in _history(pace, k):
                        at = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
                        copy.write_row(
                            (team(i), kpi_id, at, CheckInState.ANSWERED, at, value, 0, 0)
                        )
        raw.commit()
    finally:
        raw.close()


def _reset(engine: Engine, count: int) -> None:
    """Back to the seeded state: what a pass wrote (jobs, new rows, posts) undone."""
    with engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM job")
        connection.exec_driver_sql(f"DELETE FROM recommendation_message WHERE id > {count}")
        connection.exec_driver_sql(f"DELETE FROM recommendation WHERE id > {count}")
        connection.exec_driver_sql(
            "UPDATE recommendation SET state = 'open', evaluated_at = %(at)s", {"at": SEEDED_AT}
        )
    _vacuum(engine)


def _deps(engine: Engine, url: str) -> Deps:
    return Deps(
        settings=Settings(_env_file=None, database_url=url),
        session_factory=make_session_factory(engine),
        slack_for=lambda _team: None,  # type: ignore[arg-type,return-value]
        clock=lambda: NOW,
    )


@dataclass(frozen=True, slots=True)
class Run:
    """One daily pass."""

    seconds: float
    cpu_seconds: float  # this process's CPU time: what other load on the machine does not change
    statements: int
    sql_seconds: float  # time in statements and commits (the round trips to PostgreSQL)
    created: int  # assessments re-decided (a new recommendation)
    sent: int  # messages the recorder took
    peak_mb: float


class _Counter:
    """SQL statements, counted on the engine, and the time spent in the database: executing
    them and committing (a commit that waits for the disk is a round trip no event shows)."""

    def __init__(self, engine: Engine) -> None:
        self.engine, self.count, self.seconds, self._started = engine, 0, 0.0, 0.0
        self._commit = engine.dialect.do_commit

    def _before(self, *_a: object) -> None:
        self.count += 1
        self._started = time.perf_counter()

    def _after(self, *_a: object) -> None:
        self.seconds += time.perf_counter() - self._started

    def _timed_commit(self, connection: Any) -> None:
        started = time.perf_counter()
        try:
            self._commit(connection)
        finally:
            self.seconds += time.perf_counter() - started

    def __enter__(self) -> _Counter:
        event.listen(self.engine, "before_cursor_execute", self._before)
        event.listen(self.engine, "after_cursor_execute", self._after)
        self.engine.dialect.do_commit = self._timed_commit  # type: ignore[method-assign,assignment]
        return self

    def __exit__(self, *_a: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._before)
        event.remove(self.engine, "after_cursor_execute", self._after)
        self.engine.dialect.do_commit = self._commit  # type: ignore[method-assign]


def _pass(engine: Engine, url: str, count: int, *, traced: bool = False) -> Run:
    """The tick that runs today's pass over `count` seeded assessments, as the clock runs it."""
    sender = PostingSender()
    gc.collect()
    if traced:
        tracemalloc.start()
    with _Counter(engine) as counter:
        started, cpu = time.perf_counter(), time.process_time()
        try:
            run_tick(_deps(engine, url), sender_for=lambda _team: sender, now=NOW)
        finally:
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            peak = tracemalloc.get_traced_memory()[1] if traced else 0
            if traced:
                tracemalloc.stop()
    with engine.connect() as connection:
        states: dict[str, int] = dict(
            connection.exec_driver_sql(
                "SELECT state, count(*) FROM job WHERE kind = %(kind)s GROUP BY state",
                {"kind": JobKind.REEVALUATION},
            ).all()
        )
        created = connection.exec_driver_sql(
            "SELECT count(*) FROM recommendation WHERE id > %(n)s", {"n": count}
        ).scalar_one()
        waiting = connection.exec_driver_sql(
            "SELECT count(*) FROM job WHERE state != %(done)s", {"done": JobState.DONE}
        ).scalar_one()
    assert states == {JobState.DONE: count}, states
    assert waiting == 0, f"{waiting} jobs left undelivered"
    return Run(seconds, cpu, counter.count, counter.seconds, created, sender.sent, peak / 2**20)


def _per_call(engine: Engine, count: int) -> tuple[float, float, float]:
    """(µs per `reevaluate_assessment` in a transaction of its own, µs of that in the database,
    µs per `scoring.reevaluate` on the same inputs) over a sample of the seeded assessments."""
    sample = sorted(random.Random(13).sample(range(1, count + 1), min(SAMPLE, count)))
    factory = make_session_factory(engine)
    with engine.connect() as connection:
        teams: dict[int, str] = dict(
            connection.exec_driver_sql("SELECT id, team_id FROM assessment").all()
        )
    gc.collect()
    with _Counter(engine) as counter:
        started = time.perf_counter()
        for i in sample:
            with session_scope(factory) as session:  # as `delivery` runs a claimed job
                outbox.commit_without_waiting(session=session)
                reevaluation.reevaluate_assessment(
                    session, team_id=teams[i], assessment_id=i, trigger="periodic", now=NOW
                )
        ours = time.perf_counter() - started
    inputs = list(_scoring_inputs(engine, sample))
    gc.collect()
    started = time.perf_counter()
    for profile, previous, specs in inputs:
        scoring.reevaluate(
            profile,
            mode=scoring.Mode.IN_HOUSE,
            mode_since=MODE_SINCE.date(),
            kpis=specs,
            previous=previous,
            as_of=NOW.date(),
        )
    alone = time.perf_counter() - started
    n = len(sample)
    return ours / n * 1e6, counter.seconds / n * 1e6, alone / n * 1e6


def _scoring_inputs(
    engine: Engine, sample: list[int]
) -> Iterator[tuple[scoring.Profile, scoring.Recommendation, list[Any]]]:
    """What `reevaluate_assessment` hands `scoring.reevaluate` (the seeded recommendation is
    the latest one it read), read beforehand."""
    with engine.connect() as connection:
        for i in sample:
            inputs, output = connection.exec_driver_sql(
                "SELECT inputs, output FROM recommendation WHERE id = %(i)s", {"i": i}
            ).one()
            rows = connection.exec_driver_sql(
                "SELECT c.kpi_id, c.occurrence, c.value FROM checkin c JOIN kpi k ON k.id = "
                "c.kpi_id WHERE k.objective_id = %(i)s ORDER BY c.kpi_id, c.occurrence",
                {"i": i},
            ).all()
            points: dict[int, list[scoring.CheckInPoint]] = {}
            for kpi_id, occurrence, value in rows:
                points.setdefault(kpi_id, []).append(scoring.CheckInPoint(occurrence.date(), value))
            specs = [
                (
                    scoring.KpiSpec(
                        scoring.Direction.INCREASE, 20.0, 80.0, START, DEADLINE, name=f"KPI {k}"
                    ),
                    history,
                )
                for k, history in enumerate(points.values())
            ]
            yield (
                scoring.parse_profile(inputs),
                scoring.recommendation_from_dict(output),
                specs,
            )


def _sizes(argv: list[str] | None) -> tuple[int, int]:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_reevaluation")
    default = int(os.environ.get("BENCH_REEVALUATION_ASSESSMENTS") or ASSESSMENTS)
    parser.add_argument("--assessments", type=int, default=default, help="the larger size")
    n = parser.parse_args(argv).assessments
    # Multiples of the templates' cycle, so both sizes hold the same mix.
    large = max(TEMPLATES * PER_WORKSPACE, n - n % (TEMPLATES * PER_WORKSPACE))
    return max(TEMPLATES * PER_WORKSPACE, large // 10), large


def main(argv: list[str] | None = None) -> int:
    """Run the re-evaluation benchmark; 0 when every target is met."""
    small, large = _sizes(argv)
    server = os.environ.get("TEST_DATABASE_URL") or DEFAULT_PG
    templates = [_template(j) for j in range(TEMPLATES)]
    try:
        schema = isolated_postgres_schema(server, prefix="bench")
        url = schema.__enter__()
    except Exception as error:
        print(f"PostgreSQL: skipped ({type(error).__name__}: {str(error).splitlines()[0]})")
        return 0
    try:
        upgrade(url)
        engine = make_engine(url)
        runs: dict[int, Run] = {}
        traced: dict[int, Run] = {}
        try:
            for size in (small, large):
                started = time.perf_counter()
                _seed(engine, templates, size)
                seeded = time.perf_counter() - started
                print(f"  seeded {size:,} assessments in {seeded:.1f} s", flush=True)
                runs[size] = run = _pass(engine, url, size)
                # Shown as soon as measured: at 10,000 the whole benchmark takes minutes.
                print(f"  {size:,}: the pass took {run.seconds:.2f} s", flush=True)
                _reset(engine, size)
                traced[size] = _pass(engine, url, size, traced=True)
            _reset(engine, large)
            ours_us, sql_us, alone_us = _per_call(engine, large)
        finally:
            engine.dispose()
    finally:
        schema.__exit__(None, None, None)
    return _report(small, large, runs, traced, (ours_us, sql_us, alone_us))


def _report(
    small: int,
    large: int,
    runs: dict[int, Run],
    traced: dict[int, Run],
    per_call: tuple[float, float, float],
) -> int:
    target = TARGET_SECONDS * large / ASSESSMENTS
    big = runs[large]
    per = {size: run.statements / size for size, run in runs.items()}
    # What each assessment costs, and what the pass costs once whatever their number (its
    # marker, the housekeeping, the last claim that finds nothing).
    marginal = (runs[large].statements - runs[small].statements) / (large - small)
    fixed = runs[small].statements - marginal * small
    growth = traced[large].peak_mb / max(traced[small].peak_mb, 1e-9)
    met_time = big.seconds < target
    met_queries = abs(per[small] - per[large]) <= QUERY_TOLERANCE
    met_memory = growth < MEMORY_GROWTH
    print(
        f"PostgreSQL: the daily pass over {large:,} assessments ({KPIS} KPIs × {CHECK_INS} "
        f"answers each) in {big.seconds:.2f} s = {big.seconds / large * 1e3:.2f} ms per "
        f"assessment (target < {target:.0f} s: {'met' if met_time else 'MISSED'})"
    )
    for size, run in runs.items():
        print(
            f"  {size:>6,}: {run.seconds:.2f} s ({run.cpu_seconds:.2f} s of CPU in this process), "
            f"{run.statements:,} statements = "
            f"{per[size]:.2f} per assessment, {run.sql_seconds:.2f} s in the database "
            f"({run.sql_seconds / run.seconds:.0%}), {run.created:,} re-decided, "
            f"{run.sent:,} messages sent; peak Python memory {traced[size].peak_mb:.1f} MB"
        )
    print(
        f"  statements per assessment: {per[small]:.2f} at {small:,}, {per[large]:.2f} at "
        f"{large:,} ({'constant' if met_queries else 'NOT CONSTANT'}: within "
        f"{QUERY_TOLERANCE}); {marginal:.2f} per assessment + {fixed:.0f} per pass"
    )
    print(
        f"  peak memory at {large:,} over at {small:,}: {growth:.2f}× (flat: under "
        f"{MEMORY_GROWTH}× for {large // small}× the rows: {'met' if met_memory else 'MISSED'})"
    )
    ours_us, sql_us, alone_us = per_call
    print(
        f"  per assessment, {SAMPLE} sampled: reevaluate_assessment in its own transaction "
        f"{ours_us:,.0f} µs (of which {sql_us:,.0f} µs in the database), scoring.reevaluate alone on the "
        f"same inputs {alone_us:,.0f} µs: {1 - alone_us / ours_us:.0%} is not scoring"
    )
    return 0 if met_time and met_queries and met_memory else 1


if __name__ == "__main__":
    raise SystemExit(main())
