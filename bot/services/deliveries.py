"""Idempotency of Slack deliveries: each event, submission or click is handled once."""

from __future__ import annotations

from bot.deps import Deps
from bot.store import repo
from bot.store.db import session_scope


def first_delivery(deps: Deps, *, team_id: str, key: str) -> bool:
    """Record `key` as handled; True the first time, False for a retry or a double submission."""
    with session_scope(deps.session_factory) as session:
        return repo.remember_request(session=session, team_id=team_id, key=key, at=deps.clock())


def forget_delivery(deps: Deps, *, team_id: str, key: str) -> None:
    """Let a delivery whose work failed be handled again (a retry, or the person's next try)."""
    with session_scope(deps.session_factory) as session:
        repo.forget_request(session=session, team_id=team_id, key=key)
