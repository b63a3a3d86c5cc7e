"""Console controls for a 'where are we now?' stage: progress, one score per group, reveal the results."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QGridLayout, QGroupBox, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from workshop_app.core.palette import group_letter
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.signals import refresh_on
from workshop_app.ui.widgets.combo import chosen, select_data
from workshop_app.ui.widgets.group_mark import mark_icon


class AssessmentControls(QWidget):
    """Lets the facilitator follow the rating, enter a group's agreed score, and show the results."""

    def __init__(self, controller: WorkshopController, room: RoomController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller, self.room = controller, room
        self.progress = QLabel(objectName="subheading")
        self.group = QComboBox()
        self.group.setAccessibleName("Group whose agreed score you are entering")
        self.score = QSpinBox(minimum=1, maximum=5, value=3)
        self.score.setAccessibleName("The group's score from 1 to 5")
        self.enter = QPushButton("Record group sc&ore")
        self.reveal = QPushButton("Sho&w results on the shared screen", objectName="primary")
        self.reveal.setCheckable(True)
        self.summary = QLabel(wordWrap=True)
        self._lay_out()
        self.enter.clicked.connect(self._on_enter_clicked)
        self.reveal.toggled.connect(self._on_reveal_toggled)
        refresh_on(self.refresh, room.assessment_changed, room.results_shown_changed)
        controller.groups_changed.connect(self.refresh)

    def _lay_out(self) -> None:
        box = QGroupBox("When a group agrees one score between them")
        grid = QGridLayout(box)
        grid.addWidget(QLabel("Group"), 0, 0)
        grid.addWidget(self.group, 0, 1)
        grid.addWidget(QLabel("Score"), 1, 0)
        grid.addWidget(self.score, 1, 1)
        grid.addWidget(self.enter, 2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("People rate on the shared screen: tap your name, then a point on the scale."))
        layout.addWidget(self.progress)
        layout.addWidget(box)
        layout.addWidget(self.reveal)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def refresh(self) -> None:
        """Show the rating progress, and the group results once revealed."""
        principle = self.room.stage().principle
        if not principle:
            return
        current = chosen(self.group)
        self.group.clear()
        for g in self.controller.groups():
            self.group.addItem(mark_icon(g.colour, g.mark, group_letter(g.name)), g.name, g.id)
        select_data(self.group, current)
        self.progress.setText(f"{self.room.rating_progress(principle)} have rated")
        shown = self.room.results_shown()
        self.reveal.blockSignals(True)
        self.reveal.setChecked(shown)
        self.reveal.setText("Hi&de results" if shown else "Sho&w results on the shared screen")
        self.reveal.blockSignals(False)
        self.summary.setText(self._summary_text(principle) if shown else
                             "Scores stay hidden, here and on the shared screen, until you show the results.")

    def _summary_text(self, principle: str) -> str:
        summary = self.room.summary()
        lines = []
        for group_id, name in summary.group_names.items():
            stats = summary.stats(principle, group_id)
            if stats.count and stats.mean is not None:
                lines.append(f"{name}: average {stats.mean:.1f} "
                             f"(from {stats.low} to {stats.high}, {stats.count} score(s))")
        return "\n".join(lines) or "Nobody has rated this principle yet."

    def _on_enter_clicked(self) -> None:
        principle, group_id = self.room.stage().principle, chosen(self.group)
        if principle and group_id is not None:
            self.room.record_score(principle, int(group_id), self.score.value())

    def _on_reveal_toggled(self, shown: bool) -> None:
        self.room.show_results(shown)
