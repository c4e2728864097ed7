"""The sender tells what became of each Web API call, whatever way Slack (or the network) said it."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from bot.sandbox import SlackStandIn
from bot.slack.clients import make_client
from bot.slack.people import fetch_user
from bot.slack.sender import OutcomeKind, Sender, SlackCallError

HTML_503 = "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    with SlackStandIn() as running:
        yield running


@pytest.fixture
def sender(standin: SlackStandIn) -> Sender:
    return Sender(make_client(api_url=standin.api_url, token=standin.bot_token))


def test_a_message_slack_takes_is_done_with_slacks_answer(sender: Sender) -> None:
    outcome = sender.post_message(channel="U0BOB", text="Hello")
    assert outcome.kind is OutcomeKind.DONE and outcome.ok
    assert outcome.data["ts"]


def test_a_long_retry_after_comes_back_to_the_caller_instead_of_a_sleep(
    standin: SlackStandIn, sender: Sender
) -> None:
    standin.fail("chat.postMessage", "ratelimited", status=429, retry_after=40, times=1)
    started = time.monotonic()
    outcome = sender.post_message(channel="U0BOB", text="Hello")
    assert time.monotonic() - started < 2
    assert (outcome.kind, outcome.retry_after) == (OutcomeKind.RETRY_AFTER, 40.0)


def test_a_short_retry_after_is_waited_for_once(standin: SlackStandIn, sender: Sender) -> None:
    standin.fail("chat.postMessage", "ratelimited", status=429, retry_after=1, times=1)
    assert sender.post_message(channel="U0BOB", text="Hello").ok
    assert len(standin.calls("chat.postMessage")) == 2


@pytest.mark.parametrize("error", ["ratelimited", "message_limit_exceeded"])
def test_slow_down_answered_with_http_200_is_a_retry_after_too(
    standin: SlackStandIn, sender: Sender, error: str
) -> None:
    standin.fail("chat.postMessage", error, status=200, times=1)
    outcome = sender.post_message(channel="U0BOB", text="Hello")
    assert outcome.kind is OutcomeKind.RETRY_AFTER
    assert outcome.error == error and outcome.retry_after == 30.0  # no header: the default wait


@pytest.mark.parametrize(
    "status, body",
    [
        pytest.param(500, None, id="500"),
        pytest.param(502, None, id="502"),
        pytest.param(503, HTML_503, id="html-503"),
    ],
)
def test_server_errors_and_html_pages_are_transient(
    standin: SlackStandIn, sender: Sender, status: int, body: str | None
) -> None:
    # Twice: the client's own single retry meets the second failure.
    standin.fail("chat.postMessage", "internal_error", status=status, times=2, body=body)
    outcome = sender.post_message(channel="U0BOB", text="Hello")
    assert outcome.kind is OutcomeKind.TRANSIENT


def test_a_timeout_is_transient(standin: SlackStandIn) -> None:
    sender = Sender(WebClient(base_url=standin.api_url, token=standin.bot_token, timeout=1))
    standin.slow("chat.postMessage", 2.0, times=1)
    outcome = sender.post_message(channel="U0BOB", text="Hello")
    assert (outcome.kind, outcome.error) == (OutcomeKind.TRANSIENT, "timeout")


def test_a_refused_connection_is_transient() -> None:
    sender = Sender(WebClient(base_url="http://127.0.0.1:9/api/", token="xoxb-x", timeout=1))
    assert sender.post_message(channel="U0BOB", text="Hello").kind is OutcomeKind.TRANSIENT


@pytest.mark.parametrize("error", ["invalid_auth", "token_revoked", "account_inactive"])
def test_a_dead_token_is_told_apart(standin: SlackStandIn, sender: Sender, error: str) -> None:
    standin.fail("chat.postMessage", error, times=1)
    assert sender.post_message(channel="U0BOB", text="Hi").kind is OutcomeKind.DEAD_TOKEN


def test_a_revoked_token_is_dead(standin: SlackStandIn, sender: Sender) -> None:
    standin.revoke_token(standin.bot_token)
    outcome = sender.post_message(channel="U0BOB", text="Hi")
    assert (outcome.kind, outcome.error) == (OutcomeKind.DEAD_TOKEN, "invalid_auth")


@pytest.mark.parametrize("error", ["channel_not_found", "not_in_channel", "is_archived"])
def test_other_refusals_are_permanent_with_slacks_code(
    standin: SlackStandIn, sender: Sender, error: str
) -> None:
    standin.fail("chat.postMessage", error, times=1)
    outcome = sender.post_message(channel="C0GENERAL", text="Hi")
    assert (outcome.kind, outcome.error) == (OutcomeKind.PERMANENT, error)


def test_blocks_real_slack_would_refuse_are_permanent(sender: Sender) -> None:
    outcome = sender.post_message(channel="U0BOB", text="Hi", blocks=[{"type": "nonsense"}])
    assert (outcome.kind, outcome.error) == (OutcomeKind.PERMANENT, "invalid_blocks")


def test_require_raises_with_the_outcome(standin: SlackStandIn, sender: Sender) -> None:
    standin.fail("chat.postMessage", "channel_not_found", times=1)
    with pytest.raises(SlackCallError) as raised:
        sender.require("chat.postMessage", channel="C0NONE", text="Hi")
    assert raised.value.outcome.error == "channel_not_found"


def test_a_user_slack_does_not_know_is_none_but_a_dead_token_is_an_error(
    standin: SlackStandIn, sender: Sender
) -> None:
    assert fetch_user(sender, "U0NOBODY") is None
    standin.fail("users.info", "account_inactive", times=1)
    with pytest.raises(SlackCallError) as raised:  # the token's workspace is gone, not the user
        fetch_user(sender, "U0BOB")
    assert raised.value.outcome.kind is OutcomeKind.DEAD_TOKEN


def test_the_sender_logs_the_method_and_code_never_the_text(
    standin: SlackStandIn, sender: Sender, caplog: pytest.LogCaptureFixture
) -> None:
    standin.fail("chat.postMessage", "channel_not_found", times=1)
    with caplog.at_level("DEBUG", logger="bot.slack.sender"):
        sender.post_message(channel="U0BOB", text="secret salary 52,000")
    assert "chat.postMessage" in caplog.text and "channel_not_found" in caplog.text
    assert "secret salary" not in caplog.text


def test_a_permalink_is_done_with_slacks_link(standin: SlackStandIn, sender: Sender) -> None:
    posted = sender.post_message(channel="U0BOB", text="Hello").data
    outcome = sender.get_permalink(channel=posted["channel"], message_ts=posted["ts"])
    assert outcome.ok and outcome.data["channel"] == standin.dm_id("U0BOB")
    assert outcome.data["permalink"].endswith("/p" + posted["ts"].replace(".", ""))


@pytest.mark.parametrize(
    "error, status, kind",
    [
        pytest.param("message_not_found", 200, OutcomeKind.PERMANENT, id="message-not-found"),
        pytest.param("channel_not_found", 200, OutcomeKind.PERMANENT, id="channel-not-found"),
        pytest.param("internal_error", 500, OutcomeKind.TRANSIENT, id="outage"),
        pytest.param("ratelimited", 429, OutcomeKind.RETRY_AFTER, id="rate-limited"),
    ],
)
def test_a_permalink_slack_refuses_is_classified_like_any_call(
    standin: SlackStandIn, sender: Sender, error: str, status: int, kind: OutcomeKind
) -> None:
    standin.fail("chat.getPermalink", error, status=status, retry_after=40, times=None)
    outcome = sender.get_permalink(channel="C0GENERAL", message_ts="1700000000.000100")
    assert outcome.kind is kind
