"""chat.* and auth.test through the real WebClient, against the stand-in."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.sandbox import SlackStandIn

SECTION = {"type": "section", "text": {"type": "mrkdwn", "text": "Hello"}}


def error_of(excinfo: pytest.ExceptionInfo[SlackApiError]) -> str:
    return str(excinfo.value.response["error"])


def test_auth_test_describes_the_bot_and_the_workspace(
    standin: SlackStandIn, client: WebClient
) -> None:
    response = client.auth_test()
    assert response["team_id"] == "T0STANDIN"
    assert response["user_id"] == standin.bot_user_id
    assert response["bot_id"] == standin.bot_id
    assert "chat:write" in response.headers["x-oauth-scopes"]


def test_a_call_without_a_token_is_rejected_as_not_authed(standin: SlackStandIn) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        WebClient(base_url=standin.api_url).auth_test()
    assert error_of(excinfo) == "not_authed"


def test_a_wrong_token_is_rejected_as_invalid_auth(standin: SlackStandIn) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        WebClient(base_url=standin.api_url, token="xoxb-wrong").chat_postMessage(
            channel="C0GENERAL", text="x"
        )
    assert error_of(excinfo) == "invalid_auth"
    assert standin.messages("C0GENERAL") == []


def test_a_token_sent_as_a_form_parameter_is_accepted(standin: SlackStandIn) -> None:
    response = WebClient(base_url=standin.api_url).api_call(
        "auth.test", data={"token": standin.bot_token}
    )
    assert response["ok"] is True
    assert standin.calls("auth.test")[-1].token == standin.bot_token


def test_a_posted_message_is_stored_in_its_channel_with_a_slack_timestamp(
    standin: SlackStandIn, client: WebClient
) -> None:
    response = client.chat_postMessage(channel="C0GENERAL", text="Weekly digest", blocks=[SECTION])
    [message] = standin.messages("C0GENERAL")
    assert message["ts"] == response["ts"]
    assert message["text"] == "Weekly digest"
    assert message["blocks"] == [SECTION]
    seconds, micros = response["ts"].split(".")
    assert len(seconds) == 10 and len(micros) == 6


def test_timestamps_are_unique_and_increasing(client: WebClient) -> None:
    stamps = [client.chat_postMessage(channel="C0GENERAL", text=str(i))["ts"] for i in range(20)]
    assert len(set(stamps)) == 20
    assert stamps == sorted(stamps, key=float)


def test_a_message_to_a_user_id_lands_in_that_users_dm(
    standin: SlackStandIn, client: WebClient
) -> None:
    response = client.chat_postMessage(channel="U0ALICE", text="Your check-in")
    opened = client.conversations_open(users="U0ALICE")
    assert response["channel"] == opened["channel"]["id"] == standin.dm_id("U0ALICE")
    assert response["channel"].startswith("D")
    assert [m["text"] for m in standin.messages(response["channel"])] == ["Your check-in"]
    assert standin.messages("U0ALICE") == standin.messages(response["channel"])


def test_a_message_with_neither_text_nor_blocks_is_rejected_as_no_text(client: WebClient) -> None:
    # api_call: chat_postMessage itself warns (UserWarning) before sending a message without text.
    with pytest.raises(SlackApiError) as excinfo:
        client.api_call("chat.postMessage", json={"channel": "C0GENERAL", "text": ""})
    assert error_of(excinfo) == "no_text"


def test_a_message_over_50_blocks_is_rejected_as_invalid_blocks(
    standin: SlackStandIn, client: WebClient
) -> None:
    client.chat_postMessage(channel="C0GENERAL", text="fits", blocks=[SECTION] * 50)
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_postMessage(channel="C0GENERAL", text="too long", blocks=[SECTION] * 51)
    assert error_of(excinfo) == "invalid_blocks"
    assert len(standin.messages("C0GENERAL")) == 1


@pytest.mark.parametrize(
    "block",
    [
        pytest.param({"type": "section"}, id="section-without-text"),
        pytest.param(
            {"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}},
            id="section-text-over-3000",
        ),
        pytest.param(
            {"type": "header", "text": {"type": "plain_text", "text": "x" * 151}},
            id="header-over-150",
        ),
        pytest.param({"type": "no_such_block"}, id="unknown-type"),
        pytest.param(
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": "a",
                        "text": {"type": "plain_text", "text": "x" * 76},
                    }
                ],
            },
            id="button-text-over-75",
        ),
    ],
)
def test_block_kit_that_slack_sdk_refuses_is_rejected_as_invalid_blocks(
    client: WebClient, block: dict[str, Any]
) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_postMessage(channel="C0GENERAL", text="fallback", blocks=[block])
    assert error_of(excinfo) == "invalid_blocks"
    assert excinfo.value.response["response_metadata"]["messages"]


def test_a_message_to_an_unknown_channel_is_rejected_as_channel_not_found(
    client: WebClient,
) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_postMessage(channel="C0NOWHERE", text="x")
    assert error_of(excinfo) == "channel_not_found"


def test_a_message_to_a_channel_the_bot_is_not_in_is_rejected_as_not_in_channel(
    client: WebClient,
) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_postMessage(channel="C0RANDOM", text="x")
    assert error_of(excinfo) == "not_in_channel"


def test_chat_update_replaces_the_text_and_blocks_of_a_stored_message(
    standin: SlackStandIn, client: WebClient
) -> None:
    posted = client.chat_postMessage(channel="C0GENERAL", text="Pending")
    client.chat_update(channel="C0GENERAL", ts=posted["ts"], text="Accepted", blocks=[SECTION])
    [message] = standin.messages("C0GENERAL")
    assert (message["ts"], message["text"], message["blocks"]) == (
        posted["ts"],
        "Accepted",
        [SECTION],
    )


def test_updating_an_unknown_message_is_rejected_as_message_not_found(client: WebClient) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_update(channel="C0GENERAL", ts="1700000000.000100", text="x")
    assert error_of(excinfo) == "message_not_found"


def test_ephemeral_messages_are_kept_apart_per_channel_and_user(
    standin: SlackStandIn, client: WebClient
) -> None:
    response = client.chat_postEphemeral(
        channel="C0GENERAL", user="U0BOB", text="Only you can see this"
    )
    assert [m["text"] for m in standin.ephemerals("C0GENERAL", "U0BOB")] == [
        "Only you can see this"
    ]
    assert response["message_ts"] == standin.ephemerals("C0GENERAL", "U0BOB")[0]["ts"]
    assert standin.ephemerals("C0GENERAL", "U0ALICE") == []
    assert standin.messages("C0GENERAL") == []


def test_an_ephemeral_for_an_unknown_user_is_rejected_as_user_not_found(client: WebClient) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_postEphemeral(channel="C0GENERAL", user="U0GHOST", text="x")
    assert error_of(excinfo) == "user_not_found"


def test_chat_update_edits_the_bots_message_in_a_dm_by_the_dm_id_it_was_posted_to(
    standin: SlackStandIn, client: WebClient
) -> None:
    posted = client.chat_postMessage(channel="U0ALICE", text="Check-in: how many leads?")
    updated = client.chat_update(
        channel=posted["channel"], ts=posted["ts"], text="Thanks, recorded", blocks=[SECTION]
    )
    assert (updated["channel"], updated["ts"]) == (posted["channel"], posted["ts"])
    [message] = standin.messages("U0ALICE")
    assert (message["text"], message["blocks"]) == ("Thanks, recorded", [SECTION])
    assert message["edited"]["user"] == standin.bot_user_id
    assert float(message["edited"]["ts"]) > float(posted["ts"])


def test_updating_a_message_in_another_conversation_is_rejected_as_message_not_found(
    standin: SlackStandIn, client: WebClient
) -> None:
    posted = client.chat_postMessage(channel="U0ALICE", text="Check-in")
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_update(channel=standin.dm_id("U0BOB"), ts=posted["ts"], text="x")
    assert error_of(excinfo) == "message_not_found"


def test_an_ephemeral_in_a_channel_the_bot_is_not_in_is_rejected_as_not_in_channel(
    client: WebClient,
) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_postEphemeral(channel="C0RANDOM", user="U0BOB", text="x")
    assert error_of(excinfo) == "not_in_channel"


def test_an_ephemeral_can_be_shown_in_a_users_dm(standin: SlackStandIn, client: WebClient) -> None:
    client.chat_postEphemeral(channel="U0BOB", user="U0BOB", text="Only you")
    assert [m["text"] for m in standin.ephemerals(standin.dm_id("U0BOB"), "U0BOB")] == ["Only you"]
    assert standin.messages("U0BOB") == []


def test_get_permalink_answers_slacks_link_to_a_stored_message(
    standin: SlackStandIn, client: WebClient
) -> None:
    posted = client.chat_postMessage(channel="U0BOB", text="Recommendation")
    found = client.chat_getPermalink(channel=posted["channel"], message_ts=posted["ts"])
    dm = standin.dm_id("U0BOB")
    assert found.data == {
        "ok": True,
        "channel": dm,
        "permalink": f"https://standin.slack.com/archives/{dm}/p{posted['ts'].replace('.', '')}",
    }


def test_the_permalink_of_a_thread_reply_names_its_thread_and_conversation(
    client: WebClient,
) -> None:
    parent = client.chat_postMessage(channel="C0GENERAL", text="Post")
    reply = client.chat_postMessage(channel="C0GENERAL", text="Details", thread_ts=parent["ts"])
    found = client.chat_getPermalink(channel="C0GENERAL", message_ts=reply["ts"])
    assert found["permalink"] == (
        f"https://standin.slack.com/archives/C0GENERAL/p{reply['ts'].replace('.', '')}"
        f"?thread_ts={parent['ts']}&cid=C0GENERAL"
    )


@pytest.mark.parametrize(
    "channel, ts, error",
    [
        pytest.param("C0GENERAL", "1700000000.000100", "message_not_found", id="unknown-ts"),
        pytest.param("C0NOWHERE", None, "channel_not_found", id="unknown-channel"),
        pytest.param("U0BOB", None, "channel_not_found", id="a-user-id-is-no-conversation"),
    ],
)
def test_get_permalink_refuses_what_slack_refuses(
    client: WebClient, channel: str, ts: str | None, error: str
) -> None:
    posted = client.chat_postMessage(channel="C0GENERAL", text="Post")
    with pytest.raises(SlackApiError) as excinfo:
        client.chat_getPermalink(channel=channel, message_ts=ts or posted["ts"])
    assert error_of(excinfo) == error
