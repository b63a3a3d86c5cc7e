"""The ways-to-get-there view: a framed principle's practical routes to change, each with what it means."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.shared_screen.framing_view import shift_words
from workshop_app.ui.shared_screen.parts import clear_layout, text_label
from workshop_app.ui.shared_screen.theme import TypeSizes


class RoutesView(QWidget):
    """Shown when the facilitator turns a framing stage over to its routes: each route's name over its meaning."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = text_label(name="heading")
        self.routes = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.routes)
        layout.addStretch(1)

    def show_stage(self, room: RoomController, sizes: TypeSizes) -> None:
        """List the current principle's routes."""
        principle = room.principle()
        if principle is None:
            return
        self.heading.setText(f"Ways to get there: {shift_words(principle)}")
        clear_layout(self.routes)
        for route in principle.routes:
            self.routes.addWidget(text_label(route.name, "title"))
            self.routes.addWidget(text_label(route.description))
