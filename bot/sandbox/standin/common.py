"""What every part of the stand-in shares: a refusal, a reply, the bot's identity, ids."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..validation import Rejection
from ..workspace import Team

Params = dict[str, Any]
Handler = Callable[[Params], dict[str, Any]]


class Refused(Exception):
    """A Web API method's `ok: false` answer, raised from inside the method."""

    def __init__(self, error: str, *messages: str) -> None:
        super().__init__(error)
        self.rejection = Rejection(error, messages)


@dataclass
class Reply:
    """An HTTP answer: status, body bytes, content type and extra headers."""

    status: int
    body: bytes
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Identity:
    """Who the stand-in's app is: its workspace, bot user, bot and app ids."""

    team: Team
    bot_user_id: str
    bot_id: str
    app_id: str


class Ids:
    """Unique ids (V…, F…) and Slack timestamps, safe to draw from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counter = 0
        self._last_ts_us = 0

    def number(self) -> int:
        """The next number of the one counter every id draws from."""
        with self._lock:
            self._counter += 1
            return self._counter

    def new(self, prefix: str) -> str:
        """A fresh id such as V000000012 (F… for files)."""
        return f"{prefix}0{self.number():08d}"

    def ts(self) -> str:
        """A message timestamp: unique and increasing, like Slack's (seconds.micros)."""
        with self._lock:
            now_us = int(time.time() * 1_000_000)
            self._last_ts_us = max(now_us, self._last_ts_us + 1)
            stamp = self._last_ts_us
        return f"{stamp // 1_000_000}.{stamp % 1_000_000:06d}"


def truthy(value: Any) -> bool:
    """A boolean argument as Slack reads it from JSON or a form (true, "true", "1")."""
    return value is True or str(value).lower() in ("1", "true")


def is_user_id(value: str) -> bool:
    """True for a member id (U… or W…), which some methods accept in place of a DM id."""
    return value[:1] in ("U", "W")
