"""The wizard's steps: validate and move forward in the acknowledgement, store in lazy work."""

from __future__ import annotations

from dataclasses import replace
from logging import Logger
from typing import Any, Final

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot import ids
from bot.blocks.assessment import build_wizard_done_view, build_wizard_view
from bot.deps import Deps
from bot.forms import FieldErrors, local_today, submitted_view
from bot.forms.assessment import parse_metadata, parse_step
from bot.i18n import Translator
from bot.services import assessment
from bot.services.errors import NotYours
from bot.slack.sender import Sender

# Context key: the acknowledgement's checked submission, which Bolt copies for the lazy listener
# (so the step is parsed and the engine's checks run once per submission).
_SUBMISSION: Final = "smm_wizard_submission"
_LOCALE: Final = "smm_wizard_locale"


def ack_wizard_step(ack: Ack, body: dict[str, Any], context: BoltContext, deps: Deps) -> None:
    """Answer at once: the step's errors inline, the next step, or the closing view."""
    view = submitted_view(body)
    try:
        state = parse_metadata(view.private_metadata)
        today = local_today(deps.clock(), state.tz)
        parsed = parse_step(state, view.values, Translator(state.locale), today=today)
    except ValueError:  # metadata we did not write: refuse without storing anything
        ack(response_action="clear")
        return
    if isinstance(parsed, FieldErrors):
        ack(response_action="errors", errors=parsed.errors)
        return
    t = Translator(state.locale)
    following = state.next_step()
    if following is None and parsed.profile is None:  # a last step without the first one's
        ack(response_action="clear")
        return
    context[_LOCALE] = state.locale
    context[_SUBMISSION] = assessment.Submission(
        answers=parsed.answers,
        assessment_id=state.assessment_id,
        resume_at=following,
        profile=parsed.profile if following is None else None,
        delivery_key=f"wizard:{view.id}:{view.hash}",
        today=today,
        stage=ids.STEPS.index(state.step) + 1,
        locale=state.locale,
    )
    if following is None:
        ack(response_action="update", view=build_wizard_done_view(t))
        return
    advanced = replace(parsed.state, step=following, resumed=False)
    ack(response_action="update", view=build_wizard_view(advanced, t, today=today))


def store_wizard_step(client: WebClient, context: BoltContext, logger: Logger, deps: Deps) -> None:
    """Save the draft after a step; after the last one, score, store and DM the result."""
    submission: assessment.Submission | None = context.get(_SUBMISSION)
    if submission is None:
        return  # the acknowledgement refused it: nothing to store
    team_id, user_id = context.team_id or "", context.user_id or ""
    t = Translator(context[_LOCALE])
    sender = Sender(client)
    try:
        # The result DM goes into the outbox and is tried at once; the clock retries it.
        assessment.submit(
            deps, team_id=team_id, user_id=user_id, submission=submission, sender=sender
        )
    except NotYours:
        logger.warning("Refused assessment answers from %s", user_id)
        sender.post_message(channel=user_id, text=t("error.generic"))


def ack_closed(ack: Ack) -> None:
    """Acknowledge a closed wizard."""
    ack()


def offer_resume(body: dict[str, Any], client: WebClient, context: BoltContext, deps: Deps) -> None:
    """When someone closes the wizard midway with answers saved, offer to resume it later."""
    try:
        state = parse_metadata(submitted_view(body).private_metadata)
    except ValueError:
        return
    team_id, user_id = context.team_id or "", context.user_id or ""
    if state.resumed:
        # A draft reopened and closed again: the person already knows; a second offer would
        # only be noise.
        return
    # Nothing is offered when the wizard closed before anything was saved.
    assessment.offer_resume(
        deps, team_id=team_id, user_id=user_id, locale=state.locale, sender=Sender(client)
    )
