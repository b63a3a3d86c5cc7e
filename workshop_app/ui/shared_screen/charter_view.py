"""The charter review on the shared screen: every part of the charter, a page at a time, turned from the console."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from workshop_app.core.charter import build_charter
from workshop_app.core.charter_document import CharterDocument, Commitment
from workshop_app.core.errors import WorkshopError
from workshop_app.export.charter_front import status_words
from workshop_app.ui.charter_pages import CharterPage, charter_pages, with_wording
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.shared_screen.parts import RoomView, card_frame, clear_layout, text_label
from workshop_app.ui.shared_screen.theme import TypeSizes


def who_line(commitment: Commitment) -> str:
    """'C1 · by Council · consent: Council 3/3 · Provider 2/2': the code, who commits, each group's consent."""
    party = f"by {commitment.party}" if commitment.party else "by all partners"
    if commitment.consent is None:
        return f"{commitment.code} · {party} · {commitment.kept.words.lower() if commitment.kept else 'kept'}"
    consent = commitment.consent.line
    return f"{commitment.code} · {party}" + (f" · consent: {consent}" if consent else "")


class CharterView(RoomView):
    """Shows the charter a part at a time; the facilitator turns the pages from the console."""

    def __init__(self, controller: WorkshopController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.status = text_label(name="title")
        self.part = text_label(name="title")
        self.text = text_label()
        self.empty = text_label("No commitments have been agreed yet: they appear here once a vote is revealed "
                                "and passes.", "quiet")
        self.page_label = text_label(name="quiet")
        self.rows = QVBoxLayout()
        self.page = 0
        self._pages: list[CharterPage] = []
        self._sizes = TypeSizes.for_height(1080)
        self.charter: CharterDocument | None = None
        """The charter as last read: turning a page or showing typed wording redraws it with no read; any change an
        operation announces drops it (forget), so the next turn reads it again."""
        for widget in (self.status, self.part, self.text, self.empty):
            self.column.addWidget(widget)
        self.column.addLayout(self.rows)
        self.column.addStretch(1)
        self.column.addWidget(self.page_label)

    def show_stage(self, room: RoomController, sizes: TypeSizes) -> None:
        """Read the charter as it stands and show the page the facilitator has turned to."""
        self._sizes = sizes
        try:
            self.charter = self.controller.read(build_charter, self.controller.workshop_id)
        except WorkshopError as error:
            self.controller.refuse(str(error))
            return
        self._draw(room, self.charter)

    def forget(self) -> None:
        """Something the charter shows may have changed: the next page turn reads it again."""
        self.charter = None

    def turn(self, room: RoomController) -> None:
        """Show the page turned to, or the wording being typed, over the charter last read (read it if dropped)."""
        if self.charter is None:
            self.show_stage(room, self._sizes)
        else:
            self._draw(room, self.charter)

    def _draw(self, room: RoomController, charter: CharterDocument) -> None:
        """Show the charter (with any wording being typed) at the page the facilitator has turned to."""
        typing = room.charter_wording is not None
        if room.charter_wording is not None:
            charter = with_wording(charter, room.charter_wording)
        self.heading.setText(charter.title)
        self.status.setText(f"Version {charter.version} · {status_words(charter)}"
                            + (" · the wording is being changed now" if typing else ""))
        self._pages = charter_pages(charter)
        room.charter_page_count = len(self._pages)
        self.page = max(0, min(room.charter_page, len(self._pages) - 1))
        self._show_page(bool(charter.commitments))

    def _show_page(self, any_commitments: bool) -> None:
        page = self._pages[self.page]
        self.part.setText(page.heading)
        self.text.setText("\n".join(page.lines))
        self.text.setVisible(bool(page.lines))
        self.empty.setVisible(not page.lines and not any_commitments)
        clear_layout(self.rows)
        shown: str | None = None
        for section, commitment in page.rows:
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
        self.page_label.setText(f"Page {self.page + 1} of {len(self._pages)}")
