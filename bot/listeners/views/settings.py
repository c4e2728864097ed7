"""The settings modal: validate, check the person and the channel in the acknowledgement; save
lazily."""

from __future__ import annotations

from typing import Any, Final

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot import ids
from bot.blocks.settings import (
    build_settings_refused,
    build_settings_refused_view,
    build_settings_saved,
)
from bot.deps import Deps
from bot.domain import WorkspaceSettings
from bot.forms import FieldErrors, submitted_view
from bot.forms.settings import parse_settings, parse_settings_metadata, review_channel
from bot.i18n import Translator
from bot.listeners.common.channels import channel_error
from bot.services import delivery, settings
from bot.services.errors import NotAllowed
from bot.services.settings import Access
from bot.slack.people import user_fetcher
from bot.slack.sender import Sender

# Context keys: the acknowledgement's checked settings and locale, copied for the lazy listener.
_SETTINGS: Final = "smm_settings"
_LOCALE: Final = "smm_settings_locale"


def ack_settings(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Errors inline (fields, a channel the bot cannot post in), a refusal for someone who may no
    longer change the settings, else close the modal."""
    view = submitted_view(body)
    try:
        locale = parse_settings_metadata(view.private_metadata)
    except ValueError:
        ack(response_action="clear")
        return
    t = Translator(locale)
    deps: Deps = context["deps"]
    team_id, user_id = context.team_id or "", context.user_id or ""
    # Checked again on submission: leads may have been set since the modal opened.
    found = settings.access(deps, team_id=team_id, user_id=user_id)
    if found.access in (Access.NOT_A_LEAD, Access.NOT_ALLOWED):
        refused = build_settings_refused_view(
            t, reason=found.access.value, lead_user_ids=found.lead_user_ids
        )
        ack(response_action="update", view=refused)
        return
    parsed = parse_settings(view.values, t)
    errors = dict(parsed.errors) if isinstance(parsed, FieldErrors) else {}
    channel = review_channel(view.values)
    if channel is not None and ids.BLOCK_SETTINGS_CHANNEL not in errors:
        error = channel_error(client, channel, t, surface="settings")
        if error is not None:
            errors[ids.BLOCK_SETTINGS_CHANNEL] = error
    if errors:
        ack(response_action="errors", errors=errors)
        return
    context[_SETTINGS], context[_LOCALE] = parsed, locale  # the lazy listener saves only these
    ack()


def save_settings(
    body: dict[str, Any], client: WebClient, context: BoltContext, deps: Deps
) -> None:
    """Save what the acknowledgement accepted (the person checked once more) and say so by DM."""
    parsed: WorkspaceSettings | None = context.get(_SETTINGS)
    locale: str | None = context.get(_LOCALE)
    if parsed is None or locale is None:
        return  # refused by the acknowledgement
    view = submitted_view(body)
    team_id, user_id = context.team_id or "", context.user_id or ""
    t, sender = Translator(locale), Sender(client)
    try:
        saved = settings.save_settings(
            deps,
            team_id=team_id,
            user_id=user_id,
            settings=parsed,
            delivery_key=f"settings:{view.id}:{view.hash}",
            fetch=user_fetcher(sender),
        )
    except NotAllowed as refusal:
        message = build_settings_refused(
            t, reason=refusal.reason, lead_user_ids=refusal.lead_user_ids
        )
    else:
        if not saved:
            return  # a double submission: the first one answered
        message = build_settings_saved(t)
    # Through the outbox: tried at once, and by the clock until Slack takes it.
    delivery.notify(deps, team_id=team_id, user_id=user_id, message=message, sender=sender)
