"""Building the app's objects from settings (the entry point starts them)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from pydantic import SecretStr
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot.app import create_app
from bot.deps import Deps
from bot.listeners.common.tenancy import Home
from bot.services import delivery
from bot.settings import Settings, SettingsError, require
from bot.slack.clients import SingleTokenClients, make_client
from bot.slack.sender import OutcomeKind, Sender
from bot.store import db
from bot.web import WSGIApp, make_wsgi_app

# Bolt's own default: lazy listeners (the work after an ack) run on five threads.
LAZY_WORKERS = 5


def build_deps(settings: Settings) -> tuple[Deps, db.Engine]:
    """Deps for one process (sessions, Slack clients) and the engine to dispose at the end."""
    require(settings, "DATABASE_URL")
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else ""
    engine = db.make_engine(settings.database_url)
    deps = Deps(
        settings=settings,
        session_factory=db.make_session_factory(engine),
        slack_for=SingleTokenClients(api_url=settings.slack_api_url, token=token),
    )
    return deps, engine


def check_bot_token(settings: Settings) -> dict[str, Any]:
    """Ask Slack (auth.test) whether the bot token works; a refusal is a `SettingsError`."""
    require(settings, "SLACK_BOT_TOKEN")
    assert settings.slack_bot_token is not None
    client = make_client(
        api_url=settings.slack_api_url, token=settings.slack_bot_token.get_secret_value()
    )
    # The one-line SettingsError below says it all: no log lines before it.
    quiet = [logging.getLogger(name) for name in ("slack_sdk", "bot.slack.sender")]
    levels = [log.level for log in quiet]
    for log in quiet:
        log.setLevel(logging.CRITICAL)
    try:
        outcome = Sender(client).call("auth.test")
    finally:
        for log, level in zip(quiet, levels, strict=True):
            log.setLevel(level)
    if outcome.ok:
        return dict(outcome.data)
    if outcome.kind in (OutcomeKind.TRANSIENT, OutcomeKind.RETRY_AFTER):
        raise SettingsError(
            f"Slack cannot be reached at SLACK_API_URL={settings.slack_api_url} ({outcome.error})."
        )
    raise SettingsError(
        f"SLACK_BOT_TOKEN was refused by Slack ({outcome.error}): "
        "reinstall the app and copy its current Bot User OAuth Token into .env."
    )


@dataclass(frozen=True)
class Web:
    """The web process's app and what it holds open."""

    wsgi: WSGIApp
    bolt: App
    deps: Deps
    close: Callable[[], None]


def build_web(settings: Settings, *, clock: Callable[[], datetime] | None = None) -> Web:
    """The app of `python -m bot web`: Bolt on /slack/events, /healthz beside it (`clock`: the
    demo's simulated time; production runs on the real one)."""
    require(settings, "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
    home = Home.from_auth_test(check_bot_token(settings))  # once per process, then cached
    deps, engine = build_deps(settings)
    if clock is not None:
        deps = replace(deps, clock=clock)
    lazy = ThreadPoolExecutor(max_workers=LAZY_WORKERS, thread_name_prefix="lazy-listener")
    bolt = create_app(deps, home=home, listener_executor=lazy)
    assert settings.slack_signing_secret is not None
    wsgi = make_wsgi_app(
        bolt,
        health=lambda: health(deps),
        signing_secret=settings.slack_signing_secret.get_secret_value(),
    )

    def close() -> None:
        # Work already acknowledged to Slack finishes before its connections go.
        lazy.shutdown(wait=True)
        engine.dispose()

    return Web(wsgi=wsgi, bolt=bolt, deps=deps, close=close)


@dataclass(frozen=True)
class Socket:
    """The Socket Mode process's handler (not connected yet) and what it holds open."""

    handler: SocketModeHandler
    deps: Deps
    close: Callable[[], None]


def build_socket(settings: Settings) -> Socket:
    """The Socket Mode handler of `python -m bot socket`, wired to the same app as the web."""
    require(settings, "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")
    assert settings.slack_app_token is not None
    app_token = settings.slack_app_token.get_secret_value()
    # Socket Mode requests are not signed; Bolt skips verification but App wants a secret.
    if settings.slack_signing_secret is None:
        settings = settings.model_copy(update={"slack_signing_secret": SecretStr("socket-mode")})
    deps, engine = build_deps(settings)
    handler = SocketModeHandler(
        create_app(deps, home=Home.from_auth_test(check_bot_token(settings))),
        app_token,
        web_client=make_client(api_url=settings.slack_api_url, token=None),
    )
    return Socket(handler=handler, deps=deps, close=engine.dispose)


def health(deps: Deps) -> dict[str, Any]:
    """What /healthz reports: the database answers."""
    try:
        db.ping(deps.session_factory)
    except Exception as error:  # any driver error means "not healthy", never a 500 traceback
        return {"ok": False, "database": type(error).__name__}
    return {"ok": True, "database": "ok"}


@dataclass(frozen=True)
class Clock:
    """What a clock or tick process works with, and what it holds open."""

    deps: Deps
    sender_for: Callable[[str], Sender]
    close: Callable[[], None]


def build_clock(settings: Settings, *, clock: Callable[[], datetime] | None = None) -> Clock:
    """The objects of `python -m bot clock` and `tick`: the token is checked with Slack first,
    and its workspace's paused jobs (a token that was dead) are due again (`clock`: as for
    `build_web`)."""
    require(settings, "SLACK_BOT_TOKEN", "DATABASE_URL")
    home = Home.from_auth_test(check_bot_token(settings))
    deps, engine = build_deps(settings)
    if clock is not None:
        deps = replace(deps, clock=clock)
    if home.team_id:
        delivery.resume_workspace(deps, team_id=home.team_id, now=deps.clock())

    def sender_for(team_id: str) -> Sender:
        return Sender(deps.slack_for(team_id))

    return Clock(deps=deps, sender_for=sender_for, close=engine.dispose)
