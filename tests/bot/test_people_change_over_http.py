"""`user_change` events, signed as Slack sends them, to the real app: the person's cached row
follows, a new time zone moves their KPIs' next slots, a deactivation pauses their KPIs and
tells the author once, and an event delivered twice (same `event_id`) acts once."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime, time as clock_time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot import ids
from bot.compose import Web
from bot.i18n import Translator
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.store.models import Kpi, Person
from tests.bot.flows import ALICE, BOB, rows
from tests.bot.test_checkins_over_http import add_kpi

NEW_YORK = ZoneInfo("America/New_York")
LEFT = Translator("en")("checkin.owner_left.fallback")


def eventually(check: Callable[[], Any], timeout: float = 5.0) -> Any:
    """`check()` once it is truthy (the event is handled in a lazy listener)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError("the event was not handled in time")


def person(web: Web, user_id: str) -> Person | None:
    return next((p for p in rows(web, Person) if p.user_id == user_id), None)


def kpi_row(web: Web, kpi_id: int | None) -> Kpi:
    found: list[Kpi] = [k for k in rows(web, Kpi) if k.id == kpi_id]
    [row] = found
    return row


def next_monday_0930(zone: ZoneInfo, after: datetime) -> datetime:
    """The first Monday 09:30 in `zone` after `after`, in UTC (worked out independently of
    the app's schedule code)."""
    day = after.astimezone(zone).date()
    while True:
        slot = datetime.combine(day, clock_time(9, 30), tzinfo=zone)
        if day.weekday() == 0 and slot > after:
            return slot.astimezone(UTC)
        day += timedelta(days=1)


def notices(standin: SlackStandIn) -> list[dict[str, Any]]:
    return [m for m in standin.messages(BOB) if m["text"] == LEFT]


def test_a_new_time_zone_moves_the_next_slot_to_the_same_local_time_in_it(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi = add_kpi(slack, standin, web, ALICE)  # Mondays 09:30 in Paris
    assert kpi.next_due_at is not None
    standin.update_user(ALICE, tz="America/New_York")
    sent_at = datetime.now(UTC)
    assert slack.user_change(ALICE).status == 200
    moved = eventually(lambda: (p := person(web, ALICE)) and p.tz == "America/New_York")
    assert moved
    row = kpi_row(web, kpi.id)
    assert row.next_due_at == next_monday_0930(NEW_YORK, sent_at)
    assert row.next_due_at.astimezone(NEW_YORK).strftime("%A %H:%M") == "Monday 09:30"
    assert not row.paused
    assert notices(standin) == []


def test_a_deactivation_pauses_the_kpis_and_tells_the_author_once(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi = add_kpi(slack, standin, web, ALICE)
    standin.update_user(ALICE, deleted=True)
    assert slack.user_change(ALICE).status == 200
    [notice] = eventually(lambda: notices(standin))
    assert "U0ALICE" in json.dumps(notice) and ids.ACTION_EDIT_KPI in json.dumps(notice)
    row = kpi_row(web, kpi.id)
    assert row.paused and row.next_due_at is None
    found = person(web, ALICE)
    assert found is not None and found.deleted
    # A second deactivation event (another event_id: Slack reports each change) tells nobody again.
    assert slack.user_change(ALICE).status == 200
    time.sleep(0.5)
    assert len(notices(standin)) == 1


def test_an_event_delivered_twice_with_one_event_id_acts_once(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    kpi = add_kpi(slack, standin, web, ALICE)
    standin.update_user(ALICE, tz="America/New_York")
    assert slack.user_change(ALICE, event_id="Ev0PEOPLE01").status == 200
    eventually(lambda: (p := person(web, ALICE)) and p.tz == "America/New_York")
    first = kpi_row(web, kpi.id).next_due_at
    # The same event again (a redelivery), even carrying another zone, changes nothing.
    standin.update_user(ALICE, tz="Asia/Tokyo", deleted=True)
    assert slack.user_change(ALICE, event_id="Ev0PEOPLE01").status == 200
    time.sleep(0.5)
    found = person(web, ALICE)
    assert found is not None and (found.tz, found.deleted) == ("America/New_York", False)
    row = kpi_row(web, kpi.id)
    assert (row.next_due_at, row.paused) == (first, False)
    assert notices(standin) == []


def test_a_member_the_app_never_met_is_left_alone_and_a_malformed_user_is_harmless(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    standin.add_user("U0STRANGER", "stranger", tz="Asia/Tokyo", deleted=True)
    assert slack.user_change("U0STRANGER").status == 200
    assert slack.event({"type": "user_change", "user": "U0STRANGER"}).status == 200
    assert slack.event({"type": "user_change", "user": {"name": "no id"}}).status == 200
    time.sleep(0.5)
    assert person(web, "U0STRANGER") is None
    assert standin.messages(BOB) == [] and standin.count("chat.postMessage") == 0
    # The app still answers as before.
    assert slack.slash_command(BOB, "help").status == 200
