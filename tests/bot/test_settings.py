"""The settings modal's builder and parser: Slack's limits, the current values, every error."""

from __future__ import annotations

from datetime import time
from typing import Any

import pytest

from bot import ids
from bot.blocks.kit import MAX_MODAL_BLOCKS, MAX_MODAL_TITLE, MAX_OPTION_TEXT, MAX_OPTIONS
from bot.blocks.settings import build_settings_modal, build_settings_refused
from bot.domain import WorkspaceSettings
from bot.forms import FieldErrors
from bot.forms.settings import parse_settings, parse_settings_metadata
from bot.i18n import Translator
from bot.sandbox.signed_client import checkboxes, static_select
from bot.sandbox.validation import check_message_blocks, check_view
from tests.bot.settings_values import field, settings_values

LOCALES = ["en", "fr"]
DEFAULTS = WorkspaceSettings(
    review_channel_id=None,
    team_lead_user_ids=(),
    tz="UTC",
    working_days=(0, 1, 2, 3, 4),
    working_hours_start=time(9, 0),
    working_hours_end=time(18, 0),
    checkin_weekday=0,
    checkin_local_time=time(9, 0),
    digest_weekday=0,
    digest_local_time=time(9, 0),
    currency="EUR",
    default_locale="en",
    holidays_country=None,
    post_cost_figures=True,
)


def elements(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}


def texts(value: object) -> list[str]:
    """Every `text` string of a Block Kit tree."""
    if isinstance(value, dict):
        own = [value["text"]] if isinstance(value.get("text"), str) else []
        return own + [t for v in value.values() for t in texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts(v)]
    return []


@pytest.mark.parametrize("locale", LOCALES)
def test_the_modal_passes_slacks_checks_within_its_limits(locale: str) -> None:
    view = build_settings_modal(Translator(locale), DEFAULTS)
    assert check_view(view) is None
    assert len(view["blocks"]) <= MAX_MODAL_BLOCKS
    for part in ("title", "submit", "close"):
        assert 1 <= len(view[part]["text"]) <= MAX_MODAL_TITLE
    found = elements(view)
    zones = found[ids.BLOCK_SETTINGS_TZ]
    assert "options" not in zones
    assert sum(len(g["options"]) for g in zones["option_groups"]) <= MAX_OPTIONS
    for element in found.values():
        options = element.get("options", [])
        assert len(options) <= MAX_OPTIONS
        for o in [*options, *(o for g in element.get("option_groups", []) for o in g["options"])]:
            assert len(o["text"]["text"]) <= MAX_OPTION_TEXT
    assert all(len(text) <= 3000 for text in texts(view["blocks"]))


@pytest.mark.parametrize("locale", LOCALES)
def test_the_channel_picker_offers_public_and_private_channels_and_leads_are_people(
    locale: str,
) -> None:
    found = elements(build_settings_modal(Translator(locale), DEFAULTS))
    channel = found[ids.BLOCK_SETTINGS_CHANNEL]
    assert channel["type"] == "conversations_select"
    assert channel["filter"] == {"include": ["public", "private"], "exclude_bot_users": True}
    assert "initial_conversation" not in channel
    assert found[ids.BLOCK_SETTINGS_LEADS]["type"] == "multi_users_select"
    assert found[ids.BLOCK_SETTINGS_HOURS_START]["type"] == "timepicker"


def test_a_current_zone_outside_the_list_stays_selectable() -> None:
    current = WorkspaceSettings(**{**DEFAULTS.__dict__, "tz": "Asia/Kathmandu"})
    view = build_settings_modal(Translator("en"), current)
    zones = elements(view)[ids.BLOCK_SETTINGS_TZ]
    assert zones["initial_option"]["value"] == "Asia/Kathmandu"
    assert zones["option_groups"][0]["options"] == [zones["initial_option"]]
    assert check_view(view) is None


def test_a_current_currency_or_country_outside_the_list_stays_selectable() -> None:
    current = WorkspaceSettings(
        **{**DEFAULTS.__dict__, "currency": "JPY", "holidays_country": "JP"}
    )
    found = elements(build_settings_modal(Translator("fr"), current))
    assert found[ids.BLOCK_SETTINGS_CURRENCY]["initial_option"]["value"] == "JPY"
    assert found[ids.BLOCK_SETTINGS_HOLIDAYS]["initial_option"]["value"] == "JP"


def test_the_modal_opens_on_the_workspace_defaults() -> None:
    found = elements(build_settings_modal(Translator("en"), DEFAULTS))
    assert [o["value"] for o in found[ids.BLOCK_SETTINGS_WORKING_DAYS]["initial_options"]] == [
        "0",
        "1",
        "2",
        "3",
        "4",
    ]
    assert found[ids.BLOCK_SETTINGS_HOLIDAYS]["initial_option"]["value"] == "from_tz"
    assert found[ids.BLOCK_SETTINGS_COST_FIGURES]["initial_options"][0]["value"] == "shown"


