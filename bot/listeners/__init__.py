"""Thin Bolt listeners by surface; `register_listeners` wires them all."""

from slack_bolt import App

from bot.listeners import actions, commands, events, views


def register_listeners(app: App) -> None:
    """Attach every listener of the app."""
    commands.register(app)
    views.register(app)
    actions.register(app)
    events.register(app)
