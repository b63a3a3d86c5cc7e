"""Sticky notes and ideas for the current stage, each tagged with a group and optionally a practical route."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from workshop_app.core import notes
from workshop_app.core.palette import group_letter
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.widgets.combo import NO_GROUP, chosen, select_data
from workshop_app.ui.widgets.group_mark import mark_icon


class NotesPanel(QWidget):
    """Type a note, pick whose it is, press Enter; the note is saved and appears on the ideas wall."""

    def __init__(self, controller: WorkshopController, room: RoomController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller, self.room = controller, room
        self.text = QLineEdit(placeholderText="Type a note or idea and press Enter")
        self.text.setAccessibleName("New note")
        self.group = QComboBox()
        self.group.setAccessibleName("Whose note it is")
        self.route = QComboBox()
        self.route.setAccessibleName("Practical route (optional)")
        self.add = QPushButton("&Add note")
        self.remove = QPushButton("Remove note")
        self.list = QListWidget()
        self.list.setAccessibleName("Notes at this stage")
        self.list.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.group)
        row.addWidget(self.route, 1)
        row.addWidget(self.add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel("New n&ote or idea (Alt+O to type one, Tab to leave the box)")
        label.setBuddy(self.text)
        layout.addWidget(label)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignRight)
        self.text.returnPressed.connect(self._on_add_clicked)
        self.add.clicked.connect(self._on_add_clicked)
        self.remove.clicked.connect(self._on_remove_clicked)
        room.notes_changed.connect(lambda _i: self.refresh())  # a new stage is shown by the stage panel's refresh
        controller.groups_changed.connect(self.refresh)

    def refresh(self) -> None:
        """Reload the choices and the current stage's notes (one read; none while another stage's panel shows)."""
        if not self.room.stages or self.isHidden():
            return
        found = self.controller.read(notes.stage_notes, self.controller.workshop_id, self.room.stage_index)
        groups = found.groups
        keep = chosen(self.group)
        self.group.clear()
        self.group.addItem("Everyone", NO_GROUP)
        for g in groups:
            self.group.addItem(mark_icon(g.colour, g.mark, group_letter(g.name)), g.name, g.id)
        select_data(self.group, keep)
        self.route.clear()
        self.route.addItem("No particular route", "")
        principle = self.room.principle()
        for route in principle.routes if principle else ():
            self.route.addItem(route.name, route.key)
            self.route.setItemData(self.route.count() - 1, route.description, Qt.ItemDataRole.ToolTipRole)
        by_id = {g.id: g for g in groups}
        self.list.clear()
        for note in found.notes:
            group = by_id.get(note.group_id)
            item = QListWidgetItem(note.text)
            if group:
                item.setIcon(mark_icon(group.colour, group.mark, group_letter(group.name)))
            item.setData(Qt.ItemDataRole.UserRole, note)
            self.list.addItem(item)

    def _on_add_clicked(self) -> None:
        group_id = int(chosen(self.group, NO_GROUP))
        if self.room.add_note(self.text.text(), group_id if group_id != NO_GROUP else None,
                              str(chosen(self.route, ""))):
            self.text.clear()
            self.text.setFocus()

    def _on_remove_clicked(self) -> None:
        item = self.list.currentItem()
        if item is not None:  # no question: Edit > Undo (Ctrl+Z) puts it back
            self.room.remove_note(item.data(Qt.ItemDataRole.UserRole))
