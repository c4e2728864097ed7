"""The share-to-channel modal: its private_metadata and what was chosen in it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot import ids
from bot.forms import FieldErrors, checked_id, state_value
from bot.i18n import SUPPORTED_LOCALES, Translator


@dataclass(frozen=True)
class ShareChoice:
    """The submitted share modal: the channel, whether pay shows, and the channel (if any)
    for which "share it there again" was ticked."""

    channel: str
    show_pay: bool = False
    again_for: str | None = None
    asked_again_for: str | None = None  # the channel the "again" question was about, if shown


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


def _ticked(values: dict[str, Any], block_id: str) -> list[str]:
    chosen = state_value(values, block_id, ids.input_action(block_id)).get("selected_options")
    if not isinstance(chosen, list):
        return []
    return [o["value"] for o in chosen if isinstance(o, dict) and isinstance(o.get("value"), str)]


def shows_pay(values: dict[str, Any]) -> bool:
    """Whether "show pay figures" is ticked."""
    return ids.SHARE_PAY_SHOW in _ticked(values, ids.BLOCK_SHARE_PAY)


def asked_again_for(blocks: list[dict[str, Any]]) -> str | None:
    """The channel the view's "share it there again" question is about, if it asks one."""
    for block in blocks:
        if block.get("block_id") == ids.BLOCK_SHARE_AGAIN:
            options = (block.get("element") or {}).get("options") or []
            value = options[0].get("value") if options and isinstance(options[0], dict) else None
            return value if isinstance(value, str) else None
    return None


def parse_share_choice(
    values: dict[str, Any], t: Translator, *, blocks: list[dict[str, Any]] | None = None
) -> ShareChoice | FieldErrors:
    """The whole choice, or an error on the channel field."""
    channel = parse_share(values, t)
    if isinstance(channel, FieldErrors):
        return channel
    again = _ticked(values, ids.BLOCK_SHARE_AGAIN)
    return ShareChoice(
        channel=channel,
        show_pay=shows_pay(values),
        again_for=again[0] if again else None,
        asked_again_for=asked_again_for(blocks or []),
    )
