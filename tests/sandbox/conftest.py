"""Fixtures: a running stand-in, a real WebClient on it, and a tiny Bolt app served over HTTP."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from slack_bolt import Ack, App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

from bot.sandbox import SignedSlackClient, SlackStandIn

SIGNING_SECRET = "standin-signing-secret"
MODAL: dict[str, Any] = {
    "type": "modal",
    "callback_id": "hello_modal",
    "title": {"type": "plain_text", "text": "Hello"},
    "submit": {"type": "plain_text", "text": "Send"},
    "private_metadata": "step=1",
    "blocks": [
        {
            "type": "input",
            "block_id": "name",
            "label": {"type": "plain_text", "text": "Your name"},
            "element": {"type": "plain_text_input", "action_id": "name_input"},
        }
    ],
}


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    with SlackStandIn() as running:
        yield running


@pytest.fixture
def client(standin: SlackStandIn) -> WebClient:
    return WebClient(base_url=standin.api_url, token=standin.bot_token)


@pytest.fixture
def modal() -> dict[str, Any]:
    return {**MODAL, "blocks": [dict(b) for b in MODAL["blocks"]]}


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - base signature
        pass  # keep test output clean; failures show in assertions


@dataclass
class ServedApp:
    app: App
    url: str


def build_bolt_app(standin: SlackStandIn) -> App:
    """A minimal Bolt app wired as the real one: stand-in URL, ack-first, modal round trip."""
    app = App(
        signing_secret=SIGNING_SECRET,
        client=WebClient(base_url=standin.api_url, token=standin.bot_token),
        process_before_response=True,
    )

    @app.command("/smm")
    def open_modal(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        client.views_open(trigger_id=body["trigger_id"], view=MODAL)

    @app.view("hello_modal")
    def submit_modal(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        name = body["view"]["state"]["values"]["name"]["name_input"]["value"]
        if not name:
            ack(response_action="errors", errors={"name": "Tell me your name"})
            return
        ack()
        client.chat_postMessage(channel=body["user"]["id"], text=f"Hello {name}")

    @app.view_closed("hello_modal")
    def closed(ack: Ack) -> None:
        ack()

    @app.action("say_hi")
    def say_hi(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        client.chat_postMessage(
            channel=body["user"]["id"], text=f"hi {body['actions'][0]['value']}"
        )

    @app.event("app_home_opened")
    def home(event: dict[str, Any], client: WebClient) -> None:
        client.views_publish(
            user_id=event["user"],
            view={
                "type": "home",
                "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Home"}}],
            },
        )

    return app


@pytest.fixture
def served_app(standin: SlackStandIn, monkeypatch: pytest.MonkeyPatch) -> Iterator[ServedApp]:
    # Bolt switches to OAuth on its own when these are in the environment.
    for name in (
        "SLACK_CLIENT_ID",
        "SLACK_CLIENT_SECRET",
        "SLACK_BOT_TOKEN",
        "SLACK_SIGNING_SECRET",
    ):
        monkeypatch.delenv(name, raising=False)
    app = build_bolt_app(standin)
    server = make_server(
        "127.0.0.1",
        0,
        SlackRequestHandler(app),
        server_class=_ThreadingWSGIServer,
        handler_class=_QuietHandler,
    )
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield ServedApp(app, f"http://127.0.0.1:{server.server_port}/slack/events")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def slack(served_app: ServedApp, standin: SlackStandIn) -> SignedSlackClient:
    return SignedSlackClient(served_app.url, SIGNING_SECRET, standin)
