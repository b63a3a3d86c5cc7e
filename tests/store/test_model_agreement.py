"""Each record type is spelled three times (core dataclass, store table, migrations): all three must agree.

For every record type: the same field and column names, a column type that holds the field's Python type,
and a column that allows NULL exactly when the field may be None. The migrated file must have the same.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from workshop_app.core import model
from workshop_app.store import convert, open_store
from workshop_app.store.tables import metadata
from workshop_app.store.types import IntPairs, IntTuple, StrEnumType, UTCDateTime

SIMPLE: dict[Any, type[sa.types.TypeEngine[Any]]] = {
    bool: sa.Boolean, int: sa.Integer, float: sa.Float, str: sa.String, dt.date: sa.Date, dt.datetime: sa.DateTime,
}
KINDS = sorted(convert.ROW_TYPES, key=lambda kind: kind.__name__)


def _field_types(kind: type) -> dict[str, tuple[Any, bool]]:
    """Return each field's type (None taken out) and whether it may be None."""
    hints = typing.get_type_hints(kind)
    found: dict[str, tuple[Any, bool]] = {}
    for field in dataclasses.fields(kind):
        hint = hints[field.name]
        parts = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
        rest = tuple(p for p in parts if p is not type(None))
        found[field.name] = (rest[0] if len(rest) == 1 else rest, len(rest) < len(parts))
    return found


def _holds(column_type: sa.types.TypeEngine[Any], python: Any) -> bool:
    """Say whether a column type stores values of this Python type."""
    origin = typing.get_origin(python)
    if isinstance(column_type, StrEnumType):
        return python is column_type.enum_class
    if isinstance(column_type, UTCDateTime):
        return python is dt.datetime
    if isinstance(column_type, (IntTuple, IntPairs)):
        return origin is tuple
    if isinstance(python, type) and issubclass(python, StrEnum):
        return False  # an enum must be stored through StrEnumType, never as bare text
    return python in SIMPLE and isinstance(_stored_as(column_type), SIMPLE[python])


def _stored_as(column_type: sa.types.TypeEngine[Any]) -> sa.types.TypeEngine[Any]:
    """Return the type the database itself stores (a decorated type's underlying one)."""
    return column_type.impl_instance if isinstance(column_type, sa.types.TypeDecorator) else column_type


def test_every_record_type_has_a_table_and_every_stored_core_type_is_listed() -> None:
    assert set(model.RECORD_TYPES) <= set(convert.ROW_TYPES)
    tables = [convert.ROW_TYPES[kind].__table__.name for kind in KINDS]  # type: ignore[attr-defined]
    assert len(set(tables)) == len(tables)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__)
def test_the_table_has_the_records_fields_types_and_nullability(kind: type) -> None:
    table: sa.Table = convert.ROW_TYPES[kind].__table__  # type: ignore[attr-defined]
    fields = _field_types(kind)
    assert set(fields) == set(table.columns.keys())
    for name, (python, optional) in fields.items():
        column = table.columns[name]
        assert _holds(column.type, python), f"{kind.__name__}.{name}: {python} in a {column.type!r} column"
        if name != "id":  # the key is None only until the record is stored
            assert column.nullable == optional, f"{kind.__name__}.{name}: may be None={optional}, NULL={column.nullable}"


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> sa.Inspector:
    path: Path = tmp_path_factory.mktemp("agreement") / "store.sqlite3"
    open_store(path).close()
    return sa.inspect(sa.create_engine(f"sqlite:///{path}"))


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__)
def test_the_migrations_make_the_same_columns_with_the_same_nullability(kind: type, migrated: sa.Inspector) -> None:
    table: sa.Table = convert.ROW_TYPES[kind].__table__  # type: ignore[attr-defined]
    made = {c["name"]: c for c in migrated.get_columns(table.name)}
    assert set(made) == set(_field_types(kind))
    for column in table.columns:
        assert made[column.name]["nullable"] == column.nullable, f"{table.name}.{column.name}"
        kind_of = next(t for t in SIMPLE.values() if isinstance(_stored_as(column.type), t))
        assert isinstance(made[column.name]["type"], kind_of), f"{table.name}.{column.name}: {made[column.name]['type']}"


def test_the_type_check_refuses_an_enum_kept_as_bare_text_and_text_in_a_number_column() -> None:
    assert not _holds(sa.String(), model.Choice) and not _holds(sa.Integer(), str)
    assert _holds(StrEnumType(model.Choice), model.Choice) and not _holds(StrEnumType(model.Choice), model.OwnerKind)



def test_only_the_columns_migrations_added_later_have_a_server_default_in_both(migrated: sa.Inspector) -> None:
    later = {(table.name, column.name) for table in metadata.sorted_tables for column in table.columns
             if column.server_default is not None}
    made = {(table, column["name"]) for table in migrated.get_table_names() if table != "alembic_version"
            for column in migrated.get_columns(table) if column["default"] is not None}
    assert later == made
    assert {("participant", "ward"), ("vote_round", "voters"), ("ballot", "salt")} <= later
    assert ("participant", "name") not in later
