"""Working days and hours in the owner's time zone, public holidays off: a due check-in waits
for the next working instant, across daylight-saving changes, weekends and holidays."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings, strategies as st

from bot.working_time import PublicHolidays, WorkingTime, holidays_country

PARIS, NEW_YORK, TOKYO, SYDNEY = (
    "Europe/Paris",
    "America/New_York",
    "Asia/Tokyo",
    "Australia/Sydney",
)


def local(moment: datetime, tz: str) -> datetime:
    return moment.astimezone(ZoneInfo(tz))


def test_a_saturday_question_waits_for_monday_morning() -> None:
    hours = WorkingTime(PARIS)
    saturday = datetime(2026, 6, 6, 10, 0, tzinfo=ZoneInfo(PARIS))
    moved = hours.next_working(saturday.astimezone(UTC))
    assert local(moved, PARIS).strftime("%A %H:%M") == "Monday 09:00"


def test_a_question_at_night_waits_for_the_morning_and_one_in_hours_goes_at_once() -> None:
    hours = WorkingTime(NEW_YORK)
    night = datetime(2026, 6, 3, 22, 30, tzinfo=ZoneInfo(NEW_YORK)).astimezone(UTC)
    assert local(hours.next_working(night), NEW_YORK).strftime("%a %H:%M") == "Thu 09:00"
    noon = datetime(2026, 6, 3, 12, 0, tzinfo=ZoneInfo(NEW_YORK)).astimezone(UTC)
    assert hours.next_working(noon) == noon


@pytest.mark.parametrize(
    "country, tz, holiday, next_day",
    [
        pytest.param("FR", PARIS, date(2026, 7, 14), "Wednesday 15 July", id="bastille-day"),
        pytest.param("US", NEW_YORK, date(2025, 7, 4), "Monday 07 July", id="independence-day"),
    ],
)
def test_a_public_holiday_is_not_a_working_day(
    country: str, tz: str, holiday: date, next_day: str
) -> None:
    hours = WorkingTime(tz, holidays=PublicHolidays(country))
    assert hours.is_holiday(holiday) and not hours.is_working_day(holiday)
    moment = datetime.combine(holiday, time(10, 0), tzinfo=ZoneInfo(tz)).astimezone(UTC)
    assert local(hours.next_working(moment), tz).strftime("%A %d %B") == next_day


def test_the_holidays_country_comes_from_the_settings_else_the_time_zone_else_none() -> None:
    assert holidays_country("us", PARIS) == "US"
    assert holidays_country(None, PARIS) == "FR"
    assert holidays_country(None, "Asia/Kathmandu") is None


def test_the_next_morning_skips_the_weekend_and_holidays() -> None:
    hours = WorkingTime(PARIS, holidays=PublicHolidays("FR"))
    friday = datetime(2026, 7, 10, 16, 0, tzinfo=ZoneInfo(PARIS)).astimezone(UTC)
    first = hours.next_morning(friday)  # Monday 13 July
    second = hours.next_morning(first)  # Tuesday 14 July is Bastille Day: Wednesday
    assert local(first, PARIS).strftime("%a %d %H:%M") == "Mon 13 09:00"
    assert local(second, PARIS).strftime("%a %d %H:%M") == "Wed 15 09:00"


def test_the_morning_after_a_spring_forward_is_nine_local() -> None:
    hours = WorkingTime(PARIS, days=frozenset(range(7)))
    saturday = datetime(2026, 3, 28, 12, 0, tzinfo=ZoneInfo(PARIS)).astimezone(UTC)
    sunday = hours.next_morning(saturday)
    assert sunday == datetime(2026, 3, 29, 7, 0, tzinfo=UTC)  # 9:00 CEST


@pytest.mark.parametrize(
    "weekday, at, expected",
    [
        pytest.param(5, time(10, 0), (0, time(10, 0)), id="saturday-to-monday-same-time"),
        pytest.param(1, time(8, 0), (1, time(9, 0)), id="early-to-opening"),
        pytest.param(4, time(19, 0), (0, time(9, 0)), id="late-friday-to-monday-opening"),
        pytest.param(2, time(11, 0), (2, time(11, 0)), id="inside-stays"),
    ],
)
def test_a_weekly_slot_outside_working_time_fits_into_the_next_working_slot(
    weekday: int, at: time, expected: tuple[int, time]
) -> None:
    assert WorkingTime(PARIS).fit(weekday, at) == expected


ZONES = st.sampled_from([PARIS, NEW_YORK, TOKYO, SYDNEY, "UTC", "America/Sao_Paulo"])
HOURS = st.tuples(st.integers(0, 22), st.integers(1, 23)).filter(lambda h: h[0] < h[1])
DAYS = st.frozensets(st.integers(0, 6), min_size=1)
# Around the 2026 daylight-saving changes of both hemispheres.
INSTANTS = st.datetimes(
    min_value=datetime(2026, 3, 1), max_value=datetime(2026, 11, 30), timezones=st.just(UTC)
)


@settings(max_examples=300, deadline=None)
@given(tz=ZONES, hours=HOURS, days=DAYS, at=INSTANTS, country=st.sampled_from([None, "FR", "US"]))
def test_the_next_working_instant_is_never_earlier_always_working_and_the_first_one(
    tz: str, hours: tuple[int, int], days: frozenset[int], at: datetime, country: str | None
) -> None:
    wt = WorkingTime(tz, time(hours[0]), time(hours[1]), days, PublicHolidays(country))
    moved = wt.next_working(at)
    assert moved >= at
    assert wt.is_working(moved)
    # Nothing working in between: sampled each 20 minutes (working time starts on the hour).
    probe = at
    while probe + timedelta(minutes=20) < moved:
        probe += timedelta(minutes=20)
        assert not wt.is_working(probe)
    morning = wt.next_morning(at)
    assert wt.is_working(morning)
    assert local(morning, tz).date() > local(at, tz).date()
    assert local(morning, tz).time() >= time(hours[0])
