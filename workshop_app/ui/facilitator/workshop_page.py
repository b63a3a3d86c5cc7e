"""The page for one open workshop: its details, groups and participants."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from workshop_app.core.model import LOCKED_STATUSES, Workshop
from workshop_app.core.rule_text import rule_text
from workshop_app.ui.action_controller import ActionController
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.facilitator.actions_panel import ActionsPanel
from workshop_app.ui.facilitator.console_page import ConsolePage
from workshop_app.ui.facilitator.groups_panel import GroupsPanel
from workshop_app.ui.facilitator.roster_panel import RosterPanel
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.vote_controller import VoteController


class WorkshopPage(QWidget):
    """A heading with the workshop's details over tabs: run it, its participants, its groups, its actions."""

    def __init__(self, controller: WorkshopController, room: RoomController, votes: VoteController,
                 plan: ActionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(objectName="heading", wordWrap=True)  # a long title wraps instead of widening the window
        self.details = QLabel(objectName="intro", wordWrap=True)
        self.tabs = QTabWidget()
        self.roster = RosterPanel(controller)
        self.groups = GroupsPanel(controller)
        self.console = ConsolePage(controller, room, votes, plan)
        self.action_plan = ActionsPanel(controller, room, plan)
        self.tabs.addTab(self.console, "Run the wor&kshop")
        self.tabs.addTab(self.roster, "&Participants")
        self.tabs.addTab(self.groups, "&Groups")
        self.tabs.addTab(self.action_plan, "Ac&tions")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.heading)
        layout.addWidget(self.details)
        layout.addWidget(self.tabs, 1)
        controller.workshop_opened.connect(self._on_workshop_opened)
        controller.workshop_changed.connect(self._on_workshop_opened)

    def _on_workshop_opened(self, workshop: Workshop) -> None:
        self.heading.setText(workshop.title)
        self.heading.setToolTip(workshop.title)
        self.heading.setAccessibleName(f"Workshop: {workshop.title}")
        parts = [workshop.partnership, workshop.place, workshop.date.strftime("%d %B %Y").lstrip("0")]
        if workshop.facilitator:
            parts.append(f"facilitated by {workshop.facilitator}")
        rule = rule_text(workshop.decision_rule)
        locked = "\nThis workshop is finished: its record is locked." if workshop.status in LOCKED_STATUSES else ""
        self.details.setText(" · ".join(p for p in parts if p) + f"\nDecision rule: {rule.name}. {rule.explanation}"
                             + locked)
