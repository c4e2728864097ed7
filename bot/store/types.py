"""Column types shared by the models (and understood by the migrations)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import types
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.operators import OperatorType


class NaiveDatetimeError(ValueError):
    """A datetime without a UTC offset was about to be stored."""


class UtcDateTime(types.TypeDecorator[datetime]):
    """A timestamp that is always aware UTC in Python: naive values are refused on write."""

    impl = types.DateTime(timezone=True)
    cache_ok = True

    def __repr__(self) -> str:
        return "UtcDateTime()"

    def coerce_compared_value(self, _op: OperatorType | None, value: Any) -> types.TypeEngine[Any]:
        # Comparisons such as `next_attempt_at <= :now` must bind `now` through this type too:
        # on SQLite the stored text is UTC, so the parameter has to be converted the same way.
        if isinstance(value, timedelta):
            return types.Interval()
        return self

    def process_bind_param(self, value: datetime | None, _dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise NaiveDatetimeError(
                f"refusing to store the naive datetime {value.isoformat()}: "
                "pass an aware datetime, e.g. datetime.now(UTC)"
            )
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, _dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            # SQLite has no time zone support: what it holds was written as UTC above.
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
