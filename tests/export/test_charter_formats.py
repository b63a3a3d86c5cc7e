"""The charter as HTML to publish (checked by axe-core in Chromium) and as Word to finish (read back with python-docx)."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import docx
import pytest

from tests.core.charter_room import CharterRoom, build_room
from tests.core.fakes import FakeStore
from tests.phone.browser import browser  # noqa: F401  (the module's headless Chromium)
from workshop_app.core.changes import perform, read
from workshop_app import cli
from workshop_app.core import charter_facts, charter_versions
from workshop_app.core.model import CharterFacts, PartyContact
from workshop_app.core.charter import build_charter
from workshop_app.export.charter_docx import render_charter_docx
from workshop_app.export.charter_html import charter_html, render_charter_html

PARTS = ["The charter in brief", "The parties", "Purpose and scope", "Our commitments under the five principles",
         "Commitments by party", "Action plan", "Working together and monitoring", "When things go wrong", "Review",
         "How this charter was agreed", "Signatures"]


class Outline(HTMLParser):
    """The page's language, title, headings by level, table header cells, image alt texts and all its text."""

    def __init__(self) -> None:
        super().__init__()
        self.lang, self.title, self.headings = "", "", []  # type: tuple[str, str, list[tuple[str, str]]]
        self.header_cells: list[dict[str, str | None]] = []
        self.alts: list[str | None] = []
        self.text: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang") or ""
        if tag == "th":
            self.header_cells.append(values)
        if tag == "img":
            self.alts.append(values.get("alt"))
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        tag = self._open[-1] if self._open else ""
        if tag == "title":
            self.title += data
        if tag in {"h1", "h2", "h3"}:
            self.headings.append((tag, data))
        self.text.append(data)


def parsed(page: str) -> Outline:
    reader = Outline()
    reader.feed(page)
    return reader


@pytest.fixture(scope="module")
def room() -> CharterRoom:
    return build_room(FakeStore())


def test_the_html_has_a_language_a_title_headings_in_order_and_table_headers(room: CharterRoom) -> None:
    content = read(room.store, build_charter, room.workshop_id)
    page = parsed(charter_html(content))
    assert page.lang == "en-GB" and page.title == "DRAFT: Northside Leisure partnership charter"
    assert [text for tag, text in page.headings if tag == "h1"] == [page.title]
    parts = [text for tag, text in page.headings if tag == "h2" and text.startswith("Part ")]
    assert parts == [f"Part {n}. {title}" for n, title in enumerate(PARTS, start=2)]
    assert page.header_cells and all(cell.get("scope") in {"col", "row"} for cell in page.header_cells)
    whole = " ".join(page.text)
    assert "DRAFT: this charter is not yet agreed." in whole and "livestream" not in whole
    assert "Consent: Council\xa03/3 · Provider\xa02/2 · VCS\xa02/3 · Residents\xa02/3" in whole
    assert "the facilitator can confirm it matches the workshop’s record." in whole


def test_the_radar_has_alt_text_and_its_numbers_in_a_table(room: CharterRoom) -> None:
    content = read(room.store, build_charter, room.workshop_id)
    page = parsed(charter_html(content))
    assert page.alts == ["Radar chart of each party’s average “where are we now?” rating, from 1 to 5, on each of "
                         "the 5 principles; the same numbers are in the table below it."]
    whole = "|".join(t.strip() for t in page.text if t.strip())
    assert "Principle|Council|Provider|VCS|Residents" in whole
    assert "Collaborative|4.0|3.0|2.0|1.0" in whole  # the room's scores (tests/core/charter_room.py)


def test_the_html_has_no_serious_or_critical_accessibility_violations(browser: Any, tmp_path: Path) -> None:
    from tests.properties.test_charter_rooms import NAMES, build

    agreed = build_room(FakeStore())
    perform(agreed.store, charter_versions.mark_agreed, agreed.workshop_id, dt.date(2025, 3, 20))
    large, large_id = build(12, [list(NAMES[:3])] * 12)
    axe = (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
    draft = build_room(FakeStore())
    perform(draft.store, charter_facts.save_facts, draft.workshop_id, CharterFacts(
        0, board="One seat each.", chair="A resident.", indicators="Visits\nWaiting times", reports="Online.",
        amending="By a vote."), [PartyContact(0, draft.groups["Council"], "Northside Borough Council",
                                              draft.people["Aled Ŵyn Jones"], "a@example.gov.uk", "01632 960 100")])
    for label, store, wid in (("agreed", agreed.store, agreed.workshop_id), ("large", large, large_id),
                              ("draft", draft.store, draft.workshop_id)):
        content = read(store, build_charter, wid)
        out = render_charter_html(content, tmp_path / f"{label}.html")
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(out.as_uri())
        page.evaluate(axe)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        page.close()
        bad = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]
               if v["impact"] in {"serious", "critical"}]
        assert bad == [], (label, bad)
        assert result["passes"] is not None


def test_the_word_document_reads_back_with_heading_styles_and_tables(room: CharterRoom, tmp_path: Path) -> None:
    content = read(room.store, build_charter, room.workshop_id)
    out = render_charter_docx(content, tmp_path / "charter.docx")
    document = docx.Document(str(out))
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style is not None and p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == ("Title", content.title if content.status == "agreed" else f"DRAFT: {content.title}")
    assert [text for style, text in headings if style == "Heading 1" and text.startswith("Part ")] == \
        [f"Part {n}. {title}" for n, title in enumerate(PARTS, start=2)]
    assert ("Heading 2", "1. Collaborative") in headings
    assert document.core_properties.language == "en-GB"
    tables = {table.rows[0].cells[0].text: table for table in document.tables}
    assert {"Item", "Version", "Party", "Name", "No.", "Principle", "Proposal"} <= set(tables)
    actions = tables["No."]
    assert [c.text for c in actions.rows[0].cells] == ["No.", "Action", "Owner", "Due", "How we will know", "Status"]
    assert len(actions.rows) == len(content.actions) + 1
    assert all(run.bold for cell in actions.rows[0].cells for run in cell.paragraphs[0].runs)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "livestream" not in text and "We will share one risk register and review it together." in text
    assert "the facilitator can confirm it matches the workshop’s record." in document.sections[0].footer.paragraphs[0].text


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_the_charter_command_writes_each_format(tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    from workshop_app.store.database import open_store

    db = tmp_path / "store.sqlite3"
    store = open_store(db)
    try:
        wid = build_room(store).workshop_id
    finally:
        store.close()
    out = tmp_path / f"charter.{fmt}"
    assert cli.main(["--db", str(db), "charter", str(wid), "--format", fmt, "--out", str(out)]) == cli.EXIT_OK
    assert str(out) in capsys.readouterr().out
    assert out.read_bytes().startswith({"html": b"<!DOCTYPE html>", "docx": b"PK\x03\x04", "pdf": b"%PDF-"}[fmt])
    assert cli.main(["--db", str(db), "charter", str(wid), "--format", "odt", "--out", str(out)]) != cli.EXIT_OK
