"""The SQL unit of work: one session, one transaction, generic repositories over the tables."""

from __future__ import annotations

import builtins

from collections.abc import Collection
from functools import cache
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

from sqlalchemy import Table, bindparam, insert, select
from sqlalchemy.orm import Session, sessionmaker
from sqlmodel import col

from workshop_app.core.model import AuditEntry, Participant, Proposal, VoteRound
from workshop_app.core.ports import BallotContext
from workshop_app.store import convert
from workshop_app.store.errors import translated
from workshop_app.store.tables import (
    AuditEntryRow, ParticipantRow, ProposalRow, VoteRoundRow, WorkshopRow,
)

T = TypeVar("T")
IN_CHUNK = 900
"""Values per `IN (...)` query: under SQLite's oldest limit of 999 bound values."""


def _table(row: Any) -> Table:
    """Return the Core table of a row class."""
    table: Table = row.__table__
    return table


def _ballot_context_query(people: Any) -> Any:
    """Return the one SELECT a cast needs: its round, the round's workshop (id and status), the people asked for
    (`people`, a LEFT JOIN, so the round comes back without them too) and the workshop's newest audit hash."""
    vote, person = _table(VoteRoundRow), _table(ParticipantRow)
    proposal, workshop, entry = _table(ProposalRow), _table(WorkshopRow), _table(AuditEntryRow)
    head = (select(entry.c.hash).where(entry.c.workshop_id == proposal.c.workshop_id)
            .order_by(entry.c.id.desc()).limit(1).scalar_subquery())
    return (
        select(*(c.label(f"v_{c.name}") for c in vote.c), *(c.label(f"p_{c.name}") for c in person.c),
               proposal.c.workshop_id.label("workshop_id"), workshop.c.status.label("status"), head.label("head"))
        .select_from(vote)
        .join(proposal, proposal.c.id == vote.c.proposal_id)
        .join(workshop, workshop.c.id == proposal.c.workshop_id)
        .outerjoin(person, person.c.id.in_(people))
        .where(vote.c.id == bindparam("round_id"))
    )


BALLOT_CONTEXT = _ballot_context_query(bindparam("people", expanding=True))
"""The context of a batch of ballots (`:people`: any number of voters)."""
CAST_CONTEXT = _ballot_context_query([bindparam("voter"), bindparam("holder")])
"""The context of one cast (`:voter`, `:holder`: the voter twice when no proxy): two plain parameters, so the
statement is compiled once and then reused (an expanding list is rendered again at every execution)."""


def _record(kind: type[T], row: Any, prefix: str) -> T:
    """Return a core record from the columns of a joined row that carry a prefix."""
    values = row._mapping
    return kind(**{name: values[prefix + name] for name in convert.field_names(kind)})


