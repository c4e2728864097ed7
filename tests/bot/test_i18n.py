"""Both catalogues say the same things, and numbers read right in each language."""

from __future__ import annotations

import string
from datetime import UTC, date, datetime

import pytest

from bot.i18n import Translator, resolve_locale
from bot.i18n.translator import CATALOGUES


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def test_french_and_english_catalogues_have_the_same_keys() -> None:
    assert set(CATALOGUES["fr"]) == set(CATALOGUES["en"])


@pytest.mark.parametrize("key", sorted(CATALOGUES["en"]))
def test_each_message_has_the_same_placeholders_in_both_languages(key: str) -> None:
    assert placeholders(CATALOGUES["fr"][key]) == placeholders(CATALOGUES["en"][key])


@pytest.mark.parametrize(
    "slack_locale, expected",
    [
        pytest.param("fr-FR", "fr", id="france"),
        pytest.param("fr-CA", "fr", id="quebec"),
        pytest.param("en-GB", "en", id="british-english"),
        pytest.param("de-DE", "fr", id="unsupported-falls-back-to-workspace-default"),
        pytest.param(None, "fr", id="unknown-falls-back-to-workspace-default"),
    ],
)
def test_slack_locales_map_to_a_catalogue(slack_locale: str | None, expected: str) -> None:
    assert resolve_locale(slack_locale, default="fr") == expected


def test_money_is_written_the_french_way_in_french_and_the_english_way_in_english() -> None:
    assert Translator("fr").money(1234.5, "EUR", cents=True) == "1\u202f234,50\xa0€"
    assert Translator("en").money(1234.5, "EUR", cents=True) == "€1,234.50"
    assert Translator("fr").money(4800.4, "EUR") == "4\u202f800\xa0€"
    assert Translator("en").money(4800.4, "USD") == "$4,800"


def test_dates_and_times_follow_the_locale_and_the_readers_time_zone() -> None:
    assert Translator("fr").date(date(2026, 11, 28)) == "28 nov. 2026"
    assert Translator("en").date(date(2026, 11, 28)) == "Nov 28, 2026"
    moment = datetime(2026, 11, 28, 8, 30, tzinfo=UTC)
    assert "09:30" in Translator("fr").datetime(moment, tz="Europe/Paris")


def test_an_unknown_locale_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported locale"):
        Translator("de")
