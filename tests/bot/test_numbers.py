"""Numbers typed in either language read as people mean them, and pre-filled ones read back."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.forms.numbers import format_number, parse_number

LOCALES = ("en", "fr")


@pytest.mark.parametrize(
    "raw, locale, expected",
    [
        pytest.param("1 200,5", "fr", 1200.5, id="french-grouping-and-comma"),
        pytest.param("1\u202f200,5", "fr", 1200.5, id="french-narrow-no-break-space"),
        pytest.param("1,200.5", "en", 1200.5, id="english-grouping-and-dot"),
        pytest.param("1,200.5", "fr", 1200.5, id="english-style-typed-in-french"),
        pytest.param("1.200,5", "en", 1200.5, id="dot-grouping-and-comma"),
        pytest.param("1,200", "en", 1200.0, id="english-thousands"),
        pytest.param("1,5", "en", 1.5, id="comma-decimal-in-english"),
        pytest.param("12,5", "fr", 12.5, id="french-decimal"),
        pytest.param("-3", "en", -3.0, id="negative"),
        pytest.param("1,000,000", "en", 1_000_000.0, id="millions"),
        pytest.param("abc", "en", None, id="letters"),
        pytest.param("2 ans", "fr", None, id="years-in-french-are-not-months"),
        pytest.param("3 yrs", "en", None, id="years-in-english-are-not-months"),
        pytest.param("25 000 eur", "fr", 25_000.0, id="a-lower-case-currency-code"),
        pytest.param("XOF 150000", "fr", 150_000.0, id="a-leading-currency-code"),
        pytest.param("12,34,5", "en", None, id="bad-grouping"),
        pytest.param("1.2.3,4,5", "en", None, id="two-decimal-marks"),
        pytest.param("", "en", None, id="empty"),
        pytest.param("1e400", "en", None, id="not-a-plain-number"),
    ],
)
def test_numbers_are_read_as_people_type_them(
    raw: str, locale: str, expected: float | None
) -> None:
    value = parse_number(raw, locale)
    assert (None if value is None else float(value)) == expected


@pytest.mark.parametrize("value", [0.0, 12.0, -3.25, 1234567.891, 1e-7, 1e20])
@pytest.mark.parametrize("locale", LOCALES)
def test_numbers_written_into_the_form_read_back_exactly(value: float, locale: str) -> None:
    assert parse_number(format_number(value, locale), locale) == Decimal(repr(value))
