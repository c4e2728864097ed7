"""Slack callback, block and action ids shared by builders, parsers and listeners."""

from typing import Final

COMMAND: Final = "/smm"
