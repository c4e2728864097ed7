"""The Slack side of looking people up: `users.info` with the locale."""

from __future__ import annotations

from collections.abc import Callable
from logging import Logger

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.deps import Deps
from bot.forms.users import SlackUser, parse_user_info
from bot.services.people import locale_for


def user_fetcher(client: WebClient, logger: Logger) -> Callable[[str], SlackUser | None]:
    """A `users.info` lookup that answers None (and logs) when Slack cannot say."""

    def fetch(user_id: str) -> SlackUser | None:
        try:
            response = client.users_info(user=user_id, include_locale=True)
        except (SlackApiError, TimeoutError, OSError) as error:
            logger.warning("users.info failed for %s: %s", user_id, error)
            return None
        return parse_user_info(response.data) if isinstance(response.data, dict) else None

    return fetch


def user_locale(
    deps: Deps, client: WebClient, logger: Logger, *, team_id: str, user_id: str
) -> str:
    """The member's locale (cached, else users.info); the default if even that fails."""
    try:
        fetch = user_fetcher(client, logger)
        return locale_for(deps, team_id=team_id, user_id=user_id, fetch=fetch)
    except Exception:
        logger.exception("Could not resolve the locale of %s", user_id)
        return deps.settings.default_locale
