"""Opening modals within the life of a trigger (3 seconds, usable once)."""

from __future__ import annotations

import logging
from typing import Any, Final

from bot.slack.sender import Outcome, Sender, SlackCallError

logger = logging.getLogger(__name__)

# What views.open answers when the trigger is no longer good.
STALE_TRIGGER: Final = frozenset(
    {"expired_trigger_id", "exchanged_trigger_id", "invalid_trigger_id"}
)


def open_modal(
    sender: Sender, *, trigger_id: str, view: dict[str, Any], user_id: str, too_slow: str
) -> Outcome:
    """Open a modal; when the trigger went stale, DM `too_slow` (the person's "try again")
    rather than leave them waiting for a modal that will not come. Any other failure raises
    `SlackCallError` (the lazy listener's report tells the person)."""
    outcome = sender.call("views.open", trigger_id=trigger_id, view=view)
    if outcome.ok:
        return outcome
    if outcome.error not in STALE_TRIGGER:
        raise SlackCallError("views.open", outcome)
    logger.warning("Could not open a modal for %s: %s", user_id, outcome.error)
    sender.post_message(channel=user_id, text=too_slow)
    return outcome
