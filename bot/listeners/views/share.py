"""The share modal: check the channel (and ask before a second copy there) in the
acknowledgement, post the copy lazily."""

from __future__ import annotations

from typing import Any, Final

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot import ids
from bot.blocks.share import build_share_modal, preview_of
from bot.deps import Deps
from bot.forms import FieldErrors, submitted_view
from bot.forms.share import ShareChoice, parse_share_choice, parse_share_metadata
from bot.i18n import Translator
from bot.listeners.common.channels import channel_error
from bot.services import assessment
from bot.slack.channels import looks_like_channel
from bot.slack.sender import Sender

_CHOICE: Final = "smm_share_choice"  # context key: what the acknowledgement accepted


def ack_share(
    ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext, deps: Deps
) -> None:
    """Errors inline (no channel chosen, or one the bot cannot post in); the question first
    when this version is already in that channel; else close the modal."""
    view = submitted_view(body)
    try:
        recommendation_id, locale = parse_share_metadata(view.private_metadata)
    except ValueError:
        ack(response_action="clear")
        return
    t = Translator(locale)
    choice = parse_share_choice(view.values, t, blocks=view.blocks)
    if isinstance(choice, FieldErrors):
        ack(response_action="errors", errors=choice.errors)
        return
    error = channel_error(client, choice.channel, t, surface="share")
    if error is not None:
        ack(response_action="errors", errors={ids.BLOCK_SHARE_CHANNEL: error})
        return
    shared = assessment.shared_on(
        deps,
        team_id=context.team_id or "",
        recommendation_id=recommendation_id,
        channel=choice.channel,
    )
    if shared is not None and choice.again_for != choice.channel:
        if choice.asked_again_for == choice.channel:  # asked, and not ticked
            ack(response_action="errors", errors={ids.BLOCK_SHARE_AGAIN: t("share.again_required")})
            return
        again = build_share_modal(
            t,
            recommendation_id=recommendation_id,
            locale=locale,
            preview=preview_of(view.blocks),
            show_pay=choice.show_pay,
            channel=choice.channel,
            shared_on=t.date(shared.date()),
        )
        ack(response_action="update", view=again)
        return
    context[_CHOICE] = choice  # the lazy listener posts only what the acknowledgement accepted
    ack()


def post_share(body: dict[str, Any], client: WebClient, context: BoltContext, deps: Deps) -> None:
    """Put the channel copy in the outbox and try it at once; the sharer hears how it went."""
    view = submitted_view(body)
    choice: ShareChoice | None = context.get(_CHOICE)
    if choice is None:
        return  # refused by the acknowledgement, or asked a question first
    recommendation_id, locale = parse_share_metadata(view.private_metadata)
    team_id, user_id = context.team_id or "", context.user_id or ""
    assessment.ShareModalGuard(deps, team_id, user_id, recommendation_id).release()
    if not looks_like_channel(choice.channel):
        return
    assessment.share(
        deps,
        team_id=team_id,
        user_id=user_id,
        recommendation_id=recommendation_id,
        channel=choice.channel,
        locale=locale,
        bot_user_id=context.bot_user_id or "",
        delivery_key=f"share:{view.id}:{view.hash}",
        sender=Sender(client),
        show_pay=choice.show_pay,
    )


def ack_share_closed(ack: Ack) -> None:
    """Acknowledge the closed share modal; the lazy listener lifts the one-modal guard."""
    ack()


def share_closed(body: dict[str, Any], context: BoltContext, deps: Deps) -> None:
    """The share modal was closed: the Share button opens one again at once."""
    try:
        recommendation_id, _ = parse_share_metadata(submitted_view(body).private_metadata)
    except ValueError:
        return
    team_id, user_id = context.team_id or "", context.user_id or ""
    assessment.ShareModalGuard(deps, team_id, user_id, recommendation_id).release()
