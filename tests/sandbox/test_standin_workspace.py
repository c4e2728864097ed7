"""users, conversations and files upload v2 through the real WebClient."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.sandbox import SlackStandIn


def test_users_info_gives_the_locale_only_when_asked(client: WebClient) -> None:
    plain = client.users_info(user="U0ALICE")["user"]
    with_locale = client.users_info(user="U0ALICE", include_locale=True)["user"]
    assert "locale" not in plain
    assert with_locale["locale"] == "fr-FR"
    assert with_locale["tz"] == "Europe/Paris"
    assert with_locale["tz_offset"] in (3600, 7200)
    assert with_locale["is_admin"] is True and with_locale["is_bot"] is False


def test_an_unknown_user_is_rejected_as_user_not_found(client: WebClient) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        client.users_info(user="U0GHOST")
    assert excinfo.value.response["error"] == "user_not_found"


def test_added_and_modified_users_are_served_by_users_info(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.add_user("U0CHLOE", "chloe", real_name="Chloé Durand", tz="Asia/Tokyo", locale="ja-JP")
    assert client.users_info(user="U0CHLOE")["user"]["tz_offset"] == 9 * 3600
    standin.update_user("U0CHLOE", tz="UTC", deleted=True)
    user = client.users_info(user="U0CHLOE", include_locale=True)["user"]
    assert (user["tz"], user["tz_offset"], user["deleted"], user["locale"]) == (
        "UTC",
        0,
        True,
        "ja-JP",
    )


def test_conversations_open_returns_the_same_dm_id_every_time(
    standin: SlackStandIn, client: WebClient
) -> None:
    first = client.conversations_open(users="U0BOB")
    again = client.conversations_open(users="U0BOB")
    assert first["channel"]["id"] == again["channel"]["id"] == standin.dm_id("U0BOB")
    assert again["already_open"] is True
    assert client.conversations_open(users="U0ALICE")["channel"]["id"] != first["channel"]["id"]


def test_conversations_open_with_an_unknown_user_is_rejected_as_user_not_found(
    client: WebClient,
) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        client.conversations_open(users="U0GHOST")
    assert excinfo.value.response["error"] == "user_not_found"


def test_conversations_info_tells_whether_the_bot_is_a_member(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.add_channel("C0MARKETING", "marketing", is_member=False)
    assert client.conversations_info(channel="C0GENERAL")["channel"]["is_member"] is True
    info = client.conversations_info(channel="C0MARKETING")["channel"]
    assert (info["name"], info["is_member"]) == ("marketing", False)


def test_conversations_info_of_an_unknown_channel_is_rejected_as_channel_not_found(
    client: WebClient,
) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        client.conversations_info(channel="C0NOWHERE")
    assert excinfo.value.response["error"] == "channel_not_found"


def test_files_upload_v2_works_end_to_end_and_shares_the_file(
    standin: SlackStandIn, client: WebClient
) -> None:
    response = client.files_upload_v2(
        channel="C0GENERAL",
        content=b"week,score\n1,0.4\n",
        filename="kpis.csv",
        title="KPIs",
        initial_comment="Chart",
    )
    file_id = response["file"]["id"]
    stored = standin.file(file_id)
    assert (stored.content, stored.title, stored.completed) == (
        b"week,score\n1,0.4\n",
        "KPIs",
        True,
    )
    [message] = standin.messages("C0GENERAL")
    assert message["text"] == "Chart"
    assert message["files"][0]["id"] == file_id
    assert [c.method for c in standin.calls()] == [
        "files.getUploadURLExternal",
        "files.upload",
        "files.completeUploadExternal",
    ]


def test_completing_an_upload_to_an_unknown_channel_is_rejected_as_channel_not_found(
    client: WebClient,
) -> None:
    with pytest.raises(SlackApiError) as excinfo:
        client.files_upload_v2(channel="C0NOWHERE", content="x", filename="x.txt")
    assert excinfo.value.response["error"] == "channel_not_found"


def test_conversations_info_of_a_user_id_is_rejected_as_channel_not_found_even_with_a_dm_open(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.dm_id("U0ALICE")
    with pytest.raises(SlackApiError) as excinfo:
        client.conversations_info(channel="U0ALICE")
    assert excinfo.value.response["error"] == "channel_not_found"
    with pytest.raises(SlackApiError) as excinfo:
        client.conversations_info(channel="W0ENTERPRISE")
    assert excinfo.value.response["error"] == "channel_not_found"


def test_conversations_info_of_a_dm_id_describes_the_im_and_its_user(
    standin: SlackStandIn, client: WebClient
) -> None:
    dm = client.conversations_open(users="U0BOB")["channel"]["id"]
    info = client.conversations_info(channel=dm)["channel"]
    assert (info["id"], info["is_im"], info["user"]) == (dm, True, "U0BOB")
    assert dm == standin.dm_id("U0BOB")


def test_conversations_info_of_a_private_channel_the_bot_is_in_says_so(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.add_channel("G0REVIEW", "smm-review", is_private=True)
    info = client.conversations_info(channel="G0REVIEW")["channel"]
    assert (info["is_private"], info["is_member"], info["is_channel"]) == (True, True, False)


def test_users_info_of_a_deleted_member_says_deleted(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.add_user("U0GONE", "gone", deleted=True)
    assert client.users_info(user="U0GONE")["user"]["deleted"] is True
    assert client.users_info(user="U0ALICE")["user"]["deleted"] is False
