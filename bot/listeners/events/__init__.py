"""Events API listeners (each event is handled once: see bot.listeners.common.redelivery)."""

from slack_bolt import App

from bot.listeners.events.people import ack_event, refresh_person


def register(app: App) -> None:
    """Attach the events the app subscribes to (manifest.yml)."""
    app.event("user_change")(ack=ack_event, lazy=[refresh_person])
