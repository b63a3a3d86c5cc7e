"""Help -> Keyboard shortcuts: every menu command with its keys, read from the menus themselves."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMenuBar, QTableWidget, QTableWidgetItem, \
    QVBoxLayout, QWidget

ALT_NOTE = ("Hold Alt and press the underlined letter of a button to press it. "
            "Next and Previous stage keys do nothing while you type in a box.")


def shortcut_rows(menu_bar: QMenuBar) -> list[tuple[str, str]]:
    """Return (command, keys) for every menu command that has keys, in menu order."""
    rows: list[tuple[str, str]] = []

    def walk(actions: list[QAction]) -> None:
        for action in actions:
            if action.menu() is not None:
                walk(action.menu().actions())  # type: ignore[union-attr]
            elif action.shortcuts():
                keys = " or ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
                rows.append((action.text().replace("&&", "\0").replace("&", "").replace("\0", "&"), keys))

    walk(menu_bar.actions())
    return rows


class ShortcutsDialog(QDialog):
    """A two-column list of commands and their keys; it can stay open beside the console."""

    def __init__(self, menu_bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = shortcut_rows(menu_bar)
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels(["What it does", "Keys"])
        self.table.setAccessibleName("Keyboard shortcuts")
        for row, (what, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(what))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        self.table.resizeColumnsToContents()
        self.table.verticalHeader().hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(QLabel(ALT_NOTE, wordWrap=True))
        layout.addWidget(buttons)
        self.resize(560, 480)
