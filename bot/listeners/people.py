"""The Slack side of looking people up: `users.info` with the locale."""

from __future__ import annotations

from collections.abc import Callable
from logging import Logger

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.forms.users import SlackUser, parse_user_info


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
