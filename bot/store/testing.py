"""Test support: a clean database per test (a temp SQLite file, or a PostgreSQL schema)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, make_url
from sqlalchemy.pool import NullPool

_SAFE_SCHEMA = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


@contextmanager
def isolated_postgres_schema(server_url: str, *, prefix: str = "test") -> Iterator[str]:
    """A URL whose connections live in a brand-new schema, dropped (with everything) afterwards.

    The schema is put first on `search_path` through the connection's `options`, so every engine
    built from the URL — the app's, Alembic's — creates and finds its tables there.
    """
    schema = f"{prefix}_{uuid.uuid4().hex[:16]}"
    if not _SAFE_SCHEMA.match(schema):
        raise ValueError(f"unsafe schema name: {schema!r}")
    admin = create_engine(server_url, poolclass=NullPool)
    try:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        url = make_url(server_url).update_query_dict({"options": f"-csearch_path={schema}"})
        try:
            yield url.render_as_string(hide_password=False)
        finally:
            with admin.begin() as connection:
                connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    finally:
        admin.dispose()
