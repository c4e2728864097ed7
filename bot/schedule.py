"""When a KPI's check-ins fall: slots in the owner's local time, stored and compared in UTC.

Pure and deterministic (time is an argument). A local time inside a spring-forward gap fires
when the gap ends (02:30 on the night Paris skips from 02:00 to 03:00 fires at 03:00); a local
time a fall-back repeats fires once, at its first occurrence; "monthly on the 31st" (or the
29th, 30th) falls on the last day of shorter months.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from bot.domain import Cadence

LAST_DAY_OF_MONTH: Final = 31
# Far enough to find the next slot of any cadence (a month has at most 31 days).
_HORIZON_DAYS: Final = 40


@dataclass(frozen=True)
class Schedule:
    """A KPI's rhythm: the cadence, its day, the local time, the time zone, and the day it
    starts (every-two-weeks check-ins count their weeks from it)."""

    cadence: Cadence
    weekday: int  # 0 = Monday: weekly and every two weeks
    day_of_month: int | None  # 1–31 (31: the last day): monthly
    local_time: time
    tz: str
    start: date
    deadline: date | None = None  # no slot falls after this local day

    def _falls_on(self, day: date) -> bool:
        if self.cadence is Cadence.MONTHLY:
            wanted = min(self.day_of_month or 1, calendar.monthrange(day.year, day.month)[1])
            return day.day == wanted
        if day.weekday() != self.weekday:
            return False
        if self.cadence is Cadence.BIWEEKLY:
            # Weeks counted from the start's week: the first slot is in the start's week (or
            # the week after, when its weekday had passed), then every other week.
            first = self.start + timedelta(days=(self.weekday - self.start.weekday()) % 7)
            return (day - first).days % 14 == 0
        return True

    def at(self, day: date) -> datetime:
        """The UTC instant of the slot on local `day` (gaps and folds as the module says)."""
        zone = ZoneInfo(self.tz)
        local = datetime.combine(day, self.local_time, tzinfo=zone)  # fold=0: the first one
        moment = local.astimezone(UTC)
        if moment.astimezone(zone).replace(tzinfo=None) == local.replace(tzinfo=None):
            return moment
        # The wall time does not exist (a spring-forward gap): fire when the gap ends, the
        # instant the offset changes, found between the two readings of that wall time.
        low = local.replace(fold=1).astimezone(UTC)  # read with the offset after the change
        high = moment  # read with the offset before it
        while high - low > timedelta(seconds=1):
            middle = low + (high - low) / 2
            if middle.astimezone(zone).utcoffset() == low.astimezone(zone).utcoffset():
                low = middle
            else:
                high = middle
        return high.replace(microsecond=0)

    def next_slot(self, after: datetime) -> datetime | None:
        """The first slot strictly after `after`; None once the deadline has passed."""
        day = max(after.astimezone(ZoneInfo(self.tz)).date(), self.start)
        for offset in range(_HORIZON_DAYS):
            candidate = day + timedelta(days=offset)
            if self.deadline is not None and candidate > self.deadline:
                return None
            if self._falls_on(candidate) and (slot := self.at(candidate)) > after:
                return slot
        return None

    def latest_slot(self, at_or_before: datetime) -> datetime | None:
        """The last slot at or before the instant (after downtime: the one missed check-in
        that is still worth asking), or None when there is none since the start."""
        day = at_or_before.astimezone(ZoneInfo(self.tz)).date()
        if self.deadline is not None:
            day = min(day, self.deadline)
        for offset in range(_HORIZON_DAYS):
            candidate = day - timedelta(days=offset)
            if candidate < self.start:
                return None
            if self._falls_on(candidate) and (slot := self.at(candidate)) <= at_or_before:
                return slot
        return None
