"""The charter review a screen at a time: which parts and commitments each page of the shared screen shows.

Both windows use it: the shared screen draws the pages, the console says which page the room sees.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from workshop_app.core.charter_document import CharterDocument, Commitment, PrincipleSection
from workshop_app.core.charter_wording import CharterWording

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


def pages_of(charter: CharterDocument, per_page: int = COMMITMENTS_PER_PAGE) -> list[list[Row]]:
    """Split the commitments, in principle order, into screens of a few cards each."""
    rows = [(section, c) for section in charter.principles for c in section.commitments]
    return [rows[i:i + per_page] for i in range(0, len(rows), per_page)] or [[]]


SECTION_PAGES = {"purpose": 0, "working_together": 1, "escalation": 2, "resident_concerns": 3,
                 "review_triggers": 4, "joining_leaving": 4, "next_review": 4}
"""The page of charter_pages() that shows each editable section."""


def with_wording(charter: CharterDocument, wording: CharterWording) -> CharterDocument:
    """The charter as it would read with wording not yet saved (what the facilitator is typing)."""
    day = wording.next_review or charter.next_review
    sections = replace(charter.sections, purpose=wording.purpose, working_together=wording.working_together,
                       escalation=tuple(line for line in wording.escalation if line.strip()),
                       resident_concerns=wording.resident_concerns,
                       review_triggers=tuple(line for line in wording.review_triggers if line.strip()),
                       joining_leaving=wording.joining_leaving, next_review=day)
    return replace(charter, sections=sections, next_review=day)


def charter_pages(charter: CharterDocument) -> list[CharterPage]:
    """Every part of the charter a screen at a time: purpose, working together, when things go wrong,
    residents' concerns, review, then the commitments."""
    parts = charter.sections
    review = [f"• {trigger}" for trigger in parts.review_triggers]
    review.append(f"Next review by {charter.next_review.strftime('%d %B %Y').lstrip('0')}.")
    pages = [
        CharterPage("Our shared purpose", tuple(line for line in (parts.purpose, parts.scope) if line.strip())),
        CharterPage("Working together", (parts.working_together,)),
        CharterPage("When things go wrong", tuple(f"{n}. {step}" for n, step in enumerate(parts.escalation, 1))),
        CharterPage("How residents raise a concern", (parts.resident_concerns,)),
        CharterPage("Review, joining and leaving", (*review, parts.joining_leaving)),
    ]
    pages += changes_pages(charter)
    commitments = pages_of(charter)
    for number, rows in enumerate(commitments, 1):
        heading = "Our commitments" + (f", page {number} of {len(commitments)}" if len(commitments) > 1 else "")
        pages.append(CharterPage(heading, (), tuple(rows)))
    return pages


def changes_pages(charter: CharterDocument, per_page: int = CHANGES_PER_PAGE) -> list[CharterPage]:
    """From version 2 on: what changed since the version before (what was kept, dropped, reworded, added)."""
    lines = [line for line in charter.changes.splitlines() if line.strip()]
    if charter.version < 2 or not lines:
        return []
    chunks = [lines[i:i + per_page] for i in range(0, len(lines), per_page)]
    heading = f"What changed since version {charter.version - 1}"
    return [CharterPage(heading + (f", page {n} of {len(chunks)}" if len(chunks) > 1 else ""), tuple(chunk))
            for n, chunk in enumerate(chunks, 1)]
