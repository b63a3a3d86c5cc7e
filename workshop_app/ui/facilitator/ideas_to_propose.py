"""The notes from this principle's ideas stage, each one a click away from becoming a proposal."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from workshop_app.core.model import Note


class IdeasToPropose(QWidget):
    """Lists the room's ideas for the principle; "Make a proposal from this" starts a proposal with its words."""

    proposal_requested = Signal(Note)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAccessibleName("Ideas from the room for this principle")
        self.make = QPushButton("Make a proposal from this")
        self.make.setAccessibleName("Make a proposal from the selected idea")
        self.heading = QLabel("Ideas from the room", objectName="subheading")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.make)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self.make.clicked.connect(self._on_make_clicked)
        self.list.currentRowChanged.connect(lambda row: self.make.setEnabled(row >= 0))
        self.list.itemActivated.connect(lambda _item: self._on_make_clicked())

    def show_ideas(self, ideas: list[Note]) -> None:
        """List the ideas noted for the principle (the widget hides itself when there are none)."""
        self.list.clear()
        for note in ideas:
            item = QListWidgetItem(note.text)
            item.setData(Qt.ItemDataRole.UserRole, note)
            self.list.addItem(item)
        self.make.setEnabled(self.list.currentRow() >= 0)
        self.setVisible(self.list.count() > 0)

    def _on_make_clicked(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.proposal_requested.emit(item.data(Qt.ItemDataRole.UserRole))
