"""Every charter format credits the report the five principles come from."""

from __future__ import annotations

from pathlib import Path

import docx

from tests.core.charter_room import build_room
from tests.core.fakes import FakeStore
from workshop_app.core.changes import read
from workshop_app.core.about import load_about
from workshop_app.core.charter import build_charter
from workshop_app.export.charter_docx import render_charter_docx
from workshop_app.export.charter_html import charter_html


def test_the_web_page_and_word_charter_credit_the_report(tmp_path: Path) -> None:
    room = build_room(FakeStore())
    content = read(room.store, build_charter, room.workshop_id)
    citation = load_about().source.citation
    assert citation.startswith("Trinley Walker and Sarah Lawson (2018). From transactions to changemaking")
    page = charter_html(content)
    assert "Where the principles come from" in page and citation in page
    word = render_charter_docx(content, tmp_path / "charter.docx")
    text = "\n".join(p.text for p in docx.Document(str(word)).paragraphs)
    assert "Where the principles come from" in text and citation in text
