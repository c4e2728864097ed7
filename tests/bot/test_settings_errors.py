"""Each command checks only the settings it needs and explains a bad one in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError, require

ROOT = Path(__file__).resolve().parents[2]


def run_bot(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` in an empty directory (no .env) with only `env` set."""
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL", "PORT"))
    }
    clean.update(env, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "command, env, variable",
    [
        pytest.param("web", {}, "SLACK_BOT_TOKEN", id="web-without-bot-token"),
        pytest.param(
            "web", {"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET", id="web-without-secret"
        ),
        pytest.param("all", {}, "SLACK_BOT_TOKEN", id="make-run-without-credentials"),
        pytest.param(
            "web",
            {"SLACK_BOT_TOKEN": "xoxp-user-token", "SLACK_SIGNING_SECRET": "s"},
            "SLACK_BOT_TOKEN",
            id="web-with-a-user-token-instead-of-a-bot-token",
        ),
        pytest.param(
            "socket",
            {"SLACK_BOT_TOKEN": "xoxb-1"},
            "SLACK_APP_TOKEN",
            id="socket-without-app-token",
        ),
        pytest.param(
            "socket",
            {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xoxb-1"},
            "SLACK_APP_TOKEN",
            id="socket-with-a-bot-token-as-app-token",
        ),
        pytest.param("clock", {}, "SLACK_BOT_TOKEN", id="clock-without-a-token"),
        pytest.param("tick", {}, "SLACK_BOT_TOKEN", id="tick-without-a-token"),
        pytest.param(
            "clock",
            {"SLACK_BOT_TOKEN": "xoxb-1", "CHECKIN_TICK_SECONDS": "0"},
            "CHECKIN_TICK_SECONDS",
            id="clock-with-a-tick-of-zero-seconds",
        ),
        pytest.param("web", {"PORT": "http"}, "PORT", id="a-port-that-is-not-a-number"),
        pytest.param("migrate", {"LOG_LEVEL": "LOUD"}, "LOG_LEVEL", id="an-unknown-log-level"),
        pytest.param(
            "migrate", {"DATABASE_URL": "nonsense"}, "DATABASE_URL", id="a-malformed-database-url"
        ),
        pytest.param(
            "migrate",
            {"DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"},
            "DATABASE_URL",
            id="an-unreachable-database",
        ),
    ],
)
def test_a_missing_or_invalid_setting_exits_2_with_one_line_naming_it(
    tmp_path: Path, command: str, env: dict[str, str], variable: str
) -> None:
    result = run_bot(tmp_path, command, **env)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and variable in lines[0]
    assert "Traceback" not in result.stderr


def test_make_run_without_credentials_points_to_the_manifest_and_the_readme(tmp_path: Path) -> None:
    result = run_bot(tmp_path)
    assert result.returncode == 2
    assert "manifest.yml" in result.stderr and "README" in result.stderr


def test_migrate_needs_no_slack_settings(tmp_path: Path) -> None:
    result = run_bot(tmp_path, "migrate", DATABASE_URL=f"sqlite:///{tmp_path / 'app.db'}")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "app.db").exists()


def test_require_names_the_first_missing_variable() -> None:
    settings = Settings(_env_file=None, slack_bot_token="xoxb-1")
    require(settings, "SLACK_BOT_TOKEN")
    with pytest.raises(SettingsError, match="^SLACK_SIGNING_SECRET is not set"):
        require(settings, "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")


def test_secrets_never_show_in_the_settings_repr() -> None:
    settings = Settings(_env_file=None, slack_bot_token="xoxb-very-secret")
    assert "xoxb-very-secret" not in repr(settings)
