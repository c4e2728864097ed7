"""A small per-process memo with expiry, for facts read on every acknowledgement."""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import datetime, timedelta
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Memo(Generic[K, V]):
    """Thread-safe, bounded, least-recently-used memo whose entries expire after `ttl`."""

    def __init__(self, *, ttl: timedelta, max_entries: int = 10_000) -> None:
        self._ttl = ttl
        self._max = max_entries
        self._entries: OrderedDict[K, tuple[datetime, V]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K, *, now: datetime) -> V | None:
        """The value stored for `key` if it has not expired."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            stored_at, value = entry
            if now - stored_at >= self._ttl:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return value

    def put(self, key: K, value: V, *, now: datetime) -> None:
        """Store `value` for `key`, evicting the least recently used entry when full."""
        with self._lock:
            self._entries[key] = (now, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)

    def forget(self, key: K) -> None:
        """Drop what is stored for `key` (it changed): the next read asks the source again."""
        with self._lock:
            self._entries.pop(key, None)
