"""The share-to-channel modal and what the sharer is told afterwards."""

from __future__ import annotations

from typing import Any

from bot import ids
from bot.blocks import Message
from bot.forms.share import share_metadata
from bot.i18n import Translator


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def build_share_modal(t: Translator, *, recommendation_id: int, locale: str) -> dict[str, Any]:
    """A modal with one channel picker (public and private channels, no DMs with bots)."""
    block_id = ids.BLOCK_SHARE_CHANNEL
    return {
        "type": "modal",
        "callback_id": ids.CALLBACK_SHARE,
        "private_metadata": share_metadata(recommendation_id=recommendation_id, locale=locale),
        "title": _plain(t("share.title")),
        "submit": _plain(t("share.submit")),
        "close": _plain(t("share.close")),
        "blocks": [
            {
                "type": "input",
                "block_id": block_id,
                "label": _plain(t("share.channel_label")),
                "hint": _plain(t("share.channel_hint")),
                "element": {
                    "type": "conversations_select",
                    "action_id": ids.input_action(block_id),
                    "placeholder": _plain(t("share.channel_placeholder")),
                    # The modal opens from a DM with the bot: pre-selecting it would share there.
                    "default_to_current_conversation": False,
                    "filter": {"include": ["public", "private"], "exclude_bot_users": True},
                },
            }
        ],
    }


def build_share_not_in_channel(t: Translator, *, channel_id: str, bot_user_id: str) -> Message:
    """How to invite the bot to a channel it is not in (not_in_channel / channel_not_found)."""
    return Message(
        text=t("share.not_in_channel_fallback"),
        blocks=[
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": t("share.not_in_channel", channel=channel_id, bot=bot_user_id),
                },
            }
        ],
    )


def build_share_done(t: Translator, *, channel_id: str) -> Message:
    """A short confirmation that the recommendation is in the channel."""
    return Message(
        text=t("share.done_fallback"),
        blocks=[
            {
                "type": "context",
                "elements": [{"type": "mrkdwn", "text": t("share.done", channel=channel_id)}],
            }
        ],
    )
