"""The Slack side of looking people up: `users.info` with the locale."""

from __future__ import annotations

from collections.abc import Callable
from logging import Logger
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.deps import Deps
from bot.domain import SlackUser
from bot.forms.users import parse_user_info
from bot.i18n import Translator
from bot.services.people import locale_for

# users.info errors that mean "no such person here", as opposed to Slack failing to answer.
_NO_SUCH_USER = frozenset({"user_not_found", "user_not_visible", "account_inactive"})


def user_fetcher(client: WebClient, logger: Logger) -> Callable[[str], SlackUser | None]:
    """A `users.info` lookup: None when Slack says there is no such person; Slack's other
    failures (429, 5xx, timeouts) raise, so a caller can tell "unknown" from "not answered"."""

    def fetch(user_id: str) -> SlackUser | None:
        try:
            response = client.users_info(user=user_id, include_locale=True)
        except SlackApiError as error:
            if error.response.get("error") not in _NO_SUCH_USER:
                raise
            logger.info("users.info: %s for %s", error.response.get("error"), user_id)
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


# What views.open answers when the trigger (valid 3 seconds, usable once) is no longer good.
_STALE_TRIGGER = frozenset({"expired_trigger_id", "exchanged_trigger_id", "invalid_trigger_id"})


def open_modal(
    client: WebClient,
    logger: Logger,
    *,
    trigger_id: str,
    view: dict[str, Any],
    user_id: str,
    t: Translator,
) -> None:
    """Open a modal; when Slack says the trigger went stale, tell the person to try again
    rather than leave them waiting for a modal that will not come."""
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except SlackApiError as error:
        if error.response.get("error") not in _STALE_TRIGGER:
            raise
        logger.warning("Could not open a modal for %s: %s", user_id, error.response["error"])
        client.chat_postMessage(channel=user_id, text=t("modal.too_slow"))
