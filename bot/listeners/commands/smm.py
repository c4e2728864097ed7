"""`/smm`: acknowledge at once, then answer in the user's language from a lazy listener."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.blocks.help import build_help
from bot.deps import Deps
from bot.forms.command import parse_command
from bot.i18n import Translator
from bot.listeners.people import user_fetcher
from bot.services.people import locale_for


def ack_smm_command(ack: Ack) -> None:
    """Acknowledge within Slack's 3 seconds; the answer follows from the lazy listener."""
    ack()


def answer_smm_command(
    body: dict[str, Any],
    client: WebClient,
    context: BoltContext,
    respond: Respond,
    logger: Logger,
    deps: Deps,
) -> None:
    """Reply to `/smm <text>` with an ephemeral message in the user's language."""
    team_id, user_id = context.team_id or "", context.user_id or ""
    request = parse_command(body.get("text", ""))
    try:
        locale = locale_for(
            deps, team_id=team_id, user_id=user_id, fetch=user_fetcher(client, logger)
        )
    except Exception:
        logger.exception("Could not resolve the locale of %s", user_id)
        locale = deps.settings.default_locale
    message = build_help(Translator(locale), unknown=request.unknown, suggestion=request.suggestion)
    respond(text=message.text, blocks=message.blocks, response_type="ephemeral")
