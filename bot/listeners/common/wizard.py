"""Opening the assessment wizard (from the command, the help button, a resume or an edit)."""

from __future__ import annotations

from logging import Logger

from slack_sdk import WebClient

from bot import ids
from bot.blocks.assessment import build_wizard_view
from bot.deps import Deps
from bot.forms import local_today
from bot.forms.assessment import WizardState
from bot.i18n import Translator
from bot.services import assessment
from bot.services.people import locale_or_default, person_tz
from bot.slack.modals import open_modal
from bot.slack.people import user_fetcher
from bot.slack.sender import Sender


def open_wizard_view(
    deps: Deps,
    client: WebClient,
    logger: Logger,
    *,
    team_id: str,
    user_id: str,
    trigger_id: str,
    locale: str | None = None,
    edit_assessment_id: int | None = None,
    step: str | None = None,
) -> None:
    """Open the wizard where the member left it (or pre-filled for an edit) with `trigger_id`;
    `step` opens an edit at that step rather than where it stopped."""
    sender = Sender(client)
    if locale is None:
        fetch = user_fetcher(sender)
        locale = locale_or_default(deps, team_id=team_id, user_id=user_id, fetch=fetch)
    t = Translator(locale)
    try:
        start = assessment.open_wizard(
            deps, team_id=team_id, user_id=user_id, edit_assessment_id=edit_assessment_id
        )
    except assessment.NotYours:
        logger.warning("%s tried to edit assessment %s", user_id, edit_assessment_id)
        sender.post_message(channel=user_id, text=t("wizard.not_yours"))
        return
    if start.result_pending:
        sender.post_message(channel=user_id, text=t("delivery.result_pending"))
        return
    tz = person_tz(deps, team_id=team_id, user_id=user_id)
    state = WizardState(
        tz=tz,
        step=step or start.step or ids.STEP_GOALS,
        locale=locale,
        answers=start.answers,
        assessment_id=start.assessment_id,
        resumed=start.resumed,
    )
    view = build_wizard_view(state, t, today=local_today(deps.clock(), tz))
    open_modal(
        sender, trigger_id=trigger_id, view=view, user_id=user_id, too_slow=t("modal.too_slow")
    )
