"""Per-workspace Slack Web API clients, all pointed at `SLACK_API_URL`."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry import HttpRequest, HttpResponse, RetryState
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

# Slack calls happen in lazy listeners (pool threads, after the acknowledgement), so a short
# wait and a retry beat losing a result DM to a passing 429 or 5xx; the timeout keeps one slow
# answer from holding a thread for long.
CLIENT_TIMEOUT_SECONDS = 10
# Longer waits are not worth holding a thread (and a person) for: the call comes back to the
# sender as "retry after", and the outbox (or the person) tries again later.
MAX_RATE_LIMIT_WAIT_SECONDS = 2


class ShortRateLimitRetryHandler(RateLimitErrorRetryHandler):
    """Retries a 429 only when Slack's Retry-After is short."""

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is None or not super()._can_retry(
            state=state, request=request, response=response, error=error
        ):
            return False
        waits = [v for k, v in response.headers.items() if k.lower() == "retry-after"]
        try:
            wait = int(waits[0][0]) if waits else 1
        except (TypeError, ValueError, IndexError):
            return False
        return wait <= MAX_RATE_LIMIT_WAIT_SECONDS


def make_client(*, api_url: str, token: str | None) -> WebClient:
    """A WebClient on `api_url` that retries a dropped connection, a short 429 and a 5xx once."""
    return WebClient(
        token=token,
        base_url=api_url,
        timeout=CLIENT_TIMEOUT_SECONDS,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=1),
            ShortRateLimitRetryHandler(max_retry_count=1),
            ServerErrorRetryHandler(max_retry_count=1),
        ],
    )


class SingleTokenClients:
    """The one-workspace client factory: the same bot token for every team (OAuth comes later)."""

    def __init__(self, *, api_url: str, token: str) -> None:
        self._client = make_client(api_url=api_url, token=token)

    def __call__(self, team_id: str) -> WebClient:  # noqa: ARG002 - one token serves every team
        """The client for `team_id`."""
        return self._client
