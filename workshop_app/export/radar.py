"""The 'where are we now?' radar chart: one line per group, told apart by colour, marker and dash."""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Group, Line, PolyLine, Polygon, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors

from workshop_app.core.assessment import RadarSeries
from workshop_app.export.fallback_fonts import visual_order
from workshop_app.export.pdf_styles import INK, MUTED, RULE, SANS, SANS_BOLD, label_font, register_fonts

SCALE_MAX = 5
MARKERS = {
    "square": "FilledSquare", "triangle": "FilledTriangle", "circle": "FilledCircle", "diamond": "FilledDiamond",
    "hexagon": "FilledHexagon", "star": "FilledStarFive", "cross": "FilledCross", "pentagon": "FilledPentagon",
}
DASHES: tuple[tuple[float, ...] | None, ...] = (None, (5, 2.5), (1.5, 2), (6, 2, 1.5, 2), (3, 3), (8, 3))
LEGEND_ROW = 14


def radar_drawing(axes: Sequence[str], series: Sequence[RadarSeries], width: float, height: float = 250) -> Drawing:
    """Draw the radar: rings at 1-5, one spoke per principle, one line per group, and a legend beneath."""
    register_fonts()
    legend_rows = math.ceil(len(series) / 2)
    total = height + legend_rows * LEGEND_ROW + 10
    drawing = Drawing(width, total)
    drawing.initialFontName = SANS  # the renderer would otherwise start from Helvetica, which we do not bundle
    cx, cy = width / 2, legend_rows * LEGEND_ROW + 10 + height / 2
    radius = min(width, height) / 2 - 30
    drawing.add(_grid(len(axes), cx, cy, radius))
    drawing.add(_labels(axes, cx, cy, radius))
    for index, item in enumerate(series):
        drawing.add(_series(item, index, cx, cy, radius))
    drawing.add(_legend(series, width, legend_rows))
    return drawing


def _point(index: int, count: int, value: float, cx: float, cy: float, radius: float) -> tuple[float, float]:
    """Where a value sits on its spoke (spoke 0 points straight up, then clockwise)."""
    angle = math.pi / 2 - 2 * math.pi * index / count
    r = radius * value / SCALE_MAX
    return cx + r * math.cos(angle), cy + r * math.sin(angle)


def _grid(count: int, cx: float, cy: float, radius: float) -> Group:
    group = Group()
    for ring in range(1, SCALE_MAX + 1):
        points = [c for i in range(count) for c in _point(i, count, ring, cx, cy, radius)]
        group.add(Polygon(points, strokeColor=RULE, strokeWidth=0.5, fillColor=None))
        x, y = _point(0, count, ring, cx, cy, radius)
        group.add(String(x + 3, y - 3, str(ring), fontName=SANS, fontSize=6.5, fillColor=MUTED))
    for i in range(count):
        x, y = _point(i, count, SCALE_MAX, cx, cy, radius)
        group.add(Line(cx, cy, x, y, strokeColor=RULE, strokeWidth=0.5))
    return group


def _labels(axes: Sequence[str], cx: float, cy: float, radius: float) -> Group:
    group = Group()
    for i, name in enumerate(axes):
        x, y = _point(i, len(axes), SCALE_MAX + 0.7, cx, cy, radius)
        anchor = "middle" if abs(x - cx) < 5 else ("start" if x > cx else "end")
        group.add(String(x, y - 3, visual_order(name), fontName=label_font(name, SANS_BOLD), fontSize=9, fillColor=INK,
                         textAnchor=anchor))
    return group


def _series(item: RadarSeries, index: int, cx: float, cy: float, radius: float) -> Group:
    """One group's line: a closed shape when every principle was rated, else the rated runs only."""
    group = Group()
    colour = colors.HexColor(item.colour)
    dash = DASHES[index % len(DASHES)]
    count = len(item.means)
    points = [(_point(i, count, v, cx, cy, radius) if v is not None else None) for i, v in enumerate(item.means)]
    if points and all(p is not None for p in points):
        flat = [c for p in points if p is not None for c in p]
        group.add(Polygon(flat, strokeColor=colour, strokeWidth=1.6, strokeDashArray=dash, fillColor=None))
    else:
        for a, b in zip(points, points[1:] + points[:1], strict=True):
            if a is not None and b is not None:
                group.add(PolyLine([*a, *b], strokeColor=colour, strokeWidth=1.6, strokeDashArray=dash))
    for p in points:
        if p is not None:
            group.add(_marker(item.mark, colour, p[0], p[1]))
    return group


def _marker(mark: str, colour: colors.Color, x: float, y: float, size: float = 6) -> Group:
    marker = makeMarker(MARKERS.get(mark, "FilledCircle"), size=size, fillColor=colour, strokeColor=colors.white,
                        strokeWidth=0.5)
    marker.x, marker.y = x, y
    return Group(marker)


def _legend(series: Sequence[RadarSeries], width: float, rows: int) -> Group:
    """Two columns of swatches: a line in the group's dash with its marker, then its name."""
    group = Group()
    column = width / 2
    for index, item in enumerate(series):
        row, col = index // 2, index % 2
        x, y = 30 + col * column, (rows - row - 1) * LEGEND_ROW + 6
        colour = colors.HexColor(item.colour)
        group.add(Line(x, y + 3, x + 28, y + 3, strokeColor=colour, strokeWidth=1.6,
                       strokeDashArray=DASHES[index % len(DASHES)]))
        group.add(_marker(item.mark, colour, x + 14, y + 3))
        label = item.group if len(item.group) <= 40 else item.group[:39] + "…"
        group.add(String(x + 34, y, visual_order(label), fontName=label_font(label, SANS), fontSize=9, fillColor=INK))
    return group
