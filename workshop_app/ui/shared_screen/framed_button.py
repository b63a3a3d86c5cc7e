"""A shared-screen button that paints all of itself (its frame as the stylesheet draws one, then its words).

A change of state (selected, done, the keyboard focus) then repaints that button alone: no stylesheet re-polish,
no layout pass, and nothing underneath it is painted again (it is opaque). Its font still comes from the stylesheet.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPaintEvent, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QPushButton, QWidget

from workshop_app.ui.shared_screen import theme

BORDER = 5
"""The thickest border a button gets (when selected); its words keep clear of it in every state."""
FOCUS_BORDER = 4
PLAIN_BORDER = 2
RADIUS = 8
"""The corner radius of the frame (as the stylesheet's buttons)."""
KEPT_LOOKS = 2
"""How many pictures of itself (one per state: plain and with the focus) a button that keeps its looks holds."""


def paint_frame(painter: QPainter, rect: QRect, border: int, edge: str, ground: str) -> None:
    """Paint a frame: the screen's background in the corners, a rounded border `border` px wide in `edge`, and
    `ground` inside it."""
    painter.fillRect(rect, QColor(theme.BACKGROUND))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(edge))
    painter.drawRoundedRect(QRectF(rect), RADIUS, RADIUS)
    painter.setBrush(QColor(ground))
    inner = max(0, RADIUS - border)
    painter.drawRoundedRect(QRectF(rect.adjusted(border, border, -border, -border)), inner, inner)


class FramedButton(QPushButton):
    """A push button that paints its frame from its state (`selected`, `rated`, focus) and then its words.

    With `keep_looks` it keeps a picture of each of its last few states, so painting a state again (a choice button
    enabled again, the finder shown again) is one copy.
    """

    quiet_when_disabled = False
    """Whether the words turn quiet while the button is disabled (the choice pad looks the same either way)."""

    def __init__(self, text: str, parent: QWidget | None = None, keep_looks: bool = False) -> None:
        super().__init__(text, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._looks: dict[tuple[object, ...], QPixmap] | None = {} if keep_looks else None

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt naming
        """Stay opaque once the style has polished the button (polishing turns that off for buttons)."""
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # it paints every pixel: nothing under it repaints
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt naming
        """Let the kept pictures go when the whole view leaves the screen (a button hidden alone keeps them)."""
        if self._looks and not self.isHidden():
            self._looks.clear()
        super().hideEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt naming
        """Let the kept pictures go: they are of the old size."""
        if self._looks:
            self._looks.clear()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        """Stay opaque after a new stylesheet polishes the button again."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange:
            self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def set_state(self, **flags: bool) -> None:
        """Set `selected` and/or `rated` (done); repaint this button alone, and only if either changes."""
        changed = False
        for name, value in flags.items():
            if bool(self.property(name)) != value:
                self.setProperty(name, value)
                changed = True
        if changed:
            self.update()

    def done(self) -> bool:
        """Say whether the button shows its person as done (voted, rated, checked in): dark, with light words."""
        return bool(self.property("rated"))

    def text_colour(self) -> QColor:
        """Return the colour of the words in the present state."""
        if self.quiet_when_disabled and not self.isEnabled():
            return QColor(theme.QUIET_TEXT)
        return QColor(theme.RATED_TEXT if self.done() else theme.TEXT)

    def look(self) -> tuple[object, ...]:
        """Return everything the button's picture depends on (a subclass adds its own)."""
        return (self.width(), self.height(), self.devicePixelRatioF(), self.text(), self.font().key(),
                bool(self.property("selected")), self.hasFocus(), self.done(),
                self.quiet_when_disabled and not self.isEnabled())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        """Paint the button's picture for its state (a kept one when it keeps its looks)."""
        painter = QPainter(self)
        if self._looks is None:
            self._paint_look(painter)
        else:
            painter.drawPixmap(0, 0, self._kept_look(self._looks))
        painter.end()

    def _kept_look(self, looks: dict[tuple[object, ...], QPixmap]) -> QPixmap:
        """Return the picture of the present state, painting it first if it is not kept yet."""
        key = self.look()
        picture = looks.get(key)
        if picture is None:
            ratio = self.devicePixelRatioF()
            picture = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
            picture.setDevicePixelRatio(ratio)
            painter = QPainter(picture)
            self._paint_look(painter)
            painter.end()
            if len(looks) >= KEPT_LOOKS:
                looks.pop(next(iter(looks)))
            looks[key] = picture
        return picture

    def _paint_look(self, painter: QPainter) -> None:
        """Paint the frame for the button's state, then its contents."""
        if bool(self.property("selected")):
            border, edge = BORDER, theme.ACCENT
        elif self.hasFocus():
            border, edge = FOCUS_BORDER, theme.ACCENT
        else:
            border, edge = PLAIN_BORDER, theme.CARD_BORDER
        paint_frame(painter, self.rect(), border, edge, theme.RATED if self.done() else theme.CARD)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setPen(self.text_colour())
        painter.setFont(self.font())
        self.paint_contents(painter)

    def paint_contents(self, painter: QPainter) -> None:
        """Paint the words in the middle (a subclass paints more)."""
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), self.text())
