"""Shared fixtures: a real, clean database per test, on SQLite and (with TEST_DATABASE_URL) PostgreSQL.

- `database_url`: an empty database (ids `sqlite` and `postgresql`, so `pytest -k postgresql` works).
- `migrated_database_url`: the same, upgraded to the latest migration.
- `engine`, `session_factory`: the app's engine and sessions on the migrated database.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.store.db import Engine, Session, make_engine, make_session_factory
from bot.store.migrate import upgrade
from bot.store.testing import isolated_postgres_schema


def _postgres_server_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not url:
        return None
    # Accept the usual spellings; the app's driver is psycopg 3.
    for plain in ("postgres://", "postgresql://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain) :]
    return url


def _database_params() -> list[object]:
    params: list[object] = [pytest.param("sqlite", id="sqlite")]
    # Without TEST_DATABASE_URL the PostgreSQL variant is not generated at all (rather than
    # skipped), so a green run never hides untested PostgreSQL cases as "passed".
    if _postgres_server_url():
        params.append(pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres))
    return params


@pytest.fixture(params=_database_params())
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of its own for this test: a temp SQLite file, or a fresh PG schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    server_url = _postgres_server_url()
    assert server_url is not None
    with isolated_postgres_schema(server_url) as url:
        yield url


@pytest.fixture
def migrated_database_url(database_url: str) -> str:
    """`database_url`, upgraded to the latest migration."""
    upgrade(database_url)
    return database_url


@pytest.fixture
def engine(migrated_database_url: str) -> Iterator[Engine]:
    """The app's engine on the migrated test database (disposed afterwards)."""
    engine = make_engine(migrated_database_url)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> Callable[[], Session]:
    """Sessions on the migrated test database, as the app makes them."""
    return make_session_factory(engine)
