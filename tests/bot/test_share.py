"""Sharing a recommendation: the channel picker, its metadata, and what the sharer is told."""

from __future__ import annotations

import pytest

from bot import ids
from bot.blocks.share import build_share_done, build_share_modal, build_share_not_in_channel
from bot.forms import FieldErrors
from bot.forms.share import parse_share, parse_share_metadata
from bot.i18n import Translator
from bot.sandbox.signed_client import conversations_select
from bot.sandbox.validation import check_message_blocks, check_view

LOCALES = ["en", "fr"]


def values(channel: str | None) -> dict[str, dict[str, dict[str, object]]]:
    block = ids.BLOCK_SHARE_CHANNEL
    return {block: {ids.input_action(block): conversations_select(channel)}}


@pytest.mark.parametrize("locale", LOCALES)
def test_the_share_modal_offers_public_and_private_channels_and_passes_slacks_checks(
    locale: str,
) -> None:
    view = build_share_modal(Translator(locale), recommendation_id=42, locale=locale)
    assert check_view(view) is None
    assert view["callback_id"] == ids.CALLBACK_SHARE
    block, pay = view["blocks"]
    assert block["block_id"] == ids.BLOCK_SHARE_CHANNEL
    assert pay["block_id"] == ids.BLOCK_SHARE_PAY and pay["optional"] is True
    assert pay["dispatch_action"] is True and "initial_options" not in pay["element"]
    element = block["element"]
    assert element["type"] == "conversations_select"
    assert element["action_id"] == ids.input_action(ids.BLOCK_SHARE_CHANNEL)
    assert element["filter"] == {"include": ["public", "private"], "exclude_bot_users": True}
    assert element["default_to_current_conversation"] is False


@pytest.mark.parametrize("locale", LOCALES)
def test_the_recommendation_and_locale_survive_the_round_trip_through_metadata(
    locale: str,
) -> None:
    view = build_share_modal(Translator(locale), recommendation_id=42, locale=locale)
    assert parse_share_metadata(view["private_metadata"]) == (42, locale)


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("", id="empty"),
        pytest.param("42", id="a-bare-number"),
        pytest.param('{"recommendation_id": "42", "locale": "en"}', id="id-as-text"),
        pytest.param('{"recommendation_id": false, "locale": "en"}', id="id-as-bool"),
        pytest.param('{"recommendation_id": 0, "locale": "en"}', id="zero"),
        pytest.param('{"recommendation_id": 42, "locale": "xx"}', id="unknown-locale"),
        pytest.param('{"recommendation_id": 42}', id="missing-locale"),
        pytest.param('{"recommendation_id": 42, "locale": "en", "user": "U1"}', id="extra-field"),
    ],
)
def test_tampered_or_foreign_share_metadata_is_refused(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_share_metadata(raw)


def test_the_chosen_channel_is_returned() -> None:
    assert parse_share(values("C0123"), Translator("en")) == "C0123"


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("channel", [None, "", "  "], ids=["none", "empty", "blank"])
def test_no_channel_chosen_is_an_error_on_the_channel_field(
    locale: str, channel: str | None
) -> None:
    t = Translator(locale)
    assert parse_share(values(channel), t) == FieldErrors(
        {ids.BLOCK_SHARE_CHANNEL: t("share.channel_required")}
    )
    assert parse_share({}, t) == FieldErrors({ids.BLOCK_SHARE_CHANNEL: t("share.channel_required")})


@pytest.mark.parametrize("locale", LOCALES)
def test_when_the_bot_is_not_in_the_channel_the_user_learns_how_to_invite_it(locale: str) -> None:
    message = build_share_not_in_channel(
        Translator(locale), channel_id="C0PRIVATE", bot_user_id="U0BOT"
    )
    text = message.blocks[0]["text"]["text"]
    assert "`/invite` <@U0BOT>" in text
    assert "<#C0PRIVATE>" in text
    assert message.text
    assert check_message_blocks(message.blocks) is None


@pytest.mark.parametrize("locale", LOCALES)
def test_a_shared_recommendation_is_confirmed_with_the_channel(locale: str) -> None:
    message = build_share_done(Translator(locale), channel_id="C0123")
    assert "<#C0123>" in message.blocks[0]["elements"][0]["text"]
    assert message.text
    assert check_message_blocks(message.blocks) is None
