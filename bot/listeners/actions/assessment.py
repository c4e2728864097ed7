"""Buttons around the assessment: start, resume, discard, start over, edit."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot import ids
from bot.blocks.assessment import build_wizard_view
from bot.deps import Deps
from bot.forms import button_id, local_today, submitted_view
from bot.forms.assessment import WizardState, parse_metadata
from bot.i18n import Translator
from bot.listeners.common.wizard import open_wizard_view
from bot.services import assessment
from bot.services.errors import NotYours
from bot.services.people import locale_or_default, quick_locale
from bot.slack.people import user_fetcher
from bot.slack.sender import Sender


def ack_button(ack: Ack) -> None:
    """Acknowledge a button at once; its work happens in the lazy listener."""
    ack()


def _ids(context: BoltContext) -> tuple[str, str]:
    return context.team_id or "", context.user_id or ""


def open_wizard(
    body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger, deps: Deps
) -> None:
    """Start (or resume) an assessment from a button."""
    team_id, user_id = _ids(context)
    trigger_id = body.get("trigger_id")
    if not isinstance(trigger_id, str):
        return
    open_wizard_view(deps, client, logger, team_id=team_id, user_id=user_id, trigger_id=trigger_id)


def edit_answers(
    body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger, deps: Deps
) -> None:
    """Open the wizard pre-filled with an assessment's answers."""
    _open_edit(body, client, context, logger, deps, step=None)


def add_costs(
    body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger, deps: Deps
) -> None:
    """Open an edit of the assessment at its means step, where the costs are asked."""
    _open_edit(body, client, context, logger, deps, step=ids.STEP_MEANS)


def _open_edit(
    body: dict[str, Any],
    client: WebClient,
    context: BoltContext,
    logger: Logger,
    deps: Deps,
    *,
    step: str | None,
) -> None:
    team_id, user_id = _ids(context)
    assessment_id, trigger_id = button_id(body), body.get("trigger_id")
    if not isinstance(trigger_id, str):
        return
    if assessment_id is None:  # not an id we could have written: nothing of theirs is found
        t = Translator(quick_locale(deps, team_id=team_id, user_id=user_id))
        Sender(client).post_message(channel=user_id, text=t("wizard.not_yours"))
        return
    open_wizard_view(
        deps,
        client,
        logger,
        team_id=team_id,
        user_id=user_id,
        trigger_id=trigger_id,
        edit_assessment_id=assessment_id,
        step=step,
    )


def discard_draft(
    body: dict[str, Any], client: WebClient, context: BoltContext, deps: Deps
) -> None:
    """Forget the draft and say so in place of the offer."""
    team_id, user_id = _ids(context)
    assessment.discard_draft(deps, team_id=team_id, user_id=user_id)
    sender = Sender(client)
    fetch = user_fetcher(sender)
    t = Translator(locale_or_default(deps, team_id=team_id, user_id=user_id, fetch=fetch))
    container = body.get("container", {})
    sender.update_message(
        channel=container.get("channel_id", ""),
        ts=container.get("message_ts", ""),
        text=t("wizard.draft_discarded"),
    )


def start_over(body: dict[str, Any], client: WebClient, context: BoltContext, deps: Deps) -> None:
    """Inside a resumed wizard: drop the draft and show an empty first step."""
    view = submitted_view(body)
    try:
        state = parse_metadata(view.private_metadata)
    except ValueError:
        return
    team_id, user_id = _ids(context)
    assessment.discard_draft(deps, team_id=team_id, user_id=user_id)
    try:  # an edit starts over from the assessment's stored answers, a new one from nothing
        start = assessment.open_wizard(
            deps, team_id=team_id, user_id=user_id, edit_assessment_id=state.assessment_id
        )
    except NotYours:
        return
    fresh = WizardState(
        tz=state.tz,
        step=start.step or ids.STEP_GOALS,
        locale=state.locale,
        answers=start.answers,
        assessment_id=start.assessment_id,
    )
    Sender(client).require(
        "views.update",
        view_id=view.id,
        hash=view.hash,
        view=build_wizard_view(
            fresh, Translator(state.locale), today=local_today(deps.clock(), state.tz)
        ),
    )
