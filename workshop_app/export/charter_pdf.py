"""Lay out a CharterDocument as an A4 PDF: the twelve parts, page furniture on every page, and metadata."""

from __future__ import annotations

from xml.sax.saxutils import escape
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import XMP
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from workshop_app import __version__, files
from workshop_app.core.changes import read
from workshop_app.core.charter import build_charter
from workshop_app.core.charter_document import CharterDocument
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import CharterStatus
from workshop_app.core.ports import UnitOfWorkFactory
from workshop_app.export import (
    charter_back, charter_body, charter_credit, charter_front, charter_signatures, charter_words,
)
from workshop_app.export.charter_words import FINGERPRINT_LENGTH, LANGUAGE
from workshop_app.export.pdf_styles import (
    ACCENT, FOOTER_SIZE, MUTED, PAGE_MARGIN, RULE, SANS, SANS_BOLD, WARN, WATERMARK, draw_text, register_fonts,
)

TOTAL_FORM = "PageTotal"
XMP_TEMPLATE = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
<pdf:Keywords>{keywords}</pdf:Keywords>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""

__all__ = ["FINGERPRINT_LENGTH", "render_charter", "story", "write_charter"]


@dataclass(frozen=True)
class PageFurniture:
    """What every page repeats: the running title, version and status, and the record's fingerprint."""

    running_title: str
    version_text: str
    fingerprint_text: str
    record_ok: bool
    draft: bool


def furniture(charter: CharterDocument) -> PageFurniture:
    """Work out the page furniture of a charter."""
    return PageFurniture(
        running_title=charter.title,
        version_text=f"Version {charter.version} · {charter_words.status_words(charter)}",
        fingerprint_text=charter_words.verification_line(charter),
        record_ok=charter.record_ok,
        draft=charter.status != CharterStatus.AGREED,
    )


def story(charter: CharterDocument) -> list[Flowable]:
    """Every flowable of the charter, part 1 to part 12 in order."""
    return [
        *charter_front.cover(charter),
        *charter_front.summary(charter),
        *charter_front.parties(charter),
        *charter_front.purpose(charter),
        *charter_body.principles(charter),
        *charter_body.party_commitments(charter),
        *charter_body.action_plan(charter),
        *charter_back.working_together(charter),
        *charter_back.when_things_go_wrong(charter),
        *charter_back.review(charter),
        *charter_back.how_agreed(charter),
        *charter_credit.credit(),
        *charter_signatures.signatures(charter),
    ]


