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

# The scope Slack requires to deliver each bot event.
SCOPES_BY_EVENT = {"user_change": {"users:read"}}


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


def events_handled() -> set[str]:
    """The events the app's listeners handle (`app.event("user_change")(…)`)."""
    pattern = re.compile(r'\.event\(\s*"([a-z_]+)"')
    return {
        e
        for path in (ROOT / "bot" / "listeners").rglob("*.py")
        for e in pattern.findall(path.read_text())
    }


def test_the_bot_events_are_exactly_those_the_app_handles_at_its_endpoint() -> None:
    events = manifest()["settings"]["event_subscriptions"]
    assert events["request_url"].endswith("/slack/events")
    assert set(events["bot_events"]) == events_handled() == {"user_change"}
    assert "user_events" not in events  # the app acts for itself, never on a user's behalf


def test_each_subscribed_event_has_its_scope() -> None:
    scopes = set(manifest()["oauth_config"]["scopes"]["bot"])
    for event in manifest()["settings"]["event_subscriptions"]["bot_events"]:
        assert SCOPES_BY_EVENT[event] <= scopes, event


def test_results_can_arrive_as_direct_messages() -> None:
    assert manifest()["features"]["app_home"]["messages_tab_enabled"] is True


def test_the_names_fit_slacks_limits() -> None:
    data = manifest()
    assert len(data["display_information"]["name"]) <= 35
    assert len(data["display_information"]["description"]) <= 140
    assert len(data["features"]["bot_user"]["display_name"]) <= 80
