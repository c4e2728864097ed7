"""Engines, sessions and the one transaction per use case (`session_scope`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool, StaticPool
from sqlmodel import Session

__all__ = [
    "Engine",
    "Session",
    "SessionFactory",
    "is_sqlite",
    "make_engine",
    "make_migration_engine",
    "make_session_factory",
    "ping",
    "read_scope",
    "session_scope",
]

SessionFactory = Callable[[], Session]

SQLITE_BUSY_TIMEOUT_MS = 10_000


# Execution option marking a read-only transaction (SQLite then begins DEFERRED).
_READ_ONLY = "smm_read_only"


def is_sqlite(url: str | URL) -> bool:
    """Whether a database URL points at SQLite."""
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str) -> Engine:
    """The app's engine: SQLite with foreign keys and WAL, or PostgreSQL with pre-ping."""
    return _build_engine(url, foreign_keys=True)


def make_migration_engine(url: str) -> Engine:
    """An engine for Alembic: no pool, and SQLite foreign keys left off.

    Batch migrations rebuild a SQLite table by copying it and dropping the original; with
    foreign keys on, dropping a parent table would cascade-delete its children's rows.
    """
    return _build_engine(url, foreign_keys=False)


def _build_engine(url: str, *, foreign_keys: bool) -> Engine:
    parsed = make_url(url)
    # A failed statement's error would otherwise print its parameters: people's answers and
    # texts, which must never reach the logs.
    hidden: dict[str, Any] = {"hide_parameters": True}
    if parsed.get_backend_name() != "sqlite":
        # pre_ping: PostgreSQL connections die behind our back (restarts, idle timeouts).
        if foreign_keys:
            return create_engine(parsed, pool_pre_ping=True, **hidden)
        return create_engine(parsed, poolclass=NullPool, **hidden)

    in_memory = parsed.database in (None, "", ":memory:")
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}, **hidden}
    if in_memory:
        # Each new connection to `sqlite://` is a new, empty database: share one.
        kwargs["poolclass"] = StaticPool
    elif not foreign_keys:
        kwargs["poolclass"] = NullPool
    engine = create_engine(parsed, **kwargs)
    _configure_sqlite(engine, foreign_keys=foreign_keys, wal=not in_memory)
    return engine


def _configure_sqlite(engine: Engine, *, foreign_keys: bool, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the sqlite3 module: by default it sends no BEGIN
        # before a SELECT, so reads and the writes that follow them are not one transaction.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
            if wal:
                # Readers no longer block the writer (web threads and the clock share the file).
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(_READ_ONLY):
            # A read-only snapshot: in WAL mode it never waits for a writer.
            connection.exec_driver_sql("BEGIN DEFERRED")
            return
        # IMMEDIATE takes the write lock up front: a deferred transaction that reads and then
        # writes fails at once with "database is locked" when another writer got in between,
        # whereas IMMEDIATE simply waits (busy_timeout) for its turn.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_session_factory(engine: Engine) -> SessionFactory:
    """A factory of sessions whose returned rows stay readable after commit."""
    return partial(Session, engine, expire_on_commit=False)


@contextmanager
def session_scope(factory: SessionFactory) -> Iterator[Session]:
    """One transaction: commit if the block succeeds, roll back (and re-raise) if it fails."""
    with factory() as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def read_scope(factory: SessionFactory) -> Iterator[Session]:
    """A read-only transaction that never waits for writers (for acknowledgements)."""
    # Closing (not rolling back) ends the transaction without expiring the rows read, so
    # they stay readable; the pool rolls the connection back when it gets it back.
    with factory() as session:
        session.connection(execution_options={_READ_ONLY: True})
        yield session


def ping(factory: SessionFactory) -> None:
    """Run a trivial query; raises the driver's error if the database does not answer."""
    with read_scope(factory) as session:  # never queues behind a writer
        session.connection().exec_driver_sql("SELECT 1")
