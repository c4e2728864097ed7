"""Scripted failures, slow answers, body encodings and the call record."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot.sandbox import SlackStandIn


def test_a_scripted_429_reaches_the_client_with_its_retry_after_header(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.fail("chat.postMessage", error="ratelimited", status=429, retry_after=7, times=1)
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_postMessage(channel="C0GENERAL", text="x")
    assert excinfo.value.response.status_code == 429
    assert excinfo.value.response.headers["Retry-After"] == "7"
    assert excinfo.value.response["error"] == "ratelimited"
    assert client.chat_postMessage(channel="C0GENERAL", text="x")["ok"]  # times=1: next call passes


def test_a_rate_limit_retry_handler_gets_through_after_a_scripted_429(
    standin: SlackStandIn,
) -> None:
    standin.fail("chat.postMessage", error="ratelimited", status=429, retry_after=0, times=1)
    retrying = WebClient(
        base_url=standin.api_url,
        token=standin.bot_token,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)],
    )
    assert retrying.chat_postMessage(channel="C0GENERAL", text="x")["ok"]
    assert [c.status for c in standin.calls("chat.postMessage")] == [429, 200]


@pytest.mark.parametrize("status", [500, 503])
def test_a_scripted_server_error_reaches_the_client_as_slack_api_error(
    standin: SlackStandIn, client: WebClient, status: int
) -> None:
    standin.fail("views.publish", error="internal_error", status=status)
    with pytest.raises(SlackApiError) as excinfo:
        client.views_publish(user_id="U0ALICE", view={"type": "home", "blocks": []})
    assert excinfo.value.response.status_code == status


def test_a_scripted_html_outage_page_reaches_the_client_as_slack_api_error(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.fail("auth.test", status=503, body="<html>Service Unavailable</html>")
    with pytest.raises(SlackApiError) as excinfo:
        client.auth_test()
    assert excinfo.value.response.status_code == 503


@pytest.mark.parametrize(
    "error", ["not_in_channel", "user_not_found", "account_inactive", "token_revoked"]
)
def test_any_slack_error_can_be_scripted_as_ok_false(
    standin: SlackStandIn, client: WebClient, error: str
) -> None:
    standin.fail("users.info", error=error, times=None)
    for _ in range(2):
        with pytest.raises(SlackApiError) as excinfo:
            client.users_info(user="U0ALICE")
        assert (excinfo.value.response.status_code, excinfo.value.response["error"]) == (200, error)
    standin.clear_scripts()
    assert client.users_info(user="U0ALICE")["ok"]


def test_a_slow_method_answers_late_and_others_stay_fast(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.slow("views.open", seconds=0.3)
    started = time.monotonic()
    with pytest.raises(SlackApiError):
        client.views_open(trigger_id="unknown", view={"type": "modal", "blocks": []})
    assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    client.auth_test()
    assert time.monotonic() - started < 0.3


def test_a_slow_answer_beyond_the_client_timeout_raises_timeout_error(
    standin: SlackStandIn,
) -> None:
    standin.slow("auth.test", seconds=0.5, times=1)
    impatient = WebClient(base_url=standin.api_url, token=standin.bot_token, timeout=0.1)  # type: ignore[arg-type]
    with pytest.raises(TimeoutError):
        impatient.auth_test()


def test_every_call_is_recorded_with_its_params_token_time_and_response(
    standin: SlackStandIn, client: WebClient
) -> None:
    before = time.time()
    client.chat_postMessage(channel="C0GENERAL", text="hello", blocks=[{"type": "divider"}])
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="C0NOWHERE", text="x")
    client.users_info(user="U0BOB")
    posts = standin.calls("chat.postMessage")
    assert [c.method for c in standin.calls()] == [
        "chat.postMessage",
        "chat.postMessage",
        "users.info",
    ]
    assert posts[0].params == {
        "channel": "C0GENERAL",
        "text": "hello",
        "blocks": [{"type": "divider"}],
    }
    assert posts[0].token == standin.bot_token
    assert posts[0].at >= before
    assert posts[0].response["ok"] is True
    assert posts[1].response == {"ok": False, "error": "channel_not_found"}


def test_form_bodies_with_json_string_fields_are_decoded(
    standin: SlackStandIn, client: WebClient
) -> None:
    blocks: Any = '[{"type": "section", "text": {"type": "mrkdwn", "text": "from a form"}}]'
    client.api_call(
        "chat.postMessage", data={"channel": "C0GENERAL", "text": "t", "blocks": blocks}
    )
    assert standin.messages("C0GENERAL")[0]["blocks"][0]["text"]["text"] == "from a form"
    assert standin.calls("chat.postMessage")[0].params["blocks"][0]["type"] == "section"


def test_an_unknown_method_answers_unknown_method(client: WebClient) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        client.api_call("no.such.method")
    assert excinfo.value.response["error"] == "unknown_method"


@pytest.mark.parametrize("error", ["ratelimited", "message_limit_exceeded"])
def test_a_rate_limit_answered_at_http_200_fails_exactly_the_scripted_number_of_calls(
    standin: SlackStandIn, client: WebClient, error: str
) -> None:
    standin.fail("chat.postMessage", error=error, times=3)
    for _ in range(3):
        with pytest.raises(SlackApiError) as excinfo:
            client.chat_postMessage(channel="U0ALICE", text="check-in")
        response = excinfo.value.response
        assert (response.status_code, response["error"]) == (200, error)
        assert "Retry-After" not in response.headers
    assert client.chat_postMessage(channel="U0ALICE", text="check-in")["ok"]
    assert standin.messages("U0ALICE")[0]["text"] == "check-in"
    assert [c.status for c in standin.calls("chat.postMessage")] == [200] * 4
    assert [c.response["ok"] for c in standin.calls("chat.postMessage")] == [False] * 3 + [True]


def test_failures_of_one_method_leave_the_other_methods_alone(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.fail("chat.postMessage", error="ratelimited", status=429, retry_after=30, times=None)
    assert client.users_info(user="U0ALICE")["ok"]
    assert client.conversations_open(users="U0ALICE")["ok"]


@pytest.mark.parametrize("status", [500, 502, 503])
def test_a_scripted_server_error_carries_a_json_error_body(
    standin: SlackStandIn, client: WebClient, status: int
) -> None:
    standin.fail("chat.postMessage", error="fatal_error", status=status, times=2)
    for _ in range(2):
        with pytest.raises(SlackApiError) as excinfo:
            client.chat_postMessage(channel="C0GENERAL", text="x")
        response = excinfo.value.response
        assert (response.status_code, response["error"]) == (status, "fatal_error")
        assert response.headers["Content-Type"].startswith("application/json")
    assert client.chat_postMessage(channel="C0GENERAL", text="x")["ok"]
    assert standin.message_count("C0GENERAL") == 1


def test_a_scripted_html_page_is_sent_as_is_with_an_html_content_type(
    standin: SlackStandIn,
) -> None:
    page = "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"
    standin.fail("chat.postMessage", status=503, body=page, retry_after=5)
    request = urllib.request.Request(
        f"{standin.api_url}chat.postMessage",
        data=b"channel=C0GENERAL&text=x",
        headers={"Authorization": f"Bearer {standin.bot_token}"},
    )
    with pytest.raises(urllib.error.HTTPError) as excinfo:
        urllib.request.urlopen(request, timeout=5)
    assert excinfo.value.code == 503
    assert excinfo.value.headers["Content-Type"] == "text/html"
    assert excinfo.value.headers["Retry-After"] == "5"
    assert excinfo.value.read().decode() == page
    excinfo.value.close()  # urllib keeps the answer's socket open in the error
    assert standin.calls("chat.postMessage")[0].response == {"ok": False, "error": "internal_error"}


def test_a_revoked_token_gets_invalid_auth_while_other_workspaces_tokens_still_work(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.add_token("xoxb-second-workspace")
    second = WebClient(base_url=standin.api_url, token="xoxb-second-workspace")
    assert client.auth_test()["ok"] and second.auth_test()["ok"]
    standin.revoke_token(standin.bot_token)
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_postMessage(channel="U0ALICE", text="check-in")
    assert (excinfo.value.response.status_code, excinfo.value.response["error"]) == (
        200,
        "invalid_auth",
    )
    assert standin.message_count("U0ALICE") == 0
    assert second.chat_postMessage(channel="U0ALICE", text="check-in")["ok"]


def test_a_scripted_delay_for_n_calls_then_answers_at_once(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.slow("chat.postMessage", seconds=0.2, times=2)
    timings = []
    for _ in range(3):
        started = time.monotonic()
        client.chat_postMessage(channel="C0GENERAL", text="x")
        timings.append(time.monotonic() - started)
    assert timings[0] >= 0.2 and timings[1] >= 0.2
    assert timings[2] < 0.2
