"""The assessment results, once revealed: per-group mean and spread, the radar, and the principle to discuss."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from workshop_app.core.assessment import change_since, largest_gap
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.shared_screen import room_data
from workshop_app.ui.shared_screen.parts import card_frame, clear_layout, group_badge, text_label
from workshop_app.ui.shared_screen.theme import TypeSizes
from workshop_app.ui.widgets import assessment_results as words
from workshop_app.ui.widgets.radar_chart import RadarChart


class ResultsView(QWidget):
    """Shows the revealed results of the current principle against all five."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = text_label(name="heading")
        self.table = QGridLayout()
        self.since = text_label(name="quiet")
        self.callout = text_label(name="callout")
        self.radar = RadarChart()
        card = card_frame()
        left = QVBoxLayout(card)
        left.addLayout(self.table)
        left.addWidget(self.since)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addWidget(card, 1)
        columns.addWidget(self.radar, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(columns, 1)
        layout.addWidget(self.callout)

    def show_stage(self, room: RoomController, sizes: TypeSizes) -> None:
        """Fill in the summary of every principle, with the current one in detail."""
        principle = room.principle()
        if principle is None:
            return
        summary = room.summary()
        groups = list(room_data.groups_by_id(room).values())
        previous = room_data.previous_assessment(room)
        changes = change_since(previous.summary, summary).get(principle.key, {}) if previous else {}
        self.heading.setText(f"{principle.name}: what the groups said")
        clear_layout(self.table)
        for row, group in enumerate(groups):
            self.table.addWidget(group_badge(group, round(sizes.body * 1.4), "title"), row * 2, 0)
            lines = [words.stats_sentence(summary.stats(principle.key, group.id or 0))]
            if previous:
                lines.append(words.change_sentence(changes.get(group.name)))
            self.table.addWidget(text_label("\n".join(lines)), row * 2 + 1, 0)
        self.since.setVisible(previous is not None)
        if previous:
            when = previous.workshop.date
            self.since.setText(f"Last time: {previous.workshop.title}, {when.day} {when:%B %Y}.")
        self.radar.setFont(self.font())
        self.radar.set_data([room.principles[key].name for key in summary.principles],
                            words.radar_series(summary, groups))
        gap = largest_gap(summary)
        self.callout.setText(words.gap_sentence(room.principles[gap].name if gap else None))
