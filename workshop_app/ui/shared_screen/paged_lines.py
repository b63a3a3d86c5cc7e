"""Rows (paragraphs, or a group's mark with its words) that wrap in whatever space they get, and turn pages by
themselves when they do not all fit."""

from __future__ import annotations

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from workshop_app.ui.shared_screen.parts import text_label

PAGE_SECONDS = 10


def row_height(row: QWidget, width: int) -> int:
    """Return the height a row needs at a width (its size hint when it does not wrap)."""
    row.ensurePolished()
    layout = row.layout()
    if layout is not None:
        layout.activate()
        return max(layout.totalHeightForWidth(width), row.minimumSizeHint().height()) if width > 0 else \
            row.sizeHint().height()
    height = row.heightForWidth(width) if width > 0 else -1
    return height if height > 0 else row.sizeHint().height()


class PagedLines(QWidget):
    """Shows as many whole rows as fit, top to bottom; the rest on later pages, turning every few seconds."""

    paged = Signal(int, int)
    """The page on show (from 1) and how many pages there are."""

    def __init__(self, label_name: str = "", parent: QWidget | None = None, most_per_page: int = 0,
                 seconds: int = PAGE_SECONDS) -> None:
        super().__init__(parent)
        self.label_name = label_name
        self.most_per_page = most_per_page
        self.lines: list[str] = []
        self.labels: list[QWidget] = []
        self.pages: list[list[int]] = [[]]
        self.page = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._timer = QTimer(self, interval=seconds * 1000)
        self._timer.timeout.connect(self._on_page_turned)

    def set_lines(self, lines: list[str]) -> None:
        """Show new paragraphs from the first page."""
        if lines == self.lines and self.labels:
            return
        self.set_rows([text_label(line, self.label_name) for line in lines])
        self.lines = list(lines)

    def set_rows(self, rows: list[QWidget]) -> None:
        """Show new rows (each wraps to the width: a label, or a widget whose layout has a height for a width)."""
        for label in self.labels:
            label.hide()
            label.setParent(None)  # type: ignore[call-overload]
            label.deleteLater()
        self.lines = []
        self.labels = list(rows)
        for row in self.labels:
            row.setParent(self)
        self.page = 0
        self.relayout()
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        """Ask for room for the tallest row at the present width; the rest pages."""
        width = self.width()
        height = max((row_height(label, width) if width > 0 else label.minimumSizeHint().height()
                      for label in self.labels), default=0)
        return QSize(0, height)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        """Prefer room for every paragraph at the present width."""
        width = max(self.width(), 200)
        return QSize(width, sum(row_height(label, width) for label in self.labels))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt naming
        """Work the pages out again for the new size."""
        super().resizeEvent(event)
        self.relayout()
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # the tallest row's height depends on the width

    def relayout(self) -> None:
        """Split the paragraphs into pages that fit the height, then show the current page."""
        width, height = self.width(), self.height()
        self.pages = [[]]
        used = 0
        for index, label in enumerate(self.labels):
            label.ensurePolished()
            needed = row_height(label, width)
            full = bool(self.most_per_page) and len(self.pages[-1]) >= self.most_per_page
            if self.pages[-1] and (used + needed > height or full):
                self.pages.append([])
                used = 0
            self.pages[-1].append(index)
            used += needed
        self.page = min(self.page, len(self.pages) - 1)
        self._show_page()
        self._run_timer()

    def _run_timer(self) -> None:
        """Turn pages only while there are several and they are on show (a hidden view's timer would fire during
        whatever the room is doing, such as a vote)."""
        if len(self.pages) > 1 and self.isVisible():
            self._timer.start()
        else:
            self._timer.stop()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt naming
        """Start turning pages again."""
        super().showEvent(event)
        self._run_timer()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt naming
        """Stop turning pages while out of sight."""
        super().hideEvent(event)
        self._timer.stop()

    def _show_page(self) -> None:
        shown, top = set(self.pages[self.page]), 0
        for index, label in enumerate(self.labels):
            label.setVisible(index in shown)
            if index in shown:
                needed = row_height(label, self.width())
                label.setGeometry(0, top, self.width(), min(needed, max(0, self.height() - top)))
                top += needed
        self.paged.emit(self.page + 1, len(self.pages))

    def turn_page(self) -> None:
        """Show the next page (the timer does this every few seconds)."""
        self._on_page_turned()

    def _on_page_turned(self) -> None:
        if len(self.pages) > 1:
            self.page = (self.page + 1) % len(self.pages)
            self._show_page()
