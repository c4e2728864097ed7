"""Check-ins that respect people, through the real tick and the stand-in: the reminder ladder
(two, on working mornings, never doubled by two clocks), snooze, public holidays, away, a slot
the settings push outside working time, and one quiet note when a KPI goes silent."""

from __future__ import annotations

import json
import threading
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot import ids
from bot.compose import Web
from bot.domain import CheckInState, JobKind
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.sandbox.signed_client import datepicker, static_select, users_select
from bot.scheduler import run_tick
from bot.store.db import session_scope
from bot.store.models import CheckIn, Job, Kpi, Workspace
from tests.bot.flows import ALICE, BOB, rows
from tests.bot.test_checkins_over_http import add_kpi, asked, checkin_dms, sender_for

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")


def paris(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS).astimezone(UTC)


def tick(web: Web, standin: SlackStandIn, at: datetime) -> None:
    run_tick(web.deps, sender_for=sender_for(standin), now=at)


def lines(standin: SlackStandIn, user: str, key: str) -> list[dict[str, Any]]:
    """The DM's plain messages containing `key`'s emoji-free words (reminders, notes)."""
    return [m for m in standin.messages(user) if key in m.get("text", "")]


def reminder_lines(standin: SlackStandIn, user: str) -> list[dict[str, Any]]:
    # The short line of a reminder (French for Alice): "rappel : votre point d'étape…".
    return [m for m in standin.messages(user) if "attend votre réponse (ci-dessus)" in m["text"]]


def the_checkin(web: Web) -> CheckIn:
    [row] = rows(web, CheckIn)
    assert isinstance(row, CheckIn)
    return row


def edit(web: Web, model: type[Any], **changes: Any) -> None:
    with session_scope(web.deps.session_factory) as session:
        for row in session.exec(select(model)).all():
            for name, value in changes.items():
                setattr(row, name, value)
            session.add(row)


