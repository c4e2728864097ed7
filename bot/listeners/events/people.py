"""`user_change`: a member's profile changed in Slack; their cached row and KPIs follow."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.deps import Deps
from bot.services import delivery, people_change
from bot.slack.people import parse_user_info
from bot.slack.sender import Sender


def ack_event(ack: Ack) -> None:
    """Answer Slack at once: the work happens in the lazy listener."""
    ack()


def refresh_person(
    event: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger, deps: Deps
) -> None:
    """Refresh the person from the event's user object; send the notices a deactivation wrote."""
    raw = event.get("user")
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        return  # not a user object we can read: nothing to refresh
    try:
        change = people_change.user_changed(
            deps, team_id=context.team_id or "", user=parse_user_info({"user": raw})
        )
    except Exception:  # not told to anyone: the member did nothing, Slack only reported a change
        logger.exception("user_change for %s failed", raw["id"])
        return
    sender = Sender(client)
    for job_id in change.notices:  # the clock sends any Slack does not take now
        delivery.deliver_now(deps, sender_for=lambda _team: sender, job_id=job_id)
