"""Slack's request signatures, as the simulated Slack signs them (the app's own code)."""

from bot.slack.signing import MAX_CLOCK_SKEW_SECONDS, compute_signature, verify_signature

__all__ = ["MAX_CLOCK_SKEW_SECONDS", "compute_signature", "verify_signature"]
