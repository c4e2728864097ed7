"""Slash command listeners."""

from slack_bolt import App

from bot import ids
from bot.listeners.commands.smm import ack_smm_command, answer_smm_command


def register(app: App) -> None:
    """Attach the `/smm` command."""
    app.command(ids.COMMAND)(ack=ack_smm_command, lazy=[answer_smm_command])
