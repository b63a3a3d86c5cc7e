"""A revealed vote for the room: counts per choice stacked by group, the outcome in words, reasons for blocks."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from workshop_app.core.decisions import BLOCKED, Outcome
from workshop_app.core.model import StakeholderGroup
from workshop_app.core.rule_text import rule_text
from workshop_app.ui.shared_screen.paged_lines import PagedLines
from workshop_app.ui.shared_screen.parts import card_frame, clear_layout, group_badge, text_label
from workshop_app.ui.shared_screen.theme import TypeSizes
from workshop_app.ui.shared_screen.vote_bars import VoteBars


def outcome_headline(outcome: Outcome) -> str:
    """Return the outcome in two words or so: 'Agreed' or 'Not agreed'."""
    return "Agreed" if outcome.agreed else "Not agreed"


def block_reason_lines(outcome: Outcome, groups: list[StakeholderGroup]) -> list[str]:
    """Return the reasons given for blocking, one line each, with the blocker's group (never their name)."""
    names = {g.id: g.name for g in groups}
    return [f"• {names.get(r.group_id, 'Another group')}: {r.reason}" for r in outcome.block_reasons if r.reason]


def screen_reason(outcome: Outcome) -> str:
    """Return the outcome's reason without the quoted block reasons (the screen lists those on their own)."""
    if outcome.kind == BLOCKED and " — " in outcome.reason:
        return outcome.reason.split(" — ", 1)[0] + "."
    return outcome.reason


LEGEND_COLUMNS = 2
"""Legend entries a row, so ten groups with long names still fit under the bars."""


class VoteResultsPanel(QWidget):
    """The bars with a legend of group marks, then the outcome, its reason, and the reasons for blocks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars = VoteBars()
        self.legend = QGridLayout()
        self.headline = text_label(name="heading")
        self.reason = text_label(name="callout")
        self.rule = text_label(name="quiet")
        self.blocks_title = text_label(name="title")
        self.blocks = PagedLines()
        self.blocks.paged.connect(self._on_blocks_paged)
        card = card_frame()
        inside = QVBoxLayout(card)
        inside.addWidget(self.bars, 1)
        inside.addLayout(self.legend)
        words = QVBoxLayout()
        for widget in (self.headline, self.reason, self.rule, self.blocks_title):
            words.addWidget(widget)
        words.addWidget(self.blocks, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(card, 1)
        layout.addLayout(words, 1)

    def show_outcome(self, outcome: Outcome, groups: list[StakeholderGroup], sizes: TypeSizes) -> None:
        """Fill in a revealed round."""
        font = QFont(self.font())
        font.setPixelSize(sizes.body)
        self.bars.setFont(font)
        self.bars.set_counts(dict(outcome.per_group), groups)
        clear_layout(self.legend)
        columns = min(len(groups), LEGEND_COLUMNS) or 1
        for index, group in enumerate(groups):
            self.legend.addWidget(group_badge(group, round(sizes.body * 1.2)), index // columns, index % columns)
        self.headline.setText(outcome_headline(outcome))
        self.reason.setText(screen_reason(outcome))
        self.rule.setText(f"Decided by the rule: {rule_text(outcome.rule).name}.")
        reasons = block_reason_lines(outcome, groups)
        self.blocks.set_lines(reasons)
        self.blocks_title.setText("Reasons given for blocking" if reasons else "")
        self.blocks_title.setVisible(bool(reasons))
        self.blocks.setVisible(bool(reasons))

    def _on_blocks_paged(self, page: int, pages: int) -> None:
        title = "Reasons given for blocking" if self.blocks.labels else ""
        self.blocks_title.setText(title if pages < 2 or not title else f"Reasons for blocking ({page} of {pages})")
