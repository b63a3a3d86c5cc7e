"""The participants roster: add, edit, remove, presence, search and CSV import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView,
    QVBoxLayout, QWidget,
)

from workshop_app.core import participants_csv, roster
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import Participant, require_id
from workshop_app.ui.undoable_edits import RosterEdits
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.facilitator.csv_import_dialog import CsvImportDialog
from workshop_app.ui.facilitator.participant_dialog import ParticipantDialog
from workshop_app.ui.models.participant_table_model import ParticipantFilterModel, ParticipantTableModel


def choose_csv(parent: QWidget) -> Path | None:
    """Ask for a CSV file to import; return None when cancelled (tests replace this)."""
    name, _ = QFileDialog.getOpenFileName(parent, "Import participants", "", "CSV files (*.csv);;All files (*)")
    return Path(name) if name else None


class RosterPanel(QWidget):
    """A searchable table of participants with the buttons that change it."""

    def __init__(self, controller: WorkshopController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.edits = RosterEdits(controller)
        self.model = ParticipantTableModel(self)
        self.proxy = ParticipantFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(placeholderText="Search by name, organisation, role or group", clearButtonEnabled=True)
        self.search.setAccessibleName("Search participants")
        self.count = QLabel(objectName="count")
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Participants")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.buttons = {name: QPushButton(text) for name, text in (
            ("add", "&Add participant…"), ("edit", "Edit detai&ls…"), ("remove", "Remo&ve…"),
            ("import", "&Import CSV…"))}
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count)
        buttons = QHBoxLayout()
        for button in self.buttons.values():
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.search.textChanged.connect(self.proxy.set_query)
        self.buttons["add"].clicked.connect(self._on_add_clicked)
        self.buttons["edit"].clicked.connect(self._on_edit_clicked)
        self.buttons["remove"].clicked.connect(self._on_remove_clicked)
        self.buttons["import"].clicked.connect(self._on_import_clicked)
        self.table.doubleClicked.connect(self._on_edit_clicked)
        self.model.presence_toggled.connect(self._on_presence_toggled)
        self.controller.participants_changed.connect(self.refresh)
        self.controller.workshop_opened.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def refresh(self) -> None:
        """Reload participants and groups from the store."""
        people = self.controller.participants()
        self.model.set_data(people, self.controller.groups())
        here = sum(p.present for p in people)
        self.count.setText(f"{len(people)} people · {here} here")
        self._on_selection_changed()

    def selected(self) -> Participant | None:
        """Return the selected participant."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.participant_at(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def _on_selection_changed(self) -> None:
        chosen = self.selected() is not None
        self.buttons["edit"].setEnabled(chosen)
        self.buttons["remove"].setEnabled(chosen)

    def _on_add_clicked(self) -> None:
        groups = self.controller.groups()
        blank = Participant(self.controller.workshop_id, "", require_id(groups[0]) if groups else 0)
        person = ParticipantDialog.ask(self, blank, groups)
        if person is not None:
            self.edits.add(person)

    def _on_edit_clicked(self) -> None:
        current = self.selected()
        if current and (person := ParticipantDialog.ask(self, current, self.controller.groups())) is not None:
            self.edits.change(current, person)

    def _on_remove_clicked(self) -> None:
        current = self.selected()
        if current and current.id is not None:  # no question: Edit > Undo (Ctrl+Z) puts them back
            self.edits.remove(current)

    def _on_presence_toggled(self, participant_id: int, present: bool) -> None:
        self.controller.perform(roster.set_present, participant_id, present)

    def _on_import_clicked(self) -> None:
        path = choose_csv(self)
        if path is None:
            return
        try:
            text = participants_csv.decode(path.read_bytes())
            preview = participants_csv.preview_csv(
                text, self.controller.workshop_id, self.controller.groups(), self.controller.participants())
        except OSError as error:
            self.controller.refuse(f"Could not read {path.name} ({error.strerror}); check the file.")
            return
        except WorkshopError as error:
            self.controller.refuse(f"{path.name}: {error}")
            return
        if CsvImportDialog.ask(self, preview, path.name):
            self.controller.perform(participants_csv.import_good_rows, preview)
