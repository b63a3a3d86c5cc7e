"""A word-wrapped label that asks its layout for the height its text needs at its present width.

Qt lays a wrapped label out from a guessed width, so inside a scroll area or a crowded column it can get fewer
lines than its text needs and cut the rest off; this one raises its minimum height to fit when it is resized.
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class WrapLabel(QLabel):
    """A QLabel that wraps its words and always keeps room for all of them."""

    def __init__(self, text: str = "", parent: QWidget | None = None, objectName: str = "") -> None:  # noqa: N803
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setObjectName(objectName)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        """Show new text and make room for it."""
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt naming
        """Keep room for every line at the new width."""
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self.width() > 0:
            needed = self.heightForWidth(self.width())
            if needed > 0 and needed != self.minimumHeight():
                self.setMinimumHeight(needed)
