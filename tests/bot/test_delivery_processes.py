"""Durable delivery through the real processes: the web tries at once, `tick` and `clock` try
again until Slack takes it, and concurrent ticks never send a message twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert
from sqlmodel import select

from bot.compose import Web
from bot.domain import JobKind, JobState
from bot.i18n import Translator
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.store.db import make_engine, make_session_factory
from bot.store.models import Job, ProcessedRequest, Workspace
from tests.bot.conftest import SIGNING_SECRET
from tests.bot.flows import BOB, complete_assessment, open_wizard, submit
from tests.bot.processes import ROOT, app_env, start, tick, web_process
from tests.bot.wizard_values import goals, means, organisation

HTML_503 = "<html><body>503 Service Temporarily Unavailable</body></html>"


def result_jobs(web: Web) -> list[Job]:
    with web.deps.session_factory() as session:
        query = select(Job).where(Job.kind == JobKind.RESULT_DM).order_by(Job.id)  # type: ignore[arg-type]
        return list(session.exec(query))


def settled(web: Web, *, timeout: float = 20) -> Job:
    """The result DM's job once the web's first attempt is recorded."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = result_jobs(web)
        if found and found[0].attempts >= 1 and found[0].claim_token is None:
            return found[0]
        time.sleep(0.05)
    raise AssertionError(f"the first attempt was not recorded: {result_jobs(web)}")


def results_received(standin: SlackStandIn, user: str = BOB) -> list[dict[str, Any]]:
    return [m for m in standin.messages(user) if m.get("blocks")]


@pytest.fixture
def env(standin: SlackStandIn, migrated_database_url: str) -> dict[str, str]:
    return app_env(standin, migrated_database_url)


@pytest.mark.parametrize(
    "script, wait",
    [
        pytest.param({"error": "ratelimited", "status": 429, "retry_after": 120}, 120, id="429"),
        pytest.param({"error": "ratelimited", "status": 200}, 30, id="ratelimited-at-200"),
        pytest.param({"error": "message_limit_exceeded", "status": 200}, 30, id="limit-at-200"),
        pytest.param({"error": "internal_error", "status": 500, "times": 2}, 5, id="5xx"),
        pytest.param({"error": "x", "status": 503, "times": 2, "body": HTML_503}, 5, id="html-503"),
    ],
)
def test_a_result_slack_refuses_at_first_arrives_on_a_later_tick(
    slack: SignedSlackClient,
    standin: SlackStandIn,
    web: Web,
    env: dict[str, str],
    script: dict[str, Any],
    wait: int,
) -> None:
    standin.fail("chat.postMessage", **{"times": 1, **script})
    complete_assessment(slack, standin, BOB)
    job = settled(web)
    assert results_received(standin) == [] and job.state == JobState.PENDING
    assert job.next_attempt_at is not None
    now = datetime.now(UTC)
    assert job.next_attempt_at <= now + timedelta(seconds=wait + 1)
    if wait >= 30:  # Slack's wait is kept: a tick before it sends nothing
        assert tick(env, job.next_attempt_at - timedelta(seconds=5)).returncode == 0
        assert results_received(standin) == []
    done = tick(env, job.next_attempt_at + timedelta(seconds=1))
    assert done.returncode == 0, done.stderr
    assert len(results_received(standin)) == 1
    assert tick(env, job.next_attempt_at + timedelta(hours=1)).returncode == 0
    assert len(results_received(standin)) == 1  # delivered once, not again
    assert result_jobs(web)[0].state == JobState.DONE


def test_a_timeout_is_retried_by_the_next_tick(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web, env: dict[str, str]
) -> None:
    standin.slow("chat.postMessage", 11, times=1)  # longer than the client's 10 s timeout
    complete_assessment(slack, standin, BOB)
    job = settled(web, timeout=30)
    assert job.last_error == "timeout" and job.state == JobState.PENDING
    time.sleep(1.5)  # the stand-in drops the abandoned call when its delay ends
    assert tick(env, datetime.now(UTC) + timedelta(minutes=1)).returncode == 0
    assert len(results_received(standin)) == 1


