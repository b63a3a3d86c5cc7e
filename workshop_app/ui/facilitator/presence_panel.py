"""Who is in the room: one check box a person, grouped by stakeholder group."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMenu, QPushButton, QVBoxLayout,
                               QWidget)

from workshop_app.core import roster
from workshop_app.core.model import StakeholderGroup
from workshop_app.core.palette import group_letter
from workshop_app.ui import undo
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.widgets.group_mark import mark_icon


class PresencePanel(QWidget):
    """Tick people in as they arrive; presence decides who can rate and vote."""

    def __init__(self, controller: WorkshopController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.count = QLabel(objectName="count")
        self.list = QListWidget()
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setAccessibleName("Who is here: tick a person when they arrive")
        self.everyone = QPushButton("Ever&yone is here")
        self.everyone.setAccessibleName("Mark everyone on the list as here")
        self.whole_group = QPushButton("A whole gro&up is here")
        self.whole_group.setAccessibleName("Mark everyone in one group as here")
        self.group_menu = QMenu(self.whole_group)
        self.whole_group.setMenu(self.group_menu)
        buttons = QHBoxLayout()
        buttons.addWidget(self.everyone)
        buttons.addWidget(self.whole_group)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Who is here", objectName="subheading"))
        layout.addWidget(self.count)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        self.everyone.clicked.connect(lambda: self.mark_here(None))
        self.list.itemChanged.connect(self._on_item_changed)
        controller.participants_changed.connect(self.refresh)
        controller.workshop_opened.connect(self.refresh)

    def refresh(self) -> None:
        """Reload the people, grouped by their group's order."""
        groups = self.controller.groups()
        order = {g.id: i for i, g in enumerate(groups)}
        by_id = {g.id: g for g in groups}
        people = sorted(self.controller.participants(), key=lambda p: (order.get(p.group_id, 99), p.name))
        self.list.blockSignals(True)
        self.list.clear()
        for person in people:
            group = by_id.get(person.group_id)
            label = person.name if person.is_voting else f"{person.name} (observer)"
            item = QListWidgetItem(label)
            if group:
                item.setIcon(mark_icon(group.colour, group.mark, group_letter(group.name)))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if person.present else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._fill_group_menu(groups)
        self.count.setText(f"{sum(p.present for p in people)} of {len(people)} here")

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        present = item.checkState() == Qt.CheckState.Checked
        pid, name = int(item.data(Qt.ItemDataRole.UserRole)), item.text()  # the list is rebuilt by the change
        if self.controller.perform(roster.set_present, pid, present).ok:
            undo.record(self.controller.undo_stack, f"mark {name} {'here' if present else 'away'}",
                        lambda: self.controller.perform(roster.set_present, pid, present).ok,
                        lambda: self.controller.perform(roster.set_present, pid, not present).ok)

    def _fill_group_menu(self, groups: list[StakeholderGroup]) -> None:
        self.group_menu.clear()
        for group in groups:
            action = self.group_menu.addAction(mark_icon(group.colour, group.mark, group_letter(group.name)),
                                               group.name.replace("&", "&&"))
            action.triggered.connect(lambda _c=False, gid=group.id: self.mark_here(gid))

    def mark_here(self, group_id: int | None) -> None:
        """Mark everyone, or everyone in one group, as here in one step (Ctrl+Z takes it back)."""
        workshop_id = self.controller.workshop_id
        done = self.controller.perform(roster.set_all_present, workshop_id, True, group_id)
        if done.value is not None and done.value.value:
            before = done.value.value
            after = dict.fromkeys(before, True)
            undo.record(self.controller.undo_stack, "mark a group here" if group_id else "mark everyone here",
                        lambda: self.controller.perform(roster.set_presence, workshop_id, after).ok,
                        lambda: self.controller.perform(roster.set_presence, workshop_id, before).ok)
