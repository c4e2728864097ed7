"""The domain errors every use case may raise; listeners turn them into a polite answer."""

from __future__ import annotations


class NotYours(Exception):
    """The assessment, KPI or recommendation belongs to someone else (or another workspace)."""


class NotAllowed(Exception):
    """The person may not change the workspace's settings: why (a `settings.Access` value) and
    the team leads who may."""

    def __init__(self, reason: str, lead_user_ids: tuple[str, ...] = ()) -> None:
        super().__init__(reason)
        self.reason = reason
        self.lead_user_ids = lead_user_ids
