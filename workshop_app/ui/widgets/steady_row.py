"""Labels side by side whose words change often (a count, an instruction), laid out by hand so new words stay local.

A label in a layout that gets new words asks every layout above it to work again, up to the window: on the shared
screen that measured every view's wrapped labels (3-4 ms of CPU for each new count of voters). In this row a label's
new words repaint the label only; the row asks its parent to lay out again only when its own height has to change.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QStyle, QWidget


class SteadyRow(QWidget):
    """Widgets side by side in fixed shares of the width (by stretch), as tall as the tallest needs."""

    def __init__(self, items: Sequence[tuple[QWidget, int]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items = [(widget, max(1, stretch)) for widget, stretch in items]
        for widget, _ in self._items:
            widget.setParent(self)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._told = -1  # the height last told to the parent's layout (at the row's width then)

    def spacing(self) -> int:
        """Return the space between two widgets (the style's, as a box layout would leave)."""
        return max(0, self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing, None, self))

    def widths(self, width: int) -> list[int]:
        """Return each widget's width when the row is `width` wide: the free width shared by stretch."""
        free = max(0, width - self.spacing() * (len(self._items) - 1))
        total = sum(stretch for _, stretch in self._items)
        widths = [free * stretch // total for _, stretch in self._items]
        widths[-1] += free - sum(widths)
        return widths

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt naming
        """The row's height follows its width (its words wrap)."""
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt naming
        """Return the height of the tallest widget at its share of `width`."""
        return max((widget.heightForWidth(part) if widget.hasHeightForWidth() else widget.sizeHint().height()
                    for (widget, _), part in zip(self._items, self.widths(width))), default=0)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        """Return the widgets' preferred sizes side by side (as a box layout adds them up)."""
        return self._side_by_side([widget.sizeHint() for widget, _ in self._items])

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        """Return the widgets' least sizes side by side (as a box layout adds them up)."""
        return self._side_by_side([widget.minimumSizeHint() for widget, _ in self._items])

    def _side_by_side(self, sizes: list[QSize]) -> QSize:
        width = sum(max(0, size.width()) for size in sizes) + self.spacing() * (len(sizes) - 1)
        return QSize(width, max((size.height() for size in sizes), default=0))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt naming
        """Place the widgets for the new size; ask for a new height if the words need one at this width.

        The parent's layout remembers the row's height at the widths it has seen; words changed without telling it
        (their height stayed the same at the width then) can need more at this width, so ask again here.
        """
        super().resizeEvent(event)
        self._told = self.heightForWidth(self.width())
        if self._told != self.height():
            self.updateGeometry()
        self._place()

    def event(self, event: QEvent) -> bool:
        """A widget's words or size changed: place the widgets again, and tell the parent only if the height changes."""
        if event.type() == QEvent.Type.LayoutRequest:
            if self.heightForWidth(self.width()) != self._told:
                self.updateGeometry()
            self._place()
            return True
        return super().event(event)

    def _place(self) -> None:
        x, height = 0, self.height()
        for (widget, _), width in zip(self._items, self.widths(self.width())):
            widget.setGeometry(x, 0, width, height)
            x += width + self.spacing()
