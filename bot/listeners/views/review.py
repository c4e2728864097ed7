"""The Keep modal: a reason is required (said inline), then the decision in a lazy listener."""

from __future__ import annotations

from typing import Any, Final

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.deps import Deps
from bot.domain import DecisionAction
from bot.forms import FieldErrors, submitted_view
from bot.forms.review import KeepForm, parse_keep_metadata, parse_keep_reason
from bot.i18n import Translator
from bot.listeners.actions.review import refusal_text
from bot.services import decisions
from bot.slack.sender import Sender

_FORM: Final = "keep_form"
_REASON: Final = "keep_reason"


def ack_keep(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    """Errors inline (no reason, control characters), else close the modal."""
    view = submitted_view(body)
    try:
        form = parse_keep_metadata(view.private_metadata)
    except ValueError:
        ack(response_action="clear")
        return
    reason = parse_keep_reason(view.values, Translator(form.locale))
    if isinstance(reason, FieldErrors):
        ack(response_action="errors", errors=reason.errors)
        return
    context[_FORM], context[_REASON] = form, reason
    ack()


def save_keep(client: WebClient, context: BoltContext, deps: Deps) -> None:
    """Record the Keep with its reason; a refusal (another lead was first) comes by DM."""
    form: KeepForm | None = context.get(_FORM)
    if form is None:
        return
    team_id, user_id = context.team_id or "", context.user_id or ""
    sender = Sender(client)
    decided = decisions.decide(
        deps,
        team_id=team_id,
        user_id=user_id,
        recommendation_id=form.recommendation_id,
        action=DecisionAction.KEPT,
        note=context.get(_REASON),
        sender_for=lambda _team: sender,
    )
    text = refusal_text(Translator(form.locale), decided, decisions.leads(deps, team_id=team_id))
    if text is not None:  # the modal has closed: the refusal comes by DM
        sender.post_message(channel=user_id, text=text)