def test_a_dead_token_pauses_the_workspace_until_the_app_is_reinstalled(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web, env: dict[str, str]
) -> None:
    standin.fail("chat.postMessage", "token_revoked", times=1)
    complete_assessment(slack, standin, BOB)
    job = settled(web)
    assert job.state == JobState.PAUSED
    with web.deps.session_factory() as session:
        assert session.exec(select(Workspace)).one().token_revoked_at is not None
    later = datetime.now(UTC) + timedelta(minutes=5)
    standin.revoke_token(standin.bot_token)
    refused = tick(env, later)
    assert refused.returncode == 2 and "SLACK_BOT_TOKEN was refused" in refused.stderr
    standin.add_token(standin.bot_token)  # reinstalled: the token works again
    assert tick(env, later).returncode == 0
    assert len(results_received(standin)) == 1
    with web.deps.session_factory() as session:
        assert session.exec(select(Workspace)).one().token_revoked_at is None


def test_a_permanent_refusal_ends_the_job_and_tells_the_person_once(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web, env: dict[str, str]
) -> None:
    standin.fail("chat.postMessage", "invalid_blocks", times=1)
    complete_assessment(slack, standin, BOB)
    job = settled(web)
    assert (job.state, job.last_error) == (JobState.FAILED, "invalid_blocks")
    deadline = time.monotonic() + 5
    while not standin.messages(BOB) and time.monotonic() < deadline:
        time.sleep(0.05)
    for hours in (1, 2):
        assert tick(env, datetime.now(UTC) + timedelta(hours=hours)).returncode == 0
    [notice] = standin.messages(BOB)
    assert notice["text"] == Translator("en")("delivery.result_failed")


def test_asking_again_while_a_result_is_on_its_way_says_so_instead_of_a_new_wizard(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    standin.fail("chat.postMessage", "ratelimited", status=429, retry_after=600, times=1)
    complete_assessment(slack, standin, BOB)
    settled(web)
    opened = standin.count("views.open")
    assert slack.slash_command(BOB, "assess").status == 200
    deadline = time.monotonic() + 5
    while not standin.messages(BOB) and time.monotonic() < deadline:
        time.sleep(0.05)
    [told] = standin.messages(BOB)
    assert told["text"] == Translator("en")("delivery.result_pending")
    assert standin.count("views.open") == opened  # no empty wizard


def test_a_web_process_killed_mid_delivery_loses_nothing_and_sends_once(
    standin: SlackStandIn, env: dict[str, str], tmp_path: Path
) -> None:
    with web_process(env, tmp_path / "web.log") as (url, proc):
        slack = SignedSlackClient(f"{url}/slack/events", SIGNING_SECRET, standin)
        view_id = open_wizard(slack, standin, BOB)
        submit(slack, BOB, view_id, goals())
        submit(slack, BOB, view_id, means())
        standin.slow("chat.postMessage", 3, times=1)
        submit(slack, BOB, view_id, organisation())
        deadline = time.monotonic() + 10
        while standin.in_flight("chat.postMessage") == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert standin.in_flight("chat.postMessage") == 1  # Slack has not answered yet
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    time.sleep(3.5)  # the stand-in's delay ends: the killed client's call is dropped
    assert results_received(standin) == []
    # Restarted on the same database (a tick, after the dead process's lease ran out).
    later = datetime.now(UTC) + timedelta(seconds=61)
    assert tick(env, later).returncode == 0
    assert len(results_received(standin)) == 1
    assert tick(env, later + timedelta(minutes=5)).returncode == 0
    assert len(results_received(standin)) == 1


def seed_due_jobs(database_url: str, count: int, now: datetime) -> None:
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            rows = [
                {
                    "team_id": "T0STANDIN",
                    "kind": JobKind.NOTICE,
                    "subject_id": f"dm:{n}",
                    "occurrence": now,
                    "payload": {"message": {"channel": BOB, "text": f"job {n}", "blocks": []}},
                    "state": JobState.PENDING,
                    "next_attempt_at": now - timedelta(minutes=1),
                    "attempts": 0,
                    "created_at": now,
                }
                for n in range(count)
            ]
            session.connection().execute(insert(Job.__table__), rows)  # type: ignore[attr-defined]
            session.commit()
    finally:
        engine.dispose()


@pytest.mark.parametrize("processes", [2, 4])
def test_concurrent_ticks_deliver_ten_thousand_jobs_exactly_once(
    standin: SlackStandIn,
    migrated_database_url: str,
    env: dict[str, str],
    processes: int,
) -> None:
    count = 10_000
    now = datetime.now(UTC)
    seed_due_jobs(migrated_database_url, count, now)
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "bot", "tick", "--now", now.isoformat()],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    for run in runs:
        _, errors = run.communicate(timeout=600)
        assert run.returncode == 0, errors[-2000:]
    texts = Counter(c.params["text"] for c in standin.calls("chat.postMessage"))
    assert len(texts) == count and set(texts.values()) == {1}, texts.most_common(3)
    engine = make_engine(migrated_database_url)
    try:
        with make_session_factory(engine)() as session:
            notices = select(Job).where(Job.kind == JobKind.NOTICE)
            states = Counter(job.state for job in session.exec(notices))
    finally:
        engine.dispose()
    assert states[JobState.DONE] == count


