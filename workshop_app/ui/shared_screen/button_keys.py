"""One event filter for the walk-up screens' keys: arrows move along a row of buttons, Enter or Space presses one."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPushButton

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
MOVES = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1}

Rows = Callable[[], Sequence[Sequence[QPushButton]]]
OtherKey = Callable[[QObject, int], bool]


class ButtonKeys(QObject):
    """Installed on tiles, points and choices: arrows move the focus round the row that holds the button,
    Enter or Space presses an enabled button, and every other key press goes to `other(watched, key)`."""

    def __init__(self, rows: Rows, other: OtherKey, parent: QObject) -> None:
        super().__init__(parent)
        self._rows = rows
        self._other = other

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        """Take the arrows and Enter/Space; hand on the rest."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        row = next((r for r in self._rows() if watched in r), None)
        if row is not None and key in MOVES:
            row[(list(row).index(watched) + MOVES[Qt.Key(key)]) % len(row)].setFocus()  # type: ignore[arg-type]
            return True
        if key in ENTER_KEYS and isinstance(watched, QPushButton) and watched.isEnabled():
            watched.click()
            return True
        return self._other(watched, key)
