"""The Bolt app: explicit client, deps in the context, retry de-duplication, listeners."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor

from slack_bolt import App, BoltContext, BoltResponse
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.request import BoltRequest

from bot.deps import Deps
from bot.listeners import register_listeners
from bot.listeners.common.redelivery import drop_redelivered_events
from bot.listeners.common.tenancy import Home, refuse_other_workspaces
from bot.logs import install_log_redaction
from bot.slack.clients import make_client

logger = logging.getLogger(__name__)

Authorize = Callable[..., AuthorizeResult]


def create_app(
    deps: Deps,
    *,
    authorize: Authorize | None = None,
    home: Home | None = None,
    listener_executor: Executor | None = None,
) -> App:
    """Build the Bolt app for `deps`; `authorize` replaces the single bot token (tests, OAuth);
    with `home` (what auth.test said of the token), other workspaces' requests are refused;
    lazy listeners run on `listener_executor` (Bolt's own pool without one)."""
    install_log_redaction()
    s = deps.settings
    if s.slack_signing_secret is None:
        raise ValueError("SLACK_SIGNING_SECRET is required to serve Slack requests")
    token = None
    if authorize is None:
        if s.slack_bot_token is None:
            raise ValueError("SLACK_BOT_TOKEN is required without an authorize function")
        token = s.slack_bot_token.get_secret_value()
    app = App(
        # Pass the client explicitly: Bolt otherwise switches to OAuth on its own when
        # SLACK_CLIENT_ID/SECRET are set, and would talk to the public Slack URL.
        client=make_client(api_url=s.slack_api_url, token=token),
        authorize=authorize,
        signing_secret=s.slack_signing_secret.get_secret_value(),
        # Ack in the listener, work in lazy listeners: a default Bolt app polls for ack()
        # every 10 ms; this answers as soon as the listener has acked.
        process_before_response=True,
        listener_executor=listener_executor,
        # Bolt's own lines go through a logger of their own, cut to their first clause
        # below WARNING (bot.logs): some of them carry request bodies.
        logger=logging.getLogger("bot.bolt"),
    )

    @app.middleware
    def inject_deps(context: BoltContext, next: Callable[[], BoltResponse]) -> BoltResponse:
        context["deps"] = deps  # long-lived objects only; sessions open inside services
        return next()

    if home is not None:  # before anything that writes: another workspace's request writes nothing
        app.middleware(refuse_other_workspaces(home))

    app.middleware(drop_redelivered_events)

    @app.error
    def log_unhandled(error: Exception, request: BoltRequest) -> None:
        logger.error("Unhandled error for %s", request.body.get("type", "request"), exc_info=error)

    register_listeners(app)
    return app
