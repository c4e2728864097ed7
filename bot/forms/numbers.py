"""Numbers as people type them in French and English, and written back so they read the same.

`parse_number` reads:
- spaces (also no-break and narrow no-break), apostrophes and underscores group digits;
- a currency sign or code (€, $, £, ¥, EUR, USD, XOF, FCFA…) or % before or after is ignored;
  any other letters ("2 ans", "3 yrs") make it not a number;
- with both "," and "." present, the last one is the decimal mark ("1,200.50", "1.200,50");
- one kind of separator repeated groups thousands ("1,200,000", "1.200.000");
- a single separator is the decimal mark ("1,5", "12.5") except the other language's decimal
  mark followed by exactly three digits, which groups thousands: "25,000" in English and
  "25.000" in French are 25000; "25,000" in French is 25.
Thousands groups must have three digits, so "1,2,3" is refused rather than guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_SPACING = re.compile(r"[\s'’_]")
# Currency signs and the codes the forms offer: "2 ans" (years) must not read as 2.
_AFFIX = r"(?i:[€$£¥%]|FCFA|EUR|USD|GBP|CHF|CAD|XOF|XAF|MAD|JPY|AUD)"
_LEADING_AFFIX = re.compile(rf"^{_AFFIX}")
_TRAILING_AFFIX = re.compile(rf"{_AFFIX}$")
_DIGITS_AND_MARKS = re.compile(r"[0-9.,]+")
_MINUS = ("-", "\u2212")
# Longer than anything a person types as an amount: not parsed at all (a 5,000-digit number
# would cost a big-integer conversion and end as infinity).
MAX_NUMBER_TEXT = 40


def parse_number(text: str, locale: str) -> Decimal | None:
    """A number typed by a person (see the module docstring for the formats), or None."""
    if len(text) > MAX_NUMBER_TEXT:
        return None
    s = _SPACING.sub("", text)
    negative = s.startswith(_MINUS)
    s = _LEADING_AFFIX.sub("", s[1:] if negative else s)
    if not negative and s.startswith(_MINUS):  # "€-25", "EUR -25"
        negative, s = True, s[1:]
    s = _TRAILING_AFFIX.sub("", s)
    if not _DIGITS_AND_MARKS.fullmatch(s) or not any(c.isdigit() for c in s):
        return None
    decimal_mark = _decimal_mark(s, locale)
    whole, _, fraction = s.partition(decimal_mark) if decimal_mark else (s, "", "")
    if not _grouped_correctly(whole):
        return None
    whole = whole.replace(",", "").replace(".", "")
    if not (whole + fraction).isdigit() or (decimal_mark and not fraction):
        return None
    try:
        value = Decimal(f"{whole or '0'}.{fraction or '0'}")
    except InvalidOperation:
        return None
    return -value if negative else value


def _decimal_mark(s: str, locale: str) -> str | None:
    commas, dots = s.count(","), s.count(".")
    if commas and dots:
        return "," if s.rfind(",") > s.rfind(".") else "."
    if commas + dots != 1:
        return None  # no separator, or one kind repeated: thousands groups
    mark = "," if commas else "."
    foreign = "," if locale == "en" else "."  # the other language's decimal mark
    if mark == foreign and re.fullmatch(r"[0-9]{1,3}[.,][0-9]{3}", s):
        return None
    return mark


def _grouped_correctly(whole: str) -> bool:
    # The decimal mark was cut off, so what separators are left group thousands: one kind only.
    if "," in whole and "." in whole:
        return False
    groups = whole.split("," if "," in whole else ".")
    if len(groups) == 1:
        return True
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def format_number(value: float, locale: str) -> str:
    """A number as `parse_number` reads it back in this locale: "1200.5", or "1200,5" in French."""
    d = Decimal(repr(float(value)))
    text = str(int(d)) if d == d.to_integral_value() else format(d.normalize(), "f")
    return text.replace(".", ",") if locale == "fr" else text
