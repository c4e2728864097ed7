"""The share-to-channel modal (channel, pay choice, preview) and what the sharer is told."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from bot import ids
from bot.blocks import Message
from bot.blocks.kit import (
    MAX_MODAL_BLOCKS,
    Block,
    checkboxes,
    context,
    input_block,
    mrkdwn_section,
    option,
    plain_text,
)
from bot.blocks.recommendation import build_recommendation_message
from bot.forms.share import share_metadata
from bot.i18n import Translator
from scoring.model import Recommendation

_AGAIN_NOTE: Final = f"{ids.BLOCK_SHARE_AGAIN}_note"


def build_channel_copy(
    rec: Recommendation,
    t: Translator,
    *,
    assessment_id: int,
    recommendation_id: int,
    shared_by: str,
    show_pay: bool = False,
) -> Message:
    """What the channel reads: the recommendation without buttons, and without pay unless
    the sharer chose to show it (monthly costs always stay)."""
    return build_recommendation_message(
        rec,
        t,
        assessment_id=assessment_id,
        recommendation_id=recommendation_id,
        for_channel=True,
        shared_by=shared_by,
        show_pay=show_pay,
    )


def build_share_modal(
    t: Translator,
    *,
    recommendation_id: int,
    locale: str,
    preview: Sequence[Block] = (),
    show_pay: bool = False,
    channel: str | None = None,
    shared_on: str | None = None,
) -> dict[str, Any]:
    """A channel picker (public and private channels, no DMs with bots), the choice to show
    pay, and below them the channel copy as it will read. With `shared_on` (a date, as the
    reader writes it), the question whether to share it in `channel` again."""
    picker: Block = {
        "type": "conversations_select",
        "placeholder": plain_text(t("share.channel_placeholder")),
        # The modal opens from a DM with the bot: pre-selecting it would share there.
        "default_to_current_conversation": False,
        "filter": {"include": ["public", "private"], "exclude_bot_users": True},
    }
    if channel is not None:
        picker["initial_conversation"] = channel
    pay = input_block(
        ids.BLOCK_SHARE_PAY,
        t("share.pay_label"),
        checkboxes(
            [option(t("share.pay_option"), ids.SHARE_PAY_SHOW)],
            [ids.SHARE_PAY_SHOW] if show_pay else [],
        ),
        optional=True,
        hint=t("share.pay_hint"),
    )
    pay["dispatch_action"] = True  # the preview follows the tick
    blocks: list[Block] = [
        input_block(
            ids.BLOCK_SHARE_CHANNEL, t("share.channel_label"), picker, hint=t("share.channel_hint")
        )
    ]
    if shared_on is not None and channel is not None:
        note = mrkdwn_section(t("share.again_note", channel=channel, date=shared_on))
        blocks.append({**note, "block_id": _AGAIN_NOTE})
        blocks.append(
            input_block(
                ids.BLOCK_SHARE_AGAIN,
                t("share.again_label"),
                checkboxes([option(t("share.again_option"), channel)]),
                optional=True,
            )
        )
    blocks.append(pay)
    if preview:
        blocks.append(
            {
                **context(t("share.preview_title" if not show_pay else "share.preview_title_pay")),
                "block_id": ids.BLOCK_SHARE_PREVIEW,
            }
        )
        blocks.append({"type": "divider"})
        blocks.extend(preview[: MAX_MODAL_BLOCKS - len(blocks)])
    return {
        "type": "modal",
        "callback_id": ids.CALLBACK_SHARE,
        "private_metadata": share_metadata(recommendation_id=recommendation_id, locale=locale),
        "title": plain_text(t("share.title")),
        "submit": plain_text(t("share.submit")),
        "close": plain_text(t("share.close")),
        # Closing it lets the Share button open a modal again at once.
        "notify_on_close": True,
        "blocks": blocks,
    }


def preview_of(blocks: Sequence[Block]) -> list[Block]:
    """The channel copy a share modal shows (the blocks after its preview line and divider)."""
    marks = [i for i, b in enumerate(blocks) if b.get("block_id") == ids.BLOCK_SHARE_PREVIEW]
    return [dict(b) for b in blocks[marks[0] + 2 :]] if marks else []


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
