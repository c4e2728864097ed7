"""files upload v2 as the outbox will use it: into a DM's thread, Slack's refusals, upload faults."""

from __future__ import annotations

import urllib.error

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.sandbox import SlackStandIn

CSV = b"week,leads\n1,20\n2,26\n"


def test_a_file_shared_into_a_dm_thread_keeps_its_comment_alt_text_and_thread(
    standin: SlackStandIn, client: WebClient
) -> None:
    dm = client.conversations_open(users="U0ALICE")["channel"]["id"]
    parent = client.chat_postMessage(channel=dm, text="Your weekly KPI report")
    response = client.files_upload_v2(
        channel=dm,
        thread_ts=parent["ts"],
        content=CSV,
        filename="kpis.csv",
        title="Leads",
        alt_txt="Leads per week, rising from 20 to 26",
        initial_comment="The numbers behind the chart",
    )
    stored = standin.file(response["file"]["id"])
    assert (stored.content, stored.title, stored.alt_txt, stored.channels) == (
        CSV,
        "Leads",
        "Leads per week, rising from 20 to 26",
        [dm],
    )
    _, shared = standin.messages("U0ALICE")
    assert (shared["text"], shared["thread_ts"]) == ("The numbers behind the chart", parent["ts"])
    assert [f["id"] for f in shared["files"]] == [stored.id]
    complete = standin.calls("files.completeUploadExternal")[0].params
    assert (complete["channel_id"], complete["thread_ts"]) == (dm, parent["ts"])


def test_completing_an_upload_with_a_user_id_as_channel_id_is_rejected_as_invalid_arguments(
    standin: SlackStandIn, client: WebClient
) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        client.files_upload_v2(channel="U0ALICE", content=CSV, filename="kpis.csv")
    response = excinfo.value.response
    assert response["error"] == "invalid_arguments"
    assert "[json-pointer:/channel_id]" in response["response_metadata"]["messages"][0]
    assert standin.message_count("U0ALICE") == 0


def test_completing_an_upload_into_a_channel_the_bot_is_not_in_is_rejected_as_not_in_channel(
    standin: SlackStandIn, client: WebClient
) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        client.files_upload_v2(channel="C0RANDOM", content=CSV, filename="kpis.csv")
    assert excinfo.value.response["error"] == "not_in_channel"
    assert standin.message_count("C0RANDOM") == 0


def test_completing_an_upload_whose_bytes_never_arrived_is_rejected_as_file_not_found(
    standin: SlackStandIn, client: WebClient
) -> None:
    reserved = client.files_getUploadURLExternal(filename="kpis.csv", length=len(CSV))
    with pytest.raises(SlackApiError) as excinfo:
        client.files_completeUploadExternal(
            files=[{"id": reserved["file_id"]}], channel_id="C0GENERAL"
        )
    assert excinfo.value.response["error"] == "file_not_found"
    assert standin.message_count("C0GENERAL") == 0


def test_a_scripted_failure_of_the_upload_step_reaches_the_client_then_clears(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.fail("files.upload", status=503, body="<html>Service Unavailable</html>")
    with pytest.raises(urllib.error.HTTPError) as excinfo:
        client.files_upload_v2(channel="C0GENERAL", content=CSV, filename="kpis.csv")
    excinfo.value.close()  # urllib keeps the answer's socket open in the error
    assert excinfo.value.code == 503
    assert standin.message_count("C0GENERAL") == 0
    client.files_upload_v2(channel="C0GENERAL", content=CSV, filename="kpis.csv")
    assert [c.status for c in standin.calls("files.upload")] == [503, 200]
    assert standin.message_count("C0GENERAL") == 1


def test_a_slow_upload_step_beyond_the_client_timeout_raises_timeout_error(
    standin: SlackStandIn,
) -> None:
    standin.slow("files.upload", seconds=0.5, times=1)
    impatient = WebClient(base_url=standin.api_url, token=standin.bot_token, timeout=0.1)  # type: ignore[arg-type]
    with pytest.raises(TimeoutError):
        impatient.files_upload_v2(channel="C0GENERAL", content=CSV, filename="kpis.csv")
