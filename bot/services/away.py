"""Away periods: `/smm away until DATE`, `/smm back`, and the one summary on return.

While a person is away their check-ins are excused (the ask and reminder passes see it). When
they come back (by `/smm back`, or when the date passes, found by the tick) the latest skipped
check-in is asked again with one line saying how many were skipped; the others stay excused.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.blocks import Message
from bot.blocks.kit import mrkdwn_section
from bot.deps import Deps
from bot.domain import JobKind
from bot.i18n import Translator, resolve_locale
from bot.services.checkins import AWAY, AWAY_RETURN, zone_of
from bot.services.delivery import message_payload
from bot.store import outbox, repo
from bot.store.db import Session, read_scope, session_scope
from bot.working_time import WorkingTime, holidays_country

TOLD = "away_told"  # an away check-in counted in a return summary


class AwayDateInPast(ValueError):
    """The last day away has already passed."""


def parse_until(words: tuple[str, ...]) -> date | None:
    """`until 2026-07-31` (or just the date) → the date; None when there is no date to read."""
    rest = [w for w in words if w.lower() not in {"until", "jusqu'au", "jusqu’au", "au"}]
    if len(rest) != 1:
        return None
    try:
        return date.fromisoformat(rest[0])
    except ValueError:
        return None


def local_zone(deps: Deps, *, team_id: str, user_id: str) -> str:
    """The person's time zone (else the workspace's)."""
    with read_scope(deps.session_factory) as session:
        person = repo.get_person(session=session, team_id=team_id, user_id=user_id)
        workspace = repo.get_workspace(session=session, team_id=team_id)
    return zone_of(person.tz if person else None, workspace.tz if workspace else None)


def go_away(deps: Deps, *, team_id: str, user_id: str, last_day: date) -> date:
    """Mark the person away through `last_day` (their local day, included); the date back.
    `AwayDateInPast` for a day already gone."""
    zone = ZoneInfo(local_zone(deps, team_id=team_id, user_id=user_id))
    now = deps.clock()
    if last_day < now.astimezone(zone).date():
        raise AwayDateInPast(last_day.isoformat())
    back = datetime.combine(last_day + timedelta(days=1), time(0, 0), tzinfo=zone).astimezone(UTC)
    with session_scope(deps.session_factory) as session:
        repo.set_away(session=session, team_id=team_id, user_id=user_id, until=back)
    return last_day


def come_back(deps: Deps, *, team_id: str, user_id: str) -> bool:
    """End the person's time away now (their latest skipped check-in comes at once); False
    when they were not away."""
    now = deps.clock()
    with session_scope(deps.session_factory) as session:
        if not repo.end_away(session=session, team_id=team_id, user_id=user_id):
            return False
        _welcome(session, team_id=team_id, user_id=user_id, now=now)
    return True


def welcome_back_due(deps: Deps, *, now: datetime) -> int:
    """Everyone whose time away has ended gets their summary and latest check-in; how many."""
    count = 0
    with session_scope(deps.session_factory) as session:
        for team_id, user_id, until in repo.returns_due(session=session, now=now):
            # Conditional on the date read: a second clock finds it cleared and does nothing.
            if repo.end_away(session=session, team_id=team_id, user_id=user_id, expected=until):
                _welcome(session, team_id=team_id, user_id=user_id, now=now)
                count += 1
    return count


def _welcome(session: Session, *, team_id: str, user_id: str, now: datetime) -> None:
    skipped = repo.away_excused(
        session=session, team_id=team_id, owner_user_id=user_id, reason=AWAY
    )
    if not skipped:
        return
    ids = [checkin_id for checkin_id, _kpi, _slot in skipped]
    repo.mark_excused(session=session, checkin_ids=ids, reason=TOLD)
    latest = ids[-1]
    note = f"{AWAY_RETURN}{len(ids)}"
    if repo.revive_checkin(session=session, checkin_id=latest, note=note, now=now):
        return  # the check-in's DM carries the summary (the ask pass keeps it in working time)
    # A later slot came since (nothing to revive): the summary alone.
    person = repo.get_person(session=session, team_id=team_id, user_id=user_id)
    workspace = repo.get_workspace(session=session, team_id=team_id)
    t = Translator(
        resolve_locale(
            person.locale if person else None, workspace.default_locale if workspace else "en"
        )
    )
    key = "checkin.away_return.one" if len(ids) == 1 else "checkin.away_return.many"
    text = t(key, count=len(ids))
    # The return may be found at night (the date passed at midnight): the summary waits for
    # the person's working time, like every other DM of theirs.
    hours = WorkingTime.of(
        tz=zone_of(person.tz if person else None, workspace.tz if workspace else None),
        start=workspace.working_hours_start if workspace else None,
        end=workspace.working_hours_end if workspace else None,
        days=workspace.working_days if workspace else None,
        country=holidays_country(
            workspace.holidays_country if workspace else None, workspace.tz if workspace else None
        ),
    )
    outbox.enqueue_job(
        session=session,
        team_id=team_id,
        kind=JobKind.AWAY_SUMMARY,
        subject_id=f"away:{user_id}",
        occurrence=now,
        payload=message_payload(Message(text=text, blocks=[mrkdwn_section(text)]), channel=user_id),
        due_at=hours.next_working(now),
        at=now,
    )


__all__ = [
    "AwayDateInPast",
    "come_back",
    "go_away",
    "local_zone",
    "parse_until",
    "welcome_back_due",
]
