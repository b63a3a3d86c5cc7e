"""The 1-5 scale of one principle: five large points with the labelled ends, and their spoken names."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from workshop_app.core.assessment import HIGHEST, LOWEST
from workshop_app.core.principles import Principle
from workshop_app.ui.shared_screen.parts import text_label
from workshop_app.ui.shared_screen.theme import BUTTON_MIN_PX


def end_word(label: str) -> str:
    """Return the word that names a scale end ('Territorial: each side ...' gives 'territorial')."""
    return label.split(":", 1)[0].strip().lower()


def point_meaning(principle: Principle, score: int) -> str:
    """Return what a point means in words, e.g. 'mostly collaborative'."""
    low, high = end_word(principle.scale.low), end_word(principle.scale.high)
    return {1: f"fully {low}", 2: f"mostly {low}", 3: f"halfway between {low} and {high}",
            4: f"mostly {high}", 5: f"fully {high}"}[score]


class ScalePoints(QWidget):
    """Five point buttons between the two labelled ends; says which point was chosen."""

    point_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.low = text_label(name="quiet")
        self.high = text_label(name="quiet")
        self.low.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.high.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.points: list[QPushButton] = []
        # One row, the ends' words beside their points: the row is as tall as a point, so the tiles below keep
        # the height a large room needs.
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.low, 3)
        for score in range(LOWEST, HIGHEST + 1):
            button = QPushButton(str(score))
            button.setObjectName("point")
            button.setMinimumHeight(BUTTON_MIN_PX)
            button.clicked.connect(lambda _checked=False, s=score: self.point_chosen.emit(s))
            row.addWidget(button, 1)
            self.points.append(button)
        row.addWidget(self.high, 3)

    def set_principle(self, principle: Principle) -> None:
        """Label the ends and name each point for screen readers."""
        self.low.setText(f"1 = {principle.scale.low}")
        self.high.setText(f"5 = {principle.scale.high}")
        for score, button in enumerate(self.points, start=LOWEST):
            meaning = point_meaning(principle, score)
            button.setAccessibleName(f"Score {score} of {HIGHEST}: {meaning}")
            button.setToolTip(meaning.capitalize())

    def set_enabled_points(self, enabled: bool) -> None:
        """Allow choosing a point only once a person is selected."""
        for button in self.points:
            button.setEnabled(enabled)
