"""A person changed in Slack (`user_change`): the cached profile follows, and so do their KPIs.

A new time zone moves their KPIs' next slots to the same local time in the new zone; a
deactivation pauses their KPIs exactly as the check-in engine does on finding an owner gone.
The event's de-duplication by `event_id` happens before (bot.listeners.common.redelivery).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.deps import Deps
from bot.domain import SlackUser
from bot.services import checkins
from bot.store import repo
from bot.store.db import session_scope


@dataclass(frozen=True)
class PersonChange:
    """What a `user_change` did: whether the app knew the person (else nothing is written),
    the KPIs whose next slot moved, those paused, and the notices to send now."""

    known: bool
    moved: tuple[int, ...] = ()
    paused: tuple[int, ...] = ()
    notices: tuple[int, ...] = ()


def user_changed(deps: Deps, *, team_id: str, user: SlackUser) -> PersonChange:
    """Refresh the cached profile of `user` from what Slack just said, and follow it: a new
    time zone moves their KPIs' future slots; a deactivation pauses their KPIs and tells each
    one's author. A member the app never cached and who owns no KPI is left alone."""
    now = deps.clock()
    moved: list[int] = []
    paused: list[int] = []
    notices: list[int] = []
    with session_scope(deps.session_factory) as session:
        before = repo.get_person(session=session, team_id=team_id, user_id=user.user_id)
        owned = repo.person_kpis(session=session, team_id=team_id, owner_user_id=user.user_id)
        if before is None and not owned:
            return PersonChange(known=False)
        workspace = repo.get_workspace(session=session, team_id=team_id)
        workspace_tz = workspace.tz if workspace else None
        old_zone = checkins.zone_of(before.tz if before else None, workspace_tz)
        # An event's user object may leave a field out (the locale, a deleted member's zone):
        # what is not said is kept.
        tz = user.tz or (before.tz if before else None)
        repo.upsert_person(
            session=session,
            team_id=team_id,
            user_id=user.user_id,
            tz=tz,
            locale=user.locale or (before.locale if before else None),
            is_bot=user.is_bot,
            is_admin=user.is_admin,
            is_owner=user.is_owner,
            deleted=user.deleted,
            refreshed_at=now,
        )
        asking = [k for k in owned if not k.paused and k.next_due_at is not None]
        if user.deleted or user.is_bot:  # gone, as the check-in engine counts it
            for kpi in asking:
                assert kpi.next_due_at is not None
                job_id = checkins.owner_left(
                    session,
                    team_id=team_id,
                    owner_user_id=user.user_id,
                    kpi=kpi,
                    workspace_locale=workspace.default_locale if workspace else None,
                    occurrence=kpi.next_due_at,
                    now=now,
                )
                paused.append(kpi.kpi_id)
                if job_id is not None:
                    notices.append(job_id)
        elif checkins.zone_of(tz, workspace_tz) != old_zone:
            # Only slots still to come: one already due is the tick's to ask, where it is.
            for kpi in (k for k in asking if k.next_due_at is not None and k.next_due_at > now):
                checkins.reschedule(session=session, team_id=team_id, kpi_id=kpi.kpi_id, now=now)
                moved.append(kpi.kpi_id)
    deps.locales.forget((team_id, user.user_id))  # a new language is read from the new row
    return PersonChange(True, tuple(moved), tuple(paused), tuple(notices))


__all__ = ["PersonChange", "user_changed"]
