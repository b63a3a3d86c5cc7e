"""Revealed counts as one bar per choice, stacked by group; each piece carries its group's mark and count."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from workshop_app.core.decisions import Counts
from workshop_app.core.model import Choice, StakeholderGroup, require_id
from workshop_app.core.palette import group_letter
from workshop_app.ui.shared_screen import theme
from workshop_app.ui.widgets.group_mark import paint_mark, text_colour_on

CHOICE_WORDS = {Choice.AGREE: "Agree", Choice.ABSTAIN: "Abstain", Choice.DISAGREE: "Disagree",
                Choice.BLOCK: "Block"}


@dataclass(frozen=True)
class Piece:
    """One group's part of one choice's bar."""

    group: StakeholderGroup
    count: int


def pieces(choice: Choice, per_group: dict[int, Counts], groups: list[StakeholderGroup]) -> list[Piece]:
    """Return the groups' non-zero counts of one choice, in group order."""
    found = [Piece(g, getattr(per_group.get(require_id(g), Counts()), choice.value)) for g in groups]
    return [piece for piece in found if piece.count > 0]


def bar_lines(per_group: dict[int, Counts], groups: list[StakeholderGroup]) -> list[str]:
    """Return each bar in words, e.g. 'Agree 5: Council 2, Provider 3' (for screen readers)."""
    lines = []
    for choice, word in CHOICE_WORDS.items():
        parts = pieces(choice, per_group, groups)
        total = sum(p.count for p in parts)
        detail = ", ".join(f"{p.group.name} {p.count}" for p in parts)
        lines.append(f"{word} {total}" + (f": {detail}" if detail else ""))
    return lines


class VoteBars(QWidget):
    """Paints four horizontal bars (agree, abstain, disagree, block) split into group pieces."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.per_group: dict[int, Counts] = {}
        self.groups: list[StakeholderGroup] = []
        self.setAccessibleName("Votes for each choice, by group")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_counts(self, per_group: dict[int, Counts], groups: list[StakeholderGroup]) -> None:
        """Show a revealed round's counts per group."""
        self.per_group, self.groups = dict(per_group), list(groups)
        self.setAccessibleDescription("; ".join(bar_lines(self.per_group, self.groups)))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        """Four rows of about two lines of text each."""
        line = QFontMetrics(self.font()).height()
        return QSize(line * 20, line * 8)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        """Room for four readable rows."""
        line = QFontMetrics(self.font()).height()
        return QSize(line * 12, round(line * 1.3) * 4)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        """Draw each choice's label and total, then its group pieces from left to right."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        label_width = max(metrics.horizontalAdvance(f"{word} 000") for word in CHOICE_WORDS.values()) + 16
        row_height = self.height() / len(CHOICE_WORDS)
        bar_height = min(row_height * 0.75, metrics.height() * 1.8)
        totals = {c: sum(p.count for p in pieces(c, self.per_group, self.groups)) for c in CHOICE_WORDS}
        scale = (self.width() - label_width - 8) / max(1, max(totals.values(), default=1))
        for row, (choice, word) in enumerate(CHOICE_WORDS.items()):
            top = row * row_height + (row_height - bar_height) / 2
            painter.setPen(QColor(theme.TEXT))
            painter.drawText(QRectF(0, top, label_width, bar_height),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             f"{word} {totals[choice]}")
            left = float(label_width)
            for piece in pieces(choice, self.per_group, self.groups):
                rect = QRectF(left, top, piece.count * scale, bar_height)
                self._paint_piece(painter, rect, piece, metrics)
                left = rect.right()
        painter.end()

    def _paint_piece(self, painter: QPainter, rect: QRectF, piece: Piece, metrics: QFontMetrics) -> None:
        """Fill a piece in its group's colour, outlined, with the group's mark and the count inside."""
        colour = QColor(piece.group.colour)
        painter.setPen(QPen(QColor(theme.BACKGROUND), 3))
        painter.setBrush(colour)
        painter.drawRect(rect)
        mark = min(rect.height() - 10, rect.width() - 10)
        if mark < 12:
            return
        mark_rect = QRectF(rect.left() + 6, rect.top() + (rect.height() - mark) / 2, mark, mark)
        painter.setPen(QPen(QColor(theme.TEXT), 2))
        painter.setBrush(QColor(theme.CARD))
        painter.drawEllipse(mark_rect.adjusted(-3, -3, 3, 3))
        paint_mark(painter, mark_rect, piece.group.colour, piece.group.mark, group_letter(piece.group.name))
        text = str(piece.count)
        text_rect = QRectF(mark_rect.right() + 8, rect.top(), rect.right() - mark_rect.right() - 12, rect.height())
        if metrics.horizontalAdvance(text) <= text_rect.width():
            painter.setPen(text_colour_on(colour))
            painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
