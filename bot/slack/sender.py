"""The one door out to Slack's Web API: every call goes through a `Sender`, which says what
happened in one of five words (done, retry after N seconds, transient, dead token, permanent)."""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

logger = logging.getLogger(__name__)

# Slack's error codes that mean "slow down", some of them answered with HTTP 200 (grafana/oncall
# #5204: `message_limit_exceeded` came back as 200, so a check on 429 alone misses it).
RATE_LIMITED: Final = frozenset({"ratelimited", "rate_limited", "message_limit_exceeded"})
# The token itself no longer works: every call for that workspace will fail the same way.
# `account_inactive` is "the token is for a deleted user or workspace", not a departed recipient.
DEAD_TOKEN: Final = frozenset(
    {"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive"}
)
# Errors Slack itself calls temporary.
TRANSIENT: Final = frozenset(
    {"internal_error", "fatal_error", "service_unavailable", "request_timeout", "timeout"}
)
# When Slack says "slow down" without a Retry-After header, wait this long.
DEFAULT_RETRY_AFTER_SECONDS: Final = 30.0


class OutcomeKind(StrEnum):
    """What became of one Web API call."""

    DONE = "done"
    RETRY_AFTER = "retry_after"  # Slack asked us to wait `retry_after` seconds
    TRANSIENT = "transient"  # 5xx, timeouts, dropped connections, an HTML error page
    DEAD_TOKEN = "dead_token"  # the workspace's token no longer works
    PERMANENT = "permanent"  # Slack refused this call for good (its error code says why)


@dataclass(frozen=True, slots=True)
class Outcome:
    """One call's result: Slack's answer when done, else the error and the wait Slack asked for."""

    kind: OutcomeKind
    data: Mapping[str, Any] = field(default_factory=dict)
    error: str | None = None
    retry_after: float | None = None

    @property
    def ok(self) -> bool:
        """Whether Slack did what was asked."""
        return self.kind is OutcomeKind.DONE


class SlackCallError(Exception):
    """A call that did not succeed, for code paths that cannot go on without its answer."""

    def __init__(self, method: str, outcome: Outcome) -> None:
        super().__init__(f"{method}: {outcome.kind} ({outcome.error})")
        self.method = method
        self.outcome = outcome


def _retry_after(headers: Mapping[str, Any]) -> float:
    for key, value in headers.items():
        if key.lower() == "retry-after":
            raw = value[0] if isinstance(value, list | tuple) and value else value
            try:
                return max(0.0, float(raw))
            except (TypeError, ValueError):
                break
    return DEFAULT_RETRY_AFTER_SECONDS


def classify_api_error(error: SlackApiError) -> Outcome:
    """The outcome of a call Slack answered with an error (any HTTP status)."""
    response = error.response
    status = getattr(response, "status_code", 200)
    data = response.data if isinstance(response.data, dict) else {}
    code = data.get("error") if isinstance(data.get("error"), str) else None
    headers = response.headers if isinstance(response.headers, Mapping) else {}
    if status == 429 or code in RATE_LIMITED:
        return Outcome(
            OutcomeKind.RETRY_AFTER, error=code or "ratelimited", retry_after=_retry_after(headers)
        )
    if status >= 500:
        return Outcome(OutcomeKind.TRANSIENT, error=f"http_{status}")
    if code in DEAD_TOKEN:
        return Outcome(OutcomeKind.DEAD_TOKEN, error=code)
    if code in TRANSIENT:
        return Outcome(OutcomeKind.TRANSIENT, error=code)
    if code is None or code.startswith("Received a response in a non-JSON format"):
        # An HTML page where JSON was expected: a proxy or Slack's edge having a bad moment.
        return Outcome(OutcomeKind.TRANSIENT, error=f"unexpected_body_{status}")
    return Outcome(OutcomeKind.PERMANENT, error=code)


def classify_exception(error: BaseException) -> Outcome:
    """The outcome of a call that raised (Slack's refusal, a timeout, a dropped connection)."""
    if isinstance(error, SlackApiError):
        return classify_api_error(error)
    if isinstance(error, TimeoutError):  # WebClient's timeout raises the builtin TimeoutError
        return Outcome(OutcomeKind.TRANSIENT, error="timeout")
    if isinstance(error, OSError):  # refused, reset or dropped connections, DNS failures
        return Outcome(OutcomeKind.TRANSIENT, error=type(error).__name__)
    if isinstance(error, SlackClientError):  # a request slack_sdk could not even build
        return Outcome(OutcomeKind.PERMANENT, error=type(error).__name__)
    raise error


