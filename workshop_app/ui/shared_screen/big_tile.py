"""A big walk-up button whose words wrap onto at most two lines, with a zone on its left for a mark or an icon."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPixmap, QTextLayout, QTextOption
from PySide6.QtWidgets import QPushButton, QStyle, QStyleOptionButton, QStylePainter, QWidget

from workshop_app.ui.shared_screen import theme

MAX_LINES = 2
DONE_MARK = "✓"
BORDER = 5
"""The thickest border a tile gets (when selected); the text keeps clear of it in every state."""


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


class BigTile(QPushButton):
    """A tile for a person or a group: its words wrapped on up to two lines, a mark (✓) or an icon on its left."""

    def __init__(self, text: str, icon: QPixmap | None = None, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.icon_pixmap = icon
        self.mark = ""

    def set_mark(self, mark: str) -> None:
        """Show a mark (such as ✓) in the zone on the left, or none."""
        if mark != self.mark:
            self.mark = mark
            self.update()

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

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        """Paint the styled frame, then the mark or icon, then the wrapped words."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""
        painter = QStylePainter(self)
        painter.drawControl(QStyle.ControlElement.CE_PushButton, option)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        colour = QColor(theme.RATED_TEXT if self.property("rated") else theme.TEXT)
        if not self.isEnabled():
            colour = QColor(theme.QUIET_TEXT)
        painter.setPen(colour)
        painter.setFont(self.font())
        box = self.text_rect()
        margin = inner_margin(self.font())
        if self.icon_pixmap is not None:
            top = (self.height() - self.icon_pixmap.height()) // 2
            painter.drawPixmap(margin, top, self.icon_pixmap)
        elif self.mark:
            metrics = QFontMetrics(self.font())
            painter.drawText(margin, (self.height() + metrics.ascent() - metrics.descent()) // 2, self.mark)
        layout = _layout(self.font(), self.text(), box.width())
        height = sum(layout.lineAt(i).height() for i in range(min(MAX_LINES, layout.lineCount())))
        top = box.top() + max(0.0, (box.height() - height) / 2)
        for i in range(min(MAX_LINES, layout.lineCount())):
            layout.lineAt(i).draw(painter, QPointF(box.left(), top))
        painter.end()
