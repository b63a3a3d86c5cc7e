"""Checks a window as a person would see it: every visible label and button has a size, sits inside its window
(and its parent), and shows all of its text, measured with QFontMetrics rather than trusted from the widget."""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractScrollArea, QCheckBox, QComboBox, QLabel, QPushButton,
    QScrollArea, QScrollBar, QStyle, QStyleOptionButton, QTabBar, QToolButton, QWidget,
)

from workshop_app.ui.shared_screen.big_tile import MAX_LINES, BigTile

SLACK = 1
"""Pixels of rounding allowed."""
TAG = re.compile(r"<[a-zA-Z/][^>]*>")
"""What makes Qt treat a label's text as rich text (a tag)."""


def describe(widget: QWidget) -> str:
    """Name a widget for a failure message: its class, object name and the start of its text."""
    text = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
    name = widget.objectName() or widget.accessibleName()[:30]
    return f"{type(widget).__name__}({name!r}, {text[:40]!r})"


def _skipped(widget: QWidget) -> bool:
    """Qt's own pieces (list rows, tab bars, scroll bars, combo popups) are checked by Qt, not here."""
    if widget.objectName().startswith("qt_"):
        return True
    parent: QWidget | None = widget
    while parent is not None:
        if isinstance(parent, (QAbstractItemView, QTabBar, QScrollBar, QComboBox, QToolButton)):
            return True
        parent = parent.parentWidget()
    return False


def _scroll_content(widget: QWidget) -> QWidget | None:
    """Return the content widget of the scroll area a widget is in, if any."""
    parent = widget.parentWidget()
    while parent is not None:
        area = parent.parentWidget().parentWidget() if parent.parentWidget() is not None else None
        if isinstance(area, QScrollArea) and area.widget() is parent:
            return parent
        parent = parent.parentWidget()
    return None


def plain(text: str) -> str:
    """Return a button's text without its mnemonic ampersands."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def label_fits(label: QLabel) -> bool:
    """Say whether a label shows all of its text in its contents rectangle."""
    text, box = label.text(), label.contentsRect()
    if label.buddy() is not None:
        text = plain(text)
    if not text.strip() or label.pixmap() is not None and not label.pixmap().isNull():
        return True
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and TAG.search(text) is not None)
    if rich:
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setDocumentMargin(0)
        document.setHtml(text)
        if label.wordWrap():
            document.setTextWidth(box.width())
            return document.size().height() <= box.height() + 2 and document.idealWidth() <= box.width() + SLACK
        return document.idealWidth() <= box.width() + SLACK and document.size().height() <= box.height() + 2
    metrics = QFontMetrics(label.font())
    if label.wordWrap():
        needed = metrics.boundingRect(QRect(0, 0, box.width(), 100_000),
                                      int(Qt.TextFlag.TextWordWrap | label.alignment()), text)
        return needed.width() <= box.width() + SLACK and needed.height() <= box.height() + SLACK
    lines = text.split("\n")
    widest = max(metrics.horizontalAdvance(line) for line in lines)
    return widest <= box.width() + SLACK and len(lines) * metrics.height() <= box.height() + 2


def tile_fits(tile: BigTile) -> bool:
    """Say whether a big tile shows all of its words on at most two lines inside its text rectangle."""
    lines, box = tile.lines(), tile.text_rect()
    metrics = QFontMetrics(tile.font())
    return ("".join(lines) == tile.text() and len(lines) <= MAX_LINES
            and all(metrics.horizontalAdvance(line.rstrip()) <= box.width() + SLACK for line in lines)
            and len(lines) * metrics.lineSpacing() <= box.height() + 2)


def button_fits(button: QAbstractButton) -> bool:
    """Say whether a button's text (and icon) fits the space its style leaves for them."""
    if isinstance(button, BigTile):
        return tile_fits(button)
    text = plain(button.text())
    if not text:
        return True
    metrics = QFontMetrics(button.font())
    option = QStyleOptionButton()
    if isinstance(button, QPushButton):
        button.initStyleOption(option)
        box = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
        if button.menu() is not None:
            box.setWidth(box.width() - button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator))
    elif isinstance(button, QCheckBox):
        button.initStyleOption(option)  # type: ignore[arg-type]
        box = button.style().subElementRect(QStyle.SubElement.SE_CheckBoxContents, option, button)
    else:
        box = button.rect()
    icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
    return metrics.horizontalAdvance(text) + icon <= box.width() + 2 and metrics.height() <= box.height() + 2


def problems(window: QWidget, screen: QSize) -> list[str]:
    """Return every layout problem of a window on a screen, one sentence each naming the widget."""
    found = []
    if window.width() > screen.width() or window.height() > screen.height():
        found.append(f"the window is {window.width()}x{window.height()}, larger than its screen")
    hint = window.minimumSizeHint()
    if hint.width() > screen.width() or hint.height() > screen.height():
        found.append(f"the window needs at least {hint.width()}x{hint.height()}, more than its screen")
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, (QLabel, QAbstractButton)) or not widget.isVisibleTo(window) or _skipped(widget):
            continue
        found += widget_problems(widget, window)
    return found


def widget_problems(widget: QLabel | QAbstractButton, window: QWidget) -> list[str]:
    """Return one widget's problems: no size, outside its window or parent, or text that does not fit."""
    name = describe(widget)
    if widget.width() <= 0 or widget.height() <= 0:
        return [f"{name} has no size"]
    found = []
    content = _scroll_content(widget)
    frame = content or window
    rect = QRect(widget.mapTo(frame, QPoint(0, 0)), widget.size())
    if not frame.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(rect):
        found.append(f"{name} at {rect.getRect()} is outside its {'scroll area' if content else 'window'}")
    parent = widget.parentWidget()
    if parent is not None and not isinstance(parent, QAbstractScrollArea) and \
            not parent.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(widget.geometry()):
        found.append(f"{name} at {widget.geometry().getRect()} is cut off by its parent {describe(parent)}")
    fits = label_fits(widget) if isinstance(widget, QLabel) else button_fits(widget)
    if not fits:
        found.append(f"{name} ({widget.width()}x{widget.height()}) does not show all of its text")
    return found
