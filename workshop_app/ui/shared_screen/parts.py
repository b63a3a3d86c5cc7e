"""Small building blocks the shared screen's views share: labels, group marks, emptying layouts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLayout, QWidget

from workshop_app.core.model import StakeholderGroup
from workshop_app.core.palette import group_letter
from workshop_app.ui.widgets.group_mark import mark_icon


def text_label(text: str = "", name: str = "", wrap: bool = True) -> QLabel:
    """Return a label styled by its object name (heading, title, quiet, shift, callout or body)."""
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


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


def set_style_flag(widget: QWidget, name: str, value: bool) -> None:
    """Set a style property and re-apply the stylesheet, only when it changes (a re-polish is costly)."""
    set_style_flags(widget, {name: value})


def set_style_flags(widget: QWidget, flags: dict[str, bool]) -> None:
    """Set several style properties and re-apply the stylesheet once, only if any of them changes.

    The geometry update lets the layout take the new size at once: without it a tile kept the size of
    its selected (thicker) border when the layout ran during the selection, as it does when the block
    reason field appears, and the grid then differed after a block, hinting at a secret choice.
    """
    changed = {name: value for name, value in flags.items() if widget.property(name) != value}
    if not changed:
        return
    for name, value in changed.items():
        widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.updateGeometry()
