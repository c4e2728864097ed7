"""Parsing of the `/smm` command text into a subcommand."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Final

# The subcommands that work today, in the order the help lists them.
SUBCOMMANDS: Final[tuple[str, ...]] = (
    "assess",
    "kpis",
    "reevaluate",
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
    "réglages": "settings",
    "reglages": "settings",
    "paramètres": "settings",
    "parametres": "settings",
    "absent": "away",
    "absence": "away",
    "retour": "back",
}


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
    first = _ALIASES.get(first, first)
    if first in SUBCOMMANDS:
        return CommandRequest(first, tuple(words[1:]))
    close = difflib.get_close_matches(first, SUBCOMMANDS, n=1, cutoff=0.6)
    # Slack shows the raw word back to the user: keep it short.
    return CommandRequest("help", unknown=words[0][:40], suggestion=close[0] if close else None)
