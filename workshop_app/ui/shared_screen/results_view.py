"""The assessment results, once revealed: each group's average in words, the five principles side by side, and
the biggest difference on the principle on screen."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from workshop_app.core.assessment import AssessmentSummary, change_since, radar_series
from workshop_app.core.model import StakeholderGroup, require_id
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.shared_screen import room_data
from workshop_app.ui.shared_screen.paged_lines import PagedLines
from workshop_app.ui.shared_screen.parts import RoomView, card_frame, clear_layout, group_badge, mark_label, text_label
from workshop_app.ui.shared_screen.theme import TypeSizes
from workshop_app.ui.widgets import assessment_results as words
from workshop_app.ui.widgets.radar_chart import RadarChart

RADAR_MOST_GROUPS = 5
"""Above this many groups the radar's lines tangle, so a table of averages takes its place."""


class MeansTable(QWidget):
    """The average of each group (a column, headed by its mark) on each principle (a row)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)

    def set_data(self, names: dict[str, str], summary: AssessmentSummary, groups: list[StakeholderGroup],
                 sizes: TypeSizes) -> None:
        """Fill the table: principle names down the side, group marks across the top."""
        clear_layout(self.grid)
        self.grid.setHorizontalSpacing(sizes.body)
        for column, group in enumerate(groups, start=1):
            self.grid.addWidget(mark_label(group, round(sizes.body * 1.2)), 0, column)
        for row, key in enumerate(summary.principles, start=1):
            self.grid.addWidget(text_label(names[key], "quiet"), row, 0)
            for column, group in enumerate(groups, start=1):
                mean = summary.stats(key, require_id(group)).mean
                cell = text_label("–" if mean is None else f"{mean:.1f}", wrap=False)
                cell.setAccessibleName(f"{group.name}, {names[key]}: "
                                       + ("no scores" if mean is None else f"average {mean:.1f}"))
                self.grid.addWidget(cell, row, column)
        self.grid.setColumnStretch(0, 1)


class ResultsView(RoomView):
    """Shows the revealed results of the current principle against all five."""

    def __init__(self, controller: WorkshopController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.groups = PagedLines()
        self.groups_page = text_label(name="quiet")
        self.groups.paged.connect(self._on_groups_paged)
        self.since = text_label(name="quiet")
        self.callout = text_label(name="callout")
        self.radar = RadarChart()
        self.table = MeansTable()
        self.chart = QStackedWidget()
        self.chart.addWidget(self.radar)
        self.chart.addWidget(self.table)
        card = card_frame()
        left = QVBoxLayout(card)
        left.addWidget(self.groups, 1)
        left.addWidget(self.groups_page)
        left.addWidget(self.since)
        columns = QHBoxLayout()
        columns.addWidget(card, 1)
        columns.addWidget(self.chart, 1)
        self.column.addLayout(columns, 1)
        self.column.addWidget(self.callout)

    def show_stage(self, room: RoomController, sizes: TypeSizes) -> None:
        """Fill in the summary of every principle, with the current one in detail."""
        principle = room.principle()
        if principle is None:
            return
        summary = room.summary()
        groups = list(room_data.groups_by_id(self.controller).values())
        previous = room_data.previous_assessment(self.controller, room.workshop, list(room.principles))
        changes = change_since(previous.summary, summary).get(principle.key, {}) if previous else {}
        self.heading.setText(f"{principle.name}: what the groups said")
        rows = []
        for group in groups:
            lines = [words.stats_sentence(summary.stats(principle.key, require_id(group)))]
            if previous:
                lines.append(words.change_sentence(changes.get(group.name)))
            rows.append(self._group_row(group, "\n".join(lines), sizes))
        self.groups.set_rows(rows)
        self.since.setVisible(previous is not None)
        if previous:
            when = previous.workshop.date
            self.since.setText(f"Last time: {previous.workshop.title}, {when.day} {when:%B %Y}.")
        names = {key: room.principles[key].name for key in summary.principles}
        self.radar.setFont(self.font())
        self.radar.set_data(list(names.values()), radar_series(summary, groups))
        self.table.set_data(names, summary, groups, sizes)
        self.chart.setCurrentWidget(self.radar if len(groups) <= RADAR_MOST_GROUPS else self.table)
        self.callout.setText(words.gap_sentence(principle.name, summary, principle.key))

    def _on_groups_paged(self, page: int, pages: int) -> None:
        self.groups_page.setText(f"Groups, page {page} of {pages}, turning by themselves" if pages > 1 else "")
        self.groups_page.setVisible(pages > 1)

    @staticmethod
    def _group_row(group: StakeholderGroup, sentence: str, sizes: TypeSizes) -> QWidget:
        row = QWidget()
        column = QVBoxLayout(row)
        column.setContentsMargins(0, 0, 0, sizes.body // 3)
        column.setSpacing(0)
        column.addWidget(group_badge(group, round(sizes.body * 1.2), "title"))
        column.addWidget(text_label(sentence))
        return row
