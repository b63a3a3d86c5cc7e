"""The storage contract core relies on: repositories behind a unit of work."""

from __future__ import annotations

import builtins

from collections.abc import Callable, Collection
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Protocol, Self, TypeVar

from workshop_app.core.model import AuditEntry, Participant, Proposal, VoteRound, WorkshopStatus

T = TypeVar("T")


class Repository(Protocol[T]):
    """Add, fetch, change and list records of one dataclass type."""

    def add(self, item: T) -> T:
        """Store a new record and return it with its id set."""
        ...

    def add_all(self, items: builtins.list[T]) -> builtins.list[T]:
        """Store new records in one batch and return them with their ids set, in order."""
        ...

    def get(self, item_id: int) -> T | None:
        """Return the record with this id, or None."""
        ...

    def update(self, item: T) -> T:
        """Write every field of an existing record."""
        ...

    def delete(self, item_id: int) -> None:
        """Remove the record with this id."""
        ...

    def list(self, **where: Any) -> list[T]:
        """Return records whose fields equal the given values, ordered by id."""
        ...

    def list_in(self, name: str, values: Collection[Any]) -> builtins.list[T]:
        """Return records whose field `name` is one of the values, ordered by id (one query, not one per value)."""
        ...

    def column(self, name: str, **where: Any) -> builtins.list[Any]:
        """Return one field of the records whose fields equal the given values, ordered by id."""
        ...


@dataclass(frozen=True)
class BallotContext:
    """What a cast checks before it writes, read at once: the round, its workshop, the people it names and the
    hash of the workshop's newest audit entry (None before its first)."""

    vote: VoteRound
    workshop_id: int
    workshop_status: WorkshopStatus
    people: dict[int, Participant]
    """The people asked for that exist (of any workshop: the cast checks whose they are), by id."""
    audit_head: str | None


class UnitOfWork(Protocol):
    """One transaction: nothing is kept unless commit() is called before leaving the block."""

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def repo(self, kind: type[T]) -> Repository[T]:
        """Return the repository for one record type."""
        ...

    def last_audit(self, workshop_id: int | None) -> AuditEntry | None:
        """Return the newest audit entry of one workshop's chain, or None."""
        ...

    def add_audit(self, entry: AuditEntry) -> AuditEntry:
        """Append one audit entry (never changed or removed afterwards)."""
        ...

    def add_audits(self, entries: list[AuditEntry]) -> list[AuditEntry]:
        """Append several audit entries, in order, in one batch, and set their ids."""
        ...

    def audit_entries(self, workshop_id: int | None) -> list[AuditEntry]:
        """Return one workshop's audit entries in the order they were appended."""
        ...

    def open_round(self, workshop_id: int) -> tuple[VoteRound, Proposal] | None:
        """Return the workshop's oldest vote round still open, with its proposal, or None."""
        ...

    def rounds_of_workshop(self, workshop_id: int) -> list[tuple[VoteRound, Proposal]]:
        """Return every vote round of the workshop with its proposal, in the order they were opened."""
        ...

    def voters(self, workshop_id: int) -> dict[int, bool]:
        """Return the workshop's voting participants (not observers): id -> whether they are here."""
        ...

    def ballot_context(self, round_id: int, people: Collection[int]) -> BallotContext | None:
        """Return what a cast in this round checks (with these people), or None if there is no such round."""
        ...

    def commit(self) -> None:
        """Make everything done in this unit durable."""
        ...

    def rollback(self) -> None:
        """Throw away everything not yet committed."""
        ...


UnitOfWorkFactory = Callable[[], UnitOfWork]


def reading(uow_factory: UnitOfWorkFactory) -> UnitOfWork:
    """Return a unit of work for reading only: on a store that offers one, it takes no write lock."""
    reader = getattr(uow_factory, "reader", None)
    return reader() if callable(reader) else uow_factory()
