"""The start page: recent workshops with date and status, New workshop and Open.

It shows before the store opens ("Opening your workshops…"); the table and its model are built with the first list,
so the window's first paint needs neither the domain model nor Qt's large `Qt` namespace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget,
)

if TYPE_CHECKING:
    from workshop_app.core.model import Workshop
    from workshop_app.ui.models.workshop_table_model import WorkshopTableModel

OPENING = "Opening your workshops…"
FILTER_NAMES = ("Active", "Finished", "Archived", "All")  # the keys of core.workshop_list.FILTERS
NO_WORKSHOPS = "No workshops yet. Choose New workshop to prepare your first one."
NONE_HERE = "No workshops to show here. Choose another list above, or New workshop."
SIZED_ROWS = 60
"""The columns fit the words of this many rows from the top (more than a screen shows), not of every row: sizing all
500 rows asked the model for words 48,000 times. Longer words further down are cut short, with the whole in their tooltip."""


class StartPage(QWidget):
    """Lists the workshops in the store; asks to create one or open the selected one."""

    new_requested = Signal()
    open_requested = Signal(int)
    filter_changed = Signal(str)
    archive_requested = Signal(int, bool)
    delete_requested = Signal(int)
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
        self.filter = QComboBox()
        self.filter.addItems(FILTER_NAMES)
        self.filter.setAccessibleName("Which workshops to show")
        self.archive_button = QPushButton("&Archive")
        self.delete_button = QPushButton("&Delete…")
        self.delete_button.setAccessibleName("Delete the selected workshop")
        self.archive_button.setEnabled(False)
        self.delete_button.setEnabled(False)
        self.new_button.setAccessibleName("New workshop")
        self.open_button.setAccessibleName("Open the selected workshop")
        self._layout = self._lay_out(heading, intro)
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.filter.currentTextChanged.connect(self.filter_changed)
        self.archive_button.clicked.connect(self._on_archive_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)

    def _lay_out(self, heading: QLabel, intro: QLabel) -> QVBoxLayout:
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.archive_button)
        buttons.addWidget(self.delete_button)
        show = QHBoxLayout()
        shown = QLabel("&Show")
        shown.setBuddy(self.filter)
        show.addWidget(shown)
        show.addWidget(self.filter)
        show.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("Recent workshops", objectName="subheading"))
        layout.addLayout(show)
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
        self.table.horizontalHeader().setResizeContentsPrecision(SIZED_ROWS)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._layout.insertWidget(self._layout.indexOf(self.empty), self.table, 1)
        self.table.doubleClicked.connect(self._on_row_activated)
        self.table.activated.connect(self._on_row_activated)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def set_workshops(self, rows: list[Workshop], store_empty: bool = False) -> None:
        """Show the given workshops, newest first (store_empty: there are none at all, not just none here)."""
        if not hasattr(self, "table"):
            self._build_table()
        chosen = self.selected()
        self.model.set_workshops(rows)
        self.table.setVisible(bool(rows))
        self.empty.setText(NO_WORKSHOPS if store_empty or self.current_filter() == "All" else NONE_HERE)
        self.empty.setVisible(not rows)
        if rows:  # the same workshop stays chosen when the list is read again
            ids = [w.id for w in rows]
            self.table.selectRow(ids.index(chosen.id) if chosen is not None and chosen.id in ids else 0)
        self._on_selection_changed()

    def selected(self) -> Workshop | None:
        """Return the selected workshop, if any."""
        rows = self.table.selectionModel().selectedRows() if hasattr(self, "table") else []
        return self.model.row_at(rows[0].row()) if rows else None

    def current_filter(self) -> str:
        """Return the name of the filter on show (Active, Finished, Archived or All)."""
        return self.filter.currentText()

    def _on_selection_changed(self) -> None:
        from workshop_app.core.model import WorkshopStatus

        workshop = self.selected()
        self.open_button.setEnabled(workshop is not None)
        self.delete_button.setEnabled(workshop is not None)
        status = workshop.status if workshop else None
        self.archive_button.setEnabled(status in (WorkshopStatus.CLOSED, WorkshopStatus.ARCHIVED))
        self.archive_button.setText("Take out of the &archive" if status == WorkshopStatus.ARCHIVED else "&Archive")

    def _on_archive_clicked(self) -> None:
        from workshop_app.core.model import WorkshopStatus

        workshop = self.selected()
        if workshop is not None and workshop.id is not None:
            self.archive_requested.emit(workshop.id, workshop.status != WorkshopStatus.ARCHIVED)

    def _on_delete_clicked(self) -> None:
        workshop = self.selected()
        if workshop is not None and workshop.id is not None:
            self.delete_requested.emit(workshop.id)

    def _on_open_clicked(self) -> None:
        rows = self.table.selectionModel().selectedRows() if hasattr(self, "table") else []
        if rows:
            self._on_row_activated(rows[0])

    def _on_row_activated(self, index: QModelIndex) -> None:
        workshop = self.model.row_at(index.row())
        if workshop.id is not None:
            self.open_requested.emit(workshop.id)
