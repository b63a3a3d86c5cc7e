"""The radar chart: one series per group, each with its own line pattern, painted on the widget."""

from __future__ import annotations

from PySide6.QtGui import QColor

from workshop_app.core.assessment import summarise
from workshop_app.core.model import Assessment, StakeholderGroup
from workshop_app.core.assessment import radar_series
from workshop_app.ui.widgets.radar_chart import RadarChart

PRINCIPLES = ["collaborative", "creative", "adaptable", "accountable", "place_based"]


def test_one_series_per_group_with_means_and_gaps(qtbot) -> None:  # type: ignore[no-untyped-def]
    groups = [StakeholderGroup(1, "Council", "#0072B2", "square", 0, id=1),
              StakeholderGroup(1, "Provider", "#E69F00", "triangle", 1, id=2),
              StakeholderGroup(1, "Residents", "#CC79A7", "diamond", 2, id=3)]
    rows = [Assessment(1, "collaborative", 1, 4, participant_id=10), Assessment(1, "collaborative", 1, 5, participant_id=11),
            Assessment(1, "creative", 2, 2, participant_id=12), Assessment(1, "adaptable", 3, 1)]
    for index, row in enumerate(rows):
        row.id = index + 1
    series = radar_series(summarise(rows, groups, PRINCIPLES), groups)
    chart = RadarChart()
    qtbot.addWidget(chart)
    chart.resize(700, 700)
    chart.set_data([p.title() for p in PRINCIPLES], series)
    assert chart.series_names() == ["Council", "Provider", "Residents"]
    assert chart.series()[0].means == (4.5, None, None, None, None)
    assert chart.series()[2].means == (None, None, 1.0, None, None)
    assert len({chart.line_style(i) for i in range(3)}) == 3
    assert "Council: Collaborative 4.5" in chart.accessibleDescription()
    image = chart.grab().toImage()
    colours = {QColor.fromRgb(image.pixel(x, y)).name().upper() for x in range(0, 700, 2) for y in range(0, 700, 2)}
    assert {"#0072B2", "#E69F00", "#CC79A7"} <= colours  # every group's marks are painted


def test_no_series_without_groups(qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = RadarChart()
    qtbot.addWidget(chart)
    chart.set_data(PRINCIPLES, [])
    assert chart.series_names() == []
    chart.grab()


def test_the_ring_numbers_sit_above_the_lines(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPointF

    from workshop_app.core.assessment import RadarSeries

    chart = RadarChart()
    qtbot.addWidget(chart)
    chart.resize(700, 700)
    # A line from 5 to 5 on the first two axes crosses the place where ring 4 is numbered.
    chart.set_data([p.title() for p in PRINCIPLES], [RadarSeries("Council", "#D55E00", "star", (5.0,) * 5)])
    image = chart.grab().toImage()
    font_px = max(12, round(chart.height() * 0.04))
    legend = chart._legend_height(font_px)
    area_centre = QPointF(350, (700 - legend) / 2)
    radius = min(700 * 0.5 - font_px * 5, (700 - legend) * 0.5 - font_px * 2.2)
    label = chart._point(area_centre, radius, 0.5, 4)
    near = [QColor.fromRgb(image.pixel(round(label.x()) + dx, round(label.y()) + dy)).name().upper()
            for dx in range(-3, 4) for dy in range(-3, 4)]
    assert "#D55E00" not in near


def test_the_shared_screen_draws_the_charters_own_radar_series(qtbot) -> None:  # type: ignore[no-untyped-def]
    """One radar series, worked out once: what the room sees is exactly what the charter prints."""
    from tests.core.charter_room import build_room
    from tests.core.fakes import FakeStore
    from workshop_app.core import workshops
    from workshop_app.core.assessment import summarise_workshop
    from workshop_app.core.changes import read
    from workshop_app.core.charter import build_charter

    store = FakeStore()
    room = build_room(store)
    groups = read(store, workshops.list_groups, room.workshop_id)
    chart = RadarChart()
    qtbot.addWidget(chart)
    chart.set_data([p.title() for p in PRINCIPLES], radar_series(read(store, summarise_workshop, room.workshop_id,
                                                                      PRINCIPLES), groups))
    charter = read(store, build_charter, room.workshop_id)
    assert chart.series() == charter.radar
    assert chart.series()[0].means == (4.0, 3.0, 2.0, 3.0, 4.0) and chart.series()[0].letter == "C"
