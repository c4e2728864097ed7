"""Pure parsers: Slack payload fragments in, domain values (or field errors) out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldErrors:
    """Translated messages keyed by input block id, for `response_action: errors`."""

    errors: dict[str, str]


def state_value(values: dict[str, Any], block_id: str, action_id: str) -> dict[str, Any]:
    """The state of one input element (an empty dict when Slack sent nothing for it)."""
    block = values.get(block_id) or {}
    element = block.get(action_id) if isinstance(block, dict) else None
    return element if isinstance(element, dict) else {}


def button_id(body: dict[str, Any]) -> int | None:
    """The numeric id a button carries in its value (None for anything else)."""
    value = body["actions"][0].get("value", "")
    return int(value) if isinstance(value, str) and value.isdigit() else None
