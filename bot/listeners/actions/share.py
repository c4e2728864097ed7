"""The "Share to channel" button: open the channel picker."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.blocks.share import build_share_modal
from bot.deps import Deps
from bot.forms import button_id
from bot.i18n import Translator
from bot.services import assessment
from bot.services.people import quick_locale
from bot.slack.modals import open_modal
from bot.slack.sender import Sender


def open_share_modal(
    body: dict[str, Any], client: WebClient, context: BoltContext, deps: Deps
) -> None:
    """Ask which channel to share the recommendation in."""
    recommendation_id, trigger_id = button_id(body), body.get("trigger_id")
    if not isinstance(trigger_id, str):
        return
    team_id, user_id = context.team_id or "", context.user_id or ""
    locale = quick_locale(deps, team_id=team_id, user_id=user_id)
    t = Translator(locale)
    mine = (
        assessment.recommendation(
            deps, team_id=team_id, user_id=user_id, recommendation_id=recommendation_id
        )
        if recommendation_id is not None
        else None
    )
    sender = Sender(client)
    if mine is None or recommendation_id is None:
        sender.post_message(channel=user_id, text=t("share.not_yours"))
        return
    view = build_share_modal(t, recommendation_id=recommendation_id, locale=locale)
    open_modal(
        sender,
        trigger_id=trigger_id,
        view=view,
        user_id=user_id,
        too_slow=t("modal.too_slow"),
    )
