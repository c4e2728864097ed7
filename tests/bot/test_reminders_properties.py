"""Whatever the schedule and whenever the clock ticks, the real tick never DMs an owner outside
their working hours, on a day off, on a public holiday or while they are away, and never
reminds a check-in more than twice (a property test over random schedules and instants).

The check-in passes (asking, reminding, a snooze's end) look at working time when they send, so
any tick instant holds them to it. A notice queued in the outbox (the away summary alone) is
held to it when queued: its due instant must be a working one."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from hypothesis import given, settings, strategies as st
from sqlmodel import delete, select

from bot.compose import Web
from bot.domain import JobKind
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.scheduler import run_tick
from bot.services import checkins
from bot.store.db import session_scope
from bot.store.models import CheckIn, Job, Kpi, Person, Workspace
from bot.working_time import WorkingTime, holidays_country
from tests.bot.flows import ALICE
from tests.bot.test_checkins_over_http import add_kpi, sender_for

# Tokyo has no daylight saving; Paris and New York change in spring and autumn, Sydney the
# other way round: windows of five weeks from March to November cross each of them.
ZONES = ["Europe/Paris", "America/New_York", "Asia/Tokyo", "Australia/Sydney"]
WINDOW = timedelta(weeks=5)
REMINDER = re.compile(r"rappel (\d) sur")  # Alice reads French: "rappel 1 sur 2"


@dataclass(frozen=True)
class Case:
    """One random schedule, the owner's and the workspace's settings, and when the clock ticks."""

    cadence: str
    weekday: int
    day_of_month: int
    local_time: time
    owner_tz: str
    workspace_tz: str
    hours: tuple[int, int]
    days: frozenset[int]
    country: str | None
    start: datetime
    away_for: timedelta | None
    ticks: tuple[timedelta, ...]


cases = st.builds(
    Case,
    cadence=st.sampled_from(["weekly", "biweekly", "monthly"]),
    weekday=st.integers(0, 6),
    day_of_month=st.sampled_from([1, 5, 14, 25, 28, 31]),
    local_time=st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45])),
    owner_tz=st.sampled_from(ZONES),
    workspace_tz=st.sampled_from(ZONES),
    hours=st.tuples(st.integers(6, 12), st.integers(13, 21)),
    days=st.frozensets(st.integers(0, 6), min_size=1),
    country=st.sampled_from([None, "FR", "US", "JP"]),
    start=st.datetimes(
        min_value=datetime(2026, 3, 1), max_value=datetime(2026, 11, 1), timezones=st.just(UTC)
    ),
    away_for=st.one_of(st.none(), st.timedeltas(timedelta(0), WINDOW)),
    ticks=st.lists(st.timedeltas(timedelta(0), WINDOW), min_size=6, max_size=16, unique=True).map(
        lambda offsets: tuple(sorted(offsets))
    ),
)


def _arrange(web: Web, standin: SlackStandIn, case: Case) -> None:
    """Forget the previous example's check-ins and jobs; set this one's schedule and people."""
    standin.update_user(ALICE, tz=case.owner_tz)
    with session_scope(web.deps.session_factory) as session:
        session.exec(delete(CheckIn))
        session.exec(delete(Job))
        for workspace in session.exec(select(Workspace)).all():
            workspace.tz = case.workspace_tz
            workspace.working_hours_start = time(case.hours[0])
            workspace.working_hours_end = time(case.hours[1])
            workspace.working_days = sorted(case.days)
            workspace.holidays_country = case.country
            session.add(workspace)
        for person in session.exec(select(Person).where(Person.user_id == ALICE)).all():
            person.tz = case.owner_tz
            person.refreshed_at = case.start
            person.away_until = case.start + case.away_for if case.away_for else None
            session.add(person)
        [kpi] = session.exec(select(Kpi)).all()
        kpi.cadence = case.cadence
        kpi.checkin_weekday = case.weekday
        kpi.checkin_day_of_month = case.day_of_month
        kpi.checkin_local_time = case.local_time
        kpi.start_date = case.start.date() - timedelta(days=30)
        kpi.deadline = case.start.date() + timedelta(days=200)
        kpi.paused = False
        session.add(kpi)
        session.flush()
        assert kpi.id is not None
        checkins.reschedule(session=session, team_id=kpi.team_id, kpi_id=kpi.id, now=case.start)


def _hours(case: Case) -> WorkingTime:
    return WorkingTime.of(
        tz=case.owner_tz,
        start=time(case.hours[0]),
        end=time(case.hours[1]),
        days=case.days,
        country=holidays_country(case.country, case.workspace_tz),
    )


def _to_alice(call: Any, dm: str) -> bool:
    if call.method == "chat.postMessage":
        return call.params.get("channel") in (ALICE, dm)
    return bool(call.method == "chat.update" and call.params.get("channel") == dm)


def _queued_notice(call: Any) -> bool:
    """A DM from the outbox queue (the away summary alone), not the check-in passes' own: the
    prompt, its changes in place, a reminder's short line."""
    text = json.dumps(call.params, ensure_ascii=False)
    return (
        call.method == "chat.postMessage"
        and "checkin_update" not in text
        and ("(ci-dessus)" not in text)
    )


def _queued_due(web: Web) -> list[datetime]:
    """When the pending away summaries were queued to go."""
    with session_scope(web.deps.session_factory) as session:
        jobs = session.exec(
            select(Job).where(Job.kind == JobKind.AWAY_SUMMARY, Job.state == "pending")
        ).all()
        return [j.next_attempt_at for j in jobs if j.next_attempt_at is not None]


def test_nothing_reaches_an_owner_outside_working_time_or_away_and_two_reminders_at_most(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    add_kpi(slack, standin, web, ALICE)
    dm = standin.dm_id(ALICE)
    sent_in_all: list[int] = []

    @settings(max_examples=60, deadline=None)
    @given(case=cases)
    def check(case: Case) -> None:
        _arrange(web, standin, case)
        hours = _hours(case)
        away_until = case.start + case.away_for if case.away_for else None
        reminders: dict[str, set[int]] = {}
        sent = 0
        for offset in case.ticks:
            at = case.start + offset
            before, queued = len(standin.calls()), _queued_due(web)
            run_tick(web.deps, sender_for=sender_for(standin), now=at)
            for call in standin.calls()[before:]:
                if not _to_alice(call, dm):
                    continue
                sent += 1
                assert away_until is None or at >= away_until, f"{call.method} while away"
                if queued and _queued_notice(call):
                    continue  # queued by an earlier tick: checked then, below
                local = at.astimezone(hours.zone)
                assert hours.is_working(at), (
                    f"{call.method} at {local:%a %Y-%m-%d %H:%M %Z}: {call.params.get('text')}"
                )
                if call.method == "chat.update":
                    steps = REMINDER.findall(
                        json.dumps(call.params.get("blocks"), ensure_ascii=False)
                    )
                    reminders.setdefault(call.params["ts"], set()).update(int(s) for s in steps)
            # A queued notice goes at the first tick from its due instant: that instant is in
            # working time, after the time away (the clock ticks every minute in production).
            for due in _queued_due(web):
                assert hours.is_working(due) and (away_until is None or due >= away_until), due
        for ts, seen in reminders.items():
            assert seen <= {1, 2}, (ts, seen)
        with session_scope(web.deps.session_factory) as session:
            assert all(c.reminders_sent <= 2 for c in session.exec(select(CheckIn)).all())
        sent_in_all.append(sent)

    check()
    assert sum(sent_in_all) > 0  # the property was not vacuous: some DMs went out
