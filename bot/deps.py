"""The long-lived objects every use case needs, built once by the entry point."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_sdk import WebClient

from bot.memo import Memo
from bot.settings import Settings
from bot.store.db import SessionFactory

# Each process remembers the locales it has read, so most acknowledgements need no query; a
# language changed in Slack reaches every process within this delay.
LOCALE_MEMO_TTL = timedelta(minutes=5)


def utc_now() -> datetime:
    """The current time, aware UTC (the default clock)."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class Deps:
    """Settings, the DB session factory, the clock and the per-workspace Slack client factory."""

    settings: Settings
    session_factory: SessionFactory
    slack_for: Callable[[str], WebClient]
    clock: Callable[[], datetime] = field(default=utc_now)
    # (team_id, user_id) -> catalogue locale, see services.people
    locales: Memo[tuple[str, str], str] = field(default_factory=lambda: Memo(ttl=LOCALE_MEMO_TTL))

    def __deepcopy__(self, memo: dict[int, Any]) -> Deps:
        # Bolt deep-copies the context for lazy listeners; an engine cannot be copied.
        return self
