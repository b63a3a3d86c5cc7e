"""The start page: recent workshops with date and status, New workshop and Open.

It shows before the store opens ("Opening your workshops…"); the table and its model are built with the first list,
so the window's first paint needs neither the domain model nor Qt's large `Qt` namespace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget,
)

if TYPE_CHECKING:
    from workshop_app.core.model import Workshop
    from workshop_app.ui.models.workshop_table_model import WorkshopTableModel

OPENING = "Opening your workshops…"
NO_WORKSHOPS = "No workshops yet. Choose New workshop to prepare your first one."


class StartPage(QWidget):
    """Lists the workshops in the store; asks to create one or open the selected one."""

    new_requested = Signal()
    open_requested = Signal(int)
    model: WorkshopTableModel
    table: QTableView

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel("Changemaking partnership workshops", objectName="heading")
        intro = QLabel(
            "Prepare a workshop, run it with the room on a shared screen, and leave with a charter "
            "every partner can sign. Everything is saved as you go.", wordWrap=True, objectName="intro")
        self.empty = QLabel(OPENING, objectName="empty")  # centred by app.qss
        self.new_button = QPushButton("&New workshop…", objectName="primary")
        self.open_button = QPushButton("&Open")
        self.open_button.setEnabled(False)
        self.new_button.setAccessibleName("New workshop")
        self.open_button.setAccessibleName("Open the selected workshop")
        self._layout = self._lay_out(heading, intro)
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self._on_open_clicked)

    def _lay_out(self, heading: QLabel, intro: QLabel) -> QVBoxLayout:
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("Recent workshops", objectName="subheading"))
        layout.addWidget(self.empty, 1)
        return layout

    def _build_table(self) -> None:
        """Build the workshop table and its model, above the empty-list label."""
        from workshop_app.ui.models.workshop_table_model import WorkshopTableModel

        self.model = WorkshopTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Recent workshops")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._layout.insertWidget(self._layout.indexOf(self.empty), self.table, 1)
        self.table.doubleClicked.connect(self._on_row_activated)
        self.table.activated.connect(self._on_row_activated)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def set_workshops(self, rows: list[Workshop]) -> None:
        """Show the given workshops, newest first."""
        if not hasattr(self, "table"):
            self._build_table()
        self.model.set_workshops(rows)
        self.table.setVisible(bool(rows))
        self.empty.setText(NO_WORKSHOPS)
        self.empty.setVisible(not rows)
        if rows:
            self.table.selectRow(0)
        self._on_selection_changed()

    def _on_selection_changed(self) -> None:
        self.open_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _on_open_clicked(self) -> None:
        rows = self.table.selectionModel().selectedRows() if hasattr(self, "table") else []
        if rows:
            self._on_row_activated(rows[0])

    def _on_row_activated(self, index: QModelIndex) -> None:
        workshop = self.model.workshop_at(index.row())
        if workshop.id is not None:
            self.open_requested.emit(workshop.id)
