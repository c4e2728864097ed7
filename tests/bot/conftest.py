"""The real app served over HTTP on loopback, talking to the Slack stand-in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.compose import Web, build_web
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.sandbox.serving import serve_wsgi
from bot.settings import Settings

SIGNING_SECRET = "test-signing-secret"


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    """A running Slack stand-in (Alice speaks French, Bob English)."""
    with SlackStandIn() as running:
        yield running


@pytest.fixture
def settings(standin: SlackStandIn, migrated_database_url: str) -> Settings:
    """Settings pointing the app at the stand-in and a migrated test database."""
    return Settings(
        _env_file=None,
        slack_bot_token=standin.bot_token,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=standin.api_url,
        database_url=migrated_database_url,
    )


@pytest.fixture
def web(settings: Settings) -> Iterator[Web]:
    """The app exactly as `python -m bot web` builds it."""
    built = build_web(settings)
    try:
        yield built
    finally:
        built.close()


@pytest.fixture
def app_url(web: Web) -> Iterator[str]:
    """The base URL of the app served over HTTP."""
    with serve_wsgi(web.wsgi) as url:
        yield url


@pytest.fixture
def slack(app_url: str, standin: SlackStandIn) -> SignedSlackClient:
    """Sends requests to the app exactly as Slack encodes and signs them."""
    return SignedSlackClient(f"{app_url}/slack/events", SIGNING_SECRET, standin)
