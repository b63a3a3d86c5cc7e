"""The charter prints its own facts (governance, measures, reports, contacts) only when given, in every format."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from tests.core.charter_room import CharterRoom, build_room
from tests.core.fakes import FakeStore
from tests.export.test_charter_pdf import page_texts
from workshop_app.core.changes import perform, read
from workshop_app.core import charter_facts
from workshop_app.core.charter import build_charter
from workshop_app.core.model import CharterFacts, PartyContact
from workshop_app.export import charter_words as words
from workshop_app.export.charter_docx import charter_document
from workshop_app.export.charter_html import charter_html
from workshop_app.export.charter_pdf import render_charter

HEADINGS = (words.GOVERNANCE_HEADING, words.INDICATORS_HEADING, words.REPORTS_HEADING, words.AMENDING_HEADING)


def _formats(room: CharterRoom, tmp_path: Path) -> dict[str, str]:
    """The charter's text in each format: the PDF read back with pypdf, the HTML, the Word document's paragraphs."""
    content = read(room.store, build_charter, room.workshop_id)
    buffer = io.BytesIO()
    charter_document(content).save(buffer)
    document = docx.Document(io.BytesIO(buffer.getvalue()))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return {"pdf": " ".join(page_texts(render_charter(content, tmp_path / "c.pdf"))).replace("\n", " "),
            "html": charter_html(content),
            "docx": "\n".join([p.text for p in document.paragraphs] + cells)}


@pytest.fixture
def room() -> CharterRoom:
    return build_room(FakeStore())


def test_given_facts_are_printed_in_every_format(room: CharterRoom, tmp_path: Path) -> None:
    wid = room.workshop_id
    perform(room.store, charter_facts.save_facts, wid, CharterFacts(
        wid, chair="A resident chairs each meeting.", expenses="Bus fares are paid back.",
        indicators="Visits from Eastfield\nWaiting times", reports="At the library.", amending="By a board vote."),
        [PartyContact(wid, room.groups["Council"], "Northside Borough Council", room.people["Aled Ŵyn Jones"],
                      "aled@example.gov.uk", "01632 960 100")])
    for fmt, text in _formats(room, tmp_path).items():
        for heading in HEADINGS:
            assert heading in text, (fmt, heading)
        for given in ("A resident chairs each meeting.", "Bus fares are paid back.", "Visits from Eastfield",
                      "Waiting times", "At the library.", "By a board vote.", "aled@example.gov.uk",
                      "01632 960 100"):
            assert given in text, (fmt, given)
        assert "Who chairs it" in text and "Residents’ expenses" in text
        assert "Quorum" not in text and "How many must be there to decide" not in text, fmt  # not given
        assert "Residents chose whether their names are published" in text, fmt  # the method note


def test_a_charter_without_facts_has_none_of_their_headings(room: CharterRoom, tmp_path: Path) -> None:
    for fmt, text in _formats(room, tmp_path).items():
        for heading in HEADINGS:
            assert heading not in text, (fmt, heading)
        assert "How to reach them" in text and "Email " not in text, fmt  # only the facilitator to contact


def test_a_long_email_address_is_printed_whole_on_one_line(room: CharterRoom, tmp_path: Path) -> None:
    wid = room.workshop_id
    address = "wellbeing@eastbank.example.gov.uk"  # the large example's address was split inside a word
    perform(room.store, charter_facts.save_facts, wid, CharterFacts(wid), [PartyContact(
        wid, room.groups["Council"], "Northside Borough Council", room.people["Aled Ŵyn Jones"], address, "")])
    pages = page_texts(render_charter(read(room.store, build_charter, room.workshop_id), tmp_path / "c.pdf"))
    assert any(address in line for page in pages for line in page.splitlines())
