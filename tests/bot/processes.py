"""Starting the app's real processes (`python -m bot …`) against the stand-in, as production does."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from bot.sandbox import SlackStandIn
from tests.bot.conftest import SIGNING_SECRET

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def app_env(standin: SlackStandIn, database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a process of the app pointed at the stand-in and a test database."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL"))},
        "SLACK_BOT_TOKEN": standin.bot_token,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": standin.api_url,
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def tick(
    env: dict[str, str], now: datetime | str, *, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`python -m bot tick --now …`, to the end."""
    at = now if isinstance(now, str) else now.isoformat()
    return subprocess.run(
        [sys.executable, "-m", "bot", "tick", "--now", at],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start(env: dict[str, str], command: str, log: Path) -> subprocess.Popen[bytes]:
    """`python -m bot <command>` in a session of its own (so its workers die with it)."""
    with log.open("w") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", command],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


@contextmanager
def web_process(env: dict[str, str], log: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`python -m bot web` on a free port; its URL once /healthz answers."""
    port = free_port()
    proc = start({**env, "PORT": str(port)}, "web", log)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=1):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(log.read_text()) from None
                time.sleep(0.2)
        yield url, proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=15)


__all__ = ["SIGNING_SECRET", "app_env", "free_port", "start", "tick", "web_process"]
