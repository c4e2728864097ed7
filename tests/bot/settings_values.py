"""A valid `/smm settings` submission, as Slack sends its state, and one field's state."""

from __future__ import annotations

from typing import Any

from bot import ids
from bot.sandbox.signed_client import (
    checkboxes,
    conversations_select,
    multi_users_select,
    static_select,
    timepicker,
)

BOB = "U0BOB"


def field(block_id: str, state: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {block_id: {ids.input_action(block_id): state}}


def settings_values(**overrides: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A valid submission: #general, Bob as the lead, Brussels, Monday to Thursday…"""
    values = {
        **field(ids.BLOCK_SETTINGS_CHANNEL, conversations_select("C0GENERAL")),
        **field(ids.BLOCK_SETTINGS_LEADS, multi_users_select(BOB)),
        **field(ids.BLOCK_SETTINGS_TZ, static_select("Europe/Brussels")),
        **field(ids.BLOCK_SETTINGS_WORKING_DAYS, checkboxes("0", "1", "2", "3")),
        **field(ids.BLOCK_SETTINGS_HOURS_START, timepicker("08:30")),
        **field(ids.BLOCK_SETTINGS_HOURS_END, timepicker("17:15")),
        **field(ids.BLOCK_SETTINGS_CHECKIN_WEEKDAY, static_select("2")),
        **field(ids.BLOCK_SETTINGS_CHECKIN_TIME, timepicker("10:00")),
        **field(ids.BLOCK_SETTINGS_DIGEST_WEEKDAY, static_select("4")),
        **field(ids.BLOCK_SETTINGS_DIGEST_TIME, timepicker("16:30")),
        **field(ids.BLOCK_SETTINGS_CURRENCY, static_select("CHF")),
        **field(ids.BLOCK_SETTINGS_LOCALE, static_select("fr")),
        **field(ids.BLOCK_SETTINGS_HOLIDAYS, static_select("BE")),
        **field(ids.BLOCK_SETTINGS_COST_FIGURES, checkboxes()),
    }
    values.update(overrides)
    return values
