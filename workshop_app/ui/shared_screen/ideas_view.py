"""The ideas wall: the stage's notes as sticky cards, each with its group's mark."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QVBoxLayout, QWidget

from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.shared_screen import room_data
from workshop_app.ui.shared_screen.framing_view import prompt_lines
from workshop_app.ui.shared_screen.parts import RoomView, card_frame, clear_layout, group_badge, text_label
from workshop_app.ui.shared_screen.theme import TypeSizes

CARDS_PER_ROW = 3


class IdeasView(RoomView):
    """Shows the stage's prompts and every note on it."""

    def __init__(self, controller: WorkshopController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.prompts = text_label()
        self.empty = text_label("No ideas yet: the facilitator adds them as you call them out.", "quiet")
        self.wall = QGridLayout()
        holder = QWidget()
        inner = QVBoxLayout(holder)
        inner.addLayout(self.wall)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        self.column.addWidget(self.prompts)
        self.column.addWidget(self.empty)
        self.column.addWidget(scroll, 1)

    def show_stage(self, room: RoomController, sizes: TypeSizes) -> None:
        """Fill in the current stage's notes."""
        stage, principle = room.stage(), room.principle()
        self.heading.setText(f"{principle.name}: ideas" if principle else stage.title)
        self.prompts.setText(prompt_lines(stage.prompts))
        groups = room_data.groups_by_id(self.controller)
        routes = {r.key: r.name for r in principle.routes} if principle else {}
        notes = room.stage_notes()
        self.empty.setVisible(not notes)
        clear_layout(self.wall)
        for index, note in enumerate(notes):
            card = card_frame()
            column = QVBoxLayout(card)
            group = groups.get(note.group_id) if note.group_id is not None else None
            if group is not None:
                column.addWidget(group_badge(group, round(sizes.body * 1.2), "quiet"))
            column.addWidget(text_label(note.text))
            if note.route in routes:
                column.addWidget(text_label(f"Route: {routes[note.route]}", "quiet"))
            column.addStretch(1)
            self.wall.addWidget(card, index // CARDS_PER_ROW, index % CARDS_PER_ROW)
