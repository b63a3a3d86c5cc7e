"""Small building blocks the shared screen's views share: labels, a view under a heading, group marks, emptying layouts,
a status row."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from workshop_app.core.model import StakeholderGroup
from workshop_app.core.palette import group_letter
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.shared_screen import theme
from workshop_app.ui.widgets.group_mark import mark_icon
from workshop_app.ui.widgets.steady_row import SteadyRow


def text_label(text: str = "", name: str = "", wrap: bool = True) -> QLabel:
    """Return a label styled by its object name (heading, title, quiet, shift, callout or body)."""
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class RoomView(QWidget):
    """A shared-screen view of the workshop: a heading over one column, which the view fills below it."""

    def __init__(self, controller: WorkshopController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.heading = text_label(name="heading")
        self.column = QVBoxLayout(self)
        self.column.addWidget(self.heading)


def card_frame() -> QFrame:
    """Return a white card with a border."""
    frame = QFrame()
    frame.setObjectName("card")
    return frame


def mark_label(group: StakeholderGroup, size: int) -> QLabel:
    """Return a label showing a group's mark (shape, colour and letter), named for screen readers."""
    label = QLabel()
    label.setPixmap(mark_icon(group.colour, group.mark, group_letter(group.name), size).pixmap(size, size))
    label.setFixedSize(size, size)
    label.setAccessibleName(f"{group.name} mark: {group.mark}")
    return label


def group_badge(group: StakeholderGroup | None, size: int, name: str = "", wrap: bool = True) -> QWidget:
    """Return a group's mark followed by its name (wrapped onto more lines when it is long); no group, no mark."""
    badge = QWidget()
    row = QHBoxLayout(badge)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(size // 3)
    if group is not None:
        row.addWidget(mark_label(group, size))
    row.addWidget(text_label(group.name if group is not None else "", name, wrap=wrap), 1)
    return badge


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every item of a layout (and of its nested layouts)."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif inner is not None:
            clear_layout(inner)


def paint_ground(widget: QWidget, event: QPaintEvent) -> None:
    """Fill the part of a widget to repaint with the screen's background (a widget that does so is opaque: what
    lies beneath it never paints again when it changes)."""
    painter = QPainter(widget)
    painter.fillRect(event.rect(), QColor(theme.BACKGROUND))
    painter.end()


class OpaqueRow(SteadyRow):
    """A SteadyRow that paints the screen's background under its words itself, so new words repaint the row alone
    (nothing beneath it paints again)."""

    def __init__(self, items: Sequence[tuple[QWidget, int]], parent: QWidget | None = None) -> None:
        super().__init__(items, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        """Paint the background (the labels paint their words over it)."""
        paint_ground(self, event)
