"""Pure Block Kit builders: domain values and a Translator in, Slack dicts out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Message:
    """A message to send: notification text (the fallback) and its blocks."""

    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)


def mrkdwn_escape(text: str) -> str:
    """Escape user text for mrkdwn so `<!channel>`, `<@U…>` and links are shown, not acted on."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
