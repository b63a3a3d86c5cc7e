"""The charter as a Word document that officers can finish: real heading styles, real tables, British English.

Word cannot show the radar as drawn here without an image renderer, so the chart's sentence and its numbers
(the same table as in the PDF and HTML) stand in for it.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from workshop_app import files
from workshop_app.core.charter_document import CharterDocument
from workshop_app.export import charter_words as words
from workshop_app.export.charter_outline import Chart, CommitmentBlock, Grid, Heading, Items, Para, outline

BODY_PT = 11
MUTED = RGBColor(0x4A, 0x55, 0x5D)
WARN = RGBColor(0x9A, 0x34, 0x12)


def charter_document(charter: CharterDocument) -> WordDocument:
    """Build the Word document in memory."""
    document = Document()
    _set_up(document, charter)
    if words.is_draft(charter):
        note = document.add_paragraph()
        run = note.add_run(f"DRAFT: this charter is not yet agreed. {words.DRAFT_NOTE}")
        run.bold, run.font.color.rgb = True, WARN
    for block in outline(charter):
        _add(document, block)
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = f"Version {charter.version} · {words.status_words(charter)}. {words.verification_line(charter)}"
    return document


def _set_up(document: WordDocument, charter: CharterDocument) -> None:
    """Title, subject, language and body size; A4 portrait."""
    props = document.core_properties
    props.title, props.subject = words.document_title(charter), words.subject(charter)
    props.author = ", ".join(p.name for p in charter.parties) or charter.workshop.partnership
    props.language, props.keywords = words.LANGUAGE, f"partnership charter; {charter.workshop.partnership}"
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    run_properties = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), words.LANGUAGE)
    run_properties.append(lang)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT


def _styled(document: WordDocument, text: str, style_id: str) -> Paragraph:
    """A paragraph in a built-in style, named by its id (python-docx's lookup by name is slow)."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = style_id
    return paragraph


def _add(document: WordDocument, block: object) -> None:
    if isinstance(block, Heading):
        _styled(document, block.text, "Title" if block.level == 1 else f"Heading{block.level - 1}")
    elif isinstance(block, Para):
        paragraph = document.add_paragraph()
        if block.strong:
            paragraph.add_run(block.strong).bold = True
        run = paragraph.add_run(block.text)
        if block.kind == "record":
            run.font.color.rgb = MUTED
    elif isinstance(block, Items):
        for item in block.items:
            _styled(document, item, "ListNumber" if block.numbered else "ListBullet")
    elif isinstance(block, Grid):
        _table(document, block)
    elif isinstance(block, CommitmentBlock):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{block.code}  ").bold = True
        paragraph.add_run(block.text).bold = True
        for line in block.lines:
            _styled(document, line, "ListBullet2")
    elif isinstance(block, Chart):
        document.add_paragraph(block.alt.replace("the table below it", "the table below"))


def _table(document: WordDocument, grid: Grid) -> None:
    """A table with a bold header row that Word repeats on every page."""
    _styled(document, grid.caption, "Caption")
    table = document.add_table(rows=1, cols=len(grid.header))
    table._tbl.tblStyle_val = "TableGrid"
    for cell, text in zip(table.rows[0].cells, grid.header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    header_row = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_row.append(repeat)
    for row in grid.rows:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, row, strict=True)):
            cell.paragraphs[0].add_run(text).bold = grid.row_headers and index == 0


def render_charter_docx(charter: CharterDocument, out: Path) -> Path:
    """Write the charter as a .docx file to `out` (whole or not at all) and return the path."""
    document = charter_document(charter)

    def write(temp: Path) -> None:
        document.save(str(temp))

    return files.write_file(Path(out).expanduser().resolve(), write)
