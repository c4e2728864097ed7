"""A channel chosen in a form, checked with Slack before the form closes (share, settings)."""

from __future__ import annotations

from typing import Final

from slack_sdk import WebClient

from bot.i18n import Translator
from bot.slack.channels import ChannelCheck, check_channel

# What the check says, as the last part of the form's catalogue key `<surface>.error.<why>`;
# the "not a member" message carries the `/invite` advice.
_WHY: Final = {
    ChannelCheck.NOT_A_CHANNEL: "not_a_channel",
    ChannelCheck.NOT_FOUND: "not_member",  # a private channel the bot is not in looks absent
    ChannelCheck.NOT_MEMBER: "not_member",
    ChannelCheck.ARCHIVED: "archived",
}


def channel_error(client: WebClient, channel: str, t: Translator, *, surface: str) -> str | None:
    """The field's inline error when the bot cannot post in `channel` (one short
    conversations.info), or None when it can or Slack did not say in time."""
    why = _WHY.get(check_channel(client, channel))
    return None if why is None else t(f"{surface}.error.{why}")
