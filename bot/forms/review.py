"""The Keep modal's metadata and reason, read at the edge."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot import ids
from bot.forms import FieldErrors, checked_id, has_control_characters, state_value
from bot.i18n import SUPPORTED_LOCALES, Translator

MAX_KEEP_REASON = 500


@dataclass(frozen=True, slots=True)
class KeepForm:
    """Which recommendation the Keep modal is about, and in which language it speaks."""

    recommendation_id: int
    locale: str


def keep_metadata(*, recommendation_id: int, locale: str) -> str:
    """The Keep modal's private_metadata."""
    return json.dumps({"recommendation_id": recommendation_id, "locale": locale})


def parse_keep_metadata(raw: str) -> KeepForm:
    """The modal's private_metadata; ValueError for anything this app did not write."""
    try:
        data = json.loads(raw)
    except (TypeError, ValueError) as error:
        raise ValueError("keep metadata is not JSON") from error
    if not isinstance(data, dict) or set(data) != {"recommendation_id", "locale"}:
        raise ValueError("keep metadata has unexpected fields")
    if data["locale"] not in SUPPORTED_LOCALES:
        raise ValueError("unsupported locale")
    return KeepForm(checked_id(data["recommendation_id"]), data["locale"])


def parse_keep_reason(values: dict[str, Any], t: Translator) -> str | FieldErrors:
    """Why the lead keeps it (required), or its error."""
    raw = state_value(values, ids.BLOCK_KEEP_REASON, ids.input_action(ids.BLOCK_KEEP_REASON))
    value = raw.get("value")
    reason = value.strip()[:MAX_KEEP_REASON] if isinstance(value, str) else ""
    if not reason:
        return FieldErrors({ids.BLOCK_KEEP_REASON: t("review.keep.required")})
    if has_control_characters(reason, multiline=True):
        return FieldErrors({ids.BLOCK_KEEP_REASON: t("review.keep.control_characters")})
    return reason
