"""The plain stage view: the title and prompts; the parties with their people; the time a break ends."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from workshop_app.core.session import TimerState
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.shared_screen import room_data
from workshop_app.ui.shared_screen.framing_view import prompt_lines
from workshop_app.ui.shared_screen.parts import clear_layout, group_badge, text_label
from workshop_app.ui.shared_screen.theme import TypeSizes


def back_at(timer: TimerState, now: dt.datetime) -> str:
    """Return the clock time a break ends, as HH:MM."""
    return (now + dt.timedelta(seconds=max(0.0, timer.remaining_seconds))).strftime("%H:%M")


class StageView(QWidget):
    """Any stage without a view of its own."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = text_label(name="heading")
        self.prompts = text_label()
        self.parties = QGridLayout()
        self.kind = ""
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.prompts)
        layout.addLayout(self.parties)
        layout.addStretch(1)

    def show_stage(self, room: RoomController, sizes: TypeSizes) -> None:
        """Fill in the current stage."""
        stage = room.stage()
        self.kind = stage.kind
        self.heading.setText(stage.title)
        self.prompts.setText(prompt_lines(stage.prompts))
        self.prompts.setVisible(bool(stage.prompts))
        clear_layout(self.parties)
        if stage.kind == "parties":
            self._show_parties(room, sizes)
        if stage.kind == "break":
            self.show_time(room.timer())

    def _show_parties(self, room: RoomController, sizes: TypeSizes) -> None:
        people = room.controller.participants()
        shown = [p for p in people if p.present] or people
        for column, group in enumerate(room_data.groups_by_id(room).values()):
            self.parties.addWidget(group_badge(group, round(sizes.body * 1.5), "title"), 0, column)
            names = sorted(p.name + ('' if p.is_voting else ' (observer)') for p in shown if p.group_id == group.id)
            self.parties.addWidget(text_label("\n".join(names) or "(nobody yet)"), 1, column)

    def show_time(self, timer: TimerState) -> None:
        """Keep a break's end time up to date."""
        if self.kind == "break":
            self.heading.setText(f"Break - back at {back_at(timer, dt.datetime.now())}")
