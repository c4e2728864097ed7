"""Who a Slack user is to the app: their locale and time zone, cached from `users.info`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from bot.deps import Deps
from bot.domain import SlackUser, known_zone
from bot.i18n import resolve_locale
from bot.slack.sender import SlackCallError
from bot.store import repo
from bot.store.db import read_scope, session_scope

logger = logging.getLogger(__name__)

# users.info is refreshed on `user_change` events; this bounds staleness when an event is lost.
PERSON_CACHE_TTL = timedelta(days=7)


def cached_locale(deps: Deps, *, team_id: str, user_id: str) -> str | None:
    """The user's catalogue locale if their profile is cached and fresh, else None (one read)."""
    now = deps.clock()
    known = deps.locales.get((team_id, user_id), now=now)
    if known is not None:
        return known
    with read_scope(deps.session_factory) as session:
        facts = repo.get_person_locale(session=session, team_id=team_id, user_id=user_id)
    if facts is None or facts.refreshed_at < now - PERSON_CACHE_TTL:
        return None
    locale = resolve_locale(facts.locale, facts.workspace_locale or deps.settings.default_locale)
    deps.locales.put((team_id, user_id), locale, now=now)
    return locale


def remember_user(deps: Deps, *, team_id: str, user: SlackUser) -> None:
    """Store (or refresh) what users.info said about a user."""
    with session_scope(deps.session_factory) as session:
        repo.upsert_person(
            session=session,
            team_id=team_id,
            user_id=user.user_id,
            tz=user.tz,
            locale=user.locale,
            is_bot=user.is_bot,
            is_admin=user.is_admin,
            is_owner=user.is_owner,
            deleted=user.deleted,
            refreshed_at=deps.clock(),
        )


def locale_for(
    deps: Deps, *, team_id: str, user_id: str, fetch: Callable[[str], SlackUser | None]
) -> str:
    """The user's locale: the cache, else `fetch` (users.info) cached, else the workspace default."""
    locale = cached_locale(deps, team_id=team_id, user_id=user_id)
    if locale is not None:
        return locale
    user = fetch(user_id)
    if user is not None:
        remember_user(deps, team_id=team_id, user=user)
    with read_scope(deps.session_factory) as session:
        workspace = repo.get_workspace(session=session, team_id=team_id)
    default = (workspace.default_locale if workspace else None) or deps.settings.default_locale
    return resolve_locale(user.locale if user else None, default)


def locale_or_default(
    deps: Deps, *, team_id: str, user_id: str, fetch: Callable[[str], SlackUser | None]
) -> str:
    """`locale_for`, or the default locale when Slack could not be asked."""
    try:
        return locale_for(deps, team_id=team_id, user_id=user_id, fetch=fetch)
    except SlackCallError as error:
        logger.warning("Could not resolve the locale of %s: %s", user_id, error)
        return deps.settings.default_locale


def quick_locale(deps: Deps, *, team_id: str, user_id: str) -> str:
    """The best locale known without asking Slack (even a stale one): for paths that must
    open a modal within the trigger's 3 seconds."""
    fresh = cached_locale(deps, team_id=team_id, user_id=user_id)
    if fresh is not None:
        return fresh
    with read_scope(deps.session_factory) as session:
        facts = repo.get_person_locale(session=session, team_id=team_id, user_id=user_id)
    default = (facts.workspace_locale if facts else None) or deps.settings.default_locale
    return resolve_locale(facts.locale if facts else None, default)


def person_tz(deps: Deps, *, team_id: str, user_id: str) -> str:
    """The member's time zone as last cached, else the workspace's, else UTC."""
    with read_scope(deps.session_factory) as session:
        person = repo.get_person(session=session, team_id=team_id, user_id=user_id)
        own = known_zone(person.tz) if person and person.tz else None
        if own is not None:
            return own
        workspace = repo.get_workspace(session=session, team_id=team_id)
    shared = known_zone(workspace.tz) if workspace and workspace.tz else None
    return shared or "UTC"
