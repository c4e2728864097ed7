"""Slack's v0 request signatures: computed as Slack does, verified over the raw bytes (any body)."""

from __future__ import annotations

import hashlib
import hmac
import time

# Slack (and Bolt's RequestVerification) refuse requests older or newer than five minutes.
MAX_CLOCK_SKEW_SECONDS = 60 * 5


def compute_signature(signing_secret: str, timestamp: int | str, body: bytes | str) -> str:
    """Return the `X-Slack-Signature` value for a raw body sent at `timestamp`."""
    raw = body.encode() if isinstance(body, str) else body
    base = b"v0:" + str(timestamp).encode() + b":" + raw
    digest = hmac.new(signing_secret.encode(), base, hashlib.sha256).hexdigest()
    return f"v0={digest}"


def verify_signature(
    signing_secret: str,
    timestamp: int | str,
    body: bytes | str,
    signature: str,
    *,
    now: float | None = None,
) -> bool:
    """Tell whether a request would pass Slack's signature check (timestamp window included)."""
    try:
        sent_at = int(timestamp)
    except (TypeError, ValueError):
        return False
    current = time.time() if now is None else now
    if abs(current - sent_at) > MAX_CLOCK_SKEW_SECONDS:
        return False
    expected = compute_signature(signing_secret, timestamp, body).encode()
    # compare_digest: a plain == leaks how many leading characters matched (timing attack). On
    # bytes, since a header can hold any character and compare_digest refuses non-ASCII text.
    return hmac.compare_digest(expected, signature.encode("utf-8", "replace"))
