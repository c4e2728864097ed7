"""The decision modals: Keep (a reason) and Accept toward an agency (its agreed period), each
checked inline, then the decision in a lazy listener."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, TypeVar

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.deps import Deps
from bot.domain import DecisionAction
from bot.forms import FieldErrors, submitted_view
from bot.forms.review import (
    DecisionForm,
    parse_agreed_period,
    parse_decision_metadata,
    parse_keep_reason,
)
from bot.i18n import Translator
from bot.listeners.actions.review import refusal_text
from bot.services import decisions
from bot.slack.sender import Sender

T = TypeVar("T")
_FORM: Final = "decision_form"
_ANSWER: Final = "decision_answer"


def _ack(
    ack: Ack,
    body: dict[str, Any],
    context: BoltContext,
    parse: Callable[[dict[str, Any], Translator], T | FieldErrors],
) -> None:
    """Errors inline, else keep the form and its answer for the lazy listener and close."""
    view = submitted_view(body)
    try:
        form = parse_decision_metadata(view.private_metadata)
    except ValueError:
        ack(response_action="clear")
        return
    answer = parse(view.values, Translator(form.locale))
    if isinstance(answer, FieldErrors):
        ack(response_action="errors", errors=answer.errors)
        return
    context[_FORM], context[_ANSWER] = form, answer
    ack()


def ack_keep(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    """Errors inline (no reason, control characters), else close the modal."""
    _ack(ack, body, context, parse_keep_reason)


def ack_accept(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    """Errors inline (no period, not a number, out of range), else close the modal."""
    _ack(ack, body, context, parse_agreed_period)


def _decide(client: WebClient, context: BoltContext, deps: Deps, action: DecisionAction) -> None:
    """Record the decision; a refusal (another lead was first) comes by DM."""
    form: DecisionForm | None = context.get(_FORM)
    if form is None:
        return
    answer = context.get(_ANSWER)
    team_id, user_id = context.team_id or "", context.user_id or ""
    sender = Sender(client)
    decided = decisions.decide(
        deps,
        team_id=team_id,
        user_id=user_id,
        recommendation_id=form.recommendation_id,
        action=action,
        note=answer if isinstance(answer, str) else None,
        agreed_months=answer if isinstance(answer, float) else None,
        sender_for=lambda _team: sender,
    )
    text = refusal_text(Translator(form.locale), decided, decisions.leads(deps, team_id=team_id))
    if text is not None:  # the modal has closed: the refusal comes by DM
        sender.post_message(channel=user_id, text=text)


def save_keep(client: WebClient, context: BoltContext, deps: Deps) -> None:
    """Record the Keep with its reason."""
    _decide(client, context, deps, DecisionAction.KEPT)


def save_accept(client: WebClient, context: BoltContext, deps: Deps) -> None:
    """Record the Accept with the agency's agreed period."""
    _decide(client, context, deps, DecisionAction.ACCEPTED)
