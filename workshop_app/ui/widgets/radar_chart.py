"""A five-axis radar chart of the principles: one series per group, told apart by colour, line and mark."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from workshop_app.core.assessment import RadarSeries
from workshop_app.ui.widgets.group_mark import paint_mark

LINE_STYLES: tuple[Qt.PenStyle, ...] = (
    Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine, Qt.PenStyle.DashDotLine,
    Qt.PenStyle.DashDotDotLine,
)
"""Each series gets its own line pattern as well as its colour and mark."""

SCALE_TOP = 5
OUTLINE = QColor("#1A1A1A")
GRID = QColor("#9A9A9A")


class RadarChart(QWidget):
    """Paints the axes, the rings 1-5, each series with its marks, and a legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._axes: tuple[str, ...] = ()
        self._series: tuple[RadarSeries, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Radar chart of the five principles")

    def set_data(self, axes: Sequence[str], series: Sequence[RadarSeries]) -> None:
        """Show new axes (principle names) and series (one per group)."""
        self._axes = tuple(axes)
        self._series = tuple(series)
        self.setAccessibleDescription("; ".join(self._describe(s) for s in self._series))
        self.update()

    def series_names(self) -> list[str]:
        """Return the names of the series shown, in order."""
        return [s.group for s in self._series]

    def series(self) -> tuple[RadarSeries, ...]:
        """Return the series shown."""
        return self._series

    def line_style(self, index: int) -> Qt.PenStyle:
        """Return the line pattern of the series at an index."""
        return LINE_STYLES[index % len(LINE_STYLES)]

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        """Prefer a roughly square chart."""
        return QSize(640, 640)

    def _describe(self, series: RadarSeries) -> str:
        parts = [f"{axis} {value:.1f}" for axis, value in zip(self._axes, series.means) if value is not None]
        return f"{series.group}: " + (", ".join(parts) if parts else "no scores yet")

    # Painting -------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        """Paint grid, series and legend."""
        del event
        if not self._axes:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPixelSize(max(12, round(self.height() * 0.04)))
        painter.setFont(font)
        legend_height = self._legend_height(font.pixelSize())
        area = QRectF(self.rect()).adjusted(0, 0, 0, -legend_height)
        centre = area.center()
        radius = min(area.width() * 0.5 - font.pixelSize() * 5, area.height() * 0.5 - font.pixelSize() * 2.2)
        radius = max(radius, 20.0)
        self._paint_grid(painter, centre, radius)
        for index, series in enumerate(self._series):
            self._paint_series(painter, centre, radius, series, self.line_style(index))
        self._paint_scale(painter, centre, radius)
        self._paint_legend(painter, QRectF(0, area.bottom(), self.width(), legend_height))
        painter.end()

    def _point(self, centre: QPointF, radius: float, axis: float, value: float) -> QPointF:
        angle = math.radians(-90 + 360 * axis / len(self._axes))
        r = radius * value / SCALE_TOP
        return QPointF(centre.x() + r * math.cos(angle), centre.y() + r * math.sin(angle))

    def _paint_grid(self, painter: QPainter, centre: QPointF, radius: float) -> None:
        painter.setPen(QPen(GRID, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        count = len(self._axes)
        for ring in range(1, SCALE_TOP + 1):
            painter.drawPolygon(QPolygonF([self._point(centre, radius, a, ring) for a in range(count)]))
        size = painter.font().pixelSize()
        for axis, name in enumerate(self._axes):
            end = self._point(centre, radius, axis, SCALE_TOP)
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(centre, end)
            label = self._point(centre, radius + size * 1.2, axis, SCALE_TOP)
            box = QRectF(label.x() - size * 5, label.y() - size * 0.8, size * 10, size * 1.6)
            painter.setPen(OUTLINE)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, name)

    def _paint_scale(self, painter: QPainter, centre: QPointF, radius: float) -> None:
        """Number the rings 1-5 on small white labels above the lines, so no line hides a number."""
        size = painter.font().pixelSize()
        for ring in range(1, SCALE_TOP + 1):
            at = self._point(centre, radius, 0.5, ring)
            box = QRectF(at.x() - size * 0.45, at.y() - size * 0.55, size * 0.9, size * 1.1)
            painter.setPen(QPen(GRID, 1))
            painter.setBrush(QColor("#FFFFFF"))
            painter.drawRoundedRect(box, 3, 3)
            painter.setPen(OUTLINE)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(ring))

    def _paint_series(self, painter: QPainter, centre: QPointF, radius: float, series: RadarSeries,
                      style: Qt.PenStyle) -> None:
        points = [self._point(centre, radius, axis, value)
                  for axis, value in enumerate(series.means) if value is not None]
        if len(points) >= 2:
            shape = QPolygonF(points + ([points[0]] if len(points) > 2 else []))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(OUTLINE, 7, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawPolyline(shape)
            pen = QPen(QColor(series.colour), 5, style, Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            painter.drawPolyline(shape)
        size = max(16.0, radius * 0.09)
        for point in points:
            paint_mark(painter, QRectF(point.x() - size / 2, point.y() - size / 2, size, size),
                       series.colour, series.mark, series.letter)

    def _legend_entries(self, font_px: int) -> list[tuple[int, float]]:
        """Return (row, x offset) of each legend entry, flowing onto a new row when one is full."""
        metrics = QFontMetricsF(self._legend_font(font_px))
        placed: list[tuple[int, float]] = []
        row, x = 0, 0.0
        for series in self._series:
            width = font_px * 4.0 + metrics.horizontalAdvance(series.group)
            if x > 0 and x + width > self.width():
                row, x = row + 1, 0.0
            placed.append((row, x))
            x += width
        return placed

    def _legend_font(self, font_px: int) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(font_px)
        return font

    def _legend_height(self, font_px: int) -> int:
        if not self._series:
            return 0
        rows = self._legend_entries(font_px)[-1][0] + 1
        return round(font_px * 1.8 * rows)

    def _paint_legend(self, painter: QPainter, area: QRectF) -> None:
        size = painter.font().pixelSize()
        for index, (series, (row, x)) in enumerate(zip(self._series, self._legend_entries(size))):
            left, middle = area.left() + x + size * 0.3, area.top() + size * 1.8 * row + size * 0.9
            paint_mark(painter, QRectF(left, middle - size * 0.6, size * 1.2, size * 1.2),
                       series.colour, series.mark, series.letter)
            start, end = QPointF(left + size * 1.5, middle), QPointF(left + size * 3.2, middle)
            painter.setPen(QPen(OUTLINE, 7))
            painter.drawLine(start, end)
            painter.setPen(QPen(QColor(series.colour), 5, self.line_style(index)))
            painter.drawLine(start, end)
            painter.setPen(OUTLINE)
            painter.drawText(QPointF(left + size * 3.5, middle + size * 0.35), series.group)
