"""Alembic environment: the app's models, batch mode for SQLite, the URL from the caller."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import bot.store.models  # noqa: F401  (registers every table on SQLModel.metadata)
from bot.store.db import make_migration_engine
from bot.store.types import UtcDateTime

# No fileConfig(): there is no alembic.ini (the config lives in pyproject.toml), and the app
# configures logging itself.
config = context.config
target_metadata = SQLModel.metadata


def _database_url() -> str:
    url = config.attributes.get("database_url")
    if isinstance(url, str) and url:
        return url
    from bot.settings import get_settings  # only when Alembic runs from the command line

    return get_settings().database_url


def _render_item(type_: str, obj: Any, _context: AutogenContext) -> str | Literal[False]:
    # Migrations stay independent of the app's Python types: UtcDateTime is a plain
    # timezone-aware DateTime in the database.
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _configure(**kwargs: Any) -> None:
    context.configure(
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things: Alembic rebuilds the table
        compare_type=True,
        compare_server_default=True,
        render_item=_render_item,
        **kwargs,
    )


def run_migrations_offline() -> None:
    """Emit the SQL of the migrations instead of running them."""
    _configure(url=_database_url(), literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Connection) -> None:
    # Our SQLite engines emit a real BEGIN (see bot.store.db), so SQLite DDL is transactional
    # too: a failed upgrade leaves the schema as it was instead of half-migrated.
    _configure(connection=connection, transactional_ddl=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run the migrations on a live connection, and close every connection afterwards."""
    connection = config.attributes.get("connection")
    if isinstance(connection, Connection):
        _run(connection)
        return
    engine = make_migration_engine(_database_url())
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        # An engine left open makes pytest fail on its ResourceWarning.
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
