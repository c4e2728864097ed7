"""The check-in modals: an update (value, confidence, comment) and a skip (a reason)."""

from __future__ import annotations

from typing import Any, Final

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.deps import Deps
from bot.forms import FieldErrors, submitted_view
from bot.forms.checkin import CheckInForm, Update, parse_checkin_metadata, parse_skip, parse_update
from bot.i18n import Translator
from bot.services import checkins
from bot.services.checkins import Answer, CheckInClosed
from bot.services.errors import NotYours
from bot.slack.sender import Sender

# Context keys: what the acknowledgement checked, copied by Bolt for the lazy listener.
_FORM: Final = "smm_checkin_form"
_ANSWER: Final = "smm_checkin_answer"
# The number an error message shows as an example (the acknowledgement reads no KPI).
_EXAMPLE: Final = 1200.0


def ack_update(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    """Errors inline, else close the modal (the answer is recorded lazily)."""
    view = submitted_view(body)
    try:
        form = parse_checkin_metadata(view.private_metadata)
    except ValueError:
        ack(response_action="clear")
        return
    parsed = parse_update(view.values, Translator(form.locale), example=_EXAMPLE)
    if isinstance(parsed, FieldErrors):
        ack(response_action="errors", errors=parsed.errors)
        return
    context[_FORM], context[_ANSWER] = form, parsed
    ack()


def ack_skip(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    """Errors inline (a reason with control characters), else close the modal."""
    view = submitted_view(body)
    try:
        form = parse_checkin_metadata(view.private_metadata)
    except ValueError:
        ack(response_action="clear")
        return
    reason = parse_skip(view.values, Translator(form.locale))
    if isinstance(reason, FieldErrors):
        ack(response_action="errors", errors=reason.errors)
        return
    context[_FORM], context[_ANSWER] = form, reason
    ack()


def save_answer(client: WebClient, context: BoltContext, deps: Deps) -> None:
    """Record the update or the skip; the check-in DM changes in place to show it."""
    form: CheckInForm | None = context.get(_FORM)
    if form is None:
        return  # refused by the acknowledgement
    answer: Update | str | None = context.get(_ANSWER)
    team_id, user_id = context.team_id or "", context.user_id or ""
    sender = Sender(client)
    update = answer if isinstance(answer, Update) else None
    try:
        checkins.answer(
            deps,
            team_id=team_id,
            user_id=user_id,
            checkin_id=form.checkin_id,
            how=Answer.UPDATE if update else Answer.SKIP,
            sender_for=lambda _team: sender,
            value=update.value if update else None,
            confidence=update.confidence if update else None,
            comment=update.comment if update else (answer if isinstance(answer, str) else None),
        )
    except (NotYours, CheckInClosed):
        # The modal had opened for the owner: a newer check-in came while it was open.
        sender.post_message(channel=user_id, text=Translator(form.locale)("checkin.closed"))
