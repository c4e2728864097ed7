"""The wizard's steps: validate and move forward in the acknowledgement, store in lazy work."""

from __future__ import annotations

from dataclasses import replace
from logging import Logger
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

import scoring
from bot.blocks.assessment import build_resume_offer, build_wizard_done_view, build_wizard_view
from bot.blocks.recommendation import build_recommendation_message
from bot.deps import Deps
from bot.forms import FieldErrors, local_today
from bot.forms.assessment import WizardState, parse_metadata, parse_step
from bot.i18n import Translator
from bot.services import assessment


def _submitted(
    body: dict[str, Any], deps: Deps
) -> tuple[WizardState, dict[str, Any] | FieldErrors]:
    view = body["view"]
    state = parse_metadata(view["private_metadata"])
    parsed = parse_step(
        state.step,
        view["state"]["values"],
        Translator(state.locale),
        today=local_today(deps.clock(), state.tz),
    )
    return state, parsed


def ack_wizard_step(ack: Ack, body: dict[str, Any], deps: Deps) -> None:
    """Answer at once: the step's errors inline, the next step, or the closing view."""
    try:
        state, parsed = _submitted(body, deps)
    except ValueError:  # metadata we did not write: refuse without storing anything
        ack(response_action="clear")
        return
    if isinstance(parsed, FieldErrors):
        ack(response_action="errors", errors=parsed.errors)
        return
    t = Translator(state.locale)
    following = state.next_step()
    if following is None:
        ack(response_action="update", view=build_wizard_done_view(t))
        return
    advanced = replace(state.with_answers(parsed), step=following, resumed=False)
    today = local_today(deps.clock(), state.tz)
    ack(response_action="update", view=build_wizard_view(advanced, t, today=today))


def store_wizard_step(
    body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger, deps: Deps
) -> None:
    """Save the draft after a step; after the last one, score, store and DM the result."""
    state, parsed = _submitted(body, deps)
    if isinstance(parsed, FieldErrors):
        return  # the acknowledgement showed the errors; nothing to store
    team_id, user_id = context.team_id or "", context.user_id or ""
    current = state.with_answers(parsed)
    following = state.next_step()
    if following is not None:
        assessment.save_draft(
            deps,
            team_id=team_id,
            user_id=user_id,
            step=following,
            answers=current.answers,
            assessment_id=state.assessment_id,
        )
        return
    _finish_and_send(body["view"], state, current, client, logger, deps, team_id, user_id)


def _finish_and_send(
    view: dict[str, Any],
    state: WizardState,
    current: WizardState,
    client: WebClient,
    logger: Logger,
    deps: Deps,
    team_id: str,
    user_id: str,
) -> None:
    t = Translator(state.locale)
    try:
        finished = assessment.finish(
            deps,
            team_id=team_id,
            user_id=user_id,
            answers=current.answers,
            assessment_id=state.assessment_id,
            delivery_key=f"wizard:{view['id']}:{view['hash']}",
            today=local_today(deps.clock(), state.tz),
        )
    except (scoring.ProfileError, assessment.NotYours):
        logger.exception("Refused assessment answers from %s", user_id)
        client.chat_postMessage(channel=user_id, text=t("error.generic"))
        return
    if finished is None:
        return  # a double submission: the first one answered
    message = build_recommendation_message(
        finished.recommendation,
        t,
        assessment_id=finished.assessment_id,
        recommendation_id=finished.recommendation_id,
    )
    client.chat_postMessage(channel=user_id, text=message.text, blocks=message.blocks)


def ack_closed(ack: Ack) -> None:
    """Acknowledge a closed wizard."""
    ack()


def offer_resume(body: dict[str, Any], client: WebClient, context: BoltContext, deps: Deps) -> None:
    """When someone closes the wizard midway with answers saved, offer to resume it later."""
    try:
        state = parse_metadata(body["view"]["private_metadata"])
    except ValueError:
        return
    team_id, user_id = context.team_id or "", context.user_id or ""
    if state.resumed or not assessment.has_draft(deps, team_id=team_id, user_id=user_id):
        # Closed before anything was saved, or a draft reopened and closed again: the person
        # already knows; a second offer would only be noise.
        return
    message = build_resume_offer(Translator(state.locale))
    client.chat_postMessage(channel=user_id, text=message.text, blocks=message.blocks)
