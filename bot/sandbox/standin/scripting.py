"""Scripted trouble: failures and slow answers per method, and which tokens are still good."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .common import Refused, Reply


@dataclass
class Failure:
    """A scripted failure of one method, for `remaining` more calls (None: until cleared)."""

    error: str
    status: int
    retry_after: int | None
    remaining: int | None
    body: str | None

    def recorded(self) -> dict[str, Any]:
        """The JSON the call record keeps for it (also the body, unless a raw one is set)."""
        return {"ok": False, "error": self.error}

    def reply(self) -> Reply:
        """The HTTP answer it makes."""
        headers = {} if self.retry_after is None else {"Retry-After": str(self.retry_after)}
        if self.body is not None:
            return Reply(self.status, self.body.encode(), "text/html", headers)
        return Reply(self.status, json.dumps(self.recorded()).encode(), headers=headers)


@dataclass
class _Delay:
    seconds: float
    remaining: int | None


class Script:
    """What the next calls of each method should suffer; the caller holds the stand-in's lock."""

    def __init__(self, tokens: set[str]) -> None:
        self._tokens = set(tokens)
        self._failures: dict[str, list[Failure]] = {}
        self._delays: dict[str, list[_Delay]] = {}

    def fail(
        self,
        method: str,
        error: str,
        *,
        status: int,
        retry_after: int | None,
        times: int | None,
        body: str | None,
    ) -> None:
        """Queue a failure for `method` (see SlackStandIn.fail)."""
        self._failures.setdefault(method, []).append(
            Failure(error, status, retry_after, times, body)
        )

    def slow(self, method: str, seconds: float, *, times: int | None) -> None:
        """Queue a delay for `method` (see SlackStandIn.slow)."""
        self._delays.setdefault(method, []).append(_Delay(seconds, times))

    def clear(self) -> None:
        """Forget every scripted failure and delay."""
        self._failures.clear()
        self._delays.clear()

    def take_failure(self, method: str) -> Failure | None:
        """The failure this call of `method` suffers, if any (one use of it is spent)."""
        queue = self._failures.get(method)
        if not queue:
            return None
        failure = queue[0]
        if failure.remaining is not None:
            failure.remaining -= 1
            if failure.remaining <= 0:
                queue.pop(0)
        return failure

    def take_delay(self, method: str) -> float:
        """Seconds this call of `method` must wait before it is answered (0: none)."""
        queue = self._delays.get(method)
        if not queue:
            return 0.0
        delay = queue[0]
        if delay.remaining is not None:
            delay.remaining -= 1
            if delay.remaining <= 0:
                queue.pop(0)
        return delay.seconds

    def add_token(self, token: str) -> None:
        """Accept another token."""
        self._tokens.add(token)

    def revoke_token(self, token: str) -> None:
        """Stop accepting a token."""
        self._tokens.discard(token)

    def check_token(self, token: str | None) -> None:
        """Refuse a call without a token (`not_authed`) or with a bad one (`invalid_auth`)."""
        if not token:
            raise Refused("not_authed")
        if token not in self._tokens:
            raise Refused("invalid_auth")
