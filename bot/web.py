"""The WSGI application: Slack's endpoint plus a health check, served by gunicorn."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

SLACK_PATH = "/slack/events"
HEALTH_PATH = "/healthz"


def make_wsgi_app(app: App, *, health: Callable[[], dict[str, Any]]) -> WSGIApp:
    """Route `POST /slack/events` to Bolt and `GET /healthz` to `health`; 404 otherwise."""
    slack = SlackRequestHandler(app)

    def wsgi(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "GET")
        if path == SLACK_PATH and method == "POST":
            return slack(environ, start_response)
        if path == HEALTH_PATH and method in ("GET", "HEAD"):
            report = health()
            status = "200 OK" if report.get("ok") else "503 Service Unavailable"
            return _json(start_response, status, report)
        # Bolt's own adapter would answer 404 too, but with an HTML body and for every method.
        return _json(start_response, "404 Not Found", {"ok": False, "error": "not_found"})

    return wsgi


def _json(start_response: StartResponse, status: str, payload: dict[str, Any]) -> list[bytes]:
    body = json.dumps(payload).encode()
    start_response(
        status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]
