"""The check-in modals: their metadata, and an update's value, confidence and comment."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final

from bot import ids
from bot.domain import Confidence
from bot.forms import FieldErrors, checked_id, has_control_characters, state_value
from bot.forms.numbers import format_number, parse_number
from bot.i18n import SUPPORTED_LOCALES, Translator

MAX_VALUE: Final = 1e15  # as a KPI's baseline and target
MAX_COMMENT: Final = 500
MAX_REASON: Final = 200


@dataclass(frozen=True)
class CheckInForm:
    """What a check-in modal carries: which check-in, in which language."""

    checkin_id: int
    locale: str


@dataclass(frozen=True)
class Update:
    """An owner's update: today's value, their confidence, a comment (required when low)."""

    value: float
    confidence: Confidence
    comment: str | None


def parse_checkin_metadata(raw: str) -> CheckInForm:
    """The modal's private_metadata; ValueError for anything this app did not write."""
    try:
        data = json.loads(raw)
    except (TypeError, ValueError) as error:
        raise ValueError("check-in metadata is not JSON") from error
    if not isinstance(data, dict) or set(data) != {"checkin_id", "locale"}:
        raise ValueError("check-in metadata has unexpected fields")
    if data["locale"] not in SUPPORTED_LOCALES:
        raise ValueError(f"unsupported locale {data['locale']!r}")
    return CheckInForm(checked_id(data["checkin_id"]), data["locale"])


def _text(values: dict[str, Any], block_id: str) -> str:
    value = state_value(values, block_id, ids.input_action(block_id)).get("value")
    return value.strip() if isinstance(value, str) else ""


def parse_update(values: dict[str, Any], t: Translator, *, example: float) -> Update | FieldErrors:
    """The update modal's fields, or every bad one's message."""
    errors: dict[str, str] = {}
    raw = _text(values, ids.BLOCK_CHECKIN_VALUE)
    number = parse_number(raw, t.locale) if raw else None
    value = None if number is None else float(number)
    if value is None:
        shown = format_number(example, t.locale)
        errors[ids.BLOCK_CHECKIN_VALUE] = t("checkin.error.value", example=shown)
    elif abs(value) > MAX_VALUE:
        errors[ids.BLOCK_CHECKIN_VALUE] = t(
            "checkin.error.value_too_large", max=t.number(MAX_VALUE)
        )
        value = None
    choice = state_value(
        values, ids.BLOCK_CHECKIN_CONFIDENCE, ids.input_action(ids.BLOCK_CHECKIN_CONFIDENCE)
    ).get("selected_option")
    picked = choice.get("value") if isinstance(choice, dict) else None
    confidence = next((c for c in Confidence if c.value == picked), None)
    if confidence is None:
        errors[ids.BLOCK_CHECKIN_CONFIDENCE] = t("checkin.error.confidence")
    comment = _text(values, ids.BLOCK_CHECKIN_COMMENT)[:MAX_COMMENT] or None
    if comment is not None and has_control_characters(comment, multiline=True):
        errors[ids.BLOCK_CHECKIN_COMMENT] = t("checkin.error.control_characters")
    elif confidence is Confidence.LOW and comment is None:
        errors[ids.BLOCK_CHECKIN_COMMENT] = t("checkin.error.comment_required")
    if errors:
        return FieldErrors(errors)
    assert value is not None and confidence is not None
    return Update(value, confidence, comment)


def parse_skip(values: dict[str, Any], t: Translator) -> str | None | FieldErrors:
    """A skip's optional reason (None without one), or its error."""
    reason = _text(values, ids.BLOCK_CHECKIN_REASON)[:MAX_REASON] or None
    if reason is not None and has_control_characters(reason):
        return FieldErrors({ids.BLOCK_CHECKIN_REASON: t("checkin.error.control_characters")})
    return reason
