"""The share-to-channel modal and what the sharer is told afterwards."""

from __future__ import annotations

from typing import Any

from bot import ids
from bot.blocks import Message
from bot.blocks.kit import context, input_block, mrkdwn_section, plain_text
from bot.forms.share import share_metadata
from bot.i18n import Translator


def build_share_modal(t: Translator, *, recommendation_id: int, locale: str) -> dict[str, Any]:
    """A modal with one channel picker (public and private channels, no DMs with bots)."""
    return {
        "type": "modal",
        "callback_id": ids.CALLBACK_SHARE,
        "private_metadata": share_metadata(recommendation_id=recommendation_id, locale=locale),
        "title": plain_text(t("share.title")),
        "submit": plain_text(t("share.submit")),
        "close": plain_text(t("share.close")),
        "blocks": [
            input_block(
                ids.BLOCK_SHARE_CHANNEL,
                t("share.channel_label"),
                {
                    "type": "conversations_select",
                    "placeholder": plain_text(t("share.channel_placeholder")),
                    # The modal opens from a DM with the bot: pre-selecting it would share there.
                    "default_to_current_conversation": False,
                    "filter": {"include": ["public", "private"], "exclude_bot_users": True},
                },
                hint=t("share.channel_hint"),
            )
        ],
    }


def build_share_not_in_channel(t: Translator, *, channel_id: str, bot_user_id: str) -> Message:
    """How to invite the bot to a channel it is not in (not_in_channel / channel_not_found)."""
    return Message(
        text=t("share.not_in_channel_fallback"),
        blocks=[mrkdwn_section(t("share.not_in_channel", channel=channel_id, bot=bot_user_id))],
    )


def build_share_done(t: Translator, *, channel_id: str) -> Message:
    """A short confirmation that the recommendation is in the channel."""
    return Message(
        text=t("share.done_fallback"),
        blocks=[context(t("share.done", channel=channel_id))],
    )
