"""Column and table shapes the migration scripts share.

Old migrations call these, so what they return must never change: a new shape gets a new function. The
migration tests compare a migrated store with the tables, and every table is created with its id key first,
then its columns, its foreign keys (no cascade), its primary key, its unique constraints and its indexes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op


def id_column() -> sa.Column[Any]:
    """Return the integer primary key column."""
    return sa.Column("id", sa.Integer(), nullable=False)


def text(name: str) -> sa.Column[Any]:
    """Return a required text column."""
    return sa.Column(name, sa.String(), nullable=False)


def enum(name: str) -> sa.Column[Any]:
    """Return a required enum column holding the member's string value."""
    return sa.Column(name, sa.String(length=32), nullable=False)


def integer(name: str, nullable: bool = False) -> sa.Column[Any]:
    """Return an integer column."""
    return sa.Column(name, sa.Integer(), nullable=nullable)


def when(name: str, nullable: bool = False) -> sa.Column[Any]:
    """Return a UTC datetime column (stored naive; the store's UTCDateTime adds the zone back)."""
    return sa.Column(name, sa.DateTime(), nullable=nullable)


def boolean(name: str) -> sa.Column[Any]:
    """Return a required boolean column."""
    return sa.Column(name, sa.Boolean(), nullable=False)


def date(name: str, nullable: bool = False) -> sa.Column[Any]:
    """Return a date column."""
    return sa.Column(name, sa.Date(), nullable=nullable)


def foreign_key(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    """Return a foreign key from table.column to target.id (no cascade: used rows cannot be deleted)."""
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"))


def unique(table: str, *columns: str) -> sa.UniqueConstraint:
    """Return a named unique constraint."""
    return sa.UniqueConstraint(*columns, name=op.f(f"uq_{table}_{'_'.join(columns)}"))


def create_table(name: str, *items: sa.Column[Any] | sa.Constraint, fks: Mapping[str, str],
                 indexed: Sequence[str] = (), unique_on: Sequence[str] = ()) -> None:
    """Create a table with an id key, its foreign keys, a unique constraint on `unique_on` and one-column indexes."""
    constraints = [foreign_key(name, column, target) for column, target in fks.items()]
    key = sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}"))
    after = [unique(name, *unique_on)] if unique_on else []
    op.create_table(name, id_column(), *items, *constraints, key, *after)
    for column in indexed:
        op.create_index(op.f(f"ix_{name}_{column}"), name, [column], unique=False)
