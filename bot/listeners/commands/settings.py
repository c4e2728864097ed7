"""`/smm settings`: the workspace settings modal, for those who may change them."""

from __future__ import annotations

from logging import Logger

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.blocks.settings import build_settings_modal, build_settings_refused
from bot.deps import Deps
from bot.i18n import Translator
from bot.services import settings
from bot.services.settings import Access, SettingsAccess
from bot.slack.modals import open_modal
from bot.slack.people import user_fetcher
from bot.slack.sender import Sender, SlackCallError


def open_settings(
    deps: Deps,
    client: WebClient,
    respond: Respond,
    logger: Logger,
    *,
    team_id: str,
    user_id: str,
    locale: str,
    trigger_id: str,
) -> None:
    """Open the settings modal on the current values, or say (ephemerally) who can change them."""
    t = Translator(locale)
    sender = Sender(client)
    try:
        found = settings.check_access(
            deps, team_id=team_id, user_id=user_id, fetch=user_fetcher(sender)
        )
    except SlackCallError:
        # Slack could not say whether they are an admin: refuse now rather than guess.
        logger.warning("Could not check the settings access of %s", user_id, exc_info=True)
        found = SettingsAccess(Access.NOT_ALLOWED)
    if not found.allowed:
        refused = build_settings_refused(
            t, reason=found.access.value, lead_user_ids=found.lead_user_ids
        )
        respond(text=refused.text, blocks=refused.blocks, response_type="ephemeral")
        return
    current = settings.current_settings(deps, team_id=team_id, user_id=user_id)
    open_modal(
        sender,
        trigger_id=trigger_id,
        view=build_settings_modal(t, current),
        user_id=user_id,
        too_slow=t("modal.too_slow"),
    )
