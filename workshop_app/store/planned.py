"""A unit of work for adding a large new workshop without holding up live votes.

Ids are chosen before any lock (above the highest id in use, leaving room for what live work adds
meanwhile), everything the operation computes (rows, digests, audit entries) is built in memory,
and only commit() takes the write lock, for one short transaction of multi-row INSERTs. A
clash with rows added meanwhile refuses the whole import (nothing is written), in one sentence.
"""

from __future__ import annotations

import builtins
from collections.abc import Collection
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sqlalchemy import Dialect, func, select

from workshop_app.core.model import AuditEntry, Workshop
from workshop_app.store import convert

from workshop_app.store.unit_of_work import SqlUnitOfWork, UnitBlock

if TYPE_CHECKING:
    from workshop_app.store.database import Store

T = TypeVar("T")

ROOM_FOR_LIVE_ROWS = 10_000
"""How far above the highest id an import's rows start, so ballots cast meanwhile keep their usual ids."""


def prepared_insert(dialect: Dialect, kind: type, items: list[Any]) -> tuple[str, list[tuple[Any, ...]]]:
    """Return a driver-level INSERT for one table and its rows' values, converted by each column's type."""
    if dialect.paramstyle != "qmark":
        raise RuntimeError("Prepared inserts are written for SQLite's '?' parameters.")
    table = convert.ROW_TYPES[kind].__table__  # type: ignore[attr-defined]
    names = list(convert.field_names(kind))
    columns = [table.c[name] for name in names]
    processors = [column.type.bind_processor(dialect) for column in columns]
    quote = dialect.identifier_preparer.quote
    statement = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c.name) for c in columns)}) "
                 f"VALUES ({', '.join('?' for _ in columns)})")
    rows = [tuple(p(v) if p else v for p, v in zip(processors, (getattr(item, n) for n in names))) for item in items]
    return statement, rows


class PlannedRepository(Generic[T]):
    """Adds records with ids chosen up front; reads see the store plus what this unit has planned."""

    def __init__(self, unit: PlannedUnitOfWork, kind: type[T]) -> None:
        self._unit = unit
        self._kind = kind

    def add(self, item: T) -> T:
        """Plan one new record and set its id."""
        return self.add_all([item])[0]

    def add_all(self, items: builtins.list[T]) -> builtins.list[T]:
        """Plan new records, in order, and set their ids."""
        for item in items:
            item.id = self._unit.next_id(self._kind)  # type: ignore[attr-defined]
            self._unit.plan(self._kind, item)
        return items

    def get(self, item_id: int) -> T | None:
        """Return a planned record, or the stored one with this id."""
        planned = self._unit.planned(self._kind).get(item_id)
        return planned if planned is not None else self._unit.reader.repo(self._kind).get(item_id)

    def update(self, item: T) -> T:
        """Change a record planned in this unit (stored records are not changed by an import)."""
        planned = self._unit.planned(self._kind)
        if item.id not in planned:  # type: ignore[attr-defined]
            raise KeyError(item.id)  # type: ignore[attr-defined]
        planned[item.id] = item  # type: ignore[attr-defined]
        return item

    def delete(self, item_id: int) -> None:
        """Refuse: an import only adds."""
        raise TypeError("A planned unit of work only adds records.")

    def list(self, **where: Any) -> builtins.list[T]:
        """Return stored then planned records whose fields equal the given values."""
        planned = [i for i in self._unit.planned(self._kind).values()
                   if all(getattr(i, k) == v for k, v in where.items())]
        return [*self._unit.reader.repo(self._kind).list(**where), *planned]

    def list_in(self, name: str, values: Collection[Any]) -> builtins.list[T]:
        """Return stored then planned records whose field is one of the values."""
        wanted = set(values)
        planned = [i for i in self._unit.planned(self._kind).values() if getattr(i, name) in wanted]
        return [*self._unit.reader.repo(self._kind).list_in(name, wanted), *planned]

    def column(self, name: str, **where: Any) -> builtins.list[Any]:
        """Return one field of the matching records."""
        return [getattr(item, name) for item in self.list(**where)]


class PlannedUnitOfWork(UnitBlock):
    """Adds new records planned in memory; commit() writes them all in one short write transaction."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.reader: SqlUnitOfWork = store.reader()
        self._planned: dict[type, dict[int, Any]] = {}
        self._next: dict[type, int] = {}
        self._last_planned: dict[int | None, AuditEntry] = {}
        """Each workshop's newest planned audit entry (the next entry links to it)."""

    def close(self) -> None:
        """End the reading transaction."""
        self.reader.__exit__(None, None, None)

    def planned(self, kind: type) -> dict[int, Any]:
        """Return the records of one type planned so far, by id."""
        return self._planned.setdefault(kind, {})

    def plan(self, kind: type, item: Any) -> None:
        """Remember a new record to write at commit."""
        self.planned(kind)[item.id] = item

    def next_id(self, kind: type) -> int:
        """Return a fresh id for a new record of this type, above every id in use (and room for live rows)."""
        if kind not in self._next:
            row = convert.ROW_TYPES[kind]
            highest = self.reader.scalar(select(func.max(row.id))) or 0  # type: ignore[attr-defined]
            self._next[kind] = highest + (1 if kind is Workshop else ROOM_FOR_LIVE_ROWS)
        self._next[kind] += 1
        return self._next[kind] - 1

    def repo(self, kind: type[T]) -> PlannedRepository[T]:
        """Return the repository for one record type."""
        if kind is AuditEntry or kind not in convert.ROW_TYPES:
            raise TypeError(f"There is no repository for {getattr(kind, '__name__', kind)!s}")
        return PlannedRepository(self, kind)

    def last_audit(self, workshop_id: int | None) -> AuditEntry | None:
        """Return the newest entry of one workshop's chain, planned or stored (without reading the whole chain)."""
        planned = self._last_planned.get(workshop_id)
        return planned if planned is not None else self.reader.last_audit(workshop_id)

    def add_audit(self, entry: AuditEntry) -> AuditEntry:
        """Plan one audit entry and set its id."""
        entry.id = self.next_id(AuditEntry)
        self.plan(AuditEntry, entry)
        self._last_planned[entry.workshop_id] = entry
        return entry

    def add_audits(self, entries: list[AuditEntry]) -> list[AuditEntry]:
        """Plan several audit entries in order."""
        return [self.add_audit(entry) for entry in entries]

    def audit_entries(self, workshop_id: int | None) -> list[AuditEntry]:
        """Return one workshop's entries, stored then planned, in order."""
        planned = [e for e in self.planned(AuditEntry).values() if e.workshop_id == workshop_id]
        return [*self.reader.audit_entries(workshop_id), *planned]

    def commit(self) -> None:
        """Write every planned record in one transaction (the only time this unit holds the write lock).

        The statements and their values are made ready first, so the lock is held only while SQLite inserts.
        """
        dialect = self._store.dialect
        prepared = [prepared_insert(dialect, kind, list(items.values())) for kind, items in self._planned.items()]
        with self._store.unit_of_work() as uow:
            for statement, rows in prepared:
                uow.insert_prepared(statement, rows)
            uow.commit()
        self._planned.clear()
        self._last_planned.clear()

    def rollback(self) -> None:
        """Forget everything planned."""
        self._planned.clear()
        self._last_planned.clear()
