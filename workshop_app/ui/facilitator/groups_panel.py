"""The stakeholder groups editor: add, rename, reorder, restyle and remove an unused group."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QInputDialog, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from workshop_app.core.model import StakeholderGroup
from workshop_app.core.palette import PALETTE, GroupStyle, group_letter
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.undoable_edits import GroupEdits
from workshop_app.ui.widgets.group_mark import mark_icon


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    """Ask for one line of text; return None when cancelled (tests replace this)."""
    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value if ok else None


class GroupsPanel(QWidget):
    """Lists the open workshop's groups with their marks, and edits them through the controller."""

    def __init__(self, controller: WorkshopController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.edits = GroupEdits(controller)
        self.list = QListWidget()
        self.list.setIconSize(QSize(28, 28))
        self.list.setAccessibleName("Stakeholder groups")
        self.style_box = QComboBox()
        self.style_box.setAccessibleName("Colour and mark of the selected group")
        for style in PALETTE:
            self.style_box.addItem(mark_icon(style.colour, style.mark, ""), style.mark.capitalize(), style)
        self.buttons = {name: QPushButton(text) for name, text in (
            ("add", "&Add group…"), ("rename", "Re&name…"), ("up", "Move &up"), ("down", "Move &down"),
            ("remove", "Remo&ve"))}
        self._lay_out()
        self.buttons["add"].clicked.connect(self._on_add_clicked)
        self.buttons["rename"].clicked.connect(self._on_rename_clicked)
        self.buttons["up"].clicked.connect(lambda: self._on_move_clicked(-1))
        self.buttons["down"].clicked.connect(lambda: self._on_move_clicked(1))
        self.buttons["remove"].clicked.connect(self._on_remove_clicked)
        self.style_box.activated.connect(self._on_style_chosen)
        self.list.currentRowChanged.connect(self._on_current_changed)
        controller.groups_changed.connect(self.refresh)
        controller.workshop_opened.connect(self.refresh)

    def _lay_out(self) -> None:
        side = QVBoxLayout()
        for button in self.buttons.values():
            side.addWidget(button)
        side.addWidget(QLabel("Colour and mark:"))
        side.addWidget(self.style_box)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            "The parties at the table. Each has a colour and a shape, so nobody has to tell colours apart.",
            wordWrap=True))
        layout.addLayout(row)

    def refresh(self) -> None:
        """Reload the groups, keeping the selection."""
        current = self.selected()
        self.list.clear()
        for group in self.controller.groups():
            item = QListWidgetItem(mark_icon(group.colour, group.mark, group_letter(group.name), 28), group.name)
            item.setData(Qt.ItemDataRole.UserRole, group)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{group.name}, {group.mark} mark")
            self.list.addItem(item)
            if current and current.id == group.id:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self._on_current_changed()

    def selected(self) -> StakeholderGroup | None:
        """Return the selected group."""
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _on_current_changed(self) -> None:
        group = self.selected()
        for name in ("rename", "up", "down", "remove"):
            self.buttons[name].setEnabled(group is not None)
        self.style_box.setEnabled(group is not None)
        if group:
            match = next((i for i, s in enumerate(PALETTE) if s.mark == group.mark), -1)
            self.style_box.setCurrentIndex(match)

    def _on_add_clicked(self) -> None:
        name = ask_text(self, "Add group", "Name of the new group (e.g. Health board):")
        if name is not None:
            self.edits.add(name)

    def _on_rename_clicked(self) -> None:
        group = self.selected()
        if group and (name := ask_text(self, "Rename group", "New name:", group.name)) is not None:
            self.edits.rename(group, name)

    def _on_move_clicked(self, offset: int) -> None:
        group = self.selected()
        if group:
            self.edits.move(group, offset)

    def _on_remove_clicked(self) -> None:
        group = self.selected()
        if group:  # no question: Edit > Undo (Ctrl+Z) puts it back
            self.edits.remove(group)

    def _on_style_chosen(self, index: int) -> None:
        group, style = self.selected(), self.style_box.itemData(index)
        if group and isinstance(style, GroupStyle):
            self.edits.restyle(group, style)
