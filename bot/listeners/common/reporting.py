"""Lazy listeners whose failures are logged with their traceback and told to the person."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.deps import Deps
from bot.i18n import Translator
from bot.services.people import cached_locale
from bot.slack.sender import Sender

_logger = logging.getLogger(__name__)


def reported(lazy: Callable[..., None]) -> Callable[..., None]:
    """Wrap a lazy listener: Bolt would log its exception in one line and tell nobody."""

    @functools.wraps(lazy)  # Bolt reads the wrapped function's parameters (inspect.unwrap)
    def run(**kwargs: Any) -> None:
        try:
            lazy(**kwargs)
        except Exception:
            logger: logging.Logger = kwargs.get("logger") or _logger
            logger.exception("%s failed", lazy.__name__)
            _tell(kwargs, logger)

    return run


def _tell(kwargs: dict[str, Any], logger: logging.Logger) -> None:
    client, context = kwargs.get("client"), kwargs.get("context")
    if not isinstance(client, WebClient) or not isinstance(context, BoltContext):
        return
    user_id, team_id = context.user_id, context.team_id or ""
    deps: Deps | None = kwargs.get("deps") or context.get("deps")
    if user_id is None or deps is None:
        return
    try:
        locale = cached_locale(deps, team_id=team_id, user_id=user_id)
        t = Translator(locale or deps.settings.default_locale)
        Sender(client).post_message(channel=user_id, text=t("error.generic"))
    except Exception:  # Slack itself may be what failed; the traceback above says why
        logger.warning("Could not tell %s about the failure", user_id, exc_info=True)
