"""The wizard's steps: validate and move forward in the acknowledgement, store in lazy work."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from logging import Logger
from typing import Any, Final

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot import ids
from bot.blocks.assessment import build_wizard_done_view, build_wizard_view, done_external_id
from bot.blocks.recommendation import build_result_modal
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
# How long the verdict waits for Slack to show the closing view: 10 × 0.1 s at most.
_UPDATE_TRIES: Final = 10
_UPDATE_WAIT: Final = 0.1


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
        external_id = done_external_id(view.id, view.hash)
        ack(response_action="update", view=build_wizard_done_view(t, external_id=external_id))
        return
    advanced = replace(parsed.state, step=following, resumed=False)
    ack(response_action="update", view=build_wizard_view(advanced, t, today=today))


def store_wizard_step(
    body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger, deps: Deps
) -> None:
    """Save the draft after a step; after the last one, score, store, show the verdict in the
    modal and DM the result."""
    submission: assessment.Submission | None = context.get(_SUBMISSION)
    if submission is None:
        return  # the acknowledgement refused it: nothing to store
    team_id, user_id = context.team_id or "", context.user_id or ""
    t = Translator(context[_LOCALE])
    sender = Sender(client)
    view = submitted_view(body)
    show_verdict = _verdict_shower(sender, done_external_id(view.id, view.hash), t, logger)
    try:
        # The result DM goes into the outbox and is tried at once; the clock retries it.
        assessment.submit(
            deps,
            team_id=team_id,
            user_id=user_id,
            submission=submission,
            sender=sender,
            on_finished=show_verdict,
        )
    except NotYours:
        logger.warning("Refused assessment answers from %s", user_id)
        sender.post_message(channel=user_id, text=t("error.generic"))


def _verdict_shower(
    sender: Sender, external_id: str, t: Translator, logger: Logger
) -> Callable[[assessment.Finished], None]:
    """What turns the closing view into the verdict once the answers are scored."""

    def show(finished: assessment.Finished) -> None:
        view = build_result_modal(finished.recommendation, t)
        # By the closing view's external id, not the submitted view's id and hash: the
        # acknowledgement's update gave the view a new hash that only Slack knows, and this
        # call may reach Slack before it applied that update (not_found until then: wait a
        # little). A modal closed meanwhile stays not_found; the DM still carries the result.
        for attempt in range(_UPDATE_TRIES):
            outcome = sender.call("views.update", external_id=external_id, view=view)
            if outcome.ok or outcome.error != "not_found" or attempt == _UPDATE_TRIES - 1:
                break
            time.sleep(_UPDATE_WAIT)
        if not outcome.ok:
            logger.info("The result modal was not updated: %s", outcome.error)

    return show


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