class SqlRepository(Generic[T]):
    """Add, fetch, change, delete and list one record type inside a unit of work."""

    def __init__(self, session: Session, kind: type[T], store: str) -> None:
        self._session = session
        self._kind = kind
        self._row: Any = convert.ROW_TYPES[kind]
        self._store = store

    def add(self, item: T) -> T:
        """Store a new record (always under a fresh id) and set its id: one INSERT, no ORM object."""
        item.id = _insert(self._session, self._row, item, self._store)  # type: ignore[attr-defined]
        return item

    def add_all(self, items: builtins.list[T]) -> builtins.list[T]:
        """Store new records in one batch (a few multi-row INSERTs, no ORM objects) and set their ids, in order."""
        if not items:
            return items
        values = [{k: v for k, v in convert.values_of(item).items() if k != "id"} for item in items]
        sqlite = self._session.get_bind().dialect.name == "sqlite"
        # SQLAlchemy runs an ordered RETURNING one row at a time on SQLite; SQLite gives the rows of one multi-row
        # INSERT increasing ids in the order written, so the ids come back in one statement and are sorted here.
        statement = insert(self._row).returning(self._row.id, sort_by_parameter_order=not sqlite)
        with translated(self._store):
            self._session.flush()
            ids = self._session.scalars(statement, values).all()
        if sqlite:
            ids = sorted(ids)
        for item, new_id in zip(items, ids, strict=True):
            item.id = new_id  # type: ignore[attr-defined]
        return items

    def get(self, item_id: int) -> T | None:
        """Return the record with this id, or None."""
        with translated(self._store):
            row = self._session.get(self._row, item_id)
        return convert.from_row(self._kind, row) if row is not None else None

    def update(self, item: T) -> T:
        """Write every field of an existing record; KeyError if it is not stored."""
        item_id = item.id  # type: ignore[attr-defined]
        with translated(self._store):
            row = self._session.get(self._row, item_id) if item_id is not None else None
            if row is None:
                raise KeyError(item_id)
            convert.copy_to_row(item, row)
            self._session.flush()
        return item

    def delete(self, item_id: int) -> None:
        """Remove the record; StoreError, with nothing else undone, if other records still use it."""
        refused = (
            f"The {self._kind.__name__} record {item_id} is still used by other records, so it was not "
            "deleted; remove or change those records first."
        )
        with translated(self._store, refused):
            row = self._session.get(self._row, item_id)
            if row is None:
                return
            with self._session.begin_nested():
                self._session.delete(row)

    def _check_fields(self, names: Any) -> None:
        """Refuse a field the record type does not have."""
        unknown = sorted(set(names) - set(convert.field_names(self._kind)))
        if unknown:
            raise TypeError(f"{self._kind.__name__} has no field {', '.join(unknown)}")

    def list(self, **where: Any) -> list[T]:
        """Return records whose fields equal the given values (None matches NULL), ordered by id."""
        self._check_fields(where)
        query = select(self._row).where(*(getattr(self._row, k) == v for k, v in where.items()))
        with translated(self._store):
            rows = self._session.scalars(query.order_by(self._row.id)).all()
        return [convert.from_row(self._kind, row) for row in rows]

    def list_in(self, name: str, values: Collection[Any]) -> builtins.list[T]:
        """Return records whose field is one of the values, ordered by id (a query per IN_CHUNK values)."""
        self._check_fields([name])
        wanted = sorted(set(values))
        rows: builtins.list[Any] = []
        with translated(self._store):
            for start in range(0, len(wanted), IN_CHUNK):
                chunk = wanted[start:start + IN_CHUNK]
                rows.extend(self._session.scalars(select(self._row).where(getattr(self._row, name).in_(chunk))).all())
        rows.sort(key=lambda row: row.id)
        return [convert.from_row(self._kind, row) for row in rows]

    def column(self, name: str, **where: Any) -> builtins.list[Any]:
        """Return one field of the matching records, ordered by id (cheaper than whole records)."""
        self._check_fields([name, *where])
        query = select(getattr(self._row, name)).where(*(getattr(self._row, k) == v for k, v in where.items()))
        with translated(self._store):
            return list(self._session.scalars(query.order_by(self._row.id)).all())


@cache
def _insert_statement(row_type: Any) -> Any:
    """Return the INSERT ... RETURNING id of a row type, built once (so it is compiled once and then reused)."""
    table = _table(row_type)
    return insert(table).returning(table.c.id)


def _insert(session: Session, row_type: Any, item: Any, store: str) -> int:
    """Insert one record's fields (all but its id) with one Core INSERT on the session's connection and return the
    new id (pending ORM changes are flushed first, so statements keep their order)."""
    values = {k: v for k, v in convert.values_of(item).items() if k != "id"}
    with translated(store):
        if session.new or session.dirty or session.deleted:
            session.flush()
        new_id: int = session.connection().execute(_insert_statement(row_type), values).scalar_one()
    return new_id


class UnitBlock:
    """A unit of work used as a `with` block: leaving it throws away whatever was not committed, then closes it."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.rollback()
        self.close()

    def rollback(self) -> None:
        """Throw away everything not yet committed."""
        raise NotImplementedError

    def close(self) -> None:
        """Let go of the unit's connection."""
        raise NotImplementedError


