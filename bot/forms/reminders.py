"""Parsing of the snooze menu, the reassign modal and the away modal (pure)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot import ids
from bot.forms import checked_id, parse_id, state_value
from bot.i18n import SUPPORTED_LOCALES

SNOOZE_CHOICES = frozenset({"2h", "tomorrow", "next_day"})


def parse_snooze(body: dict[str, Any]) -> tuple[str, int] | None:
    """The snooze chosen in a check-in DM: (choice, check-in id), or None for anything else."""
    actions = body.get("actions")
    first = actions[0] if isinstance(actions, list) and actions else None
    selected = first.get("selected_option") if isinstance(first, dict) else None
    value = selected.get("value") if isinstance(selected, dict) else None
    if not isinstance(value, str) or ":" not in value:
        return None
    choice, raw_id = value.split(":", 1)
    checkin_id = parse_id(raw_id)
    if choice not in SNOOZE_CHOICES or checkin_id is None:
        return None
    return choice, checkin_id


@dataclass(frozen=True)
class ReassignForm:
    """What the reassign modal carries: which KPI, in which language."""

    kpi_id: int
    locale: str


def parse_reassign_metadata(raw: str) -> ReassignForm:
    """The reassign modal's private_metadata; ValueError for anything this app did not write."""
    try:
        data = json.loads(raw)
    except (TypeError, json.JSONDecodeError) as error:
        raise ValueError("reassign metadata is not JSON") from error
    if not isinstance(data, dict) or set(data) != {"kpi_id", "locale"}:
        raise ValueError("reassign metadata has unexpected fields")
    if data["locale"] not in SUPPORTED_LOCALES:
        raise ValueError("unsupported locale")
    return ReassignForm(checked_id(data["kpi_id"]), data["locale"])


def parse_new_owner(values: dict[str, Any]) -> str | None:
    """The user chosen in the reassign modal."""
    chosen = state_value(
        values, ids.BLOCK_REASSIGN_OWNER, ids.input_action(ids.BLOCK_REASSIGN_OWNER)
    ).get("selected_user")
    return chosen if isinstance(chosen, str) and chosen else None


def parse_away_metadata(raw: str) -> str:
    """The away modal's locale; ValueError for anything this app did not write."""
    try:
        data = json.loads(raw)
    except (TypeError, json.JSONDecodeError) as error:
        raise ValueError("away metadata is not JSON") from error
    if not isinstance(data, dict) or set(data) != {"locale"}:
        raise ValueError("away metadata has unexpected fields")
    if data["locale"] not in SUPPORTED_LOCALES:
        raise ValueError("unsupported locale")
    return str(data["locale"])


def parse_away_until(values: dict[str, Any]) -> date | None:
    """The last day away picked in the modal."""
    raw = state_value(values, ids.BLOCK_AWAY_UNTIL, ids.input_action(ids.BLOCK_AWAY_UNTIL)).get(
        "selected_date"
    )
    try:
        return date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None
