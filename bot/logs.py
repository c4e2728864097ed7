"""What may reach the logs: never a token, a `response_url`, a request body or people's text.

The app's own log lines name ids and error codes only. What the libraries say is cut to its
first clause below WARNING (slack_sdk logs whole request bodies and headers at DEBUG, Bolt the
body of a request whose signature failed at INFO), and every record has tokens and Slack's
response URLs masked, tracebacks included. It is done in the log record factory, so every
handler (the console, gunicorn's, pytest's) sees the same redacted record.
"""

from __future__ import annotations

import logging
import re
import traceback
from typing import Any, Final

# Bot, user, app-level and refresh tokens, rotated ones included (xoxe.xoxb-…).
_TOKEN: Final = re.compile(r"\b(?:xoxe\.)?(?:xox[a-z]|xapp)-[A-Za-z0-9-]+")
_RESPONSE_URL: Final = re.compile(r"https://hooks\.slack\.com/\S+")
_LIBRARIES: Final = ("slack_sdk", "slack_bolt", "bot.bolt")
# Where a library's message starts repeating data: "Sending a request - url: …, body: …",
# "Invalid request signature detected (signature: …, body: …)".
_DATA_STARTS: Final = re.compile(r" - |\s\(|:\s*[{\[]")
# A database error carries the rejected values: PostgreSQL's "DETAIL: Failing row contains (…)"
# and SQLAlchemy's "[parameters: …]" (the app's engines hide the latter already).
_DB_VALUES: Final = re.compile(r"^DETAIL:.*$|\[parameters: .*?\]$", re.MULTILINE)


def redact(text: str) -> str:
    """The text with tokens, response URLs and the values of a failed statement masked."""
    text = _DB_VALUES.sub("(values withheld)", text)
    return _RESPONSE_URL.sub("<response_url>", _TOKEN.sub("xox…(redacted)", text))


def _first_clause(message: str) -> str:
    match = _DATA_STARTS.search(message)
    return message[: match.start()] if match else message.splitlines()[0] if message else ""


def _redacting(factory: Any) -> Any:
    def make(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record: logging.LogRecord = factory(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record
            message = str(record.msg)
        if record.name.startswith(_LIBRARIES) and record.levelno < logging.WARNING:
            message = _first_clause(message)
        record.msg, record.args = redact(message), None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip())
        return record

    make._smm_redacting = True  # type: ignore[attr-defined]
    return make


def install_log_redaction() -> None:
    """Make every log record of the process a redacted one (idempotent)."""
    current = logging.getLogRecordFactory()
    if not getattr(current, "_smm_redacting", False):
        logging.setLogRecordFactory(_redacting(current))
