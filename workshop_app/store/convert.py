"""Conversion between core dataclasses and their table rows, by field name."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from workshop_app.store import tables

T = TypeVar("T")

ROW_TYPES = tables.ROW_TYPES
"""Each core record type and the table that holds it (declared in tables)."""

_FIELDS: dict[type, tuple[str, ...]] = {
    kind: tuple(f.name for f in dataclasses.fields(kind)) for kind in ROW_TYPES
}


def field_names(kind: type) -> tuple[str, ...]:
    """Return the field names of a core record type."""
    return _FIELDS[kind]


def values_of(item: Any) -> dict[str, Any]:
    """Return a record's fields as a dict (shallow: nested values are not copied)."""
    return {name: getattr(item, name) for name in _FIELDS[type(item)]}


def copy_to_row(item: Any, row: tables.TableBase) -> None:
    """Write every field of a core record except its id onto an existing row."""
    for name, value in values_of(item).items():
        if name != "id":
            setattr(row, name, value)


def from_row(kind: type[T], row: tables.TableBase) -> T:
    """Return a core record built from a table row."""
    return kind(**{name: getattr(row, name) for name in _FIELDS[kind]})
