"""French typography across both catalogues (the bot's and the engine's): a no-break space
before ":", a narrow no-break space before ";", "!" and "?", and no capital after a colon."""

from __future__ import annotations

import re

import pytest

from bot.i18n.translator import CATALOGUES
from scoring.catalogue import TEXTS

NBSP, NNBSP = "\u00a0", "\u202f"
# Not prose: code spans, Slack links and mentions, placeholders, URLs, emoji codes.
_NOT_PROSE = re.compile(r"`[^`]*`|<[^>]*>|\{[^}]*\}|https?://\S+|:[a-z0-9_+-]+:")
# A colon or ;!? used as punctuation: followed by a space, the end, or closing markup.
_PUNCT_END = r"(?=\s|$|[*_)\"»?!])"
# A capital after a colon is right for a proper noun or an acronym.
_PROPER = ("Slack", "SMM", "Social Media", "JSON", "KPI", "SMO", "SMA", "CSV", "Tability")

FRENCH = {
    **{f"bot:{key}": text for key, text in CATALOGUES["fr"].items()},
    **{f"scoring:{key}": fr for key, (fr, _en) in TEXTS.items()},
}


def prose(text: str) -> str:
    """The text with what is not prose blanked out (one placeholder letter each)."""
    return _NOT_PROSE.sub("x", text)


def problems(text: str) -> list[str]:
    """What breaks French typography in one message."""
    s = prose(text)
    found = []
    for m in re.finditer(rf":{_PUNCT_END}", s):
        if s[m.start() - 1 : m.start()] != NBSP:
            found.append(f"no no-break space before ':' at {m.start()}")
    for m in re.finditer(rf"[;!?]{_PUNCT_END}", s):
        before = s[m.start() - 1 : m.start()]
        if before not in (NNBSP, "?", "!"):
            found.append(f"no narrow no-break space before {m.group(0)!r} at {m.start()}")
    for m in re.finditer(rf"{NBSP}:\s+([A-ZÀÂÉÈÊÎÔÛÇ]\w*)", s):
        if not m.group(1).startswith(_PROPER) and not m.group(1).isupper():
            found.append(f"a capital after a colon: {m.group(1)!r}")
    return found


@pytest.mark.parametrize("key", sorted(FRENCH))
def test_each_french_message_follows_french_typography(key: str) -> None:
    assert problems(FRENCH[key]) == [], FRENCH[key]


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("Recommandation : en interne", 1, id="plain-space-before-colon"),
        pytest.param("Recommandation\u00a0: En interne", 1, id="capital-after-colon"),
        pytest.param("Qui voulez-vous toucher ?", 1, id="plain-space-before-question-mark"),
        pytest.param("Merci!", 1, id="no-space-before-exclamation-mark"),
        pytest.param("Recommandation\u00a0: en interne", 0, id="right"),
        pytest.param("Slack tarde\u00a0: Slack répondra", 0, id="proper-noun"),
        pytest.param("à 9:00, `/smm help`, :wave:, {x:money}", 0, id="not-prose"),
        pytest.param("Vraiment\u202f?\u202f!", 0, id="stacked-marks"),
    ],
)
def test_the_typography_check_catches_what_it_should(text: str, expected: int) -> None:
    assert len(problems(text)) == expected
