"""A small live picture of the shared screen on the console, redrawn a few times a second at most.

The shared screen is watched, not driven: any repaint it asks for marks the picture stale, and a timer redraws it
later, so a burst of votes costs one small redraw, never one per ballot. The redraw waits until the shared screen has
been still for a moment (a person's tap and the screens' paint come in one burst, so it lands between casts, not
inside one), but never leaves the picture stale for long. Nothing is drawn while the picture is hidden; it catches
up when it shows again.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QPainter, QPixmap, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

REDRAW_GAP_MS = 400
"""The least time between two redraws (at most 2.5 a second)."""
STILL_MS = 150
"""How long the shared screen must go without a repaint before the picture is redrawn."""
STALE_MS = 1500
"""The longest the picture waits for the shared screen to be still (it may be animating)."""

WIDTH = 192
"""The picture's width in pixels; its height follows the shared screen's shape."""


class ProjectorThumbnail(QLabel):
    """What the room sees, in miniature; says so in words when the shared screen is not showing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source: QWidget | None = None
        self.redraws = 0
        self._stale = False
        self._stale_since = self._repainted = self._redrawn = 0.0  # monotonic seconds
        self._timer = QTimer(self, singleShot=True, interval=REDRAW_GAP_MS)
        self._timer.timeout.connect(self._on_timer_fired)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setObjectName("hint")
        self.setFixedSize(QSize(WIDTH, WIDTH * 9 // 16))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("What the shared screen shows now")
        self.setText("The shared screen is not showing. Press F5 to show it.")

    def watch(self, source: QWidget) -> None:
        """Follow a shared screen window: every repaint it asks for leads to one redraw here, later."""
        if self.source is not None:
            self.source.removeEventFilter(self)
        self.source = source
        source.installEventFilter(self)
        self.mark_stale()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        """Note the shared screen's repaints, shows and hides (never consumes them)."""
        if watched is self.source and event.type() in (QEvent.Type.UpdateRequest, QEvent.Type.Show,
                                                         QEvent.Type.Hide, QEvent.Type.Resize):
            self.mark_stale()
        return False

    def mark_stale(self) -> None:
        """The picture is out of date: redraw it once the gap has passed and the shared screen is still (not while
        hidden)."""
        now = time.monotonic()
        if not self._stale:
            self._stale, self._stale_since = True, now
        self._repainted = now
        if self.isVisible():
            self._schedule()

    def _schedule(self) -> None:
        """Start the timer for the first moment the gap since the last redraw has passed and the shared screen has
        been still (or the picture has waited long enough)."""
        now = time.monotonic()
        ready = self._redrawn + REDRAW_GAP_MS / 1000
        if now - self._stale_since < STALE_MS / 1000:
            ready = max(ready, self._repainted + STILL_MS / 1000)
        self._timer.start(max(0, round((ready - now) * 1000)))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt naming
        """Catch up with what changed while the picture was hidden."""
        super().showEvent(event)
        if self._stale:
            self._schedule()

    def _on_timer_fired(self) -> None:
        if not self._stale or not self.isVisible():
            return
        self._stale, self._redrawn = False, time.monotonic()
        source = self.source
        if source is None or not source.isVisible() or source.width() <= 0:
            self.setPixmap(QPixmap())
            self.setText("The shared screen is not showing. Press F5 to show it.")
            return
        self.setPixmap(_miniature(source, self.width(), self.height()))
        self.redraws += 1


def _miniature(source: QWidget, width: int, height: int) -> QPixmap:
    """Paint a widget straight into a small picture (cheaper than grabbing it full size and shrinking it)."""
    scale = min(width / source.width(), height / max(source.height(), 1))
    picture = QPixmap(max(1, round(source.width() * scale)), max(1, round(source.height() * scale)))
    picture.fill(Qt.GlobalColor.black)
    painter = QPainter(picture)
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.scale(scale, scale)
        source.render(painter, QPoint())
    finally:
        painter.end()
    return picture
