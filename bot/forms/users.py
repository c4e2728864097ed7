"""Parsing of `users.info` answers into the person facts the app caches."""

from __future__ import annotations

from typing import Any

from bot.domain import SlackUser


def parse_user_info(response: dict[str, Any]) -> SlackUser:
    """Turn a `users.info` (with `include_locale`) answer into a `SlackUser`."""
    user = response["user"]
    return SlackUser(
        user_id=user["id"],
        tz=user.get("tz") or None,
        locale=user.get("locale") or None,
        # Slackbot is a bot in practice but not flagged as one.
        is_bot=bool(user.get("is_bot")) or user["id"] == "USLACKBOT",
        is_admin=bool(user.get("is_admin")),
        is_owner=bool(user.get("is_owner")),
        deleted=bool(user.get("deleted")),
    )
