"""Parsing of the `/smm` command text into a subcommand."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from typing import Final

# The subcommands that work today, in the order the help lists them.
SUBCOMMANDS: Final[tuple[str, ...]] = (
    "assess",
    "kpis",
    "reevaluate",
    "archive",
    "settings",
    "away",
    "back",
    "help",
)
# Words people type for help in either language.
_HELP_ALIASES: Final[frozenset[str]] = frozenset({"", "help", "aide", "?", "-h", "--help"})
# French speakers may type the French word.
_ALIASES: Final[dict[str, str]] = {
    "diagnostic": "assess",
    "evaluer": "assess",
    "évaluer": "assess",
    "kpi": "kpis",
    "indicateurs": "kpis",
    "réévaluer": "reevaluate",
    "reevaluer": "reevaluate",
    "archiver": "archive",
    "archives": "archive",
    "restaurer": "archive",
    "restore": "archive",
    "réglages": "settings",
    "reglages": "settings",
    "paramètres": "settings",
    "parametres": "settings",
    "absent": "away",
    "absence": "away",
    "retour": "back",
}


def _bare(word: str) -> str:
    """The word without accents ("réglages" → "reglages"), for matching typed words."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


# Every word that runs a subcommand, by its unaccented form; the spelling shown in a suggestion
# is the accented one when there is one (a French speaker is told `réglages`, not `reglages`).
_WORDS: Final[dict[str, str]] = {}
for _word in sorted((*SUBCOMMANDS, *_ALIASES), key=lambda w: _bare(w) == w):
    _WORDS.setdefault(_bare(_word), _word)


@dataclass(frozen=True)
class CommandRequest:
    """What `/smm <text>` asked for: a known subcommand, or an unknown word and a suggestion."""

    name: str
    args: tuple[str, ...] = ()
    unknown: str | None = None
    suggestion: str | None = None


def parse_command(text: str) -> CommandRequest:
    """Split the command text; unknown words become help with the nearest subcommand suggested."""
    words = text.split()
    first = words[0].lower() if words else ""
    if first in _HELP_ALIASES:
        return CommandRequest("help", tuple(words[1:]))
    # Accents are optional ("règlages", "reevaluer"): only the letters must match.
    first = _WORDS.get(_bare(first), first)
    first = _ALIASES.get(first, first)
    if first in SUBCOMMANDS:
        return CommandRequest(first, tuple(words[1:]))
    # A typo of a subcommand or of its French word ("diagnostc"): the word meant is suggested.
    close = difflib.get_close_matches(_bare(first), _WORDS, n=1, cutoff=0.75)
    suggestion = _WORDS[close[0]] if close else None
    # Slack shows the raw word back to the user: keep it short.
    return CommandRequest("help", unknown=words[0][:40], suggestion=suggestion)
