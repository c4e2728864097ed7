"""Signed requests into a real Bolt app over HTTP, whose Web API calls land in the stand-in."""

from __future__ import annotations

import time
from collections.abc import Callable

from slack_bolt import BoltRequest, BoltResponse
from slack_sdk.signature import SignatureVerifier

from bot.sandbox import SignedSlackClient, SlackStandIn, compute_signature, verify_signature
from bot.sandbox.signed_client import (
    checkboxes,
    datepicker,
    plain_text_input,
    static_select,
    users_select,
)

from .conftest import SIGNING_SECRET, ServedApp


def open_modal(slack: SignedSlackClient, standin: SlackStandIn, user_id: str = "U0ALICE") -> str:
    assert slack.slash_command(user_id, "start").status == 200
    [call] = standin.wait_for_calls("views.open")
    return str(call.response["view"]["id"])


def test_a_well_signed_slash_command_gets_a_200(slack: SignedSlackClient) -> None:
    assert slack.slash_command("U0ALICE", "help").status == 200


def test_a_forged_signature_gets_a_401(slack: SignedSlackClient, standin: SlackStandIn) -> None:
    response = slack.slash_command("U0ALICE", "help", bad_signature=True)
    assert response.status == 401
    assert standin.calls("views.open") == []


def test_a_ten_minute_old_timestamp_gets_a_401(slack: SignedSlackClient) -> None:
    response = slack.slash_command("U0ALICE", "help", timestamp=int(time.time()) - 600)
    assert response.status == 401


def test_a_request_signed_with_another_secret_gets_a_401(
    served_app: ServedApp, standin: SlackStandIn
) -> None:
    impostor = SignedSlackClient(served_app.url, "not-the-secret", standin)
    assert (
        impostor.event({"type": "app_home_opened", "user": "U0ALICE", "tab": "home"}).status == 401
    )


def test_a_slash_command_is_encoded_as_slack_sends_it(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    response = slack.slash_command("U0ALICE", "start now", channel_id="C0GENERAL")
    assert response.sent["command"] == "/smm"
    assert response.sent["text"] == "start now"
    assert response.sent["channel_name"] == "general"
    assert response.sent["team_id"] == standin.team_id
    assert response.sent["response_url"].startswith(standin.base_url)


def test_a_slash_command_opens_a_modal_in_the_stand_in_with_the_payloads_trigger_id(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    response = slack.slash_command("U0ALICE", "start")
    [call] = standin.wait_for_calls("views.open")
    assert call.params["trigger_id"] == response.sent["trigger_id"]
    assert call.response["ok"] is True
    assert standin.view(call.response["view"]["id"])["callback_id"] == "hello_modal"


def test_a_view_submission_carries_the_state_and_closes_the_modal(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    view_id = open_modal(slack, standin)
    response = slack.view_submission(
        "U0ALICE", view_id, {"name": {"name_input": plain_text_input("Ada")}}
    )
    assert response.status == 200
    assert response.sent["view"]["hash"] == standin.view(view_id)["hash"]
    assert response.sent["view"]["private_metadata"] == "step=1"
    assert [m["text"] for m in standin.messages("U0ALICE")] == ["Hello Ada"]
    assert standin.view_stack(view_id) == []


def test_a_view_submission_with_field_errors_keeps_the_modal_open(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    view_id = open_modal(slack, standin)
    response = slack.view_submission(
        "U0ALICE", view_id, {"name": {"name_input": plain_text_input(None)}}
    )
    assert response.json() == {"response_action": "errors", "errors": {"name": "Tell me your name"}}
    assert standin.view_stack(view_id) == [view_id]


def test_view_closed_is_acknowledged_and_closes_the_modal(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    view_id = open_modal(slack, standin)
    response = slack.view_closed("U0ALICE", view_id)
    assert response.status == 200
    assert response.sent["type"] == "view_closed"
    assert standin.view_stack(view_id) == []


def test_a_message_button_click_reaches_the_app_with_the_clicked_message(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    view_id = open_modal(slack, standin)
    slack.view_submission("U0ALICE", view_id, {"name": {"name_input": plain_text_input("Ada")}})
    response = slack.block_action("U0ALICE", "say_hi", value="there")
    assert response.status == 200
    assert response.sent["container"]["type"] == "message"
    assert response.sent["message"]["text"] == "Hello Ada"
    assert response.sent["actions"][0]["value"] == "there"
    assert standin.messages("U0ALICE")[-1]["text"] == "hi there"


def test_a_block_action_inside_a_modal_carries_the_view_and_a_fresh_trigger(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    view_id = open_modal(slack, standin)
    response = slack.block_action(
        "U0ALICE",
        "pick",
        block_id="name",
        element=static_select("weekly", "Weekly"),
        container="view",
        view_id=view_id,
    )
    assert response.sent["container"] == {"type": "view", "view_id": view_id}
    assert response.sent["view"]["id"] == view_id
    assert response.sent["actions"][0]["selected_option"]["value"] == "weekly"
    assert "response_url" not in response.sent
    assert response.sent["trigger_id"] != standin.calls("views.open")[0].params["trigger_id"]


def test_events_are_delivered_as_signed_json_and_the_app_publishes_home(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    response = slack.app_home_opened("U0BOB")
    assert response.status == 200
    assert response.sent["type"] == "event_callback" and response.sent["event_id"].startswith("Ev")
    standin.wait_for_calls("views.publish")
    home = standin.home_view("U0BOB")
    assert home is not None and home["type"] == "home"


def test_a_redelivered_event_carries_the_retry_headers(
    slack: SignedSlackClient, served_app: ServedApp
) -> None:
    seen: list[tuple[str | None, str | None]] = []

    @served_app.app.middleware
    def remember_retries(request: BoltRequest, next: Callable[[], BoltResponse]) -> BoltResponse:
        seen.append(
            (
                request.headers.get("x-slack-retry-num", [None])[0],
                request.headers.get("x-slack-retry-reason", [None])[0],
            )
        )
        return next()

    first = slack.event({"type": "app_home_opened", "user": "U0BOB", "tab": "messages"})
    slack.event(first.sent["event"], event_id=first.sent["event_id"], retry_num=1)
    assert seen == [(None, None), ("1", "http_timeout")]


def test_url_verification_echoes_the_challenge(slack: SignedSlackClient) -> None:
    assert slack.url_verification("abc123").json() == {"challenge": "abc123"}


def test_state_helpers_produce_slacks_value_shapes() -> None:
    assert plain_text_input("x") == {"type": "plain_text_input", "value": "x"}
    assert users_select("U1") == {"type": "users_select", "selected_user": "U1"}
    assert datepicker("2026-01-31") == {"type": "datepicker", "selected_date": "2026-01-31"}
    assert [o["value"] for o in checkboxes("a", "b")["selected_options"]] == ["a", "b"]
    assert static_select(None) == {"type": "static_select", "selected_option": None}


def test_signatures_match_slack_sdks_verifier_and_expire_after_five_minutes() -> None:
    body = "token=x&team_id=T1"
    now = int(time.time())
    signature = compute_signature(SIGNING_SECRET, now, body)
    assert SignatureVerifier(SIGNING_SECRET).is_valid(body, str(now), signature)
    assert verify_signature(SIGNING_SECRET, now, body, signature)
    assert not verify_signature("other", now, body, signature)
    stale = now - 301
    assert not verify_signature(
        SIGNING_SECRET, stale, body, compute_signature(SIGNING_SECRET, stale, body)
    )
