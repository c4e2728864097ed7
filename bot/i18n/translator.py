"""The `Translator`: one locale's messages plus number, money and date formatting."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from typing import Final
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_currency, format_decimal, format_percent, get_currency_name

from bot.i18n.messages import (
    archive,
    assessment,
    checkin,
    common,
    confirm,
    digest,
    kpi,
    reminders,
    result,
    review,
    settings,
    share,
    smm_help,
)
from scoring.catalogue import text as scoring_text
from scoring.model import Param

# Every catalogue module of bot/i18n/messages; add a new surface's module here.
_MODULES = (
    common,
    smm_help,
    assessment,
    result,
    kpi,
    share,
    checkin,
    review,
    settings,
    digest,
    archive,
    confirm,
    reminders,
)


def _merge(language: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for module in _MODULES:
        part: dict[str, str] = getattr(module, language)
        duplicated = merged.keys() & part.keys()
        if duplicated:
            raise RuntimeError(f"message keys defined twice: {sorted(duplicated)}")
        merged.update(part)
    return merged


CATALOGUES: Final[dict[str, dict[str, str]]] = {"en": _merge("EN"), "fr": _merge("FR")}
SUPPORTED_LOCALES: Final[tuple[str, ...]] = tuple(CATALOGUES)
# Babel needs a territory for sensible grouping/currency placement; Slack gives us e.g. "fr-FR".
_BABEL_LOCALE: Final[dict[str, str]] = {"en": "en_US", "fr": "fr_FR"}


def resolve_locale(slack_locale: str | None, default: str) -> str:
    """Map a Slack locale such as "fr-FR" or "en-GB" to a catalogue, else the default."""
    if slack_locale:
        language = slack_locale.replace("_", "-").split("-", 1)[0].lower()
        if language in CATALOGUES:
            return language
    return default if default in CATALOGUES else "en"


@dataclass(frozen=True)
class Translator:
    """Messages and formatting for one locale; call it with a key and its parameters."""

    locale: str

    def __post_init__(self) -> None:
        if self.locale not in CATALOGUES:
            raise ValueError(f"unsupported locale {self.locale!r}; use one of {SUPPORTED_LOCALES}")

    def __call__(self, key: str, **params: object) -> str:
        """The message `key`, formatted with `params`; an unknown key raises KeyError."""
        template = CATALOGUES[self.locale][key]
        return template.format(**params) if params else template

    @property
    def _babel(self) -> str:
        return _BABEL_LOCALE[self.locale]

    def label(self, code: str) -> str:
        """A text of the scoring catalogue (verdicts, reasons, options), in this locale."""
        return _label(code, self.locale)

    def reason(self, code: str, params: Iterable[tuple[str, Param]] = ()) -> str:
        """The sentence of a scoring reason, action or flip code with its parameters."""
        return scoring_text(code, self.locale, **dict(params))

    def number(self, value: float, *, digits: int = 2) -> str:
        """A number with the locale's grouping and decimal separator."""
        return _decimal(round(value, digits), self._babel)

    def money(self, amount: float, currency: str, *, cents: bool = False) -> str:
        """An amount of money: "1 235 €" in French, "€1,235" in English ("€1,234.50" with cents)."""
        if cents:
            return format_currency(amount, currency.upper(), locale=self._babel)
        return _whole_money(round(amount), currency.upper(), self._babel)

    def currency_name(self, code: str) -> str:
        """A currency's name in this locale ("euro", "franc CFA (BCEAO)"); the code if unknown."""
        return str(get_currency_name(code, locale=_locale(self._babel)))

    def country_name(self, code: str) -> str:
        """A country's name in this locale ("Belgique", "Belgium"); the code if unknown."""
        return str(_locale(self._babel).territories.get(code, code))

    def day_month(self, value: date) -> str:
        """A day and month, short, as the locale writes them: "9 Feb", "9 févr."."""
        return format_date(value, format="d MMM", locale=self._babel)

    def percent(self, ratio: float) -> str:
        """A ratio in [0, 1] as a percentage, e.g. "72 %" in French."""
        return format_percent(ratio, locale=self._babel)

    def date(self, value: date) -> str:
        """A date in the locale's medium format, e.g. "28 nov. 2026"."""
        return _date(value, self._babel)

    def time_of_day(self, value: time) -> str:
        """A time of day as the locale writes it: "9:00 AM", "09:00"."""
        return format_time(value, format="short", locale=self._babel)

    def datetime(self, value: datetime, *, tz: str = "UTC") -> str:
        """A moment in the reader's time zone, in the locale's medium format."""
        return format_datetime(value, format="medium", tzinfo=ZoneInfo(tz), locale=self._babel)


# Babel parses its locale and pattern on every call (about 60 µs): the same numbers and dates
# come back on every check-in and digest, so each rendering is computed once per process (the
# caches are bounded: a few hundred kB at most).
@lru_cache(maxsize=4)
def _locale(identifier: str) -> Locale:
    return Locale.parse(identifier)


@lru_cache(maxsize=1_024)
def _label(code: str, locale: str) -> str:
    # A label has no parameters: the same few (objective kinds, verdicts) on every message.
    return scoring_text(code, locale)


@lru_cache(maxsize=4_096)
def _decimal(value: float, identifier: str) -> str:
    return format_decimal(value, locale=_locale(identifier))


@lru_cache(maxsize=1_024)
def _date(value: date, identifier: str) -> str:
    return format_date(value, format="medium", locale=_locale(identifier))


@lru_cache(maxsize=1_024)
def _whole_money(amount: int, currency: str, identifier: str) -> str:
    # Monthly costs and budgets read better in whole units: drop the pattern's decimals.
    locale = _locale(identifier)
    pattern = locale.currency_formats["standard"].pattern
    return format_currency(
        amount,
        currency,
        format=pattern.replace(".00", ""),
        locale=locale,
        currency_digits=False,
    )
