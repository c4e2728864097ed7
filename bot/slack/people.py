"""People as Slack knows them: `users.info`, with what its failures mean."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, Final

from bot.domain import SlackUser, known_zone
from bot.slack.sender import Outcome, OutcomeKind, Sender, SlackCallError

# users.info errors that mean "no such person here" (as opposed to Slack failing to answer, or
# the token being dead: `account_inactive` is about the token, see bot.slack.sender).
NO_SUCH_USER: Final = frozenset({"user_not_found", "user_not_visible"})


def parse_user_info(response: dict[str, Any]) -> SlackUser:
    """Turn a `users.info` (with `include_locale`) answer into a `SlackUser`."""
    user = response["user"]
    tz = user.get("tz")
    return SlackUser(
        user_id=user["id"],
        tz=known_zone(tz) if isinstance(tz, str) and tz else None,
        locale=user.get("locale") or None,
        # Slackbot is a bot in practice but not flagged as one.
        is_bot=bool(user.get("is_bot")) or user["id"] == "USLACKBOT",
        is_admin=bool(user.get("is_admin")),
        is_owner=bool(user.get("is_owner")),
        deleted=bool(user.get("deleted")),
    )


def lookup_user(sender: Sender, user_id: str) -> tuple[SlackUser | None, Outcome]:
    """users.info for one member: the user (None when Slack says there is no such person), and
    the call's outcome so the caller can tell "unknown" from "Slack did not answer"."""
    outcome = sender.call("users.info", user=user_id, include_locale=True)
    if outcome.ok and isinstance(outcome.data.get("user"), dict):
        return parse_user_info(dict(outcome.data)), outcome
    return None, outcome


def fetch_user(sender: Sender, user_id: str) -> SlackUser | None:
    """users.info: None when there is no such person; `SlackCallError` when Slack failed."""
    user, outcome = lookup_user(sender, user_id)
    if user is not None:
        return user
    if outcome.kind is OutcomeKind.PERMANENT and outcome.error in NO_SUCH_USER:
        return None
    raise SlackCallError("users.info", outcome)


def user_fetcher(sender: Sender) -> Callable[[str], SlackUser | None]:
    """`fetch_user` bound to a sender, for the use cases that look people up."""
    return partial(fetch_user, sender)