def test_the_clock_stops_on_sigterm_with_nothing_half_done(
    standin: SlackStandIn, migrated_database_url: str, env: dict[str, str], tmp_path: Path
) -> None:
    seed_due_jobs(migrated_database_url, 400, datetime.now(UTC))
    standin.slow("chat.postMessage", 0.02, times=None)
    clock = start({**env, "CHECKIN_TICK_SECONDS": "1"}, "clock", tmp_path / "clock.log")
    try:
        standin.wait_for_count("chat.postMessage", 50, timeout=30)
        os.kill(clock.pid, signal.SIGTERM)
        assert clock.wait(timeout=15) == 0, (tmp_path / "clock.log").read_text()
    finally:
        if clock.poll() is None:
            clock.kill()
    time.sleep(0.2)
    posted = sum(1 for c in standin.calls("chat.postMessage") if c.response.get("ok"))
    engine = make_engine(migrated_database_url)
    try:
        with make_session_factory(engine)() as session:
            jobs = list(session.exec(select(Job)))
    finally:
        engine.dispose()
    assert 50 <= posted < 400  # stopped midway
    assert sum(j.state == JobState.DONE for j in jobs) == posted  # every send recorded
    assert all(j.claim_token is None for j in jobs)  # nothing left claimed
    now = datetime.now(UTC) + timedelta(seconds=1)
    assert all(j.next_attempt_at is not None and j.next_attempt_at <= now
               for j in jobs if j.state == JobState.PENDING)  # fmt: skip


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01T00:00:00", "12:00"])
def test_tick_with_a_bad_now_says_so_in_one_line_and_exits_2(
    env: dict[str, str], value: str
) -> None:
    result = tick(env, value)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"error: --now {value!r} is not an ISO 8601 instant (e.g. 2026-12-07T09:00:00+01:00)."
    ]


def test_old_idempotency_keys_are_pruned_once_a_day_however_many_clocks(
    web: Web, env: dict[str, str]
) -> None:
    now = datetime.now(UTC)
    with web.deps.session_factory() as session:
        for key, age in (("old", timedelta(days=8)), ("new", timedelta(days=1))):
            session.add(ProcessedRequest(team_id="T0STANDIN", key=key, processed_at=now - age))
        session.commit()
    results: list[int] = []
    threads = [
        threading.Thread(target=lambda: results.append(tick(env, now).returncode)) for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [0, 0]
    with web.deps.session_factory() as session:
        assert [r.key for r in session.exec(select(ProcessedRequest))] == ["new"]
        prunes = session.exec(select(Job).where(Job.kind == JobKind.PRUNE)).all()
        assert [(j.state, j.attempts) for j in prunes] == [(JobState.DONE, 1)]