def _canvas_maker(xmp: str) -> Callable[..., Canvas]:
    """A canvas class that carries the document's XMP metadata (title and language, as pdfinfo -meta shows)."""

    class _MetadataCanvas(_TotalCanvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._doc.Catalog.Metadata = XMP(creator=lambda doc: xmp.encode("utf-8"))

    return _MetadataCanvas


class _TotalCanvas(Canvas):
    """A canvas that writes each page at once (so bookmarks land on their page) and fills in the page total last.

    Every footer shows the total through one form XObject, which is drawn only when the document is saved.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["initialFontName"] = SANS  # else the file names Helvetica, a font we do not bundle
        super().__init__(*args, **kwargs)

    def save(self) -> None:
        """Draw the page total into its form, then write the file."""
        total = self.getPageNumber() - (0 if self._code else 1)
        self.beginForm(TOTAL_FORM)
        self.setFont(SANS_BOLD, FOOTER_SIZE)
        self.setFillColor(MUTED)
        self.drawString(0, 0, str(total))
        self.endForm()
        super().save()


def _draw_furniture(page: PageFurniture) -> Callable[[Canvas, Any], None]:
    """The end-of-page callback: running head (not on the cover) and footer, after the body in reading order."""

    def draw(canvas: Canvas, doc: Any) -> None:
        width, height = A4
        left, right = PAGE_MARGIN, width - PAGE_MARGIN
        number = canvas.getPageNumber()
        canvas.saveState()
        if number > 1:
            canvas.setFillColor(MUTED)
            draw_text(canvas, left, height - 13 * mm, page.running_title[:80], SANS, FOOTER_SIZE)
            draw_text(canvas, right, height - 13 * mm, page.version_text, SANS, FOOTER_SIZE, align="right")
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.5)
            canvas.line(left, height - 15 * mm, right, height - 15 * mm)
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(0.8)
        canvas.line(left, 17 * mm, right, 17 * mm)
        canvas.setFillColor(MUTED)
        draw_text(canvas, left, 12 * mm, page.version_text, SANS, FOOTER_SIZE)
        label = f"Page {number} of "
        x = right - stringWidth("Page 999 of 999", SANS_BOLD, FOOTER_SIZE)
        draw_text(canvas, x, 12 * mm, label, SANS_BOLD, FOOTER_SIZE)
        canvas.saveState()
        canvas.translate(x + stringWidth(label, SANS_BOLD, FOOTER_SIZE), 12 * mm)
        canvas.doForm(TOTAL_FORM)
        canvas.restoreState()
        if not page.record_ok:
            canvas.setFillColor(WARN)
        draw_text(canvas, left, 7.5 * mm, page.fingerprint_text, SANS, FOOTER_SIZE)
        canvas.restoreState()

    return draw


def _watermark(canvas: Canvas, doc: Any) -> None:
    """A large, pale DRAFT across the page, drawn first so it sits under the text."""
    width, height = A4
    canvas.saveState()
    canvas.setFillColor(WATERMARK)
    canvas.setFont(SANS_BOLD, 110)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(50)
    canvas.drawCentredString(0, -40, "DRAFT")
    canvas.restoreState()


def render_charter(charter: CharterDocument, out: Path) -> Path:
    """Write the charter PDF to `out` (whole or not at all) and return the path."""
    register_fonts()
    target = Path(out).expanduser().resolve()
    if not target.parent.is_dir():
        raise WorkshopError(f"The folder {target.parent} does not exist; choose a folder that does for the charter "
                            "PDF.")
    try:
        return files.write_file(target, lambda temp: _build(charter, temp))
    except LayoutError:
        raise WorkshopError("The charter could not be laid out because one name or text is longer than a page; "
                            "shorten it and try again.") from None


def _build(charter: CharterDocument, path: Path) -> None:
    """Build the document into one file."""
    page = furniture(charter)
    workshop = charter.workshop
    doc = BaseDocTemplate(
        str(path), pagesize=A4,
        leftMargin=PAGE_MARGIN, rightMargin=PAGE_MARGIN, topMargin=PAGE_MARGIN, bottomMargin=PAGE_MARGIN,
        title=charter_words.document_title(charter),
        subject=charter_words.subject(charter),
        author=", ".join(p.name for p in charter.parties) or workshop.partnership,
        creator=f"workshop-app {__version__}",
        keywords=f"partnership charter; {workshop.partnership}; version {charter.version}; "
                 f"{'agreed' if charter.status == CharterStatus.AGREED else 'draft'}; "
                 f"fingerprint {charter.fingerprint}",
        lang=LANGUAGE, displayDocTitle=True,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=_watermark if page.draft else _no_watermark,
                                       onPageEnd=_draw_furniture(page))])
    xmp = xmp_packet(doc.title, doc.subject, doc.author, doc.keywords)
    doc.build(story(charter), canvasmaker=_canvas_maker(xmp))


def _no_watermark(canvas: Canvas, doc: Any) -> None:
    """An agreed charter's pages carry no watermark."""


def xmp_packet(title: str, subject: str, author: str, keywords: str) -> str:
    """An XMP metadata packet with the title, description, authors, keywords and the language."""
    return XMP_TEMPLATE.format(title=escape(title), subject=escape(subject), author=escape(author),
                               keywords=escape(keywords), lang=LANGUAGE)


def write_charter(uow_factory: UnitOfWorkFactory, workshop_id: int, out: Path) -> Path:
    """Build one workshop's charter content from the store and write it as a PDF to `out`."""
    return render_charter(read(uow_factory, build_charter, workshop_id), out)
