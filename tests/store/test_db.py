"""Engines and session scopes: one transaction per use case, nothing half-written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, select

from bot.store.db import (
    SQLITE_BUSY_TIMEOUT_MS,
    Engine,
    SessionFactory,
    make_engine,
    make_session_factory,
    ping,
    session_scope,
)
from bot.store.models import Person, Workspace
from tests.store.helpers import T0


def test_session_scope_commits_and_rows_stay_readable_after_it(
    session_factory: Callable[[], Session],
) -> None:
    with session_scope(session_factory) as session:
        workspace = Workspace(team_id="T1", name="Acme", created_at=T0, updated_at=T0)
        session.add(workspace)

    assert workspace.name == "Acme"  # no DetachedInstanceError: expire_on_commit=False
    with session_scope(session_factory) as session:
        assert session.exec(select(Workspace.name)).all() == ["Acme"]


def test_session_scope_rolls_back_everything_when_the_block_fails(
    session_factory: Callable[[], Session],
) -> None:
    with pytest.raises(ValueError, match="boom"), session_scope(session_factory) as session:
        session.add(Workspace(team_id="T1", created_at=T0, updated_at=T0))
        session.flush()  # written to the database inside the transaction…
        session.add(Person(team_id="T1", user_id="U1", refreshed_at=T0))
        session.flush()
        raise ValueError("boom")

    with session_scope(session_factory) as session:  # …and gone with it
        assert session.exec(select(Workspace)).all() == []
        assert session.exec(select(Person)).all() == []


def test_a_sqlite_file_gets_foreign_keys_wal_and_a_busy_timeout(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'app.db'}")
    try:
        with engine.connect() as connection:
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA foreign_keys").scalar() == 1
            assert pragma("PRAGMA journal_mode").scalar() == "wal"
            assert pragma("PRAGMA busy_timeout").scalar() == SQLITE_BUSY_TIMEOUT_MS
    finally:
        engine.dispose()


def test_the_engine_fixture_is_the_apps_engine(engine: Engine) -> None:
    assert engine.dialect.name in {"sqlite", "postgresql"}
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT 1").scalar() == 1


def test_in_memory_sqlite_shares_one_database_across_sessions() -> None:
    engine = make_engine("sqlite://")
    try:
        assert isinstance(engine.pool, StaticPool)
        SQLModel.metadata.create_all(engine)
        factory = make_session_factory(engine)
        with session_scope(factory) as session:
            session.add(Workspace(team_id="T1", created_at=T0, updated_at=T0))
        with session_scope(factory) as session:
            assert len(session.exec(select(Workspace)).all()) == 1
        assert "checkin" in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_ping_answers_on_a_live_database(session_factory: SessionFactory) -> None:
    ping(session_factory)  # raises if the database does not answer


def test_ping_raises_when_the_database_is_gone(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}")
    try:
        with pytest.raises(OperationalError):
            ping(make_session_factory(engine))
    finally:
        engine.dispose()
