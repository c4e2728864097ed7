"""Who a Slack user is to the app: their locale and time zone, cached from `users.info`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from bot.deps import Deps
from bot.forms.users import SlackUser
from bot.i18n import resolve_locale
from bot.store import repo
from bot.store.db import session_scope

# users.info is refreshed on `user_change` events; this bounds staleness when an event is lost.
PERSON_CACHE_TTL = timedelta(days=7)


def cached_locale(deps: Deps, *, team_id: str, user_id: str) -> str | None:
    """The user's catalogue locale if their profile is cached and fresh, else None (one read)."""
    with session_scope(deps.session_factory) as session:
        person = repo.get_person(session=session, team_id=team_id, user_id=user_id)
        if person is None or person.refreshed_at < deps.clock() - PERSON_CACHE_TTL:
            return None
        default = _workspace_locale(deps, session=session, team_id=team_id)
        return resolve_locale(person.locale, default)


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
    with session_scope(deps.session_factory) as session:
        default = _workspace_locale(deps, session=session, team_id=team_id)
    return resolve_locale(user.locale if user else None, default)


def _workspace_locale(deps: Deps, *, session: repo.Session, team_id: str) -> str:
    workspace = repo.get_workspace(session=session, team_id=team_id)
    if workspace is not None and workspace.default_locale:
        return workspace.default_locale
    return deps.settings.default_locale
