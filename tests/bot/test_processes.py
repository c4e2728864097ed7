"""The processes of DESIGN §2, started the way production starts them."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.compose import build_socket
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.settings import Settings
from tests.bot.conftest import SIGNING_SECRET

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def web_process(standin: SlackStandIn, migrated_database_url: str, tmp_path: Path) -> Iterator[str]:
    """`python -m bot web` (gunicorn, threaded worker) on a free port, against the stand-in."""
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("SLACK_")},
        "SLACK_BOT_TOKEN": standin.bot_token,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": standin.api_url,
        "DATABASE_URL": migrated_database_url,
        "PORT": str(port),
        "PYTHONPATH": str(ROOT),
    }
    log = (tmp_path / "web.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "web"], cwd=tmp_path, env=env, stdout=log, stderr=log
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError((tmp_path / "web.log").read_text()) from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        log.close()


def test_the_web_process_serves_healthz_and_answers_smm_help(
    web_process: str, standin: SlackStandIn
) -> None:
    with urllib.request.urlopen(f"{web_process}/healthz", timeout=5) as response:
        assert json.loads(response.read())["ok"] is True
    slack = SignedSlackClient(f"{web_process}/slack/events", SIGNING_SECRET, standin)
    assert slack.slash_command("U0ALICE", "help").status == 200
    [answer] = standin.wait_for_calls("response_url", 1, timeout=10)
    assert "rester *en interne*" in json.dumps(answer.params["blocks"], ensure_ascii=False)
    # The token was checked once, before gunicorn started, against SLACK_API_URL.
    assert standin.calls("auth.test")


def test_the_web_process_refuses_to_start_with_a_token_slack_rejects(
    standin: SlackStandIn, migrated_database_url: str, tmp_path: Path
) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("SLACK_")},
        "SLACK_BOT_TOKEN": "xoxb-revoked",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": standin.api_url,
        "DATABASE_URL": migrated_database_url,
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot", "web"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "error: SLACK_BOT_TOKEN was refused by Slack (invalid_auth): reinstall the app and copy "
        "its current Bot User OAuth Token into .env."
    )


def test_socket_mode_is_wired_to_the_app_and_to_slack_api_url(settings: Settings) -> None:
    socket_settings = settings.model_copy(update={"slack_app_token": SecretStr("xapp-1-test")})
    socket = build_socket(socket_settings)
    handler = socket.handler
    try:
        assert handler.app.client.base_url == settings.slack_api_url
        assert handler.client.app_token == "xapp-1-test"
        assert handler.client.web_client.base_url == settings.slack_api_url
        assert any(
            "ack_smm_command" in repr(listener.ack_function) for listener in handler.app._listeners
        )
    finally:
        handler.client.close()
        socket.close()
