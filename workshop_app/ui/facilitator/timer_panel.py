"""The stage timer for the facilitator: time left, start or pause, five more minutes, overrun warning."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from workshop_app.core.schedule import drift_text
from workshop_app.core.stage_progress import TimerState
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.widgets.steady_row import SteadyRow


class TimerPanel(QWidget):
    """Shows the stage timer and its three controls."""

    def __init__(self, room: RoomController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.room = room
        self.time = QLabel("0:00", objectName="timer", alignment=Qt.AlignmentFlag.AlignCenter)
        self.time.setAccessibleName("Time left in this stage")
        self.warning = QLabel(objectName="problem", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.drift = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.drift.setAccessibleName("Ahead of or behind the plan")
        self.start_pause = QPushButton("Start t&imer")
        self.extend = QPushButton("+&5 minutes")
        self.extend.setAccessibleName("Give this stage five more minutes")
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_pause)
        buttons.addWidget(self.extend)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(SteadyRow([(self.time, 1)]))  # a running timer's new digits repaint the time only
        layout.addWidget(self.warning)
        layout.addWidget(self.drift)
        layout.addLayout(buttons)
        self.start_pause.clicked.connect(self._on_start_pause_clicked)
        self.extend.clicked.connect(room.extend_timer)
        room.timer_ticked.connect(self.show_state)

    def show_state(self, state: TimerState) -> None:
        """Show the timer's state (each second: only what changed, so a tick during a vote costs it nothing)."""
        self.time.setText(state.label)
        if self.time.property("overrun") is not state.overrun:
            self.time.setProperty("overrun", state.overrun)
            self.time.style().unpolish(self.time)
            self.time.style().polish(self.time)
        self.warning.setText("This stage has run over its time." if state.overrun else "")
        self.start_pause.setText("Pause t&imer" if state.running else "Start t&imer")
        self.drift.setText(drift_text(self.room.minutes_behind()))
        self.start_pause.setAccessibleName("Pause the stage timer" if state.running else "Start the stage timer")

    def _on_start_pause_clicked(self) -> None:
        if self.room.timer().running:
            self.room.pause_timer()
        else:
            self.room.start_timer()
