"""The charter review on the shared screen: every part of the charter, a page at a time, turned from the console."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtWidgets import QVBoxLayout, QWidget

from workshop_app.core.charter import build_charter
from workshop_app.core.charter_content import CharterContent, Commitment, PrincipleSection
from workshop_app.core.charter_versions import CharterWording
from workshop_app.export.charter_front import status_words
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.shared_screen.parts import card_frame, clear_layout, text_label
from workshop_app.ui.shared_screen.theme import TypeSizes

COMMITMENTS_PER_PAGE = 4
"""Commitment cards that fit one screen at the scaled type size."""

CHANGES_PER_PAGE = 5
"""Lines of 'what changed' that fit one screen."""

Row = tuple[PrincipleSection, Commitment]


@dataclass(frozen=True)
class CharterPage:
    """One screen of the charter review: a part's heading with its lines, or a few commitments."""

    heading: str
    lines: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()


def pages_of(content: CharterContent, per_page: int = COMMITMENTS_PER_PAGE) -> list[list[Row]]:
    """Split the commitments, in principle order, into screens of a few cards each."""
    rows = [(section, c) for section in content.principles for c in section.commitments]
    return [rows[i:i + per_page] for i in range(0, len(rows), per_page)] or [[]]


SECTION_PAGES = {"purpose": 0, "working_together": 1, "escalation": 2, "resident_concerns": 3,
                 "review_triggers": 4, "joining_leaving": 4, "next_review": 4}
"""The page of charter_pages() that shows each editable section."""


def with_wording(content: CharterContent, wording: CharterWording) -> CharterContent:
    """The charter as it would read with wording not yet saved (what the facilitator is typing)."""
    sections = replace(content.sections, purpose=wording.purpose, working_together=wording.working_together,
                       escalation=tuple(line for line in wording.escalation if line.strip()),
                       resident_concerns=wording.resident_concerns,
                       review_triggers=tuple(line for line in wording.review_triggers if line.strip()),
                       joining_leaving=wording.joining_leaving)
    return replace(content, sections=sections, next_review=wording.next_review)


def charter_pages(content: CharterContent) -> list[CharterPage]:
    """Every part of the charter a screen at a time: purpose, working together, when things go wrong,
    residents' concerns, review, then the commitments."""
    parts = content.sections
    review = [f"• {trigger}" for trigger in parts.review_triggers]
    review.append(f"Next review by {content.next_review.strftime('%d %B %Y').lstrip('0')}.")
    pages = [
        CharterPage("Our shared purpose", tuple(line for line in (parts.purpose, parts.scope) if line.strip())),
        CharterPage("Working together", (parts.working_together,)),
        CharterPage("When things go wrong", tuple(f"{n}. {step}" for n, step in enumerate(parts.escalation, 1))),
        CharterPage("How residents raise a concern", (parts.resident_concerns,)),
        CharterPage("Review, joining and leaving", (*review, parts.joining_leaving)),
    ]
    pages += changes_pages(content)
    commitments = pages_of(content)
    for number, rows in enumerate(commitments, 1):
        heading = "Our commitments" + (f", page {number} of {len(commitments)}" if len(commitments) > 1 else "")
        pages.append(CharterPage(heading, (), tuple(rows)))
    return pages


def changes_pages(content: CharterContent, per_page: int = CHANGES_PER_PAGE) -> list[CharterPage]:
    """From version 2 on: what changed since the version before (what was kept, dropped, reworded, added)."""
    lines = [line for line in content.changes.splitlines() if line.strip()]
    if content.version < 2 or not lines:
        return []
    chunks = [lines[i:i + per_page] for i in range(0, len(lines), per_page)]
    heading = f"What changed since version {content.version - 1}"
    return [CharterPage(heading + (f", page {n} of {len(chunks)}" if len(chunks) > 1 else ""), tuple(chunk))
            for n, chunk in enumerate(chunks, 1)]


def who_line(commitment: Commitment) -> str:
    """'C1 · by Council · consent: Council 3/3 · Provider 2/2': the code, who commits, each group's consent."""
    party = f"by {commitment.party}" if commitment.party else "by all partners"
    if commitment.consent is None:
        return f"{commitment.code} · {party} · {commitment.kept.words.lower() if commitment.kept else 'kept'}"
    consent = commitment.consent.line
    return f"{commitment.code} · {party}" + (f" · consent: {consent}" if consent else "")


class CharterView(QWidget):
    """Shows the charter a part at a time; the facilitator turns the pages from the console."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = text_label(name="heading")
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
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.status, self.part, self.text, self.empty):
            layout.addWidget(widget)
        layout.addLayout(self.rows)
        layout.addStretch(1)
        layout.addWidget(self.page_label)

    def show_stage(self, room: RoomController, sizes: TypeSizes) -> None:
        """Read the charter as it stands and show the page the facilitator has turned to."""
        self._sizes = sizes
        content = room.controller.run(build_charter, room.controller.workshop_id).value
        if content is None:
            return
        typing = room.charter_wording is not None
        if room.charter_wording is not None:
            content = with_wording(content, room.charter_wording)
        self.heading.setText(content.title)
        self.status.setText(f"Version {content.version} · {status_words(content)}"
                            + (" · the wording is being changed now" if typing else ""))
        self._pages = charter_pages(content)
        room.charter_page_count = len(self._pages)
        self.page = max(0, min(room.charter_page, len(self._pages) - 1))
        self._show_page(bool(content.commitments))

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
