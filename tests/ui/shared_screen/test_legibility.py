"""The shared screen at 1080p: body text at least 28 px and WCAG AA contrast, measured on grab() pixels."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QFontInfo, QImage
from PySide6.QtWidgets import QLabel

from workshop_app.core.stage_progress import TimerState
from workshop_app.ui.shared_screen import theme
from workshop_app.ui.shared_screen.window import SharedScreen
from tests.ui.shared_screen.conftest import go_to_kind

KINDS = ["welcome", "parties", "overview", "framing", "assessment", "ideas", "break", "charter_review"]


def visible_labels(shared: SharedScreen) -> list[QLabel]:
    """Return the labels with text that a person can see."""
    return [label for label in shared.findChildren(QLabel) if label.isVisibleTo(shared) and label.text().strip()]


def measured_contrast(image: QImage, label: QLabel, shared: SharedScreen) -> float:
    """Return the contrast between a label's background (its commonest pixel) and its strongest text pixel."""
    corner = label.mapTo(shared, QPoint(0, 0))
    pixels = Counter(image.pixel(corner.x() + x, corner.y() + y)
                     for x in range(0, label.width(), 2) for y in range(0, label.height(), 2))
    background = QColor.fromRgb(pixels.most_common(1)[0][0])
    return max(theme.contrast_ratio(QColor.fromRgb(p), background) for p in pixels)


@pytest.mark.parametrize("kind", KINDS)
def test_text_is_large_enough_at_1080p(shared: SharedScreen, kind: str) -> None:
    go_to_kind(shared.room, kind)
    labels = visible_labels(shared)
    assert len(labels) >= 3
    small = {label.text()[:30]: QFontInfo(label.font()).pixelSize() for label in labels
             if QFontInfo(label.font()).pixelSize() < 28}
    assert not small


def test_type_scales_with_the_screen_height(shared: SharedScreen) -> None:
    assert shared.sizes.body >= 28
    shared.resize(1280, 720)
    assert shared.sizes.body == round(720 * theme.BODY_FACTOR)
    assert QFontInfo(shared.header.position.font()).pixelSize() == shared.sizes.body


@pytest.mark.parametrize("kind", ["framing", "overview", "assessment", "welcome"])
def test_text_contrast_is_at_least_aa_on_screen(shared: SharedScreen, kind: str) -> None:
    go_to_kind(shared.room, kind)
    image = shared.grab().toImage()
    ratios = {label.text()[:30]: measured_contrast(image, label, shared) for label in visible_labels(shared)}
    assert ratios and min(ratios.values()) >= 4.5, ratios


def test_every_text_colour_pair_in_the_theme_meets_aa() -> None:
    assert min(theme.contrast_ratio(text, ground) for text, ground in theme.TEXT_PAIRS) >= 4.5
    assert theme.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)


def test_overrun_timer_turns_red_and_stays_legible(shared: SharedScreen) -> None:
    timer = shared.header.timer
    shared.header.show_timer(TimerState(True, 400.0, 300.0))
    assert timer.text() == "+1:40 over" and timer.property("overrun") is True
    image = shared.grab().toImage()
    centre = timer.mapTo(shared, QPoint(4, timer.height() // 2))
    assert QColor.fromRgb(image.pixel(centre)).name().upper() == theme.OVERRUN
    assert measured_contrast(image, timer, shared) >= 4.5
    shared.header.show_timer(TimerState(True, 10.0, 300.0))
    assert timer.property("overrun") is False
