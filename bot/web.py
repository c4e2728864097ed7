"""The WSGI application: Slack's endpoint plus a health check, served by gunicorn.

Slack's requests are checked here before Bolt reads them: a body over `MAX_BODY_BYTES` is
refused (413) without being read whole, a request whose signature does not verify (a
timestamp that is not a number included) gets 401, and a signed body that is not a form or a
JSON object of the shapes Slack sends gets 400. Bolt would parse the body first and fail on
some of these with a 500, or log the body of an unsigned request.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Iterable
from typing import Any, Final
from urllib.parse import parse_qs

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.slack.signing import verify_signature

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

SLACK_PATH: Final = "/slack/events"
HEALTH_PATH: Final = "/healthz"
# Slack's payloads are a few kB; a view with every block filled stays far under this.
MAX_BODY_BYTES: Final = 1_000_000
_MAX_TIMESTAMP_DIGITS: Final = 12

logger = logging.getLogger(__name__)


def make_wsgi_app(
    app: App, *, health: Callable[[], dict[str, Any]], signing_secret: str
) -> WSGIApp:
    """Route `POST /slack/events` to Bolt (after the checks above) and `GET /healthz` to
    `health`; 404 otherwise."""
    slack = SlackRequestHandler(app)

    def wsgi(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "GET")
        if path == SLACK_PATH and method == "POST":
            refusal = _refusal(environ, signing_secret)
            if refusal is not None:
                status, error = refusal
                return _json(start_response, status, {"ok": False, "error": error})
            try:
                return slack(environ, start_response)
            except Exception as error:  # Bolt could not read a signed payload: not a 500
                logger.warning("Bolt could not handle a signed request: %s", type(error).__name__)
                return _json(start_response, "400 Bad Request", {"ok": False, "error": "malformed"})
        if path == HEALTH_PATH and method in ("GET", "HEAD"):
            report = health()
            status = "200 OK" if report.get("ok") else "503 Service Unavailable"
            return _json(start_response, status, report)
        # Bolt's own adapter would answer 404 too, but with an HTML body and for every method.
        return _json(start_response, "404 Not Found", {"ok": False, "error": "not_found"})

    return wsgi


def _refusal(environ: dict[str, Any], signing_secret: str) -> tuple[str, str] | None:
    """Why a request to Slack's path is refused, or None; a good body is put back for Bolt."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or -1)
    except ValueError:
        return "400 Bad Request", "bad_content_length"
    if length > MAX_BODY_BYTES:
        return "413 Content Too Large", "body_too_large"
    stream = environ["wsgi.input"]
    if length < 0:
        # Chunked: read one byte past the limit to know whether it was passed. Without a length
        # or chunks there is no body (reading would wait for a client that sends nothing more).
        chunked = "chunked" in str(environ.get("HTTP_TRANSFER_ENCODING", "")).lower()
        body = stream.read(MAX_BODY_BYTES + 1) if chunked else b""
    else:
        body = stream.read(length)
    if len(body) > MAX_BODY_BYTES:
        return "413 Content Too Large", "body_too_large"
    timestamp = str(environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", ""))
    signature = str(environ.get("HTTP_X_SLACK_SIGNATURE", ""))
    if not (
        timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= _MAX_TIMESTAMP_DIGITS
    ):
        logger.info("Refused a request whose timestamp is not a number")
        return "401 Unauthorized", "invalid_signature"
    # Over the raw bytes, whatever they are (slack_sdk's verifier decodes them as UTF-8 first).
    if not verify_signature(signing_secret, timestamp, body, signature):
        logger.info("Refused a request whose signature does not verify")
        return "401 Unauthorized", "invalid_signature"
    if not _well_formed(body, str(environ.get("CONTENT_TYPE", ""))):
        logger.info("Refused a signed request whose body is not one Slack sends")
        return "400 Bad Request", "malformed_body"
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    return None


def _well_formed(body: bytes, content_type: str) -> bool:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    media = content_type.split(";", 1)[0].strip().lower()
    if media == "application/json":
        data = _json_object(text)
        return data is not None and _payload_shape_ok(data)
    if media != "application/x-www-form-urlencoded":
        return False
    try:
        fields = parse_qs(text, keep_blank_values=True, strict_parsing=bool(text))
    except ValueError:
        return False
    if any(len(values) != 1 for values in fields.values()):
        return False  # Slack never repeats a field; Bolt would keep only the first
    if "payload" not in fields:
        # A slash command (Bolt reads its fields itself), or Slack's SSL check.
        return "command" in fields or "ssl_check" in fields
    payload = _json_object(fields["payload"][0])
    return payload is not None and _payload_shape_ok(payload)


def _json_object(text: str) -> dict[str, Any] | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


# Payload types whose matchers read `callback_id` directly (shortcuts, legacy interactions).
_CALLBACK_TYPES: Final = frozenset(
    {"shortcut", "message_action", "interactive_message", "dialog_submission", "dialog_cancellation",
     "dialog_suggestion", "workflow_step_edit"}
)  # fmt: skip


def _is_str(value: object) -> bool:
    return isinstance(value, str)


def _payload_shape_ok(payload: dict[str, Any]) -> bool:
    """Whether Bolt can read this payload: the fields its matchers and context builders index
    without checking are there, with the types Slack gives them."""
    kind = payload.get("type")
    if kind is not None and not _is_str(kind):
        return False
    for name in ("team", "user", "enterprise", "container", "channel", "message", "view"):
        value = payload.get(name)
        if value is not None and not isinstance(value, dict | str):
            return False
    if "response_url" in payload and not _is_str(payload["response_url"]):
        return False
    urls = payload.get("response_urls", [])
    if not isinstance(urls, list) or not all(isinstance(u, dict) for u in urls):
        return False
    if kind in ("view_submission", "view_closed"):
        view = payload.get("view")
        if not isinstance(view, dict) or not isinstance(payload.get("user"), dict):
            return False
        if not all(_is_str(view.get(key)) for key in ("type", "callback_id")):
            return False
    if kind == "block_actions":
        actions = payload.get("actions")
        if (
            not isinstance(payload.get("user"), dict)
            or not isinstance(actions, list)
            or not actions
        ):
            return False
        if not all(isinstance(a, dict) and _is_str(a.get("action_id")) for a in actions):
            return False
    if kind in _CALLBACK_TYPES and not _is_str(payload.get("callback_id")):
        return False
    if kind == "block_suggestion" and not _is_str(payload.get("action_id")):
        return False
    if kind == "event_callback":
        event = payload.get("event")
        if not isinstance(event, dict) or not _is_str(event.get("type")):
            return False
    return True


def _json(start_response: StartResponse, status: str, payload: dict[str, Any]) -> list[bytes]:
    body = json.dumps(payload).encode()
    start_response(
        status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]
