"""The share-to-channel modal: its private_metadata and its submitted channel."""

from __future__ import annotations

import json
from typing import Any

from bot import ids
from bot.forms import FieldErrors, checked_id, state_value
from bot.i18n import SUPPORTED_LOCALES, Translator


def share_metadata(*, recommendation_id: int, locale: str) -> str:
    """The private_metadata of the share modal."""
    return json.dumps(
        {"recommendation_id": recommendation_id, "locale": locale}, separators=(",", ":")
    )


def parse_share_metadata(raw: str) -> tuple[int, str]:
    """(recommendation id, locale) from the share modal's private_metadata; ValueError if not ours."""
    try:
        data = json.loads(raw)
    except (TypeError, json.JSONDecodeError) as error:
        raise ValueError("share metadata is not JSON") from error
    if not isinstance(data, dict) or set(data) != {"recommendation_id", "locale"}:
        raise ValueError("share metadata has unexpected fields")
    recommendation_id, locale = checked_id(data["recommendation_id"]), data["locale"]
    if locale not in SUPPORTED_LOCALES:
        raise ValueError(f"unsupported locale {locale!r}")
    return recommendation_id, locale


def parse_share(values: dict[str, Any], t: Translator) -> str | FieldErrors:
    """The chosen channel id, or an error on the channel field."""
    block_id = ids.BLOCK_SHARE_CHANNEL
    channel = state_value(values, block_id, ids.input_action(block_id)).get("selected_conversation")
    if not isinstance(channel, str) or not channel.strip():
        return FieldErrors({block_id: t("share.channel_required")})
    return channel.strip()
