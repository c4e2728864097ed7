"""Per-workspace Slack Web API clients, all pointed at `SLACK_API_URL`."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler

# A request thread must not sleep for long: 429s are left to the caller (rescheduled), and
# the default timeout keeps one slow Slack answer from holding a worker thread.
CLIENT_TIMEOUT_SECONDS = 10


def make_client(*, api_url: str, token: str | None) -> WebClient:
    """A WebClient on `api_url` that retries dropped connections once."""
    return WebClient(
        token=token,
        base_url=api_url,
        timeout=CLIENT_TIMEOUT_SECONDS,
        retry_handlers=[ConnectionErrorRetryHandler(max_retry_count=1)],
    )


class SingleTokenClients:
    """The one-workspace client factory: the same bot token for every team (OAuth comes later)."""

    def __init__(self, *, api_url: str, token: str) -> None:
        self._client = make_client(api_url=api_url, token=token)

    def __call__(self, team_id: str) -> WebClient:  # noqa: ARG002 - one token serves every team
        """The client for `team_id`."""
        return self._client
