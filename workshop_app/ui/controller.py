"""The Qt controller: runs core operations and announces what changed to every view."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Concatenate, Generic, ParamSpec, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from workshop_app.core import changes, roster, workshops
from workshop_app.core.changes import Changed, Changes, changes_of
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import Participant, StakeholderGroup, Workshop, require_id
from workshop_app.core.ports import UnitOfWork, UnitOfWorkFactory

T = TypeVar("T")
P = ParamSpec("P")


@dataclass(frozen=True)
class Done(Generic[T]):
    """What an operation returned, and whether it worked."""

    ok: bool
    value: T | None = None


class WorkshopController(QObject):
    """Owns the store handle and the open workshop; views call it and listen to its signals."""

    workshops_changed = Signal()
    workshop_opened = Signal(Workshop)
    workshop_changed = Signal(Workshop)
    groups_changed = Signal()
    participants_changed = Signal()
    operation_failed = Signal(str)
    changed_first = Signal(Changes)
    """The same Changes, told before `changed` to the listeners farthest away (the phones: their pushes take longest
    to arrive, so they leave before either window redraws)."""
    changed = Signal(Changes)
    """What an operation changed (a Changes value); the one place every operation's changes are announced."""

    def __init__(self, uow_factory: UnitOfWorkFactory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.uow_factory = uow_factory
        self.workshop: Workshop | None = None
        self.undo_stack = QUndoStack(self)

    def perform(self, operation: Callable[Concatenate[UnitOfWork, P], T], *args: P.args,
                **kwargs: P.kwargs) -> Done[T]:
        """Run one user action in one transaction, then announce what it changed (or its refusal, in one sentence)."""
        try:
            result = changes.perform(self.uow_factory, operation, *args, **kwargs)
        except WorkshopError as error:
            self.operation_failed.emit(str(error))
            return Done(False)
        self.announce(changes_of(result))
        return Done(True, result)

    def read(self, query: Callable[Concatenate[UnitOfWork, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Answer one question in one reading transaction."""
        return changes.read(self.uow_factory, query, *args, **kwargs)

    def announce(self, done: Changes) -> None:
        """Tell every listener what changed (an operation run here, or one a phone ran on the server's thread)."""
        if not done:
            return
        self.changed_first.emit(done)
        self.changed.emit(done)
        if done.groups:
            self.groups_changed.emit()
        if done.groups or done.roster:
            self.participants_changed.emit()

    def refuse(self, sentence: str) -> None:
        """Say in one sentence why something could not be done (the windows show it)."""
        self.operation_failed.emit(sentence)

    def keep_workshop(self, workshop: Workshop) -> None:
        """Keep the open workshop's record as an operation returned it, with no read (the operation's Changes have
        told the views; use change_workshop for details the windows show)."""
        if self.workshop is not None and workshop.id == self.workshop.id:
            self.workshop = workshop

    # Workshops -----------------------------------------------------------------------------------

    def list_workshops(self) -> list[Workshop]:
        """Return every workshop, newest first."""
        return self.read(workshops.list_workshops)

    def find_workshop(self, workshop_id: int) -> Workshop | None:
        """Return one workshop, or None after saying in one sentence that it cannot be found."""
        try:
            return self.read(workshops.get_workshop, workshop_id)
        except WorkshopError as error:
            self.refuse(str(error))
            return None

    def create_workshop(self, draft: Workshop) -> Workshop | None:
        """Create a workshop with the default groups and open it."""
        done = self.perform(workshops.create_workshop, draft)
        if done.value is None:
            return None
        self.workshops_changed.emit()
        self.open_workshop(require_id(done.value.value))
        return done.value.value

    def open_workshop(self, workshop_id: int) -> None:
        """Make a workshop the open one."""
        found = self.find_workshop(workshop_id)
        if found is not None:
            self.workshop = found
            self.undo_stack.clear()
            self.workshop_opened.emit(found)

    @property
    def workshop_id(self) -> int:
        """Return the open workshop's id."""
        if self.workshop is None or self.workshop.id is None:
            raise RuntimeError("no workshop is open")
        return self.workshop.id

    def change_workshop(self, operation: Callable[Concatenate[UnitOfWork, P], Changed[Workshop]], *args: P.args,
                        **kwargs: P.kwargs) -> bool:
        """Perform an operation that changes one workshop; refresh the open one and the list; return whether it worked."""
        done = self.perform(operation, *args, **kwargs)
        if done.value is None:
            return False
        changed = done.value.value
        if self.workshop is not None and changed.id == self.workshop.id:
            self.workshop = changed
            self.workshop_changed.emit(changed)
        self.workshops_changed.emit()
        return True

    # Groups and participants ---------------------------------------------------------------------

    def groups(self) -> list[StakeholderGroup]:
        """Return the open workshop's groups in order."""
        return self.read(workshops.list_groups, self.workshop_id)

    def participants(self) -> list[Participant]:
        """Return the open workshop's participants."""
        return self.read(roster.list_participants, self.workshop_id)
