"""Parsing of `users.info` answers into the person facts the app caches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SlackUser:
    """The facts of a Slack user the app relies on (time zone, locale, kind of account)."""

    user_id: str
    tz: str | None
    locale: str | None
    is_bot: bool
    is_admin: bool
    is_owner: bool
    deleted: bool


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
