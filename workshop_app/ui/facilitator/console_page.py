"""The facilitator console: agenda, current stage with its controls, timer and who is here."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from workshop_app.ui.facilitator.agenda_panel import AgendaPanel
from workshop_app.ui.facilitator.presence_panel import PresencePanel
from workshop_app.ui.facilitator.projector_thumbnail import ProjectorThumbnail
from workshop_app.ui.facilitator.stage_panel import StagePanel
from workshop_app.ui.facilitator.timer_panel import TimerPanel
from workshop_app.ui.action_controller import ActionController
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.vote_controller import VoteController


class ConsolePage(QWidget):
    """Three columns: the agenda; the stage; a live picture of the shared screen, the timer and who is here."""

    def __init__(self, controller: WorkshopController, room: RoomController, votes: VoteController,
                 plan: ActionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.room = room
        self.agenda = AgendaPanel(room)
        self.stage = StagePanel(controller, room, votes, plan)
        self.timer = TimerPanel(room)
        self.presence = PresencePanel(controller)
        self.thumbnail = ProjectorThumbnail()
        self.previous = QPushButton("◀ Pre&vious stage")
        self.next = QPushButton("&Next stage ▶", objectName="primary")
        self.present = QPushButton("Shared screen (F5)")
        self.present.setAccessibleName("Show or hide the shared screen")
        self.previous.setAccessibleName("Go back to the previous stage")
        self.next.setAccessibleName("Move the room to the next stage")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.thumbnail, 0, Qt.AlignmentFlag.AlignHCenter)
        right_layout.addWidget(self.timer)
        right_layout.addWidget(self.presence, 1)
        splitter = QSplitter()
        for widget, stretch in ((self.agenda, 2), (self.stage, 5), (right, 2)):
            splitter.addWidget(widget)
            splitter.setStretchFactor(splitter.count() - 1, stretch)
        splitter.setSizes([300, 640, 280])
        steps = QHBoxLayout()
        steps.addWidget(self.previous)
        steps.addStretch(1)
        steps.addWidget(self.present)
        steps.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addLayout(steps)
        self.previous.clicked.connect(room.previous_stage)
        self.next.clicked.connect(room.next_stage)
        room.stage_changed.connect(self._on_stage_changed)

    def _on_stage_changed(self, index: int) -> None:
        self.previous.setEnabled(index > 0)
        self.next.setEnabled(index < len(self.room.stages) - 1)
