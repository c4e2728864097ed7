"""The result DM's "Show all" button: every change that would flip the recommendation."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.blocks.recommendation import build_all_flips_modal
from bot.deps import Deps
from bot.forms import button_id
from bot.i18n import Translator
from bot.services import assessment
from bot.services.people import quick_locale
from bot.slack.modals import open_modal
from bot.slack.sender import Sender


def open_all_flips(
    body: dict[str, Any], client: WebClient, context: BoltContext, deps: Deps
) -> None:
    """Open a modal listing every flip of the person's own recommendation."""
    recommendation_id, trigger_id = button_id(body), body.get("trigger_id")
    if not isinstance(trigger_id, str):
        return
    team_id, user_id = context.team_id or "", context.user_id or ""
    t = Translator(quick_locale(deps, team_id=team_id, user_id=user_id))
    mine = (
        assessment.recommendation(
            deps, team_id=team_id, user_id=user_id, recommendation_id=recommendation_id
        )
        if recommendation_id is not None
        else None
    )
    sender = Sender(client)
    if mine is None:
        sender.post_message(channel=user_id, text=t("result.not_yours"))
        return
    _, rec = mine
    open_modal(
        sender,
        trigger_id=trigger_id,
        view=build_all_flips_modal(rec, t),
        user_id=user_id,
        too_slow=t("modal.too_slow"),
    )
