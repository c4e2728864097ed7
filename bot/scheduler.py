"""The clock: APScheduler fires a short tick; the database decides what is due (DESIGN §6).

The tick is a plain function of `now`. Any number of clocks may run at once (a deploy briefly
runs two): every piece of work is a row claimed in the database, so none is done twice.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import UTC, datetime

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.deps import Deps
from bot.services import away, checkins, delivery, digest, reevaluation, reminders
from bot.services.delivery import DeliveryReport, SenderFor

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TickReport:
    """What one pass did: KPIs whose slot came, check-ins asked, jobs delivered."""

    slots: int
    asked: checkins.AskReport
    delivered: DeliveryReport
    reminded: reminders.RemindReport | None = None


# Passes after the first, for work the previous pass made due (see run_tick).
FOLLOW_UP_PASSES = 3


def run_tick(
    deps: Deps, *, sender_for: SenderFor, now: datetime, stop: threading.Event | None = None
) -> TickReport:
    """One pass: today's housekeeping, re-evaluations and weekly digests made due; KPIs whose
    slot has come turned into check-ins; people back from away given their latest one; those
    asked; asked ones reminded (or missed); whatever else is due delivered."""
    delivery.schedule_housekeeping(deps, now=now)
    reevaluation.schedule_daily(deps, now=now)
    digest.schedule_digests(deps, now=now)
    slots = checkins.materialise_due(deps, now=now)
    away.welcome_back_due(deps, now=now)
    asked = checkins.ask_due(deps, sender_for=sender_for, now=now, stop=stop)
    reminded = reminders.remind_due(deps, sender_for=sender_for, now=now, stop=stop)
    report = delivery.deliver_due(deps, sender_for=sender_for, now=now, stop=stop)
    # What a pass did can make more work due now (a re-evaluation's messages, a post's
    # thread): a few more passes deliver it in this tick rather than the next.
    for _ in range(FOLLOW_UP_PASSES):
        if not report.done or (stop is not None and stop.is_set()):
            break
        more = delivery.deliver_due(deps, sender_for=sender_for, now=now, stop=stop)
        if not more.claimed:
            break
        report.add(more)
    if slots or asked.claimed:
        logger.info(
            "Tick at %s: %d KPI slots, %d check-ins asked, %d to retry, %d owners gone",
            now.isoformat(timespec="seconds"),
            slots,
            asked.asked,
            asked.retrying,
            asked.owners_gone,
        )
    if report.claimed:
        logger.info(
            "Tick at %s: %d claimed, %d done, %d to retry, %d failed, %d paused, %d released",
            now.isoformat(timespec="seconds"),
            report.claimed,
            report.done,
            report.retrying,
            report.failed,
            report.paused,
            report.released,
        )
    if reminded.claimed:
        logger.info(
            "Tick at %s: %d reminders, %d snoozes over, %d missed, %d waiting",
            now.isoformat(timespec="seconds"),
            reminded.reminded,
            reminded.snoozes_over,
            reminded.missed,
            reminded.waiting,
        )
    return TickReport(slots, asked, report, reminded)


def build_scheduler(
    deps: Deps, *, sender_for: SenderFor, stop: threading.Event
) -> BlockingScheduler:
    """A scheduler that runs the tick every CHECKIN_TICK_SECONDS, the first one at once."""
    seconds = deps.settings.checkin_tick_seconds
    scheduler = BlockingScheduler(
        timezone=UTC,
        job_defaults={
            "coalesce": True,  # a late clock runs one tick, not one per missed interval
            "max_instances": 1,  # a slow tick is never overlapped by the next
            "misfire_grace_time": seconds,
        },
    )
    scheduler.add_job(
        lambda: run_tick(deps, sender_for=sender_for, now=deps.clock(), stop=stop),
        IntervalTrigger(seconds=seconds, timezone=UTC),
        id="tick",
        next_run_time=datetime.now(UTC),
        replace_existing=True,
    )
    return scheduler
