"""What one user action changed, and the one boundary that runs it in one transaction.

An operation is a function of an open unit of work (`def cast(uow, ...) -> Changes`); it checks, writes and
says what it changed, and never commits. `perform` opens the transaction, runs it and commits, so one user
action is one transaction and two operations can share one. `read` does the same for questions, taking no
write lock. (The shape of Anki's operations and of the service layer in "Architecture Patterns with Python".)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Concatenate, Generic, ParamSpec, TypeVar

from workshop_app.core.ports import UnitOfWork, UnitOfWorkFactory, reading

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


class Keep:
    """Marks an operation's argument left unchanged (None may be a real new value, so it cannot mean "keep")."""


KEEP = Keep()


@dataclass(frozen=True)
class Voted:
    """One person's ballot was recorded in a round (never what they chose), and whether they are in the room."""

    round_id: int
    participant_id: int
    present: bool


@dataclass(frozen=True)
class Changes:
    """What an operation changed, so each view refreshes only what it shows (nothing said: nothing changed)."""

    workshop: bool = False
    """The workshop's details, status or decision rule."""
    groups: bool = False
    roster: bool = False
    """Participants: who they are, their group, whether they are here."""
    proposals: bool = False
    """A proposal was drafted, reworded, amended or withdrawn."""
    rounds: frozenset[int] = frozenset()
    """Vote rounds opened, closed or revealed."""
    ballots: frozenset[int] = frozenset()
    """Vote rounds whose ballots or show-of-hands counts changed."""
    voted: frozenset[Voted] = frozenset()
    """Who was just counted as having voted (never what): a view adds them to the count it shows, no re-read."""
    stage: bool = False
    """The stage, its timer or whether its results are shown."""
    assessment: frozenset[str] = frozenset()
    """Principles whose "where are we now?" scores changed."""
    notes: frozenset[int] = frozenset()
    """Stages (by position) whose notes changed."""
    actions: bool = False
    charter: bool = False
    """The charter's wording or its kept versions."""
    phones: bool = False
    """Phone codes: issued, bound or cut off."""

    def __or__(self, other: Changes) -> Changes:
        """Return everything either of two changes changed."""
        return Changes(**{f.name: getattr(self, f.name) | getattr(other, f.name) for f in fields(self)})

    def __bool__(self) -> bool:
        """Say whether anything changed."""
        return any(getattr(self, f.name) for f in fields(self))


NOTHING = Changes()


@dataclass(frozen=True)
class Changed(Generic[T]):
    """What an operation made (a new record, a list of results) and what it changed."""

    value: T
    changes: Changes


def changes_of(result: object) -> Changes:
    """Return what an operation's result says it changed (nothing, for an operation that returns no Changes)."""
    if isinstance(result, Changes):
        return result
    if isinstance(result, Changed):
        return result.changes
    return NOTHING


def perform(uow_factory: UnitOfWorkFactory, operation: Callable[Concatenate[UnitOfWork, P], R],
            *args: P.args, **kwargs: P.kwargs) -> R:
    """Run one user action in one transaction: commit when the operation returns, keep nothing when it raises."""
    with uow_factory() as uow:
        result = operation(uow, *args, **kwargs)
        uow.commit()
        return result


def read(uow_factory: UnitOfWorkFactory, query: Callable[Concatenate[UnitOfWork, P], R],
         *args: P.args, **kwargs: P.kwargs) -> R:
    """Answer one question in one reading transaction (no write lock, nothing kept)."""
    with reading(uow_factory) as uow:
        return query(uow, *args, **kwargs)
