"""The current stage for the facilitator: what it is for, its prompts, and the controls it needs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame, QLabel, QPushButton, QScrollArea, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget,
)

from workshop_app.core.plans import StageKind
from workshop_app.ui.widgets.wrap_label import WrapLabel
from workshop_app.ui.facilitator.actions_panel import ActionsPanel, ActionsReviewPanel
from workshop_app.ui.facilitator.assessment_controls import AssessmentControls
from workshop_app.ui.facilitator.charter_panel import CharterPanel
from workshop_app.ui.facilitator.notes_panel import NotesPanel
from workshop_app.ui.facilitator.proposals_panel import ProposalsPanel
from workshop_app.ui.action_controller import ActionController
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.vote_controller import VoteController
from workshop_app.ui.stage_kinds import STAGE_SCREENS, kind_words

class StagePanel(QWidget):
    """Title, purpose and prompts of the current stage over its controls."""

    def __init__(self, controller: WorkshopController, room: RoomController, votes: VoteController,
                 plan: ActionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.room = room
        self.title = WrapLabel(objectName="heading")
        self.kind = QLabel(objectName="intro")
        self.shift = WrapLabel(objectName="subheading")
        self.prompts = WrapLabel(objectName="intro")
        self.facilitator_notes = WrapLabel(objectName="hint")
        self.show_routes = QPushButton("Show the &ways to get there", checkable=True)
        self.show_routes.setAccessibleName("Show this principle's ways to get there on the shared screen")
        self.show_routes.setToolTip("Turn the shared screen from the shift and its example to the practical "
                                    "routes, each with what it means. Press again to turn back.")
        self.assessment = AssessmentControls(controller, room)
        self.notes = NotesPanel(controller, room)
        self.proposals = ProposalsPanel(controller, room, votes)
        self.action_plan = ActionsPanel(controller, room, plan, compact=True)
        self.actions_review = ActionsReviewPanel(controller, room, plan)
        self.charter = CharterPanel(controller, room, votes)
        self.controls = QStackedWidget()
        self.controls.addWidget(self.assessment)
        self.controls.addWidget(self.notes)
        self.controls.addWidget(self.proposals)
        self.controls.addWidget(self.action_plan)
        self.controls.addWidget(self.actions_review)
        self.controls.addWidget(self.charter)
        self.nothing = QLabel("")
        self.controls.addWidget(self.nothing)
        inside = QWidget()
        layout = QVBoxLayout(inside)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.kind, self.shift, self.prompts, self.facilitator_notes, self.show_routes):
            layout.addWidget(widget)
        layout.addWidget(self.controls, 1)
        # A stage with much to show (a revealed vote, ten groups) scrolls here, so the window never outgrows the
        # laptop's screen and the buttons below the panels stay in view.
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(inside)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        room.stage_changed.connect(self._on_stage_changed)
        room.results_shown_changed.connect(self._on_results_shown_changed)
        self.show_routes.toggled.connect(self._on_show_routes_toggled)

    def _on_show_routes_toggled(self, checked: bool) -> None:
        if self.room.stage().kind == StageKind.FRAMING and checked != self.room.results_shown():
            self.room.show_results(checked)

    def _on_results_shown_changed(self, shown: bool) -> None:
        self.show_routes.setChecked(shown)

    def _show_controls(self, panel: QWidget) -> None:
        """Show one stage's controls; the hidden ones take no room (a stacked widget is as wide as its widest page)."""
        for index in range(self.controls.count()):
            page = self.controls.widget(index)
            policy = QSizePolicy.Policy.Preferred if page is panel else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.controls.setCurrentWidget(panel)
        self.controls.updateGeometry()

    def _on_stage_changed(self, _index: int) -> None:
        stage, principle = self.room.stage(), self.room.principle()
        self.title.setText(stage.title)
        self.title.setToolTip(stage.title)
        self.kind.setText(f"{kind_words(stage.kind)} · {stage.minutes} minutes")
        self.shift.setText(f"{principle.name}: {principle.shift}" if principle else "")
        self.shift.setVisible(principle is not None)
        prompts = stage.prompts or (principle.prompts if principle and stage.kind == StageKind.FRAMING else ())
        self.prompts.setText("\n".join(f"• {p}" for p in prompts))
        self.prompts.setVisible(bool(prompts))
        self.facilitator_notes.setText(f"For you: {stage.notes}" if stage.notes else "")
        self.facilitator_notes.setVisible(bool(stage.notes))
        self.show_routes.setVisible(stage.kind == StageKind.FRAMING)
        self.show_routes.setChecked(stage.kind == StageKind.FRAMING and self.room.results_shown())
        panel: QWidget = getattr(self, STAGE_SCREENS[stage.kind].controls)
        self._show_controls(panel)
        if panel is not self.nothing:
            panel.refresh()  # type: ignore[attr-defined]