class SqlUnitOfWork(UnitBlock):
    """One transaction on the store: nothing is kept unless commit() is called before leaving."""

    def __init__(self, sessions: sessionmaker[Session], store: str, read_only: bool = False) -> None:
        self._session = sessions()
        self._store = store
        self.read_only = read_only
        """A reading unit takes no write lock and may not commit."""
        # The entry this unit appended last, per workshop: it holds the write lock, so that entry is the chain's
        # newest and the next append needs no SELECT (many ballots cast in one transaction append one entry each).
        self._appended: dict[int | None, AuditEntry] = {}

    def close(self) -> None:
        """Give the session's connection back to the pool."""
        self._session.close()

    def repo(self, kind: type[T]) -> SqlRepository[T]:
        """Return the repository for one record type (audit entries have none: they are append-only)."""
        if kind is AuditEntry or kind not in convert.ROW_TYPES:
            raise TypeError(f"There is no repository for {getattr(kind, '__name__', kind)!s}")
        return SqlRepository(self._session, kind, self._store)

    def last_audit(self, workshop_id: int | None) -> AuditEntry | None:
        """Return the newest entry of one workshop's chain, or None."""
        if workshop_id in self._appended:
            return self._appended[workshop_id]
        query = (
            select(AuditEntryRow)
            .where(AuditEntryRow.workshop_id == workshop_id)
            .order_by(AuditEntryRow.id.desc())
            .limit(1)
        )
        with translated(self._store):
            row = self._session.scalars(query).first()
        return convert.from_row(AuditEntry, row) if row is not None else None

    def add_audit(self, entry: AuditEntry) -> AuditEntry:
        """Append one audit entry and set its id."""
        entry.id = _insert(self._session, AuditEntryRow, entry, self._store)
        self._appended[entry.workshop_id] = entry
        return entry

    def add_audits(self, entries: list[AuditEntry]) -> list[AuditEntry]:
        """Append several entries, in order, with one multi-row INSERT (no ORM objects), and set their ids."""
        SqlRepository(self._session, AuditEntry, self._store).add_all(entries)
        for entry in entries:
            self._appended[entry.workshop_id] = entry
        return entries

    def audit_entries(self, workshop_id: int | None) -> list[AuditEntry]:
        """Return one workshop's entries in the order they were appended."""
        query = (
            select(AuditEntryRow)
            .where(AuditEntryRow.workshop_id == workshop_id)
            .order_by(AuditEntryRow.id)
        )
        with translated(self._store):
            rows = self._session.scalars(query).all()
        return [convert.from_row(AuditEntry, row) for row in rows]

    def open_round(self, workshop_id: int) -> tuple[VoteRound, Proposal] | None:
        """Return the workshop's oldest vote round still open, with its proposal, or None (one SELECT)."""
        rounds = self._rounds_with_proposals(workshop_id, VoteRoundRow.closed_at.is_(None))
        return rounds[0] if rounds else None

    def rounds_of_workshop(self, workshop_id: int) -> list[tuple[VoteRound, Proposal]]:
        """Return every vote round of the workshop with its proposal, in the order they were opened (one SELECT)."""
        return self._rounds_with_proposals(workshop_id)

    def _rounds_with_proposals(self, workshop_id: int, *where: Any) -> list[tuple[VoteRound, Proposal]]:
        query = (
            select(VoteRoundRow, ProposalRow)
            .join(ProposalRow, ProposalRow.id == VoteRoundRow.proposal_id)
            .where(ProposalRow.workshop_id == workshop_id, *where)
            .order_by(VoteRoundRow.id)
        )
        with translated(self._store):
            rows = self._session.execute(query).all()
        return [(convert.from_row(VoteRound, vote), convert.from_row(Proposal, proposal)) for vote, proposal in rows]

    def voters(self, workshop_id: int) -> dict[int, bool]:
        """Return the workshop's voting participants: id -> whether they are here (one SELECT of two columns)."""
        query = (
            select(col(ParticipantRow.id), col(ParticipantRow.present))
            .where(col(ParticipantRow.workshop_id) == workshop_id, col(ParticipantRow.is_voting))
            .order_by(col(ParticipantRow.id))
        )
        with translated(self._store):
            return {pid: bool(present) for pid, present in self._session.execute(query).all() if pid is not None}

    def ballot_context(self, round_id: int, people: Collection[int]) -> BallotContext | None:
        """Return what a cast in this round checks, with these people, in one SELECT (see BALLOT_CONTEXT)."""
        ids = sorted(set(people))
        statement, values = ((CAST_CONTEXT, {"round_id": round_id, "voter": ids[0], "holder": ids[-1]})
                             if 1 <= len(ids) <= 2 else (BALLOT_CONTEXT, {"round_id": round_id, "people": ids}))
        with translated(self._store):
            if self._session.new or self._session.dirty or self._session.deleted:
                self._session.flush()
            rows = self._session.connection().execute(statement, values).all()
        if not rows:
            return None
        found = {row.p_id: _record(Participant, row, "p_") for row in rows if row.p_id is not None}
        first = rows[0]
        return BallotContext(_record(VoteRound, first, "v_"), first.workshop_id, first.status, found, first.head)

    def scalar(self, statement: Any) -> Any:
        """Return the one value a SELECT statement gives (for the store's own bookkeeping, not for core)."""
        with translated(self._store):
            return self._session.scalar(statement)

    def insert_prepared(self, statement: str, rows: list[tuple[Any, ...]]) -> None:
        """Run one prepared multi-row INSERT (see store/planned.py): no per-row work left but SQLite's own."""
        refused = (f"Another program added records to {self._store} while this import was being prepared; run the "
                   "import again (nothing was added).")
        with translated(self._store, refused):
            self._session.connection().exec_driver_sql(statement, rows)

    def commit(self) -> None:
        """Make everything done in this unit durable (a reading unit refuses: it holds no write lock)."""
        if self.read_only:
            raise RuntimeError("A reading unit of work cannot commit; use the store's writing unit of work.")
        with translated(self._store):
            self._session.commit()
        self._appended.clear()

    def rollback(self) -> None:
        """Throw away everything not yet committed."""
        self._session.rollback()
        self._appended.clear()
