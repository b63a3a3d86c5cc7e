"""The big-picture view: the shift from a deal to changemaking, the five shifts, and questions about context."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from workshop_app.core.about import load_about
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.shared_screen.framing_view import prompt_lines
from workshop_app.ui.shared_screen.parts import card_frame, text_label
from workshop_app.ui.shared_screen.theme import TypeSizes


class OverviewView(QWidget):
    """Sets the scene before the five principles: what changes, what to check first, and the limits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = text_label(name="heading")
        self.shift = text_label()
        self.shifts = text_label(name="title")
        self.context_heading = text_label(name="title")
        self.context = text_label()
        self.limits_card = card_frame()
        self.limits = text_label()
        card = QVBoxLayout(self.limits_card)
        card.addWidget(text_label("On their own, the principles are not enough", "quiet"))
        card.addWidget(self.limits)
        left = QVBoxLayout()
        left.addWidget(self.shift)
        left.addWidget(self.shifts)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.context_heading)
        right.addWidget(self.context)
        right.addWidget(self.limits_card)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(columns, 1)

    def show_stage(self, room: RoomController, sizes: TypeSizes) -> None:
        """Fill in the overview (the same for every workshop) and the stage's own prompts, if any."""
        overview = load_about().overview
        self.heading.setText(overview.heading)
        self.shift.setText(overview.shift)
        self.shifts.setText("\n".join(overview.shifts))
        self.context_heading.setText(overview.context_heading)
        self.context.setText(prompt_lines(room.stage().prompts or overview.context))
        self.limits.setText(overview.not_enough)
