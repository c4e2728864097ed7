"""Check-in slots in the owner's local time: daylight-saving gaps and folds, month ends,
every-other-week counting, deadlines, catch-up after downtime."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings, strategies as st

from bot.domain import Cadence
from bot.schedule import Schedule

PARIS, NEW_YORK = "Europe/Paris", "America/New_York"


def weekly(tz: str, weekday: int, at: time, start: date = date(2026, 1, 1)) -> Schedule:
    return Schedule(Cadence.WEEKLY, weekday, None, at, tz, start)


def local(moment: datetime | None, tz: str) -> datetime:
    assert moment is not None
    return moment.astimezone(ZoneInfo(tz))


def test_a_weekly_slot_is_the_owners_local_time_stored_in_utc() -> None:
    schedule = weekly(PARIS, 0, time(9, 0))  # Mondays at 9:00 in Paris
    slot = schedule.next_slot(datetime(2026, 12, 2, 12, 0, tzinfo=UTC))  # a Wednesday
    assert slot == datetime(2026, 12, 7, 8, 0, tzinfo=UTC)  # 9:00 CET is 8:00 UTC
    assert local(slot, PARIS).strftime("%A %H:%M") == "Monday 09:00"


@pytest.mark.parametrize(
    "tz, day, at, expected_utc",
    [
        # Paris skips 02:00–03:00 on 29 March 2026: 02:30 fires at 03:00 CEST (01:00 UTC).
        pytest.param(PARIS, date(2026, 3, 29), time(2, 30), datetime(2026, 3, 29, 1, 0, tzinfo=UTC),
                     id="paris-spring-gap"),
        # New York skips 02:00–03:00 on 8 March 2026: 02:15 fires at 03:00 EDT (07:00 UTC).
        pytest.param(NEW_YORK, date(2026, 3, 8), time(2, 15), datetime(2026, 3, 8, 7, 0, tzinfo=UTC),
                     id="new-york-spring-gap"),
        # Paris repeats 02:00–03:00 on 25 October 2026: 02:30 fires once, the first time (CEST).
        pytest.param(PARIS, date(2026, 10, 25), time(2, 30), datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
                     id="paris-autumn-fold"),
        # New York repeats 01:00–02:00 on 1 November 2026: 01:30 fires once, at 01:30 EDT.
        pytest.param(NEW_YORK, date(2026, 11, 1), time(1, 30), datetime(2026, 11, 1, 5, 30, tzinfo=UTC),
                     id="new-york-autumn-fold"),
    ],
)  # fmt: skip
def test_daylight_saving_gaps_fire_when_they_end_and_folds_fire_once(
    tz: str, day: date, at: time, expected_utc: datetime
) -> None:
    schedule = weekly(tz, day.weekday(), at)
    before = datetime.combine(day - timedelta(days=1), time(12, 0), tzinfo=ZoneInfo(tz))
    slot = schedule.next_slot(before)
    assert slot == expected_utc
    # The following slot is a week later, not an hour later (the fold is not a second slot).
    following = schedule.next_slot(expected_utc)
    assert following is not None and following - expected_utc >= timedelta(days=6, hours=23)


def test_the_weekday_stays_the_same_across_a_daylight_saving_change() -> None:
    # standup-raven#212: after a DST change a bot "thinks it's a day behind". Not here.
    schedule = weekly(NEW_YORK, 4, time(9, 0))  # Fridays at 9:00 in New York
    moment = datetime(2026, 10, 20, tzinfo=UTC)
    for _ in range(6):  # across 1 November
        slot = schedule.next_slot(moment)
        assert local(slot, NEW_YORK).strftime("%A %H:%M") == "Friday 09:00"
        assert slot is not None
        moment = slot


@pytest.mark.parametrize(
    "day_of_month, month, expected",
    [
        pytest.param(31, (2026, 2), date(2026, 2, 28), id="31st-in-february"),
        pytest.param(31, (2028, 2), date(2028, 2, 29), id="31st-in-a-leap-february"),
        pytest.param(31, (2026, 4), date(2026, 4, 30), id="31st-in-april"),
        pytest.param(30, (2026, 2), date(2026, 2, 28), id="30th-in-february"),
        pytest.param(31, (2026, 1), date(2026, 1, 31), id="31st-in-january"),
        pytest.param(15, (2026, 2), date(2026, 2, 15), id="mid-month"),
    ],
)
def test_monthly_slots_fall_on_the_last_day_of_shorter_months(
    day_of_month: int, month: tuple[int, int], expected: date
) -> None:
    schedule = Schedule(Cadence.MONTHLY, 0, day_of_month, time(10, 0), PARIS, date(2025, 1, 1))
    start_of_month = datetime(*month, 1, tzinfo=ZoneInfo(PARIS)) - timedelta(seconds=1)
    assert local(schedule.next_slot(start_of_month), PARIS).date() == expected


def test_every_two_weeks_counts_from_the_start_week() -> None:
    schedule = Schedule(Cadence.BIWEEKLY, 2, None, time(9, 0), PARIS, date(2026, 12, 1))  # Tue
    moment = datetime(2026, 11, 30, tzinfo=UTC)
    days = []
    for _ in range(4):
        slot = schedule.next_slot(moment)
        assert slot is not None
        days.append(local(slot, PARIS).date())
        moment = slot
    assert days == [date(2026, 12, 2), date(2026, 12, 16), date(2026, 12, 30), date(2027, 1, 13)]


def test_no_slot_after_the_deadline_and_none_before_the_start() -> None:
    schedule = Schedule(
        Cadence.WEEKLY, 0, None, time(9, 0), PARIS, date(2026, 12, 1), deadline=date(2026, 12, 20)
    )
    assert schedule.latest_slot(datetime(2026, 11, 30, tzinfo=UTC)) is None
    last = schedule.next_slot(datetime(2026, 12, 8, 12, 0, tzinfo=UTC))
    assert last is not None and local(last, PARIS).date() == date(2026, 12, 14)
    assert schedule.next_slot(last) is None  # the 21st is after the deadline


def test_after_downtime_the_latest_missed_slot_is_the_one_asked() -> None:
    schedule = weekly(PARIS, 0, time(9, 0))
    back = datetime(2026, 12, 24, 15, 0, tzinfo=UTC)  # three Mondays were missed
    assert local(schedule.latest_slot(back), PARIS).date() == date(2026, 12, 21)
    assert local(schedule.next_slot(back), PARIS).date() == date(2026, 12, 28)


ZONES = st.sampled_from([PARIS, NEW_YORK, "Asia/Kolkata", "Australia/Lord_Howe", "UTC"])


@settings(max_examples=200, deadline=None)
@given(
    tz=ZONES,
    weekday=st.integers(0, 6),
    at=st.times(),
    after=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31)),
)
def test_a_weekly_slot_is_the_next_on_its_weekday_and_never_repeats(
    tz: str, weekday: int, at: time, after: datetime
) -> None:
    schedule = weekly(tz, weekday, at.replace(microsecond=0, tzinfo=None))
    moment = after.replace(tzinfo=UTC)
    slot = schedule.next_slot(moment)
    assert slot is not None and moment < slot <= moment + timedelta(days=8)
    assert local(slot, tz).weekday() == weekday
    assert schedule.latest_slot(slot) == slot
    following = schedule.next_slot(slot)
    assert following is not None and following - slot > timedelta(days=6)
