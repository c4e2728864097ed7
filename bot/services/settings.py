"""Workspace settings (`/smm settings`): who may change them, what they are, saving them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from bot.deps import Deps
from bot.domain import SlackUser, WorkspaceSettings, known_zone
from bot.services import review
from bot.services.errors import NotAllowed
from bot.services.people import PERSON_CACHE_TTL, remember_user
from bot.store import repo
from bot.store.db import Session, read_scope, session_scope


class Access(StrEnum):
    """Whether a person may open and save the workspace's settings."""

    ALLOWED = "allowed"
    NOT_A_LEAD = "not_a_lead"  # team leads are set and this person is not one of them
    NOT_ALLOWED = "not_allowed"  # no leads yet; neither an assessment owner nor an admin/owner
    UNKNOWN = "unknown"  # only their Slack role could allow them, and it is not cached: ask Slack


@dataclass(frozen=True)
class SettingsAccess:
    """A person's access to the settings, and the team leads a refusal names."""

    access: Access
    lead_user_ids: tuple[str, ...] = ()

    @property
    def allowed(self) -> bool:
        """Whether the person may change the settings."""
        return self.access is Access.ALLOWED


def _access(deps: Deps, session: Session, *, team_id: str, user_id: str) -> SettingsAccess:
    facts = repo.settings_facts(session=session, team_id=team_id, user_id=user_id)
    leads = facts.team_lead_user_ids
    if leads:
        # Once leads are set they alone decide: an admin who is not one of them is refused.
        return SettingsAccess(Access.ALLOWED if user_id in leads else Access.NOT_A_LEAD, leads)
    if facts.owns_assessment or facts.is_admin or facts.is_owner:
        return SettingsAccess(Access.ALLOWED)
    fresh = facts.refreshed_at is not None and facts.refreshed_at >= deps.clock() - PERSON_CACHE_TTL
    return SettingsAccess(Access.NOT_ALLOWED if fresh else Access.UNKNOWN)


def access(deps: Deps, *, team_id: str, user_id: str) -> SettingsAccess:
    """The person's access from what the database knows (one read, no Slack call)."""
    with read_scope(deps.session_factory) as session:
        return _access(deps, session, team_id=team_id, user_id=user_id)


def check_access(
    deps: Deps, *, team_id: str, user_id: str, fetch: Callable[[str], SlackUser | None]
) -> SettingsAccess:
    """The person's access, asking Slack (`fetch`, cached) when their role is not known."""
    found = access(deps, team_id=team_id, user_id=user_id)
    if found.access is not Access.UNKNOWN:
        return found
    user = fetch(user_id)
    if user is None:
        return SettingsAccess(Access.NOT_ALLOWED)
    remember_user(deps, team_id=team_id, user=user)
    found = access(deps, team_id=team_id, user_id=user_id)
    # Just cached: still unknown only if the clock says the fresh profile is stale.
    return found if found.access is not Access.UNKNOWN else SettingsAccess(Access.NOT_ALLOWED)


def current_settings(deps: Deps, *, team_id: str, user_id: str) -> WorkspaceSettings:
    """The workspace's settings; for a workspace without any yet, the defaults in the opener's
    time zone."""
    with read_scope(deps.session_factory) as session:
        person = repo.get_person(session=session, team_id=team_id, user_id=user_id)
        zone = known_zone(person.tz) if person and person.tz else None
        return repo.workspace_settings(
            session=session,
            team_id=team_id,
            default_tz=zone or "UTC",
            default_locale=deps.settings.default_locale,
        )


def save_settings(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    settings: WorkspaceSettings,
    delivery_key: str,
    fetch: Callable[[str], SlackUser | None],
) -> bool:
    """Write the settings if the person may (checked again, in the writing transaction); False
    for a repeat delivery. Raises `NotAllowed` (with the leads) when they may not: nothing is
    written then."""
    check_access(deps, team_id=team_id, user_id=user_id, fetch=fetch)  # caches their role
    now = deps.clock()
    with session_scope(deps.session_factory) as session:
        # A repeat first: the first delivery may have just made someone else the only lead.
        if not repo.remember_request(session=session, team_id=team_id, key=delivery_key, at=now):
            return False
        found = _access(deps, session, team_id=team_id, user_id=user_id)
        if not found.allowed:  # the rollback forgets the key too
            raise NotAllowed(found.access.value, found.lead_user_ids)
        repo.save_workspace_settings(
            session=session, team_id=team_id, settings=settings, by_user_id=user_id, at=now
        )
        # A review channel fixed: what it refused is posted now.
        review.post_unposted(session, team_id=team_id, now=now)
    return True
