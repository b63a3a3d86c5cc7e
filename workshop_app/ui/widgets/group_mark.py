"""Draws a stakeholder group's mark: its shape in its colour, with its letter, so colour is never alone."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPixmap, QPolygonF


def _polygon(rect: QRectF, sides: int, rotation: float = -90.0, inner: float | None = None) -> QPolygonF:
    centre, radius = rect.center(), min(rect.width(), rect.height()) / 2
    points: list[QPointF] = []
    count = sides * 2 if inner else sides
    for i in range(count):
        r = radius * (inner if inner and i % 2 else 1.0)
        angle = math.radians(rotation + 360.0 * i / count)
        points.append(QPointF(centre.x() + r * math.cos(angle), centre.y() + r * math.sin(angle)))
    return QPolygonF(points)


def shape_path(mark: str, rect: QRectF) -> QPainterPath:
    """Return the outline of a mark ('square', 'triangle', 'circle', ...) filling rect."""
    path = QPainterPath()
    if mark == "circle":
        path.addEllipse(rect)
    elif mark == "square":
        path.addRect(rect.adjusted(2, 2, -2, -2))
    elif mark == "triangle":
        path.addPolygon(_polygon(rect.adjusted(0, -rect.height() * 0.08, 0, rect.height() * 0.12), 3))
    elif mark == "diamond":
        path.addPolygon(_polygon(rect, 4))
    elif mark == "hexagon":
        path.addPolygon(_polygon(rect, 6, 0))
    elif mark == "pentagon":
        path.addPolygon(_polygon(rect, 5))
    elif mark == "star":
        path.addPolygon(_polygon(rect, 5, inner=0.5))
    else:  # cross
        w = rect.width() / 3
        path.addRect(QRectF(rect.left() + w, rect.top(), w, rect.height()))
        path.addRect(QRectF(rect.left(), rect.top() + w, rect.width(), w))
        path = path.simplified()
    path.closeSubpath()
    return path


def text_colour_on(colour: QColor) -> QColor:
    """Return black or white, whichever reads better on the given colour."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    lum = 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())
    return QColor("#000000") if lum > 0.179 else QColor("#FFFFFF")


def paint_mark(painter: QPainter, rect: QRectF, colour: str, mark: str, letter: str) -> None:
    """Paint a group's shape in its colour with its letter in the middle."""
    fill = QColor(colour)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawPath(shape_path(mark, rect))
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(max(6, int(rect.height() * 0.45)))
    painter.setFont(font)
    painter.setPen(text_colour_on(fill))
    text_rect = rect.adjusted(0, rect.height() * 0.1, 0, 0) if mark == "triangle" else rect
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, letter)
    painter.restore()


def mark_icon(colour: str, mark: str, letter: str, size: int = 24) -> QIcon:
    """Return an icon of a group's mark, for lists and combo boxes."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_mark(painter, QRectF(1, 1, size - 2, size - 2), colour, mark, letter)
    painter.end()
    return QIcon(pixmap)
