"""Can the bot post in this conversation? One short `conversations.info`, answered in time for
a modal's inline error."""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from slack_sdk import WebClient

from bot.slack.sender import Sender

# The acknowledgement has 3 seconds in all: the check gets about half of them (DESIGN §1 rule 7
# allows this one call in an acknowledgement, because an inline error needs its answer).
CHECK_TIMEOUT_SECONDS: Final = 1.5
# Ids of the conversations a message can be shared in: public (C) and private (G) channels.
_CHANNEL_PREFIXES: Final = ("C", "G")


class ChannelCheck(StrEnum):
    """What Slack says of a conversation the app is asked to post in."""

    OK = "ok"
    NOT_A_CHANNEL = "not_a_channel"  # a person's id, a DM or a group DM
    NOT_FOUND = "not_found"  # no such channel, or a private one the bot is not in
    NOT_MEMBER = "not_member"  # a public channel the bot has not been invited to
    ARCHIVED = "archived"
    UNKNOWN = "unknown"  # Slack did not answer in time: accepted, checked again when sending


def looks_like_channel(conversation_id: str) -> bool:
    """Whether an id is a channel's (a user id posing as a channel is not)."""
    return conversation_id.startswith(_CHANNEL_PREFIXES) and conversation_id.isalnum()


def check_channel(client: WebClient, conversation_id: str) -> ChannelCheck:
    """Whether the bot can post in `conversation_id`, asked within `CHECK_TIMEOUT_SECONDS`."""
    if not looks_like_channel(conversation_id):
        return ChannelCheck.NOT_A_CHANNEL
    # A client of its own: no retries, and a timeout that leaves the acknowledgement its time.
    quick = WebClient(
        token=client.token,
        base_url=client.base_url,
        timeout=CHECK_TIMEOUT_SECONDS,  # type: ignore[arg-type]  # urllib takes a float
        retry_handlers=[],
    )
    outcome = Sender(quick).call("conversations.info", channel=conversation_id)
    if not outcome.ok:
        return (
            ChannelCheck.NOT_FOUND if outcome.error == "channel_not_found" else ChannelCheck.UNKNOWN
        )
    channel = outcome.data.get("channel")
    if not isinstance(channel, dict):
        return ChannelCheck.UNKNOWN
    if channel.get("is_im") or channel.get("is_mpim"):
        return ChannelCheck.NOT_A_CHANNEL
    if channel.get("is_archived"):
        return ChannelCheck.ARCHIVED
    if not channel.get("is_member", False):
        return ChannelCheck.NOT_MEMBER
    return ChannelCheck.OK
