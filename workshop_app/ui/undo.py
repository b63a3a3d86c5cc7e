"""Undo and redo over the operations: each reversible edit, once it has worked, is kept with its inverse."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack


class Step(QUndoCommand):
    """One edit already made: redo makes it again, undo runs its inverse operation."""

    def __init__(self, text: str, redo: Callable[[], object], undo: Callable[[], object]) -> None:
        super().__init__(text)
        self._redo, self._undo = redo, undo
        self._made = True  # QUndoStack.push calls redo(); the edit itself has already been made

    def redo(self) -> None:
        """Make the edit again (not on the push: it was made before)."""
        if self._made:
            self._made = False
            return
        self._redo()

    def undo(self) -> None:
        """Run the inverse operation."""
        self._undo()


def record(stack: QUndoStack, text: str, redo: Callable[[], object], undo: Callable[[], object]) -> None:
    """Keep an edit that has just worked so Ctrl+Z can take it back."""
    stack.push(Step(text, redo, undo))
