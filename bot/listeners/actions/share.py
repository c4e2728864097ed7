"""The "Share to channel" button (one click, one modal) and the pay choice inside the modal."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.deps import Deps
from bot.forms import button_id, submitted_view
from bot.forms.share import asked_again_for, parse_share, parse_share_metadata, shows_pay
from bot.i18n import Translator
from bot.services import assessment
from bot.services.people import quick_locale
from bot.slack.modals import open_modal
from bot.slack.sender import Sender


def open_share_modal(
    body: dict[str, Any], client: WebClient, context: BoltContext, deps: Deps
) -> None:
    """Ask which channel to share the recommendation in, with a preview of the copy; a click
    while the member's share modal for it is open does nothing."""
    recommendation_id, trigger_id = button_id(body), body.get("trigger_id")
    if not isinstance(trigger_id, str):
        return
    team_id, user_id = context.team_id or "", context.user_id or ""
    locale = quick_locale(deps, team_id=team_id, user_id=user_id)
    t, sender = Translator(locale), Sender(client)
    view = (
        assessment.share_modal(
            deps,
            team_id=team_id,
            user_id=user_id,
            recommendation_id=recommendation_id,
            locale=locale,
        )
        if recommendation_id is not None
        else None
    )
    if view is None or recommendation_id is None:
        sender.post_message(channel=user_id, text=t("share.not_yours"))
        return
    guard = assessment.ShareModalGuard(deps, team_id, user_id, recommendation_id)
    if not guard.hold():
        return  # the modal the first click opened is still open
    outcome = None
    try:
        outcome = open_modal(
            sender, trigger_id=trigger_id, view=view, user_id=user_id, too_slow=t("modal.too_slow")
        )
    finally:
        if outcome is None or not outcome.ok:  # no modal came: the next click may try again
            guard.release()


def follow_pay_choice(
    body: dict[str, Any], client: WebClient, context: BoltContext, deps: Deps
) -> None:
    """The "show pay figures" tick changed: show the preview the channel would then get."""
    view = submitted_view(body)
    try:
        recommendation_id, locale = parse_share_metadata(view.private_metadata)
    except ValueError:
        return
    values = view.values
    chosen = parse_share(values, Translator(locale))
    channel = chosen if isinstance(chosen, str) else None
    updated = assessment.share_modal(
        deps,
        team_id=context.team_id or "",
        user_id=context.user_id or "",
        recommendation_id=recommendation_id,
        locale=locale,
        show_pay=shows_pay(values),
        channel=channel,
        ask_again=channel is not None and asked_again_for(view.blocks) == channel,
    )
    if updated is not None:
        # The hash: a view changed meanwhile (a submission) is not overwritten.
        Sender(client).call("views.update", view_id=view.id, hash=view.hash, view=updated)
