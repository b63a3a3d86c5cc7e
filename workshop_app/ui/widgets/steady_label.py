"""A word-wrapped label that keeps one height whatever it says, so changing its words never moves what is below it.

A walk-up screen changes its instruction with every tap ("Find your name…", "Ana: tap your choice…"). A label whose
height followed its words made the tiles below it shrink and grow on each tap, and every change of size laid all
the tiles out again; this one keeps the height of the tallest of the texts it may show.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QWidget


class SteadyLabel(QLabel):
    """A wrapped plain-text label as tall as the tallest text it may show, at whatever width it is given."""

    def __init__(self, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._texts: tuple[str, ...] = ()
        # Measured heights, kept until the texts or the font change: the tallest text's by width, and the label's
        # by width and present words (the layout asks many times for each change of words).
        self._tallest_at: dict[int, int] = {}
        self._heights: dict[tuple[int, str], int] = {}

    def may_show(self, texts: Iterable[str]) -> None:
        """Say every text the label may show from now on (its height follows the tallest)."""
        texts = tuple(texts)
        if texts != self._texts:
            self._texts = texts
            self._forget()
            self.updateGeometry()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt naming
        """Return the height of the tallest text the label may show (its own text included) at a width."""
        if not self._texts:
            return super().heightForWidth(width)
        key = (width, self.text())
        if key not in self._heights:
            if width not in self._tallest_at:
                self._tallest_at[width] = self._tallest(width)
            self._heights[key] = max(super().heightForWidth(width), self._tallest_at[width])
        return self._heights[key]

    def _tallest(self, width: int) -> int:
        """Return the height of the tallest text the label may show at a width."""
        margins = self.contentsMargins()
        inner = max(1, width - margins.left() - margins.right() - 2 * self.margin())
        metrics = QFontMetrics(self.font())
        flags = int(Qt.TextFlag.TextWordWrap) | int(self.alignment().value)
        tallest = max(metrics.boundingRect(QRect(0, 0, inner, 100_000), flags, text).height() for text in self._texts)
        return tallest + margins.top() + margins.bottom() + 2 * self.margin()

    def _forget(self) -> None:
        self._tallest_at.clear()
        self._heights.clear()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        """Measure again when the font or the style changes."""
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._forget()
        super().changeEvent(event)
