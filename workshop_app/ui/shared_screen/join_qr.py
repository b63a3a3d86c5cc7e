"""The join panel on the shared screen: a QR code and the join address, shown only while phone voting is on."""

from __future__ import annotations

import segno
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from workshop_app.ui.shared_screen.theme import CARD, HEADING, TEXT, TypeSizes

QUIET_MODULES = 4


class QrCode(QWidget):
    """Paints a QR code square and crisp, with its quiet zone, at whatever size it is given."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix: list[list[bool]] = []
        self.data = ""
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_data(self, data: str) -> None:
        """Encode new data (medium error correction) and repaint."""
        self.data = data
        self.matrix = [[bool(m) for m in row] for row in segno.make(data, error="m").matrix_iter(border=QUIET_MODULES)]
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        """Draw white paper, then each dark module as a filled square."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        if self.matrix:
            side = min(self.width(), self.height())
            module = side / len(self.matrix)
            for r, row in enumerate(self.matrix):
                for c, dark in enumerate(row):
                    if dark:
                        painter.fillRect(QRectF(c * module, r * module, module + 0.5, module + 0.5), QColor("#000000"))
        painter.end()


class JoinQr(QWidget):
    """'Vote on your phone': the QR code of the join address, the address itself, and how to join."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("joinQr")
        self.setAccessibleName("Vote on your phone")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.heading = QLabel("Vote on your phone")
        self.qr = QrCode()
        self.address = QLabel()
        self.address.setTextFormat(Qt.TextFormat.PlainText)
        self.hint = QLabel("Scan, or open the address on the room's Wi-Fi, then type the code on your badge.")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.qr, self.address):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.hint)  # no alignment flag, so the wrapped text gets its full height
        layout.addStretch(1)
        self.apply_sizes(TypeSizes.for_height(1080))
        self.hide()

    def show_join(self, url: str) -> None:
        """Show the QR and address for this join address."""
        self.qr.set_data(url)
        self.address.setText(url.removeprefix("http://").rstrip("/"))
        self.show()

    def hide_join(self) -> None:
        """Phone voting stopped: take the panel away."""
        self.hide()

    def apply_sizes(self, sizes: TypeSizes) -> None:
        """Size the QR (about eleven body lines square) and the type for the screen."""
        side = sizes.body * 11
        self.qr.setFixedSize(side, side)
        self.hint.setFixedWidth(side + sizes.body * 3)
        self.setStyleSheet(
            f"#joinQr {{ background: {CARD}; border-left: 3px solid {HEADING}; }}"
            f"#joinQr QLabel {{ color: {TEXT}; font-size: {sizes.body}px; background: transparent; }}")
        self.heading.setStyleSheet(f"color: {HEADING}; font-size: {sizes.title}px; font-weight: 700;")
        self.address.setStyleSheet(f"font-size: {sizes.title}px; font-weight: 700;")
        margin = sizes.body
        layout = self.layout()
        if layout is not None:
            layout.setContentsMargins(margin, margin, margin, margin)
            layout.setSpacing(margin // 2)