def test_a_valid_submission_parses_into_settings() -> None:
    parsed = parse_settings(settings_values(), Translator("en"))
    assert isinstance(parsed, WorkspaceSettings)
    assert parsed.team_lead_user_ids == ("U0BOB",)
    assert parsed.working_days == (0, 1, 2, 3)
    assert (parsed.working_hours_start, parsed.working_hours_end) == (time(8, 30), time(17, 15))
    assert (parsed.holidays_country, parsed.post_cost_figures) == ("BE", False)
    shown = parse_settings(
        settings_values(
            **field(ids.BLOCK_SETTINGS_COST_FIGURES, checkboxes("shown")),
            **field(ids.BLOCK_SETTINGS_HOLIDAYS, static_select("from_tz")),
        ),
        Translator("en"),
    )
    assert isinstance(shown, WorkspaceSettings)
    assert (shown.holidays_country, shown.post_cost_figures) == (None, True)


@pytest.mark.parametrize(
    ("block_id", "state", "key"),
    [
        (ids.BLOCK_SETTINGS_TZ, static_select("Mars/Olympus"), "settings.error.tz"),
        (ids.BLOCK_SETTINGS_WORKING_DAYS, checkboxes(), "settings.error.working_days"),
        (ids.BLOCK_SETTINGS_WORKING_DAYS, checkboxes("7"), "settings.error.working_days"),
        (ids.BLOCK_SETTINGS_CHECKIN_WEEKDAY, static_select("8"), "settings.error.weekday"),
        (ids.BLOCK_SETTINGS_DIGEST_TIME, {"selected_time": "25:00"}, "settings.error.time"),
        (ids.BLOCK_SETTINGS_CURRENCY, static_select("euro"), "settings.error.currency"),
        (ids.BLOCK_SETTINGS_LOCALE, static_select("de"), "settings.error.locale"),
        (ids.BLOCK_SETTINGS_HOLIDAYS, static_select("FRA"), "settings.error.country"),
        (
            ids.BLOCK_SETTINGS_CHANNEL,
            {"selected_conversation": "U0BOB"},
            "settings.error.not_a_channel",
        ),
        (ids.BLOCK_SETTINGS_LEADS, {"selected_users": ["<!channel>"]}, "settings.error.leads"),
    ],
)
@pytest.mark.parametrize("locale", LOCALES)
def test_each_bad_field_is_an_error_on_its_own_block(
    locale: str, block_id: str, state: dict[str, Any], key: str
) -> None:
    t = Translator(locale)
    parsed = parse_settings(settings_values(**field(block_id, state)), t)
    assert parsed == FieldErrors({block_id: t(key)})


def test_working_hours_must_end_after_they_start() -> None:
    t = Translator("en")
    for end in ("08:30", "08:00"):
        parsed = parse_settings(
            settings_values(**field(ids.BLOCK_SETTINGS_HOURS_END, {"selected_time": end})), t
        )
        assert parsed == FieldErrors(
            {ids.BLOCK_SETTINGS_HOURS_END: t("settings.error.end_before_start")}
        )


def test_too_many_leads_are_refused() -> None:
    t = Translator("en")
    many = {"selected_users": [f"U{n:04d}" for n in range(21)]}
    parsed = parse_settings(settings_values(**field(ids.BLOCK_SETTINGS_LEADS, many)), t)
    assert isinstance(parsed, FieldErrors) and set(parsed.errors) == {ids.BLOCK_SETTINGS_LEADS}


def test_an_empty_submission_reports_every_required_field() -> None:
    parsed = parse_settings({}, Translator("en"))
    assert isinstance(parsed, FieldErrors)
    assert ids.BLOCK_SETTINGS_CHANNEL not in parsed.errors  # optional
    assert ids.BLOCK_SETTINGS_LEADS not in parsed.errors  # optional
    assert ids.BLOCK_SETTINGS_COST_FIGURES not in parsed.errors  # unticked is an answer
    assert len(parsed.errors) == 11


@pytest.mark.parametrize(
    "raw", ["", "fr", '{"locale": "de"}', '{"locale": "fr", "user": "U1"}', "[]"]
)
def test_tampered_settings_metadata_is_refused(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_settings_metadata(raw)


@pytest.mark.parametrize("locale", LOCALES)
def test_a_refusal_names_the_leads_or_says_who_may(locale: str) -> None:
    t = Translator(locale)
    by_leads = build_settings_refused(t, reason="not_a_lead", lead_user_ids=("U1", "U2"))
    assert "<@U1>, <@U2>" in by_leads.blocks[0]["text"]["text"]
    before_leads = build_settings_refused(t, reason="not_allowed")
    assert "/smm assess" in before_leads.blocks[0]["text"]["text"]
    for message in (by_leads, before_leads):
        assert message.text and check_message_blocks(message.blocks) is None
