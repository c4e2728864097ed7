"""Pure parsers: Slack payload fragments in, domain values (or field errors) out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


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


def checked_zone(name: object) -> str:
    """An IANA time zone name we can use; ValueError for anything else."""
    if not isinstance(name, str) or not name:
        raise ValueError("time zone must be a name")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown time zone {name!r}") from error
    return name


def local_today(now: datetime, tz: str) -> date:
    """The person's calendar day at `now` (a deadline "today" is theirs, not UTC's)."""
    return now.astimezone(ZoneInfo(tz)).date()
