"""Slash command listeners."""

from slack_bolt import App

from bot import ids
from bot.listeners.commands.smm import (
    ack_smm_command,
    answer_help_at_once,
    answer_smm_command,
    help_in_a_known_language,
)
from bot.listeners.common.reporting import reported


def register(app: App) -> None:
    """Attach the `/smm` command; Bolt runs the first listener whose matchers pass."""
    # Known language: the help is the acknowledgement's body (instant, no Slack call).
    app.command(ids.COMMAND, matchers=[help_in_a_known_language])(answer_help_at_once)
    # Otherwise acknowledge at once and look the user up in a lazy listener.
    app.command(ids.COMMAND)(ack=ack_smm_command, lazy=[reported(answer_smm_command)])
