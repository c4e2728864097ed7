"""What `/smm <text>` asks for."""

from __future__ import annotations

import pytest

from bot.forms.command import parse_command


@pytest.mark.parametrize("text", ["", "   ", "help", "HELP", "aide", "--help"])
def test_no_text_or_a_word_for_help_asks_for_help(text: str) -> None:
    request = parse_command(text)
    assert (request.name, request.unknown) == ("help", None)


def test_a_typo_gets_help_and_the_nearest_command() -> None:
    request = parse_command("hlep me")
    assert (request.name, request.unknown, request.suggestion) == ("help", "hlep", "help")


def test_an_unrelated_word_gets_help_without_a_suggestion() -> None:
    request = parse_command("pizza")
    assert (request.unknown, request.suggestion) == ("pizza", None)


def test_a_very_long_unknown_word_is_shortened_before_it_is_shown_back() -> None:
    assert len(parse_command("x" * 500).unknown or "") == 40


@pytest.mark.parametrize("text", ["settings", "SETTINGS", "réglages", "reglages", "paramètres"])
def test_settings_is_asked_for_in_either_language(text: str) -> None:
    assert parse_command(text).name == "settings"


def test_a_typo_of_settings_suggests_it() -> None:
    assert parse_command("setings").suggestion == "settings"
