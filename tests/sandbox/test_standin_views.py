"""views.* through the real WebClient: triggers, Slack's view limits, hashes and the modal stack."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.sandbox import SlackStandIn

SECTION = {"type": "section", "text": {"type": "mrkdwn", "text": "Hello"}}


def error_of(excinfo: pytest.ExceptionInfo[SlackApiError]) -> str:
    return str(excinfo.value.response["error"])


def test_views_open_returns_and_stores_the_view_as_slack_describes_it(
    standin: SlackStandIn, client: WebClient, modal: dict[str, Any]
) -> None:
    view = client.views_open(trigger_id=standin.new_trigger_id(), view=modal)["view"]
    stored = standin.view(view["id"])
    assert stored == view
    assert view["id"].startswith("V") and view["root_view_id"] == view["id"]
    assert view["callback_id"] == "hello_modal"
    assert view["private_metadata"] == "step=1"
    assert view["state"] == {"values": {}}
    assert view["hash"]


def test_an_unknown_trigger_id_is_rejected_as_invalid_trigger_id(
    client: WebClient, modal: dict[str, Any]
) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        client.views_open(trigger_id="12345.98765.abcdef", view=modal)
    assert error_of(excinfo) == "invalid_trigger_id"


def test_a_reused_trigger_id_is_rejected_as_exchanged_trigger_id(
    standin: SlackStandIn, client: WebClient, modal: dict[str, Any]
) -> None:
    trigger_id = standin.new_trigger_id()
    client.views_open(trigger_id=trigger_id, view=modal)
    with pytest.raises(SlackApiError) as excinfo:
        client.views_open(trigger_id=trigger_id, view=modal)
    assert error_of(excinfo) == "exchanged_trigger_id"


def test_a_trigger_id_older_than_the_expiry_window_is_rejected_as_expired_trigger_id(
    modal: dict[str, Any],
) -> None:
    with SlackStandIn(trigger_ttl=0.05) as quick:
        fast_client = WebClient(base_url=quick.api_url, token=quick.bot_token)
        trigger_id = quick.new_trigger_id()
        time.sleep(0.1)
        with pytest.raises(SlackApiError) as excinfo:
            fast_client.views_open(trigger_id=trigger_id, view=modal)
    assert error_of(excinfo) == "expired_trigger_id"


def test_the_default_trigger_expiry_window_is_three_seconds(standin: SlackStandIn) -> None:
    assert standin.trigger_ttl == 3.0


@pytest.mark.parametrize("field", ["title", "submit", "close"])
def test_a_modal_title_submit_or_close_over_24_characters_is_rejected_as_invalid_arguments(
    standin: SlackStandIn, client: WebClient, modal: dict[str, Any], field: str
) -> None:
    modal[field] = {"type": "plain_text", "text": "x" * 25}
    with pytest.raises(SlackApiError) as excinfo:
        client.views_open(trigger_id=standin.new_trigger_id(), view=modal)
    assert error_of(excinfo) == "invalid_arguments"
    assert any(field in m for m in excinfo.value.response["response_metadata"]["messages"])


def test_a_modal_title_of_exactly_24_characters_is_accepted(
    standin: SlackStandIn, client: WebClient, modal: dict[str, Any]
) -> None:
    modal["title"] = {"type": "plain_text", "text": "x" * 24}
    assert client.views_open(trigger_id=standin.new_trigger_id(), view=modal)["ok"]


def test_private_metadata_over_3000_characters_is_rejected_as_invalid_arguments(
    standin: SlackStandIn, client: WebClient, modal: dict[str, Any]
) -> None:
    modal["private_metadata"] = "x" * 3001
    with pytest.raises(SlackApiError) as excinfo:
        client.views_open(trigger_id=standin.new_trigger_id(), view=modal)
    assert error_of(excinfo) == "invalid_arguments"


def test_a_view_over_100_blocks_is_rejected_as_invalid_arguments(
    standin: SlackStandIn, client: WebClient, modal: dict[str, Any]
) -> None:
    modal["blocks"] = [SECTION] * 101
    with pytest.raises(SlackApiError) as excinfo:
        client.views_open(trigger_id=standin.new_trigger_id(), view=modal)
    assert error_of(excinfo) == "invalid_arguments"


def test_a_view_over_250_kilobytes_is_rejected_as_view_too_large(
    standin: SlackStandIn, client: WebClient, modal: dict[str, Any]
) -> None:
    # 100 sections of 2,900 characters each: every block is valid, the whole is ~300 kB.
    modal["blocks"] = [{"type": "section", "text": {"type": "mrkdwn", "text": "é" * 2900}}] * 100
    with pytest.raises(SlackApiError) as excinfo:
        client.views_open(trigger_id=standin.new_trigger_id(), view=modal)
    assert error_of(excinfo) == "view_too_large"


def test_a_view_with_a_block_slack_sdk_refuses_is_rejected_as_invalid_arguments(
    standin: SlackStandIn, client: WebClient, modal: dict[str, Any]
) -> None:
    modal["blocks"] = [{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}]
    with pytest.raises(SlackApiError) as excinfo:
        client.views_open(trigger_id=standin.new_trigger_id(), view=modal)
    assert error_of(excinfo) == "invalid_arguments"
    assert "3000" in excinfo.value.response["response_metadata"]["messages"][0]


def test_a_refused_view_does_not_use_up_the_trigger(
    standin: SlackStandIn, client: WebClient, modal: dict[str, Any]
) -> None:
    trigger_id = standin.new_trigger_id()
    with pytest.raises(SlackApiError):
        client.views_open(trigger_id=trigger_id, view={**modal, "private_metadata": "x" * 3001})
    assert client.views_open(trigger_id=trigger_id, view=modal)["ok"]


def test_views_update_changes_the_hash_and_a_stale_hash_is_rejected_as_hash_conflict(
    standin: SlackStandIn, client: WebClient, modal: dict[str, Any]
) -> None:
    opened = client.views_open(trigger_id=standin.new_trigger_id(), view=modal)["view"]
    updated = client.views_update(
        view_id=opened["id"], hash=opened["hash"], view={**modal, "private_metadata": "step=2"}
    )
    assert updated["view"]["hash"] != opened["hash"]
    assert standin.view(opened["id"])["private_metadata"] == "step=2"
    with pytest.raises(SlackApiError) as excinfo:
        client.views_update(view_id=opened["id"], hash=opened["hash"], view=modal)
    assert error_of(excinfo) == "hash_conflict"


def test_views_update_of_an_unknown_view_is_rejected_as_not_found(
    client: WebClient, modal: dict[str, Any]
) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        client.views_update(view_id="V0NOWHERE", view=modal)
    assert error_of(excinfo) == "not_found"


def test_views_update_keeps_the_input_of_blocks_that_survive(
    standin: SlackStandIn, client: WebClient, modal: dict[str, Any]
) -> None:
    opened = client.views_open(trigger_id=standin.new_trigger_id(), view=modal)["view"]
    standin.set_view_state(
        opened["id"], {"name": {"name_input": {"type": "plain_text_input", "value": "Ada"}}}
    )
    client.views_update(view_id=opened["id"], view=modal)
    assert standin.view(opened["id"])["state"]["values"]["name"]["name_input"]["value"] == "Ada"


def test_views_push_stacks_views_up_to_three_then_is_rejected_as_push_limit_reached(
    standin: SlackStandIn, client: WebClient, modal: dict[str, Any]
) -> None:
    root = client.views_open(trigger_id=standin.new_trigger_id(user_id="U0ALICE"), view=modal)[
        "view"
    ]
    second = client.views_push(trigger_id=standin.new_trigger_id(view_id=root["id"]), view=modal)[
        "view"
    ]
    third = client.views_push(trigger_id=standin.new_trigger_id(view_id=second["id"]), view=modal)[
        "view"
    ]
    assert third["root_view_id"] == root["id"]
    assert third["previous_view_id"] == second["id"]
    assert standin.view_stack(root["id"]) == [root["id"], second["id"], third["id"]]
    with pytest.raises(SlackApiError) as excinfo:
        client.views_push(trigger_id=standin.new_trigger_id(view_id=third["id"]), view=modal)
    assert error_of(excinfo) == "push_limit_reached"


def test_views_publish_stores_the_home_tab_per_user_and_checks_its_hash(
    standin: SlackStandIn, client: WebClient
) -> None:
    home = {"type": "home", "blocks": [SECTION]}
    first = client.views_publish(user_id="U0ALICE", view=home)["view"]
    second = client.views_publish(user_id="U0ALICE", view=home, hash=first["hash"])["view"]
    assert first["id"] == second["id"] and first["hash"] != second["hash"]
    assert standin.home_view("U0ALICE") == second
    assert standin.home_view("U0BOB") is None
    with pytest.raises(SlackApiError) as excinfo:
        client.views_publish(user_id="U0ALICE", view=home, hash=first["hash"])
    assert error_of(excinfo) == "hash_conflict"


def test_views_publish_for_an_unknown_user_is_rejected_as_invalid_arguments(
    client: WebClient,
) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        client.views_publish(user_id="U0GHOST", view={"type": "home", "blocks": [SECTION]})
    assert error_of(excinfo) == "invalid_arguments"


def test_a_submission_ack_updates_pushes_or_clears_the_modal_as_slack_would(
    standin: SlackStandIn, client: WebClient, modal: dict[str, Any]
) -> None:
    root = client.views_open(trigger_id=standin.new_trigger_id(), view=modal)["view"]
    standin.apply_submission_response(
        root["id"],
        json.dumps({"response_action": "update", "view": {**modal, "private_metadata": "step=2"}}),
    )
    assert standin.view(root["id"])["private_metadata"] == "step=2"
    standin.apply_submission_response(
        root["id"], json.dumps({"response_action": "push", "view": modal})
    )
    assert len(standin.view_stack(root["id"])) == 2
    standin.apply_submission_response(
        root["id"], json.dumps({"response_action": "errors", "errors": {"name": "x"}})
    )
    assert len(standin.view_stack(root["id"])) == 2
    standin.apply_submission_response(root["id"], json.dumps({"response_action": "clear"}))
    assert standin.view_stack(root["id"]) == []