class Sender:
    """Every Web API call of the app, through one client; failures come back as outcomes."""

    def __init__(self, client: WebClient) -> None:
        self.client = client

    def call(self, method: str, **params: Any) -> Outcome:
        """Call a Web API method (`"chat.postMessage"`); never raises for Slack's or the
        network's failures, and never sleeps for long (a long wait comes back as retry-after)."""
        # slack_sdk names its methods after Slack's ("chat.postMessage" → chat_postMessage) and
        # knows which of them want GET, form fields or JSON.
        function = getattr(self.client, method.replace(".", "_"))
        try:
            response = function(**params)
        except (SlackClientError, OSError) as error:
            outcome = classify_exception(error)
            # Method and error code only: parameters carry people's text, headers the token.
            logger.warning("Slack %s: %s (%s)", method, outcome.kind, outcome.error)
            return outcome
        data = response.data if isinstance(response.data, dict) else {}
        return Outcome(OutcomeKind.DONE, data=data)

    def require(self, method: str, **params: Any) -> Mapping[str, Any]:
        """Call a method whose answer the caller cannot do without; `SlackCallError` otherwise."""
        outcome = self.call(method, **params)
        if not outcome.ok:
            raise SlackCallError(method, outcome)
        return outcome.data

    def post_message(
        self,
        *,
        channel: str,
        text: str,
        blocks: list[dict[str, Any]] | None = None,
        thread_ts: str | None = None,
    ) -> Outcome:
        """Post a message (`text` is the notification fallback of `blocks`)."""
        params: dict[str, Any] = {"channel": channel, "text": text}
        if blocks is not None:
            params["blocks"] = blocks
        if thread_ts is not None:
            params["thread_ts"] = thread_ts
        return self.call("chat.postMessage", **params)

    def update_message(
        self, *, channel: str, ts: str, text: str, blocks: list[dict[str, Any]] | None = None
    ) -> Outcome:
        """Replace a message the app posted."""
        return self.call("chat.update", channel=channel, ts=ts, text=text, blocks=blocks or [])

    def upload_file(
        self,
        *,
        channel_id: str,
        content: bytes,
        filename: str,
        title: str,
        alt_text: str,
        thread_ts: str | None = None,
    ) -> Outcome:
        """Share a file with files upload v2: reserve it (files.getUploadURLExternal), post its
        bytes to the URL Slack gave, then complete it into the channel (and thread). Each step
        is classified like any call; the first that fails is the outcome."""
        reserved = self.call(
            "files.getUploadURLExternal", filename=filename, length=len(content), alt_txt=alt_text
        )
        if not reserved.ok:
            return reserved
        url, file_id = reserved.data.get("upload_url"), reserved.data.get("file_id")
        if not isinstance(url, str) or not isinstance(file_id, str):
            return Outcome(OutcomeKind.TRANSIENT, error="no_upload_url")
        sent = self._post_bytes(url, content)
        if not sent.ok:
            return sent
        params: dict[str, Any] = {
            "files": [{"id": file_id, "title": title}],
            "channel_id": channel_id,
        }
        if thread_ts is not None:
            params["thread_ts"] = thread_ts
        return self.call("files.completeUploadExternal", **params)

    def _post_bytes(self, url: str, content: bytes) -> Outcome:
        """The upload step: HTTP POST of the bytes; 200 is done (Slack answers "OK - <size>")."""
        request = urllib.request.Request(
            url, data=content, method="POST", headers={"Content-Type": "application/octet-stream"}
        )
        try:
            with urllib.request.urlopen(  # noqa: S310 - Slack's own upload URL
                request, timeout=self.client.timeout, context=self.client.ssl
            ) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
            if status == 429:
                retry = _retry_after(dict(error.headers.items()) if error.headers else {})
                logger.warning("Slack upload: retry after %s s", retry)
                return Outcome(OutcomeKind.RETRY_AFTER, error="ratelimited", retry_after=retry)
        except (TimeoutError, OSError) as error:
            logger.warning("Slack upload: transient (%s)", type(error).__name__)
            return Outcome(OutcomeKind.TRANSIENT, error=type(error).__name__)
        if status == 200:
            return Outcome(OutcomeKind.DONE)
        kind = OutcomeKind.TRANSIENT if status >= 500 else OutcomeKind.PERMANENT
        logger.warning("Slack upload: HTTP %s (%s)", status, kind)
        return Outcome(kind, error=f"upload_http_{status}")

    def get_permalink(self, *, channel: str, message_ts: str) -> Outcome:
        """A link to a message (`data["permalink"]` when done)."""
        return self.call("chat.getPermalink", channel=channel, message_ts=message_ts)
