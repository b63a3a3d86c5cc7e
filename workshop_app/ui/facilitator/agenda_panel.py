"""The agenda: every stage of the plan with its timebox; the current one marked; click to jump."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.stage_kinds import kind_words


class AgendaPanel(QWidget):
    """Lists the plan's stages; activating one moves the room there."""

    def __init__(self, room: RoomController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.room = room
        self.list = QListWidget()
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setAccessibleName("Agenda: choose a stage to move the room there")
        self.progress = QLabel(objectName="count")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Agenda", objectName="subheading"))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.progress)
        self.list.itemActivated.connect(self._on_item_activated)
        self.list.itemClicked.connect(self._on_item_activated)
        room.stage_changed.connect(self._on_stage_changed)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt naming
        """The current stage is in view when the agenda first shows (a list scrolls only while it is visible)."""
        super().showEvent(event)
        QTimer.singleShot(0, self._show_current)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt naming
        """The current stage stays in view when the agenda gets shorter (the window's title wraps, say)."""
        super().resizeEvent(event)
        self._show_current()

    def _show_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.scrollToItem(item)

    def _on_stage_changed(self, index: int) -> None:
        self.list.blockSignals(True)
        if self.list.count() != len(self.room.stages):
            self._fill()
        for row in range(self.list.count()):
            item = self.list.item(row)
            font = QFont(item.font())
            font.setBold(row == index)
            item.setFont(font)
            item.setText(self._label(row, row == index))
        self.list.setCurrentRow(index)
        self.list.blockSignals(False)
        self._show_current()
        done = sum(s.minutes for s in self.room.stages[:index])
        total = sum(s.minutes for s in self.room.stages)
        spare = self.room.plan.slack_minutes if self.room.plan else 0
        extra = f" · {spare} min spare" if spare > 0 else " · no spare time"
        self.progress.setText(f"Stage {index + 1} of {len(self.room.stages)} · {done} of {total} min{extra}")

    def _fill(self) -> None:
        self.list.clear()
        for row in range(len(self.room.stages)):
            stage = self.room.stages[row]
            item = QListWidgetItem(self._label(row, False))
            item.setData(Qt.ItemDataRole.UserRole, row)
            item.setToolTip(f"{kind_words(stage.kind)}, {stage.minutes} minutes")
            self.list.addItem(item)

    def _label(self, row: int, current: bool) -> str:
        stage = self.room.stages[row]
        marker = "▶ " if current else "    "
        return f"{marker}{stage.title} · {stage.minutes} min"

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        row = int(item.data(Qt.ItemDataRole.UserRole))
        if row != self.room.stage_index:
            self.room.go_to(row)
