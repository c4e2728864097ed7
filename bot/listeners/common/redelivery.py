"""Global middleware: what every request goes through before its listener."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext, BoltResponse

from bot.deps import Deps
from bot.services.deliveries import first_delivery


def drop_redelivered_events(
    body: dict[str, Any], context: BoltContext, next: Callable[[], BoltResponse]
) -> BoltResponse:
    """Answer a redelivered event (X-Slack-Retry-Num) without handling it a second time."""
    # The event_id makes the second delivery a no-op even when another process handled the
    # first one. It is recorded before handling: a crash then drops Slack's retry rather than
    # risk two concurrent deliveries both acting.
    event_id = body.get("event_id")
    if body.get("type") == "event_callback" and isinstance(event_id, str):
        deps: Deps = context["deps"]
        team_id = context.team_id or str(body.get("team_id", ""))
        if not first_delivery(deps, team_id=team_id, key=f"event:{event_id}"):
            return BoltResponse(status=200, body="")
    return next()
