"""`/smm help` through the real HTTP endpoint, signed as Slack signs, answered via the stand-in."""

from __future__ import annotations

import json
import time
import urllib.request
from typing import Any

import pytest

from bot.compose import Web
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.sandbox.validation import check_message_blocks
from bot.services.people import cached_locale


def answers(standin: SlackStandIn, count: int = 1) -> list[dict[str, Any]]:
    """The ephemeral answers the app sent through response_url (it answers after the ack)."""
    return [call.params for call in standin.wait_for_calls("response_url", count, timeout=5)]


def all_text(message: dict[str, Any]) -> str:
    return json.dumps(message["blocks"], ensure_ascii=False)


@pytest.mark.parametrize("text", ["help", ""])
def test_help_answers_in_english_for_an_english_speaker(
    slack: SignedSlackClient, standin: SlackStandIn, text: str
) -> None:
    response = slack.slash_command("U0BOB", text)
    assert response.status == 200 and response.body == ""
    [message] = answers(standin)
    assert message["response_type"] == "ephemeral"
    assert "stay *in-house*" in all_text(message) and "/smm help" in all_text(message)
    assert check_message_blocks(message["blocks"]) is None


def test_help_answers_in_french_for_a_french_speaker(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    slack.slash_command("U0ALICE", "aide")
    [message] = answers(standin)
    assert "rester *en interne*" in all_text(message)
    assert message["text"].startswith("SMM Advisor\u00a0:")  # French typography


def test_once_the_locale_is_cached_help_comes_in_the_acknowledgement_itself(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    slack.slash_command("U0ALICE", "help")
    answers(standin, 1)
    second = slack.slash_command("U0ALICE", "aide")
    assert second.status == 200
    body = second.json()
    assert body["response_type"] == "ephemeral"
    assert "rester *en interne*" in all_text(body)
    assert check_message_blocks(body["blocks"]) is None
    time.sleep(0.3)
    # One users.info and one response_url in all: the second answer needed no Slack call.
    [lookup] = standin.calls("users.info")
    assert lookup.params["user"] == "U0ALICE"
    assert str(lookup.params["include_locale"]).lower() in ("true", "1")
    assert len(standin.calls("response_url")) == 1
    assert cached_locale(web.deps, team_id=standin.team_id, user_id="U0ALICE") == "fr"


def test_an_unknown_word_from_a_cached_user_is_answered_at_once_with_a_suggestion(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    slack.slash_command("U0BOB", "help")
    answers(standin, 1)
    body = slack.slash_command("U0BOB", "hepl").json()
    assert "I don't know `hepl`" in all_text(body) and "Did you mean `/smm help`?" in all_text(body)


def test_a_user_whose_locale_slack_cannot_give_gets_the_workspace_default(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    standin.add_user("U0KARL", "karl", locale="de-DE")
    slack.slash_command("U0KARL", "help")
    [message] = answers(standin)
    assert "stay *in-house*" in all_text(message)


def test_help_still_answers_when_users_info_fails(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    standin.fail("users.info", error="ratelimited", status=429, retry_after=30)
    slack.slash_command("U0ALICE", "help")
    [message] = answers(standin)
    assert "stay *in-house*" in all_text(message)  # the workspace default, English


def test_an_unknown_word_gets_help_that_suggests_the_nearest_command(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    slack.slash_command("U0BOB", "hepl")
    [message] = answers(standin)
    assert "I don't know `hepl`" in all_text(message)
    assert "Did you mean `/smm help`?" in all_text(message)


def test_user_text_shown_back_cannot_ping_the_channel(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    slack.slash_command("U0BOB", "<!channel>")
    [message] = answers(standin)
    assert "<!channel>" not in all_text(message) and "&lt;!channel&gt;" in all_text(message)


def test_a_forged_signature_is_refused_with_401_and_nothing_is_answered(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    response = slack.slash_command("U0BOB", "help", bad_signature=True)
    assert response.status == 401
    time.sleep(0.3)
    assert standin.calls("response_url") == []


def test_a_request_signed_ten_minutes_ago_is_refused_with_401(slack: SignedSlackClient) -> None:
    response = slack.slash_command("U0BOB", "help", timestamp=int(time.time()) - 600)
    assert response.status == 401


def test_healthz_reports_a_working_database(app_url: str) -> None:
    with urllib.request.urlopen(f"{app_url}/healthz", timeout=5) as response:
        assert response.status == 200
        assert json.loads(response.read()) == {"ok": True, "database": "ok"}


def test_other_paths_are_404_in_json(app_url: str) -> None:
    request = urllib.request.Request(f"{app_url}/slack/nothing", method="GET")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=5)
    with caught.value as error:
        assert error.code == 404
        assert json.loads(error.read())["error"] == "not_found"


def test_a_redelivered_event_reaches_listeners_once(slack: SignedSlackClient, web: Web) -> None:
    seen: list[str] = []
    web.bolt.event("app_mention")(lambda body: seen.append(body["event_id"]))
    event = {
        "type": "app_mention",
        "user": "U0BOB",
        "text": "hi",
        "channel": "C0GENERAL",
        "ts": "1.2",
    }
    first = slack.event(event, event_id="Ev0001")
    again = slack.event(event, event_id="Ev0001", retry_num=1, retry_reason="http_timeout")
    other = slack.event(event, event_id="Ev0002")
    assert (first.status, again.status, other.status) == (200, 200, 200)
    assert seen == ["Ev0001", "Ev0002"]


@pytest.mark.parametrize(
    ("user", "words"), [("U0BOB", "review channel"), ("U0ALICE", "canal de revue")]
)
def test_help_lists_the_settings_command_in_the_readers_language(
    slack: SignedSlackClient, standin: SlackStandIn, user: str, words: str
) -> None:
    slack.slash_command(user, "help")
    [message] = answers(standin)
    assert "/smm settings" in all_text(message) and words in all_text(message)
    assert check_message_blocks(message["blocks"]) is None
