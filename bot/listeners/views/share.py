"""The share modal: check the channel in the acknowledgement, post the copy lazily."""

from __future__ import annotations

from typing import Any, Final

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot import ids
from bot.blocks.recommendation import build_recommendation_message
from bot.blocks.share import build_share_done, build_share_not_in_channel
from bot.deps import Deps
from bot.forms import FieldErrors, submitted_view
from bot.forms.share import parse_share, parse_share_metadata
from bot.i18n import Translator
from bot.services import assessment
from bot.services.deliveries import first_delivery, forget_delivery
from bot.slack.channels import ChannelCheck, check_channel, looks_like_channel
from bot.slack.sender import Sender, SlackCallError

# What Slack answers when the bot cannot post in a channel it is not a member of.
_NOT_A_MEMBER = frozenset({"not_in_channel", "channel_not_found", "is_archived"})


_CHANNEL: Final = "smm_share_channel"  # context key: the channel the acknowledgement accepted
# What the channel check says, as the field's inline error.
_CHANNEL_ERRORS: Final = {
    ChannelCheck.NOT_A_CHANNEL: "share.error.not_a_channel",
    ChannelCheck.NOT_FOUND: "share.error.not_member",
    ChannelCheck.NOT_MEMBER: "share.error.not_member",
    ChannelCheck.ARCHIVED: "share.error.archived",
}


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
    error = _CHANNEL_ERRORS.get(check_channel(client, parsed))
    if error is not None:
        ack(response_action="errors", errors={ids.BLOCK_SHARE_CHANNEL: t(error)})
        return
    context[_CHANNEL] = parsed  # the lazy listener posts only what the acknowledgement accepted
    ack()


def post_share(body: dict[str, Any], client: WebClient, context: BoltContext, deps: Deps) -> None:
    """Post the recommendation in the channel, or explain how to invite the bot there."""
    view = submitted_view(body)
    channel: str | None = context.get(_CHANNEL)
    if channel is None:
        return  # refused by the acknowledgement
    recommendation_id, locale = parse_share_metadata(view.private_metadata)
    t = Translator(locale)
    team_id, user_id = context.team_id or "", context.user_id or ""
    found = assessment.recommendation(
        deps, team_id=team_id, user_id=user_id, recommendation_id=recommendation_id
    )
    if found is None or not looks_like_channel(channel):
        return
    key = f"share:{view.id}:{view.hash}"
    if not first_delivery(deps, team_id=team_id, key=key):
        return  # a double submission: the first one posted
    assessment_id, rec = found
    copy = build_recommendation_message(
        rec,
        t,
        assessment_id=assessment_id,
        recommendation_id=recommendation_id,
        for_channel=True,
        shared_by=user_id,
    )
    sender = Sender(client)
    posted = sender.post_message(channel=channel, text=copy.text, blocks=copy.blocks)
    if posted.ok:
        reply = build_share_done(t, channel_id=channel)
    elif posted.error in _NOT_A_MEMBER:
        reply = build_share_not_in_channel(
            t, channel_id=channel, bot_user_id=context.bot_user_id or ""
        )
    else:
        forget_delivery(deps, team_id=team_id, key=key)  # nothing was posted: may try again
        raise SlackCallError("chat.postMessage", posted)
    sender.post_message(channel=user_id, text=reply.text, blocks=reply.blocks)
