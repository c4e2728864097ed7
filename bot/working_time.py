"""When a person may be asked: working days and hours in their time zone, minus public holidays.

Pure and deterministic (time is an argument). Every rule of the check-in engine that keeps a
DM from someone at night, on a weekend or on a holiday goes through `WorkingTime`: it only ever
answers *when* the next allowed instant is, and the engine moves `next_attempt_at` there.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Final
from zoneinfo import ZoneInfo

import holidays as holiday_data

# A year and a bit: far enough to find the next working instant of any sane calendar.
_HORIZON_DAYS: Final = 400

# The country whose public holidays apply when the settings do not name one, by the
# workspace's time zone (the zones the settings offer, and their neighbours).
ZONE_COUNTRIES: Final[dict[str, str]] = {
    "Europe/Paris": "FR",
    "Europe/Brussels": "BE",
    "Europe/Zurich": "CH",
    "Europe/Luxembourg": "LU",
    "Europe/Monaco": "MC",
    "Europe/London": "GB",
    "Europe/Dublin": "IE",
    "Europe/Berlin": "DE",
    "Europe/Madrid": "ES",
    "Europe/Rome": "IT",
    "Europe/Lisbon": "PT",
    "Europe/Amsterdam": "NL",
    "Africa/Casablanca": "MA",
    "Africa/Tunis": "TN",
    "Africa/Algiers": "DZ",
    "Africa/Dakar": "SN",
    "Africa/Abidjan": "CI",
    "Africa/Douala": "CM",
    "America/Montreal": "CA",
    "America/Toronto": "CA",
    "America/Vancouver": "CA",
    "America/Edmonton": "CA",
    "America/Halifax": "CA",
    "America/Winnipeg": "CA",
    "America/New_York": "US",
    "America/Chicago": "US",
    "America/Denver": "US",
    "America/Phoenix": "US",
    "America/Los_Angeles": "US",
    "America/Anchorage": "US",
    "Pacific/Honolulu": "US",
    "Indian/Reunion": "FR",
    "Pacific/Noumea": "FR",
    "Pacific/Tahiti": "FR",
    "America/Guadeloupe": "FR",
    "America/Martinique": "FR",
}


def holidays_country(setting: str | None, workspace_tz: str | None) -> str | None:
    """The country whose holidays apply: the settings' choice, else the time zone's, else none."""
    if setting:
        return setting.upper()
    return ZONE_COUNTRIES.get(workspace_tz or "")


@lru_cache(maxsize=64)
def _calendar(country: str) -> holiday_data.HolidayBase | None:
    try:
        return holiday_data.country_holidays(country)
    except NotImplementedError:  # a code the package does not know: no holidays, not a crash
        return None


@dataclass(frozen=True)
class PublicHolidays(Container[date]):
    """A country's public holidays (`day in PublicHolidays("FR")`); empty without a country."""

    country: str | None

    def __contains__(self, day: object) -> bool:
        if self.country is None or not isinstance(day, date):
            return False
        found = _calendar(self.country)
        return found is not None and day in found

    def name(self, day: date) -> str | None:
        """The holiday's name on `day` (in the package's language), or None."""
        found = _calendar(self.country) if self.country else None
        return found.get(day) if found is not None else None


NO_HOLIDAYS: Final = PublicHolidays(None)


@dataclass(frozen=True)
class WorkingTime:
    """Working days and hours in one time zone, public holidays off."""

    tz: str
    start: time = time(9, 0)
    end: time = time(18, 0)
    days: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # 0 = Monday
    holidays: Container[date] = field(default=NO_HOLIDAYS)

    @classmethod
    def of(
        cls,
        *,
        tz: str,
        start: time | None,
        end: time | None,
        days: Iterable[int] | None,
        country: str | None,
    ) -> WorkingTime:
        """Build from the workspace's settings (None: the defaults, 9:00–18:00, Monday–Friday)."""
        return cls(
            tz=tz,
            start=start or time(9, 0),
            end=end or time(18, 0),
            days=frozenset(days) if days else frozenset({0, 1, 2, 3, 4}),
            holidays=PublicHolidays(country),
        )

    @property
    def zone(self) -> ZoneInfo:
        """The time zone the hours are read in."""
        return ZoneInfo(self.tz)

    def is_holiday(self, day: date) -> bool:
        """Whether `day` is a public holiday."""
        return day in self.holidays

    def is_working_day(self, day: date) -> bool:
        """A working weekday that is not a public holiday."""
        return day.weekday() in self.days and day not in self.holidays

    def _window(self, day: date) -> tuple[datetime, datetime]:
        zone = self.zone
        opens = datetime.combine(day, self.start, tzinfo=zone).astimezone(UTC)
        closes = datetime.combine(day, self.end, tzinfo=zone).astimezone(UTC)
        return opens, closes

    def _broken(self) -> bool:
        # Settings the form refuses (no day, hours that end before they start): never block.
        return not self.days or self.start >= self.end

    def is_working(self, at: datetime) -> bool:
        """Whether `at` falls inside working hours of a working day, in this time zone."""
        if self._broken():
            return True
        day = at.astimezone(self.zone).date()
        if not self.is_working_day(day):
            return False
        opens, closes = self._window(day)
        return opens <= at < closes

    def next_working(self, at: datetime) -> datetime:
        """`at` itself inside working time, else the instant working time next begins."""
        if self._broken():
            return at
        day = at.astimezone(self.zone).date()
        for offset in range(_HORIZON_DAYS):
            candidate = day + timedelta(days=offset)
            if not self.is_working_day(candidate):
                continue
            opens, closes = self._window(candidate)
            if at < opens:
                return opens
            if at < closes:
                return at
        return at

    def next_morning(self, after: datetime) -> datetime:
        """The start of the first working day after the local day of `after` (a reminder's
        time: the next working morning, whatever the hour `after` is)."""
        if self._broken():
            return after + timedelta(days=1)
        day = after.astimezone(self.zone).date()
        for offset in range(1, _HORIZON_DAYS):
            candidate = day + timedelta(days=offset)
            if self.is_working_day(candidate):
                return self._window(candidate)[0]
        return after + timedelta(days=1)

    def next_working_day_at(self, day: date, local: time) -> datetime:
        """`local` on the first working day from `day` on, pulled into working hours."""
        for offset in range(_HORIZON_DAYS):
            candidate = day + timedelta(days=offset)
            if self.is_working_day(candidate):
                return self.next_working(
                    datetime.combine(candidate, local, tzinfo=self.zone).astimezone(UTC)
                )
        return datetime.combine(day, local, tzinfo=self.zone).astimezone(UTC)

    def inside(self, weekday: int, local: time) -> bool:
        """Whether a weekly slot (weekday, local time) falls in working time."""
        return weekday in self.days and self.start <= local < self.end

    def fit(self, weekday: int, local: time) -> tuple[int, time]:
        """The first working slot at or after (weekday, local time) in the week: the same
        time on the next working day when the day is off, the opening time when the time is
        outside the hours (a later time moves to the next working day's opening)."""
        if self._broken() or self.inside(weekday, local):
            return weekday, local
        if weekday in self.days and local < self.start:
            return weekday, self.start
        keep = local if self.start <= local < self.end else self.start
        day = weekday
        for _ in range(7):
            day = (day + 1) % 7
            if day in self.days:
                return day, keep
        return weekday, local


__all__ = [
    "NO_HOLIDAYS",
    "PublicHolidays",
    "WorkingTime",
    "ZONE_COUNTRIES",
    "holidays_country",
]
