"""A big walk-up button whose words wrap onto at most two lines, with a zone on its left for a mark or an icon."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPixmap, QTextLayout, QTextOption
from PySide6.QtWidgets import QWidget

from workshop_app.ui.shared_screen.framed_button import BORDER, FramedButton

MAX_LINES = 2
DONE_MARK = "✓"


def _layout(font: QFont, text: str, width: float) -> QTextLayout:
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1.0, width))
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout


def wrap_lines(font: QFont, text: str, width: float) -> list[str]:
    """Return the lines a text wraps onto at a width (between words where it can, anywhere where it must)."""
    layout = _layout(font, text, width)
    return [text[line.textStart():line.textStart() + line.textLength()]
            for line in (layout.lineAt(i) for i in range(layout.lineCount()))]


def inner_margin(font: QFont) -> int:
    """Return the space between a tile's edge and its words."""
    return max(6, QFontMetrics(font).height() // 4) + BORDER


class BigTile(FramedButton):
    """A tile for a person or a group: its words wrapped on up to two lines, a mark (✓) or an icon on its left.

    It is selected (a thick border) or done (dark, with its mark) through `set_state`; its font comes from the
    stylesheet, its look from theme.py.
    """

    quiet_when_disabled = True

    def __init__(self, text: str, icon: QPixmap | None = None, parent: QWidget | None = None,
                 keep_looks: bool = False) -> None:
        super().__init__(text, parent, keep_looks)
        self.icon_pixmap = icon
        self.mark = ""
        self._words: tuple[tuple[str, int, str], QTextLayout] | None = None  # the laid-out words and their key

    def set_mark(self, mark: str) -> None:
        """Show a mark (such as ✓) in the zone on the left, or none."""
        if mark != self.mark:
            self.mark = mark
            self.update()

    def look(self) -> tuple[object, ...]:
        """Return everything the tile's picture depends on: its state, words, mark and icon."""
        return (*super().look(), self.mark, self.icon_pixmap.cacheKey() if self.icon_pixmap is not None else 0)

    def zone_width(self) -> int:
        """Return the width kept on the left for the mark or icon (the same in every state, so words never move)."""
        if self.icon_pixmap is not None:
            return self.icon_pixmap.width() + inner_margin(self.font()) // 2
        return QFontMetrics(self.font()).horizontalAdvance(DONE_MARK + " ")

    def text_rect(self) -> QRect:
        """Return the rectangle the words are painted in."""
        margin = inner_margin(self.font())
        return self.rect().adjusted(margin + self.zone_width(), margin, -margin, -margin)

    def lines(self) -> list[str]:
        """Return the lines the words take at the tile's present width."""
        return wrap_lines(self.font(), self.text(), self.text_rect().width())

    def _laid_out(self, width: int) -> QTextLayout:
        """Return the words laid out at a width (kept until the words, the width or the font change)."""
        key = (self.text(), width, self.font().key())
        if self._words is None or self._words[0] != key:
            self._words = (key, _layout(self.font(), self.text(), width))
        return self._words[1]

    def paint_contents(self, painter: QPainter) -> None:
        """Paint the mark or icon, then the wrapped words."""
        box = self.text_rect()
        margin = inner_margin(self.font())
        if self.icon_pixmap is not None:
            painter.drawPixmap(margin, (self.height() - self.icon_pixmap.height()) // 2, self.icon_pixmap)
        elif self.mark:
            metrics = QFontMetrics(self.font())
            painter.drawText(margin, (self.height() + metrics.ascent() - metrics.descent()) // 2, self.mark)
        layout = self._laid_out(box.width())
        shown = [layout.lineAt(i) for i in range(min(MAX_LINES, layout.lineCount()))]
        top = box.top() + max(0.0, (box.height() - sum(line.height() for line in shown)) / 2)
        for line in shown:
            line.draw(painter, QPointF(box.left(), top))
