"""The call record: every request the stand-in answered, in order, counted per method."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Call:
    """One request the stand-in received, with the JSON it answered."""

    method: str
    params: dict[str, Any]
    token: str | None
    at: float
    response: dict[str, Any]
    status: int = 200


class CallRecorder:
    """Keeps calls in arrival order and per method, and wakes whoever waits for them.

    It shares the stand-in's lock, so a call is recorded in the same critical section
    as the change it made: whoever sees the call also sees its effect.
    """

    def __init__(self, lock: threading.RLock) -> None:
        self._changed = threading.Condition(lock)
        self._calls: list[Call] = []
        self._by_method: dict[str, list[Call]] = {}
        self._counts: Counter[str] = Counter()

    def record(self, call: Call) -> None:
        """Append a call and wake the waiters."""
        with self._changed:
            self._calls.append(call)
            self._by_method.setdefault(call.method, []).append(call)
            self._counts[call.method] += 1
            self._changed.notify_all()

    def calls(self, method: str | None = None) -> list[Call]:
        """Every call so far, oldest first, optionally only one method's."""
        with self._changed:
            return list(self._calls if method is None else self._by_method.get(method, ()))

    def count(self, method: str | None = None) -> int:
        """How many calls arrived (of one method): no list is copied."""
        with self._changed:
            return len(self._calls) if method is None else self._counts[method]

    def wait_for_count(self, method: str, count: int, *, timeout: float) -> int:
        """Block until `count` calls to `method` arrived or `timeout` passed; the count then."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while self._counts[method] < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._changed.wait(remaining)
            return self._counts[method]

    def wait_for_calls(self, method: str, count: int, *, timeout: float) -> list[Call]:
        """Block until `count` calls to `method` arrived or `timeout` passed; those calls."""
        with self._changed:
            self.wait_for_count(method, count, timeout=timeout)
            return self.calls(method)

    def summary(self) -> list[dict[str, Any]]:
        """Method, status and ok of each call, for a test in another process."""
        with self._changed:
            return [
                {"method": c.method, "status": c.status, "ok": bool(c.response.get("ok"))}
                for c in self._calls
            ]
