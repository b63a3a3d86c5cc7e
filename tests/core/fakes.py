"""An in-memory unit of work, so core is tested without a database."""

from __future__ import annotations

import builtins
import copy
from collections.abc import Collection
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

from workshop_app.core.model import AuditEntry, Participant, Proposal, VoteRound, Workshop
from workshop_app.core.ports import BallotContext

T = TypeVar("T")


class FakeRepository(Generic[T]):
    """A dict of records keyed by id, copied in and out like a real store."""

    def __init__(self, table: dict[int, Any], counter: list[int]) -> None:
        self._table = table
        self._counter = counter

    def add(self, item: T) -> T:
        """Store a copy with a fresh id."""
        self._counter[0] += 1
        item.id = self._counter[0]  # type: ignore[attr-defined]
        self._table[item.id] = copy.deepcopy(item)  # type: ignore[attr-defined]
        return item

    def add_all(self, items: builtins.list[T]) -> builtins.list[T]:
        """Store copies of several records, each with a fresh id."""
        return [self.add(item) for item in items]

    def get(self, item_id: int) -> T | None:
        """Return a copy of the record, or None."""
        found = self._table.get(item_id)
        return copy.deepcopy(found) if found is not None else None

    def update(self, item: T) -> T:
        """Replace the stored record."""
        if item.id not in self._table:  # type: ignore[attr-defined]
            raise KeyError(item.id)  # type: ignore[attr-defined]
        self._table[item.id] = copy.deepcopy(item)  # type: ignore[attr-defined]
        return item

    def delete(self, item_id: int) -> None:
        """Remove the record."""
        self._table.pop(item_id, None)

    def list(self, **where: Any) -> list[T]:
        """Return copies of matching records ordered by id."""
        rows = [r for _, r in sorted(self._table.items())]
        rows = [r for r in rows if all(getattr(r, k) == v for k, v in where.items())]
        return copy.deepcopy(rows)

    def list_in(self, name: str, values: Collection[Any]) -> builtins.list[T]:
        """Return copies of the records whose field is one of the values, ordered by id."""
        wanted = set(values)
        return [r for r in self.list() if getattr(r, name) in wanted]

    def column(self, name: str, **where: Any) -> builtins.list[Any]:
        """Return one field of the matching records ordered by id."""
        return [getattr(r, name) for r in self.list(**where)]


def _snapshot(tables: dict[type, dict[int, Any]]) -> dict[type, dict[int, Any]]:
    """Return new dicts over the same stored records: a repository copies a record in and out, so none is shared."""
    return {kind: dict(rows) for kind, rows in tables.items()}


class FakeStore:
    """Committed state shared by every unit of work made from it."""

    def __init__(self) -> None:
        self.tables: dict[type, dict[int, Any]] = {}
        self.audit: list[AuditEntry] = []
        self.counter = [0]
        self.commits = 0

    def __call__(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self)


class FakeUnitOfWork:
    """Works on a copy of the store's state and publishes it on commit."""

    def __init__(self, store: FakeStore) -> None:
        self._store = store
        self._tables = _snapshot(store.tables)
        self._audit = list(store.audit)
        self._counter = list(store.counter)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.rollback()

    def repo(self, kind: type[T]) -> FakeRepository[T]:
        """Return the repository for one record type."""
        return FakeRepository(self._tables.setdefault(kind, {}), self._counter)

    def last_audit(self, workshop_id: int | None) -> AuditEntry | None:
        """Return the newest entry of one workshop's chain."""
        mine = [e for e in self._audit if e.workshop_id == workshop_id]
        return mine[-1] if mine else None

    def add_audit(self, entry: AuditEntry) -> AuditEntry:
        """Append an entry."""
        entry.id = len(self._audit) + 1
        self._audit.append(entry)
        return entry

    def add_audits(self, entries: list[AuditEntry]) -> list[AuditEntry]:
        """Append entries in order."""
        return [self.add_audit(entry) for entry in entries]

    def audit_entries(self, workshop_id: int | None) -> list[AuditEntry]:
        """Return one workshop's entries in order."""
        return [e for e in self._audit if e.workshop_id == workshop_id]

    def open_round(self, workshop_id: int) -> tuple[VoteRound, Proposal] | None:
        """Return the workshop's oldest open round and its proposal."""
        rounds = [pair for pair in self.rounds_of_workshop(workshop_id) if pair[0].closed_at is None]
        return rounds[0] if rounds else None

    def rounds_of_workshop(self, workshop_id: int) -> list[tuple[VoteRound, Proposal]]:
        """Return the workshop's rounds with their proposals, by round id."""
        proposals = {p.id: p for p in self.repo(Proposal).list(workshop_id=workshop_id)}
        return [(r, proposals[r.proposal_id]) for r in self.repo(VoteRound).list() if r.proposal_id in proposals]

    def voters(self, workshop_id: int) -> dict[int, bool]:
        """Return the workshop's voting participants and whether each is here."""
        return {p.id: p.present for p in self.repo(Participant).list(workshop_id=workshop_id, is_voting=True)}

    def ballot_context(self, round_id: int, people: Collection[int]) -> BallotContext | None:
        """Return what a cast in this round checks, with these people."""
        vote = self.repo(VoteRound).get(round_id)
        proposal = self.repo(Proposal).get(vote.proposal_id) if vote is not None else None
        workshop = self.repo(Workshop).get(proposal.workshop_id) if proposal is not None else None
        if vote is None or proposal is None or workshop is None:
            return None
        found = {pid: person for pid in people if (person := self.repo(Participant).get(pid)) is not None}
        last = self.last_audit(proposal.workshop_id)
        return BallotContext(vote, proposal.workshop_id, workshop.status, found, last.hash if last else None)

    def commit(self) -> None:
        """Publish this unit's state to the store."""
        self._store.tables = _snapshot(self._tables)
        self._store.audit = list(self._audit)
        self._store.counter = list(self._counter)
        self._store.commits += 1

    def rollback(self) -> None:
        """Forget uncommitted changes."""
        self._tables = _snapshot(self._store.tables)
        self._audit = list(self._store.audit)
        self._counter = list(self._store.counter)
