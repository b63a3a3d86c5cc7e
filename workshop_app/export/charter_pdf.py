"""Lay out a CharterContent as an A4 PDF: the twelve parts, page furniture on every page, and metadata."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate
from reportlab.platypus.doctemplate import LayoutError

from workshop_app import __version__, files
from workshop_app.core.charter import build_charter
from workshop_app.core.charter_content import CharterContent
from workshop_app.core.errors import WorkshopError
from workshop_app.core.ports import UnitOfWorkFactory
from workshop_app.export import charter_back, charter_body, charter_credit, charter_front
from workshop_app.export.flowables import long_date
from workshop_app.export.pdf_styles import ACCENT, MUTED, PAGE_MARGIN, RULE, SANS, SANS_BOLD, WARN, register_fonts

FINGERPRINT_LENGTH = 16


@dataclass(frozen=True)
class PageFurniture:
    """What every page repeats: the running title, version, fingerprint and how to check it."""

    running_title: str
    version_text: str
    fingerprint: str
    verify_hint: str
    record_ok: bool


def furniture(content: CharterContent) -> PageFurniture:
    """Work out the page furniture of a charter."""
    status = "Agreed" if content.status == "agreed" else "Draft"
    when = f" on {long_date(content.agreed_on)}" if content.agreed_on and status == "Agreed" else ""
    return PageFurniture(
        running_title=content.title,
        version_text=f"Version {content.version} · {status}{when}",
        fingerprint=content.fingerprint[:FINGERPRINT_LENGTH],
        verify_hint=f"check with: workshop-app verify {content.workshop.id}",
        record_ok=content.record_ok,
    )


def story(content: CharterContent) -> list[Flowable]:
    """Every flowable of the charter, part 1 to part 12 in order."""
    return [
        *charter_front.cover(content),
        *charter_front.summary(content),
        *charter_front.parties(content),
        *charter_front.purpose(content),
        *charter_body.principles(content),
        *charter_body.party_commitments(content),
        *charter_body.action_plan(content),
        *charter_back.working_together(content),
        *charter_back.when_things_go_wrong(content),
        *charter_back.review(content),
        *charter_back.how_agreed(content),
        *charter_credit.credit(),
        *charter_back.signatures(content),
    ]


def _numbered_canvas(page: PageFurniture) -> Callable[..., Canvas]:
    """A canvas class that holds pages back until the end, so each can say 'Page n of N'."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = SANS  # else the file names Helvetica, a font we do not bundle
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                _draw_furniture(self, page, self._pageNumber, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def _draw_furniture(canvas: Canvas, page: PageFurniture, number: int, total: int) -> None:
    """Running head (not on the cover) and the footer: version, fingerprint, page n of N."""
    width, height = A4
    left, right = PAGE_MARGIN, width - PAGE_MARGIN
    canvas.saveState()
    if number > 1:
        canvas.setFont(SANS, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(left, height - 13 * mm, page.running_title[:110])
        canvas.drawRightString(right, height - 13 * mm, page.version_text)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, height - 15 * mm, right, height - 15 * mm)
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(0.8)
    canvas.line(left, 16 * mm, right, 16 * mm)
    canvas.setFont(SANS, 7)
    canvas.setFillColor(MUTED)
    canvas.drawString(left, 11.5 * mm, page.version_text)
    label = f"Record fingerprint {page.fingerprint}"
    if not page.record_ok:
        canvas.setFillColor(WARN)
        label += " (the record failed its check)"
    canvas.drawCentredString(width / 2, 11.5 * mm, label)
    canvas.setFillColor(MUTED)
    canvas.drawCentredString(width / 2, 8 * mm, page.verify_hint)
    canvas.setFont(SANS_BOLD, 7.5)
    canvas.drawRightString(right, 11.5 * mm, f"Page {number} of {total}")
    canvas.restoreState()


def render_charter(content: CharterContent, out: Path) -> Path:
    """Write the charter PDF to `out` (whole or not at all) and return the path."""
    register_fonts()
    target = Path(out).expanduser().resolve()
    if not target.parent.is_dir():
        raise WorkshopError(f"The folder {target.parent} does not exist; choose a folder that does for the charter "
                            "PDF.")
    try:
        return files.write_file(target, lambda temp: _build(content, temp))
    except LayoutError:
        raise WorkshopError("The charter could not be laid out because one name or text is longer than a page; "
                            "shorten it and try again.") from None


def _build(content: CharterContent, path: Path) -> None:
    """Build the document into one file."""
    page = furniture(content)
    workshop = content.workshop
    doc = SimpleDocTemplate(
        str(path), pagesize=A4,
        leftMargin=PAGE_MARGIN, rightMargin=PAGE_MARGIN, topMargin=PAGE_MARGIN, bottomMargin=PAGE_MARGIN,
        title=content.title,
        subject=f"Partnership charter agreed at {workshop.title}, {workshop.place}, {workshop.date.isoformat()}",
        author=", ".join(p.name for p in content.parties) or workshop.partnership,
        creator=f"workshop-app {__version__}",
        keywords=f"partnership charter; {workshop.partnership}; version {content.version}; "
                 f"fingerprint {content.fingerprint}",
    )
    doc.build(story(content), canvasmaker=_numbered_canvas(page))


def write_charter(uow_factory: UnitOfWorkFactory, workshop_id: int, out: Path) -> Path:
    """Build one workshop's charter content from the store and write it as a PDF to `out`."""
    return render_charter(build_charter(uow_factory, workshop_id), out)
