"""The share modal: check the channel in the acknowledgement, post the copy lazily."""

from __future__ import annotations

from typing import Any, Final

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot import ids
from bot.deps import Deps
from bot.forms import FieldErrors, submitted_view
from bot.forms.share import parse_share, parse_share_metadata
from bot.i18n import Translator
from bot.listeners.common.channels import channel_error
from bot.services import assessment
from bot.slack.channels import looks_like_channel
from bot.slack.sender import Sender

_CHANNEL: Final = "smm_share_channel"  # context key: the channel the acknowledgement accepted


def ack_share(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Errors inline (no channel chosen, or one the bot cannot post in), else close the modal."""
    view = submitted_view(body)
    try:
        _, locale = parse_share_metadata(view.private_metadata)
    except ValueError:
        ack(response_action="clear")
        return
    t = Translator(locale)
    parsed = parse_share(view.values, t)
    if isinstance(parsed, FieldErrors):
        ack(response_action="errors", errors=parsed.errors)
        return
    error = channel_error(client, parsed, t, surface="share")
    if error is not None:
        ack(response_action="errors", errors={ids.BLOCK_SHARE_CHANNEL: error})
        return
    context[_CHANNEL] = parsed  # the lazy listener posts only what the acknowledgement accepted
    ack()


def post_share(body: dict[str, Any], client: WebClient, context: BoltContext, deps: Deps) -> None:
    """Put the channel copy in the outbox and try it at once; the sharer hears how it went."""
    view = submitted_view(body)
    channel: str | None = context.get(_CHANNEL)
    if channel is None:
        return  # refused by the acknowledgement
    recommendation_id, locale = parse_share_metadata(view.private_metadata)
    team_id, user_id = context.team_id or "", context.user_id or ""
    if not looks_like_channel(channel):
        return
    assessment.share(
        deps,
        team_id=team_id,
        user_id=user_id,
        recommendation_id=recommendation_id,
        channel=channel,
        locale=locale,
        bot_user_id=context.bot_user_id or "",
        delivery_key=f"share:{view.id}:{view.hash}",
        sender=Sender(client),
    )
