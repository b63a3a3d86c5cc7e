"""The charter review on the shared screen: the version and status, then the agreed commitments by principle."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from workshop_app.core.charter import build_charter
from workshop_app.core.charter_content import CharterContent, Commitment, PrincipleSection
from workshop_app.export.charter_front import status_words
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.shared_screen.parts import card_frame, clear_layout, text_label
from workshop_app.ui.shared_screen.theme import TypeSizes

COMMITMENTS_PER_PAGE = 4
"""Commitment cards that fit one screen at the scaled type size."""
PAGE_SECONDS = 15

Row = tuple[PrincipleSection, Commitment]


def pages_of(content: CharterContent, per_page: int = COMMITMENTS_PER_PAGE) -> list[list[Row]]:
    """Split the commitments, in principle order, into screens of a few cards each."""
    rows = [(section, c) for section in content.principles for c in section.commitments]
    return [rows[i:i + per_page] for i in range(0, len(rows), per_page)] or [[]]


def who_line(commitment: Commitment) -> str:
    """'C1 · by Council · consent: Council 3/3 · Provider 2/2': the code, who commits, each group's consent."""
    party = f"by {commitment.party}" if commitment.party else "by all partners"
    consent = commitment.consent.line
    return f"{commitment.code} · {party}" + (f" · consent: {consent}" if consent else "")


class CharterView(QWidget):
    """Shows what the room has agreed, a page of commitments at a time, turning every few seconds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = text_label(name="heading")
        self.status = text_label(name="title")
        self.empty = text_label("No commitments have been agreed yet: they appear here once a vote is revealed "
                                "and passes.", "quiet")
        self.page_label = text_label(name="quiet")
        self.rows = QVBoxLayout()
        self.page = 0
        self._pages: list[list[Row]] = [[]]
        self._sizes = TypeSizes.for_height(1080)
        self._pager = QTimer(self, interval=PAGE_SECONDS * 1000)
        self._pager.timeout.connect(self._on_page_turned)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(self.empty)
        layout.addLayout(self.rows)
        layout.addStretch(1)
        layout.addWidget(self.page_label)

    def show_stage(self, room: RoomController, sizes: TypeSizes) -> None:
        """Read the charter as it stands and show its first page (or the page on show)."""
        self._sizes = sizes
        content = room.controller.run(build_charter, room.controller.workshop_id).value
        if content is None:
            return
        self.heading.setText(content.title)
        self.status.setText(f"Version {content.version} · {status_words(content)}")
        self._pages = pages_of(content)
        self.page = min(self.page, len(self._pages) - 1)
        self.empty.setVisible(not content.commitments)
        self._show_page()
        if len(self._pages) > 1:
            self._pager.start()
        else:
            self._pager.stop()

    def _show_page(self) -> None:
        clear_layout(self.rows)
        shown: str | None = None
        for section, commitment in self._pages[self.page]:
            if section.key != shown:
                self.rows.addWidget(text_label(f"{section.number}. {section.name}", "title"))
                shown = section.key
            card = card_frame()
            column = QVBoxLayout(card)
            column.setContentsMargins(self._sizes.body // 2, self._sizes.body // 3, self._sizes.body // 2,
                                      self._sizes.body // 3)
            column.addWidget(text_label(commitment.text))
            column.addWidget(text_label(who_line(commitment), "quiet"))
            self.rows.addWidget(card)
        many = len(self._pages) > 1
        self.page_label.setText(f"Commitments, page {self.page + 1} of {len(self._pages)}" if many else "")
        self.page_label.setVisible(many)

    def _on_page_turned(self) -> None:
        if len(self._pages) > 1 and self.isVisible():
            self.page = (self.page + 1) % len(self._pages)
            self._show_page()
