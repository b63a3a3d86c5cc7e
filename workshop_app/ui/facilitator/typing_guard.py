"""Keeps the stage keys (PgUp, PgDown, Ctrl+arrows) with a text box while someone types in it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit

STAGE_KEYS = {Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}
CTRL_STAGE_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Right}


def is_text_field(widget: QObject | None) -> bool:
    """Say whether a widget takes typed text (a line, a text box, a number box or an editable list), not read-only."""
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)):
        return not widget.isReadOnly()  # a read-only preview (the charter) leaves the stage keys to the room
    return False


def is_stage_key(event: QKeyEvent) -> bool:
    """Say whether a key press is one of the keys that move the room to another stage."""
    key, mods = Qt.Key(event.key()), event.modifiers()
    if key in STAGE_KEYS:
        return True
    return key in CTRL_STAGE_KEYS and bool(mods & Qt.KeyboardModifier.ControlModifier)


class TypingGuard(QObject):
    """An application event filter: a stage key pressed in a text field goes to the field, not to the room."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        """Claim stage-key shortcuts for the focused text field so the stage does not move."""
        if event.type() == QEvent.Type.ShortcutOverride and is_text_field(watched):
            assert isinstance(event, QKeyEvent)
            if is_stage_key(event):
                event.accept()
                return True
        return False
