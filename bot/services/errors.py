"""The domain errors every use case may raise; listeners turn them into a polite answer."""

from __future__ import annotations


class NotYours(Exception):
    """The assessment, KPI or recommendation belongs to someone else (or another workspace)."""
