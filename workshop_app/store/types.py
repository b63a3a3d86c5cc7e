"""Column types: UTC datetimes that come back timezone-aware, and enums kept as their string values."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import DateTime, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

UTC = dt.UTC


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A datetime stored as naive UTC and returned timezone-aware in UTC; naive input is refused."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        """Convert an aware datetime to naive UTC for storage."""
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"A datetime without a timezone cannot be stored: {value!r}")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        """Mark a stored naive UTC datetime as UTC."""
        if value is None:
            return None
        if value.tzinfo is not None:
            return value.astimezone(UTC)
        return value.replace(tzinfo=UTC)


class StrEnumType(TypeDecorator[StrEnum]):
    """A string enum stored as its value (not its name) in a plain string column."""

    impl = String(32)
    cache_ok = True

    def __init__(self, enum_class: type[StrEnum], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.enum_class = enum_class

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        """Store the enum's value, checking that it is one of the enum's members."""
        if value is None:
            return None
        return self.enum_class(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> StrEnum | None:
        """Return the enum member for a stored value."""
        if value is None:
            return None
        return self.enum_class(value)

    def __repr__(self) -> str:
        return f"StrEnumType({self.enum_class.__name__})"


class IntTuple(TypeDecorator[tuple[int, ...]]):
    """A tuple of ids stored as comma-separated text ("" for none)."""

    impl = String()
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        """Store the ids as text."""
        if value is None:
            return None
        return ",".join(str(int(v)) for v in value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> tuple[int, ...] | None:
        """Return the stored ids as a tuple."""
        if value is None:
            return None
        return tuple(int(v) for v in value.split(",") if v)


class IntPairs(TypeDecorator[tuple[tuple[int, int], ...]]):
    """A tuple of (id, id) pairs stored as "a:b,c:d" text ("" for none)."""

    impl = String()
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        """Store the pairs as text."""
        if value is None:
            return None
        return ",".join(f"{int(a)}:{int(b)}" for a, b in value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> tuple[tuple[int, int], ...] | None:
        """Return the stored pairs as a tuple."""
        if value is None:
            return None
        pairs = (item.split(":") for item in value.split(",") if item)
        return tuple((int(a), int(b)) for a, b in pairs)