def test_the_ladder_reminds_twice_on_working_mornings_in_place_then_the_check_in_is_missed(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi, dm = asked(slack, standin, web)  # Monday 09:31 in Paris
    assert kpi.next_due_at is not None
    monday = kpi.next_due_at.astimezone(PARIS).date()
    updates = standin.count("chat.update")
    tick(web, standin, paris(monday, 22))  # at night: nothing
    tick(web, standin, paris(monday + timedelta(1), 8, 59))  # before working hours: nothing
    assert reminder_lines(standin, ALICE) == [] and standin.count("chat.update") == updates
    tick(web, standin, paris(monday + timedelta(1), 9, 1))  # Tuesday morning: the first one
    tick(web, standin, paris(monday + timedelta(1), 15))  # the same day: nothing more
    assert len(reminder_lines(standin, ALICE)) == 1
    first = standin.calls("chat.update")[-1].params
    assert first["ts"] == dm["ts"] and "rappel 1 sur 2" in json.dumps(first["blocks"])
    tick(web, standin, paris(monday + timedelta(2), 9, 1))  # Wednesday: the second one
    assert len(reminder_lines(standin, ALICE)) == 2
    assert the_checkin(web).state == CheckInState.ASKED
    tick(web, standin, paris(monday + timedelta(3), 9, 1))  # Thursday: missed, no third
    tick(web, standin, paris(monday + timedelta(4), 9, 1))
    assert len(reminder_lines(standin, ALICE)) == 2
    row = the_checkin(web)
    assert (row.state, row.reminders_sent) == (CheckInState.MISSED, 2)
    closed = standin.calls("chat.update")[-1].params
    assert closed["ts"] == dm["ts"] and "deux rappels" in json.dumps(closed["blocks"])


def test_a_reminder_due_on_friday_evening_waits_for_monday_and_skips_a_holiday(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    asked(slack, standin, web)
    # Asked on a Friday afternoon before Bastille Day (Tuesday 14 July 2026) in France.
    friday = date(2026, 7, 10)
    edit(web, CheckIn, next_attempt_at=paris(friday, 17))
    edit(web, Workspace, tz="Europe/Paris")
    for day, hour in [(friday, 17), (friday + timedelta(1), 10), (friday + timedelta(2), 10)]:
        tick(web, standin, paris(day, hour))
    assert len(reminder_lines(standin, ALICE)) == 1  # the Friday one only
    assert the_checkin(web).next_attempt_at == paris(date(2026, 7, 13), 9)  # Monday morning
    tick(web, standin, paris(date(2026, 7, 13), 9))
    assert the_checkin(web).next_attempt_at == paris(date(2026, 7, 15), 9)  # not on the 14th
    tick(web, standin, paris(date(2026, 7, 14), 9))
    assert len(reminder_lines(standin, ALICE)) == 2  # the Monday one; nothing on the holiday


def test_two_clocks_at_the_same_instant_send_one_reminder(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi, _ = asked(slack, standin, web)
    assert kpi.next_due_at is not None
    tuesday = kpi.next_due_at.astimezone(PARIS).date() + timedelta(1)
    at = paris(tuesday, 9, 5)
    clocks = [threading.Thread(target=tick, args=(web, standin, at)) for _ in range(4)]
    for clock in clocks:
        clock.start()
    for clock in clocks:
        clock.join()
    assert len(reminder_lines(standin, ALICE)) == 1
    assert the_checkin(web).reminders_sent == 1


def test_snooze_puts_the_check_in_off_into_working_hours_and_it_comes_back_without_a_miss(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi, dm = asked(slack, standin, web)
    assert kpi.next_due_at is not None
    monday = kpi.next_due_at.astimezone(PARIS).date()
    [snooze] = [
        e for b in dm["blocks"] if b["type"] == "actions" for e in b["elements"]
        if e["action_id"] == ids.ACTION_CHECKIN_SNOOZE
    ]  # fmt: skip
    tomorrow = next(o["value"] for o in snooze["options"] if o["value"].startswith("tomorrow:"))
    updates = standin.count("chat.update")
    slack.block_action(
        ALICE, ids.ACTION_CHECKIN_SNOOZE, element=static_select(tomorrow), message_ts=dm["ts"]
    )
    shown = standin.wait_for_calls("chat.update", updates + 1, timeout=5)[-1].params
    assert "reporté jusqu" in json.dumps(shown["blocks"], ensure_ascii=False)
    row = the_checkin(web)
    assert row.snoozed_until is not None and row.snoozed_until.astimezone(PARIS).time() == time(9)
    # Snoozed on the Monday: back on Tuesday at 9:00, a new line, and the ladder starts again.
    tick(web, standin, paris(monday + timedelta(1), 9, 1))
    assert lines(standin, ALICE, "reporté sur")
    row = the_checkin(web)
    assert (row.state, row.snoozed_until, row.reminders_sent) == (CheckInState.ASKED, None, 0)
    # A new slot replacing a snoozed question excuses it (a snoozed check-in is not missed).
    edit(web, CheckIn, snoozed_until=paris(monday + timedelta(9), 9))
    tick(web, standin, paris(monday + timedelta(7), 9, 31))
    states = {c.occurrence.astimezone(PARIS).date(): c.state for c in rows(web, CheckIn)}
    assert states[monday] == CheckInState.EXCUSED


def test_a_weekly_slot_on_a_public_holiday_is_excused_and_a_monthly_one_moves(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    add_kpi(slack, standin, web, ALICE)
    edit(web, Workspace, tz="Europe/Paris")
    bastille = date(2027, 7, 14)  # a Wednesday
    edit(web, Kpi, start_date=date(2026, 1, 1), deadline=date(2027, 12, 31))
    edit(web, Kpi, checkin_weekday=2, checkin_local_time=time(10), next_due_at=paris(bastille, 10))
    tick(web, standin, paris(bastille, 10, 1))
    row = the_checkin(web)
    assert (row.state, row.last_error) == (CheckInState.EXCUSED, "holiday")
    assert checkin_dms(standin, ALICE) == []
    # Monthly on the 14th: asked on the next working day, and the DM says why.
    edit(web, CheckIn, occurrence=paris(bastille, 9))  # out of the way of the monthly slot
    edit(web, Kpi, cadence="monthly", checkin_day_of_month=14, next_due_at=paris(bastille, 10))
    tick(web, standin, paris(bastille, 10, 1))
    tick(web, standin, paris(bastille, 16))
    assert checkin_dms(standin, ALICE) == []
    tick(web, standin, paris(date(2027, 7, 15), 9))
    [dm] = checkin_dms(standin, ALICE)
    assert "jour férié" in json.dumps(dm["blocks"], ensure_ascii=False)


def test_independence_day_excuses_a_weekly_slot_in_new_york(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    add_kpi(slack, standin, web, BOB)
    edit(web, Workspace, tz="America/New_York", holidays_country=None)  # US from the zone
    fourth = datetime(2025, 7, 4, 10, tzinfo=NEW_YORK).astimezone(UTC)  # a Friday
    edit(web, Kpi, start_date=date(2025, 1, 1), deadline=date(2027, 12, 31))
    edit(web, Kpi, checkin_weekday=4, checkin_local_time=time(10), next_due_at=fourth)
    from bot.store.models import Person

    edit(web, Person, tz="America/New_York")
    tick(web, standin, fourth + timedelta(minutes=1))
    assert (the_checkin(web).state, the_checkin(web).last_error) == (
        CheckInState.EXCUSED,
        "holiday",
    )


def test_a_slot_the_settings_push_outside_working_hours_moves_and_the_next_dm_says_so(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi = add_kpi(slack, standin, web, ALICE)  # Mondays 09:30
    assert kpi.next_due_at is not None
    edit(web, Workspace, working_hours_start=time(10), tz="Europe/Paris")  # a settings change
    monday = kpi.next_due_at.astimezone(PARIS).date()
    tick(web, standin, kpi.next_due_at + timedelta(minutes=1))  # 09:31: not yet
    assert checkin_dms(standin, ALICE) == []
    [moved] = [k for k in rows(web, Kpi) if k.id == kpi.id]
    assert (moved.checkin_weekday, moved.checkin_local_time) == (0, time(10))  # for good
    tick(web, standin, paris(monday, 10))
    [dm] = checkin_dms(standin, ALICE)
    assert "hors des jours ou des heures de travail" in json.dumps(dm["blocks"], ensure_ascii=False)


def _wait_until_away(web: Web, user: str) -> None:
    from bot.store.models import Person

    deadline = datetime.now(UTC) + timedelta(seconds=5)
    while datetime.now(UTC) < deadline:
        if any(p.user_id == user and p.away_until for p in rows(web, Person)):
            return
    raise AssertionError(f"{user} was not marked away")


def test_away_excuses_the_slots_and_the_return_says_how_many_with_the_latest_below(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi = add_kpi(slack, standin, web, ALICE)
    assert kpi.next_due_at is not None
    first = kpi.next_due_at.astimezone(PARIS).date()
    last_day = first + timedelta(days=15)
    slack.slash_command(ALICE, f"away until {last_day.isoformat()}")
    _wait_until_away(web, ALICE)  # the command is saved after its acknowledgement
    for week in range(3):  # three Mondays while away
        tick(web, standin, paris(first + timedelta(weeks=week), 9, 31))
    assert checkin_dms(standin, ALICE) == []
    assert [c.state for c in rows(web, CheckIn)] == [CheckInState.EXCUSED] * 3
    tick(web, standin, paris(last_day + timedelta(days=1), 9))  # back: the latest comes again
    tick(web, standin, paris(last_day + timedelta(days=1), 9, 5))  # a second clock: nothing more
    [dm] = checkin_dms(standin, ALICE)
    assert "3 points d'étape ont été sautés" in json.dumps(dm["blocks"], ensure_ascii=False)


def test_away_without_a_date_opens_a_date_picker_and_back_ends_it(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    add_kpi(slack, standin, web, ALICE)
    opened = standin.count("views.open")
    slack.slash_command(ALICE, "away")
    view = standin.wait_for_calls("views.open", opened + 1, timeout=5)[-1].response["view"]
    assert view["callback_id"] == ids.CALLBACK_AWAY
    past = {
        ids.BLOCK_AWAY_UNTIL: {ids.input_action(ids.BLOCK_AWAY_UNTIL): datepicker("2020-01-01")}
    }
    assert ids.BLOCK_AWAY_UNTIL in slack.view_submission(ALICE, view["id"], past).json()["errors"]
    later = (datetime.now(UTC) + timedelta(days=10)).date().isoformat()
    chosen = {ids.BLOCK_AWAY_UNTIL: {ids.input_action(ids.BLOCK_AWAY_UNTIL): datepicker(later)}}
    assert slack.view_submission(ALICE, view["id"], chosen).status == 200
    from bot.store.models import Person

    deadline = datetime.now(UTC) + timedelta(seconds=5)
    while datetime.now(UTC) < deadline:
        person = next(p for p in rows(web, Person) if p.user_id == ALICE)
        if person.away_until is not None:
            break
    assert person.away_until is not None
    slack.slash_command(ALICE, "back")
    deadline = datetime.now(UTC) + timedelta(seconds=5)
    while datetime.now(UTC) < deadline:
        person = next(p for p in rows(web, Person) if p.user_id == ALICE)
        if person.away_until is None:
            break
    assert person.away_until is None


def test_two_missed_periods_in_a_row_send_one_note_to_the_assessment_owner_who_reassigns(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi = add_kpi(slack, standin, web, ALICE)
    assert kpi.next_due_at is not None
    first = kpi.next_due_at.astimezone(PARIS).date()
    for week in range(4):  # four Mondays, never answered: each one's ladder runs to the end
        monday = first + timedelta(weeks=week)
        for day, hour in [(0, 9), (1, 9), (2, 9), (3, 9)]:
            tick(web, standin, paris(monday + timedelta(day), hour, 31))
    states = [c.state for c in sorted(rows(web, CheckIn), key=lambda c: c.occurrence)]
    assert states == [CheckInState.MISSED] * 4
    notes = [j for j in rows(web, Job) if j.kind == JobKind.ESCALATION]
    assert len(notes) == 1 and notes[0].state == "done"  # one run of misses, one note
    [note] = [m for m in standin.messages(BOB) if ids.ACTION_REASSIGN_KPI in json.dumps(m)]
    assert f"<@{ALICE}>" in note["text"] or f"<@{ALICE}>" in json.dumps(note["blocks"])
    # Bob (no leads set: the assessment's owner) gives the KPI to himself.
    opened = standin.count("views.open")
    slack.block_action(BOB, ids.ACTION_REASSIGN_KPI, value=str(kpi.id), message_ts=note["ts"])
    view = standin.wait_for_calls("views.open", opened + 1, timeout=5)[-1].response["view"]
    values = {
        ids.BLOCK_REASSIGN_OWNER: {ids.input_action(ids.BLOCK_REASSIGN_OWNER): users_select(BOB)}
    }
    assert slack.view_submission(BOB, view["id"], values).status == 200
    deadline = datetime.now(UTC) + timedelta(seconds=5)
    while datetime.now(UTC) < deadline and rows(web, Kpi)[0].owner_user_id != BOB:
        pass
    assert rows(web, Kpi)[0].owner_user_id == BOB
    # Alice is not a lead: her click is refused.
    slack.block_action(ALICE, ids.ACTION_REASSIGN_KPI, value=str(kpi.id))
    assert standin.count("views.open") == opened + 1


def test_a_saturday_slot_is_asked_on_monday_once_and_comes_on_mondays_from_then_on(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi = add_kpi(slack, standin, web, ALICE)
    assert kpi.next_due_at is not None
    saturday = kpi.next_due_at.astimezone(PARIS).date() + timedelta(days=5)
    edit(web, Kpi, checkin_weekday=5, checkin_local_time=time(10), next_due_at=paris(saturday, 10))
    for day, hour in [(0, 10), (0, 23), (1, 12), (2, 9), (2, 10), (2, 15)]:  # Sat, Sun, Mon
        tick(web, standin, paris(saturday + timedelta(day), hour, 1))
    [dm] = checkin_dms(standin, ALICE)  # once, on Monday morning, saying why
    assert "hors des jours" in json.dumps(dm["blocks"], ensure_ascii=False)
    [moved] = [k for k in rows(web, Kpi) if k.id == kpi.id]
    assert (moved.checkin_weekday, moved.checkin_local_time) == (0, time(10))
    assert moved.next_due_at == paris(saturday + timedelta(days=9), 10)  # the Monday after


def test_a_429_then_a_5xx_during_a_reminder_neither_lose_it_nor_send_it_twice(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi, dm = asked(slack, standin, web)
    assert kpi.next_due_at is not None
    at = paris(kpi.next_due_at.astimezone(PARIS).date() + timedelta(1), 9, 1)  # Tuesday
    standin.fail("chat.update", "ratelimited", status=429, retry_after=60, times=1)
    tick(web, standin, at)
    assert reminder_lines(standin, ALICE) == [] and the_checkin(web).reminders_sent == 0
    tick(web, standin, at + timedelta(seconds=30))  # Slack asked for a minute
    assert reminder_lines(standin, ALICE) == []
    # The prompt changes, then its short line meets two 500s (the client retries one itself).
    standin.fail("chat.postMessage", "internal_error", status=500, times=2)
    tick(web, standin, at + timedelta(seconds=61))
    assert reminder_lines(standin, ALICE) == [] and the_checkin(web).reminders_sent == 0
    for minutes in (5, 30, 60):  # the backoff's later ticks: sent once, however many come
        tick(web, standin, at + timedelta(minutes=minutes))
    assert len(reminder_lines(standin, ALICE)) == 1
    row = the_checkin(web)
    assert (row.state, row.reminders_sent) == (CheckInState.ASKED, 1)
    assert standin.calls("chat.update")[-1].params["ts"] == dm["ts"]
