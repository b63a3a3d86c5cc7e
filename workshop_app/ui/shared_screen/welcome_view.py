"""The welcome view: the partnership, the place and date, and the parties at the table."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.shared_screen.parts import clear_layout, group_badge, text_label
from workshop_app.ui.shared_screen.theme import TypeSizes


class WelcomeView(QWidget):
    """Shows who the partnership is, where and when, and each group with its mark."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.partnership = text_label(name="heading")
        self.where = text_label(name="shift")
        self.purpose = text_label()
        self.parties_heading = text_label("The parties at the table", "title")
        self.parties = QGridLayout()
        layout = QVBoxLayout(self)
        for widget in (self.partnership, self.where, self.purpose, self.parties_heading):
            layout.addWidget(widget)
        layout.addLayout(self.parties)
        layout.addStretch(1)

    def show_stage(self, room: RoomController, sizes: TypeSizes) -> None:
        """Fill in the open workshop."""
        workshop = room.workshop
        self.partnership.setText(workshop.partnership)
        self.where.setText(f"{workshop.place} · {workshop.date.strftime('%A %d %B %Y').replace(' 0', ' ')}")
        self.purpose.setText(workshop.purpose or workshop.title)
        clear_layout(self.parties)
        for index, group in enumerate(room.controller.groups()):
            self.parties.addWidget(group_badge(group, round(sizes.heading * 1.3), "heading"), index // 2, index % 2)
