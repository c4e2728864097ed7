"""Pure parsers: Slack payload fragments in, domain values (or field errors) out."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Ids in button values and metadata: ASCII digits, and no more than a database id can hold.
MAX_ID: Final = 2**63 - 1
_ID: Final = re.compile(r"[0-9]{1,19}")


@dataclass(frozen=True)
class FieldErrors:
    """Translated messages keyed by input block id, for `response_action: errors`."""

    errors: dict[str, str]


def state_value(values: dict[str, Any], block_id: str, action_id: str) -> dict[str, Any]:
    """The state of one input element (an empty dict when Slack sent nothing for it)."""
    block = values.get(block_id) or {}
    element = block.get(action_id) if isinstance(block, dict) else None
    return element if isinstance(element, dict) else {}


def parse_id(value: object) -> int | None:
    """A database id written as ASCII digits (None for anything else: "²", 30 digits, "-1")."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def checked_id(value: object) -> int:
    """A positive id as JSON metadata holds it; ValueError for anything else."""
    # bool is an int in Python: refuse it with zero, negatives and overflows.
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_ID:
        raise ValueError(f"not an id: {value!r}")
    return value


def button_id(body: dict[str, Any]) -> int | None:
    """The numeric id a button carries in its value (None for anything else)."""
    actions = body.get("actions")
    first = actions[0] if isinstance(actions, list) and actions else None
    return parse_id(first.get("value")) if isinstance(first, dict) else None


def in_ephemeral(body: dict[str, Any]) -> bool:
    """Whether a block action came from an ephemeral message (only its response_url reaches it)."""
    container = body.get("container")
    return isinstance(container, dict) and container.get("is_ephemeral") is True


@dataclass(frozen=True)
class SubmittedView:
    """The parts of a submitted (or closed) view the app reads, whatever shape it came in."""

    id: str = ""
    hash: str = ""
    private_metadata: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    blocks: list[dict[str, Any]] = field(default_factory=list)


def submitted_view(body: dict[str, Any]) -> SubmittedView:
    """The view of a view_submission / view_closed / block_actions payload; missing or
    mistyped parts come back empty, so parsing them gives an error rather than a crash."""
    view = body.get("view")
    if not isinstance(view, dict):
        return SubmittedView()
    state = view.get("state")
    values = state.get("values") if isinstance(state, dict) else None
    blocks = view.get("blocks")

    def text(key: str) -> str:
        value = view.get(key)
        return value if isinstance(value, str) else ""

    return SubmittedView(
        id=text("id"),
        hash=text("hash"),
        private_metadata=text("private_metadata"),
        values=values if isinstance(values, dict) else {},
        blocks=[b for b in blocks if isinstance(b, dict)] if isinstance(blocks, list) else [],
    )


# Line and paragraph separators are allowed where a text may have several lines.
_MULTILINE_OK: Final = frozenset("\n\t")


def has_control_characters(text: str, *, multiline: bool = False) -> bool:
    """Whether a text holds characters nobody types (NUL, escapes, other C0/C1 controls)."""
    allowed = _MULTILINE_OK if multiline else frozenset()
    return any(unicodedata.category(c) == "Cc" and c not in allowed for c in text)


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
