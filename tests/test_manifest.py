"""`manifest.yml` creates an app with what SMM Advisor handles, and nothing more."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
# The scope each Web API method the app calls needs (views.* and auth.test need none).
SCOPES_BY_METHOD = {
    "chat.postMessage": {"chat:write"},
    "chat.update": {"chat:write"},
    "chat.postEphemeral": {"chat:write"},
    "users.info": {"users:read"},
    "conversations.info": {"channels:read", "groups:read"},  # public and private channels
    "files.getUploadURLExternal": {"files:write"},  # the digest's charts (files upload v2)
    "files.completeUploadExternal": {"files:write"},
}


def manifest() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "manifest.yml").read_text())
    return data


def methods_called() -> set[str]:
    """The Web API methods the app's code calls: every call goes through the sender
    (`sender.call("users.info", …)`, `.require(…)`, or one of its helpers, which do the same)."""
    pattern = re.compile(r'\.(?:call|require)\(\s*"([a-z]+\.[A-Za-z]+)"')
    return {
        m
        for path in (ROOT / "bot").rglob("*.py")
        if "sandbox" not in path.parts
        for m in pattern.findall(path.read_text())
    }


def test_the_slash_command_and_interactivity_point_at_the_apps_endpoint() -> None:
    data = manifest()
    [command] = data["features"]["slash_commands"]
    assert command["command"] == "/smm" and command["url"].endswith("/slack/events")
    assert data["settings"]["interactivity"]["is_enabled"] is True
    assert data["settings"]["interactivity"]["request_url"].endswith("/slack/events")


def test_the_bot_scopes_are_exactly_what_the_code_calls_for() -> None:
    called = methods_called()
    assert called, "no Web API call found: the pattern is out of date"
    needed = {"commands"}.union(*(SCOPES_BY_METHOD.get(m, set()) for m in called))
    assert set(manifest()["oauth_config"]["scopes"]["bot"]) == needed


def test_no_events_are_subscribed_before_the_app_handles_them() -> None:
    assert "event_subscriptions" not in manifest()["settings"]


def test_results_can_arrive_as_direct_messages() -> None:
    assert manifest()["features"]["app_home"]["messages_tab_enabled"] is True


def test_the_names_fit_slacks_limits() -> None:
    data = manifest()
    assert len(data["display_information"]["name"]) <= 35
    assert len(data["display_information"]["description"]) <= 140
    assert len(data["features"]["bot_user"]["display_name"]) <= 80
