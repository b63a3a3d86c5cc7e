"""The charter's three formats: PDF to sign, HTML to publish, Word to finish; one way to write any of them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from workshop_app.core.changes import read
from workshop_app.core.charter import build_charter
from workshop_app.core.charter_document import CharterDocument
from workshop_app.core.ports import UnitOfWorkFactory

FORMATS = ("pdf", "html", "docx")
DESCRIPTIONS = {"pdf": "PDF to sign and print", "html": "Web page (HTML) to publish", "docx": "Word document to finish"}


def renderer(fmt: str) -> Callable[[CharterDocument, Path], Path]:
    """The function that writes the charter in one format (each module is imported only when it is used)."""
    if fmt == "html":
        from workshop_app.export.charter_html import render_charter_html

        return render_charter_html
    if fmt == "docx":
        from workshop_app.export.charter_docx import render_charter_docx

        return render_charter_docx
    from workshop_app.export.charter_pdf import render_charter

    return render_charter


def write_charter_as(uow_factory: UnitOfWorkFactory, workshop_id: int, out: Path, fmt: str = "pdf") -> Path:
    """Build one workshop's charter from the store and write it in the chosen format to `out`."""
    return renderer(fmt)(read(uow_factory, build_charter, workshop_id), out)
