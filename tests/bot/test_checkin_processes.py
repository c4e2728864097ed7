"""Check-ins through the real `tick` processes: concurrent clocks over ten thousand due KPIs ask
each owner exactly once, and a daylight-saving change keeps their local day and hour."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert
from sqlmodel import select

from bot.domain import AssessmentStatus, CheckInState
from bot.sandbox import SlackStandIn
from bot.store.db import make_engine, make_session_factory
from bot.store.models import Assessment, CheckIn, Kpi, Objective, Person, Workspace
from tests.bot.processes import ROOT, app_env, tick

TEAM = "T0STANDIN"  # the stand-in's workspace
OWNERS = [f"U0OWNER{n:02d}" for n in range(40)]


def seed(database_url: str, count: int, now: datetime, *, tz: str = "Europe/Paris") -> None:
    """One workspace and assessment, forty owners (profiles fresh), `count` weekly KPIs due."""
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            connection = session.connection()
            session.add(Workspace(team_id=TEAM, tz=tz, created_at=now, updated_at=now))
            assessment = Assessment(
                team_id=TEAM,
                owner_user_id="U0BOB",
                status=AssessmentStatus.ACTIVE,
                created_at=now,
                updated_at=now,
            )
            session.add(assessment)
            session.flush()
            objective = Objective(
                team_id=TEAM,
                assessment_id=assessment.id,  # type: ignore[arg-type]
                kind="leads",
                is_primary=True,
                title="",
                created_at=now,
            )
            session.add(objective)
            session.flush()
            for owner in OWNERS:
                session.add(
                    Person(team_id=TEAM, user_id=owner, tz=tz, locale="en-US", refreshed_at=now)
                )
            kpis: list[dict[str, Any]] = [
                {
                    "team_id": TEAM,
                    "objective_id": objective.id,
                    "name": f"KPI {n}",
                    "unit": "leads",
                    "direction": "increase",
                    "baseline": 10.0,
                    "target": 100.0,
                    "start_date": now.date() - timedelta(days=30),
                    "deadline": now.date() + timedelta(days=300),
                    "owner_user_id": OWNERS[n % len(OWNERS)],
                    "cadence": "weekly",
                    "next_due_at": now - timedelta(minutes=1),
                    "paused": False,
                    "created_at": now,
                    "updated_at": now,
                }
                for n in range(count)
            ]
            for start in range(0, count, 2000):
                connection.execute(insert(Kpi.__table__), kpis[start : start + 2000])  # type: ignore[attr-defined]
            session.commit()
    finally:
        engine.dispose()


@pytest.mark.parametrize("processes", [2, 4])
def test_concurrent_ticks_ask_ten_thousand_check_ins_exactly_once(
    standin: SlackStandIn, migrated_database_url: str, processes: int
) -> None:
    count = 10_000
    # A fixed working morning in Paris (a Tuesday, no public holiday): nobody is asked at night,
    # on a weekend or on a holiday, so a date taken from the real clock could excuse them all.
    now = datetime(2026, 12, 8, 9, 30, tzinfo=UTC)
    for owner in OWNERS:
        standin.add_user(owner, owner.lower(), tz="Europe/Paris")
    seed(migrated_database_url, count, now)
    env = app_env(standin, migrated_database_url)
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
        _, errors = run.communicate(timeout=900)
        assert run.returncode == 0, errors[-2000:]
    asked = Counter(
        json.loads(json.dumps(c.params["blocks"]))[0]["text"]["text"]
        for c in standin.calls("chat.postMessage")
        if c.response.get("ok")
    )
    assert len(asked) == count and set(asked.values()) == {1}, asked.most_common(3)
    engine = make_engine(migrated_database_url)
    try:
        with make_session_factory(engine)() as session:
            states = Counter(c.state for c in session.exec(select(CheckIn)))
            due_again = {k.next_due_at for k in session.exec(select(Kpi))}
    finally:
        engine.dispose()
    assert states == {CheckInState.ASKED: count}
    assert all(d is not None and d > now for d in due_again)  # each moved on to its next slot


def test_weekly_check_ins_keep_their_local_day_and_hour_across_a_dst_change(
    standin: SlackStandIn, migrated_database_url: str
) -> None:
    new_york = ZoneInfo("America/New_York")
    start = datetime(2026, 10, 16, 12, 0, tzinfo=UTC)  # two Fridays before 1 November
    standin.add_user(OWNERS[0], "owner", tz="America/New_York")
    seed(migrated_database_url, 1, start, tz="America/New_York")
    engine = make_engine(migrated_database_url)
    try:
        with make_session_factory(engine)() as session:
            kpi = session.exec(select(Kpi)).one()
            kpi.checkin_weekday, kpi.checkin_local_time = 4, time(9, 0)  # Fridays, 9:00
            kpi.next_due_at = datetime(2026, 10, 16, 13, 0, tzinfo=UTC)  # 9:00 EDT
            session.add(kpi)
            session.commit()
        env = app_env(standin, migrated_database_url)
        moment = datetime(2026, 10, 16, 13, 5, tzinfo=UTC)
        for _ in range(4):  # 16, 23, 30 October (EDT), 6 November (EST)
            assert tick(env, moment).returncode == 0
            with make_session_factory(engine)() as session:
                due = session.exec(select(Kpi)).one().next_due_at
            assert due is not None
            moment = due + timedelta(minutes=5)
        with make_session_factory(engine)() as session:
            query = select(CheckIn).order_by(CheckIn.occurrence)  # type: ignore[arg-type]
            slots = [c.occurrence for c in session.exec(query)]
    finally:
        engine.dispose()
    local = [s.astimezone(new_york) for s in slots]
    assert [d.date() for d in local] == [
        date(2026, 10, 16), date(2026, 10, 23), date(2026, 10, 30), date(2026, 11, 6)
    ]  # fmt: skip
    assert {d.strftime("%A %H:%M") for d in local} == {"Friday 09:00"}
    assert slots[-1] - slots[-2] == timedelta(days=7, hours=1)  # the clocks went back an hour
