"""The "Share to channel" button: open the channel picker."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.blocks.share import build_share_modal
from bot.deps import Deps
from bot.forms import button_id
from bot.i18n import Translator
from bot.listeners.people import user_locale


def open_share_modal(
    body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger, deps: Deps
) -> None:
    """Ask which channel to share the recommendation in."""
    recommendation_id = button_id(body)
    if recommendation_id is None:
        return
    team_id, user_id = context.team_id or "", context.user_id or ""
    locale = user_locale(deps, client, logger, team_id=team_id, user_id=user_id)
    view = build_share_modal(Translator(locale), recommendation_id=recommendation_id, locale=locale)
    client.views_open(trigger_id=body["trigger_id"], view=view)
