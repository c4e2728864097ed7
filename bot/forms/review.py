"""The decision modals' metadata, Keep's reason and Accept's agreed period, read at the edge."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot import ids
from bot.forms import FieldErrors, checked_id, has_control_characters, state_value
from bot.forms.numbers import parse_number
from bot.i18n import SUPPORTED_LOCALES, Translator
from scoring.profile_io import AGREED_MONTHS_RANGE

MAX_KEEP_REASON = 500


@dataclass(frozen=True, slots=True)
class DecisionForm:
    """Which recommendation a decision modal (Keep, Accept) is about, and its language."""

    recommendation_id: int
    locale: str


def decision_metadata(*, recommendation_id: int, locale: str) -> str:
    """A decision modal's private_metadata."""
    return json.dumps({"recommendation_id": recommendation_id, "locale": locale})


def parse_decision_metadata(raw: str) -> DecisionForm:
    """The modal's private_metadata; ValueError for anything this app did not write."""
    try:
        data = json.loads(raw)
    except (TypeError, ValueError) as error:
        raise ValueError("decision metadata is not JSON") from error
    if not isinstance(data, dict) or set(data) != {"recommendation_id", "locale"}:
        raise ValueError("decision metadata has unexpected fields")
    if data["locale"] not in SUPPORTED_LOCALES:
        raise ValueError("unsupported locale")
    return DecisionForm(checked_id(data["recommendation_id"]), data["locale"])


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


def parse_agreed_period(values: dict[str, Any], t: Translator) -> float | FieldErrors:
    """The period agreed with the agency, in months (required, within the engine's range)."""
    block = ids.BLOCK_ACCEPT_PERIOD
    value = state_value(values, block, ids.input_action(block)).get("value")
    number = parse_number(value, t.locale) if isinstance(value, str) else None
    low, high = AGREED_MONTHS_RANGE
    if number is None or not low <= number <= high:
        return FieldErrors(
            {block: t("review.accept.period_error", min=t.number(low), max=t.number(high))}
        )
    return float(number)
