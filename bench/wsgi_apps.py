"""The three WSGI apps the acknowledgement benchmark serves identically under gunicorn."""

from __future__ import annotations

import os
from typing import Any

from slack_bolt import Ack, App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

from bot.compose import build_web
from bot.settings import load_settings
from bot.web import WSGIApp


def _bare(*, process_before_response: bool) -> WSGIApp:
    app = App(
        client=WebClient(base_url=os.environ["SLACK_API_URL"], token=os.environ["SLACK_BOT_TOKEN"]),
        signing_secret=os.environ["SLACK_SIGNING_SECRET"],
        token_verification_enabled=False,
        process_before_response=process_before_response,
    )

    @app.command("/smm")
    def ack_only(ack: Ack) -> None:
        ack()

    handler = SlackRequestHandler(app)

    def wsgi(environ: dict[str, Any], start_response: Any) -> Any:
        return handler(environ, start_response)

    return wsgi


def default_bare() -> WSGIApp:
    """A Bolt app with default settings whose listener only acks."""
    return _bare(process_before_response=False)


def fast_bare() -> WSGIApp:
    """The same bare app with `process_before_response=True`."""
    return _bare(process_before_response=True)


def smm() -> WSGIApp:
    """SMM Advisor's own web app, exactly as `python -m bot web` builds it."""
    return build_web(load_settings()).wsgi
