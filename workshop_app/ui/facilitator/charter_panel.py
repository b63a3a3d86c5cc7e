"""The charter review stage in the console: a preview, export (PDF, HTML or Word), edit the wording, mark agreed."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QStandardPaths, QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QTextBrowser, QVBoxLayout, QWidget,
)

from workshop_app.core import charter_facts, charter_versions
from workshop_app.core.charter_wording import CharterWording
from workshop_app.core.charter_document import CharterDocument
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import CharterStatus, CharterVersion
from workshop_app.core.ports import UnitOfWork
from workshop_app.export.charter_formats import DESCRIPTIONS, FORMATS, renderer
from workshop_app.export.charter_words import status_words
from workshop_app.ui import errors
from workshop_app.ui.facilitator.charter_facts_dialog import ask_facts
from workshop_app.ui.facilitator.charter_sections_dialog import ask_agreed_on, ask_wording
from workshop_app.ui.facilitator.kept_panel import KeptPanel
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.vote_controller import VoteController
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.charter_pages import SECTION_PAGES, charter_pages


W = TypeVar("W", bound=QWidget)
R = TypeVar("R")


def named(widget: W, name: str) -> W:
    """Give a widget the object name the stylesheet styles it by, and return it."""
    widget.setObjectName(name)
    return widget


FILTERS = {"pdf": "PDF documents (*.pdf)", "html": "Web pages (*.html)", "docx": "Word documents (*.docx)"}


def suggested_name(charter: CharterDocument, fmt: str = "pdf") -> str:
    """A file name for the charter, e.g. 'northside-leisure-partnership-charter-v1.pdf'."""
    slug = re.sub(r"[^a-z0-9]+", "-", charter.title.casefold()).strip("-") or "charter"
    return f"{slug}-v{charter.version}.{fmt}"


def ask_save_path(parent: QWidget, suggested: str) -> Path | None:
    """Ask where to save the charter (in the Documents folder by default); None when cancelled."""
    fmt = Path(suggested).suffix.lstrip(".") or "pdf"
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    chosen, _filter = QFileDialog.getSaveFileName(parent, f"Export the charter: {DESCRIPTIONS[fmt]}",
                                                  str(Path(folder) / suggested), FILTERS[fmt],
                                                  options=QFileDialog.Option.DontConfirmOverwrite)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == f".{fmt}" else path.with_name(f"{path.name}.{fmt}")


def preview_html(charter: CharterDocument) -> str:
    """The charter in brief as HTML: title, status, changes, purpose, commitments by principle, and the rest."""
    s = charter.sections
    parts = [f"<h2>{escape(charter.title)}</h2>",
             f"<p><b>Version {charter.version} · {escape(status_words(charter))}</b> · next review by "
             f"{charter.next_review.day} {charter.next_review:%B %Y}</p>"]
    changes = [line for line in charter.changes.splitlines() if line.strip()]
    if charter.version > 1 and changes:
        parts.append(f"<h3>What changed since version {charter.version - 1}</h3>{_list(changes)}")
    if charter.undecided_count:
        parts.append(f"<p><i>{charter.undecided_count} proposal(s) have no revealed vote on their current wording "
                     "and are not in the charter.</i></p>")
    parts.append(f"<h3>Our shared purpose</h3><p>{escape(s.purpose)}</p>")
    for section in charter.principles:
        items = [f"{c.text} ({c.code} · {c.consent.line if c.consent else c.kept.words if c.kept else 'kept'})"
                 for c in section.commitments]
        body = _list(items) if items else "<p><i>No commitments agreed under this principle.</i></p>"
        parts.append(f"<h3>{section.number}. {escape(section.name)}</h3>{body}")
    parts.append(f"<h3>Action plan</h3><p>{len(charter.actions)} action(s), each with an owner.</p>")
    parts.append(f"<h3>Working together and monitoring</h3><p>{escape(s.working_together)}</p>")
    parts.append(f"<h3>When things go wrong</h3>{_list(s.escalation, 'ol')}"
                 f"<p>{escape(s.resident_concerns)}</p>")
    parts.append(f"<h3>Review</h3>{_list(s.review_triggers)}<p>{escape(s.joining_leaving)}</p>")
    if charter.not_agreed:
        parts.append("<h3>Not agreed</h3>" + _list([f"{n.text} ({n.reason})" for n in charter.not_agreed]))
    return "".join(parts)


def _list(items: tuple[str, ...] | list[str], tag: str = "ul") -> str:
    return f"<{tag}>" + "".join(f"<li>{escape(item)}</li>" for item in items) + f"</{tag}>"


class PdfWriter(QThread):
    """Writes the charter (PDF, HTML or Word) away from the window's thread (the content is read beforehand)."""

    written = Signal(str)
    failed = Signal(str)

    def __init__(self, charter: CharterDocument, out: Path, fmt: str = "pdf") -> None:
        super().__init__()
        self.charter, self.out, self.fmt = charter, out, fmt

    def run(self) -> None:
        """Write the file and say how it went."""
        try:
            self.written.emit(str(renderer(self.fmt)(self.charter, self.out)))
        except WorkshopError as error:
            self.failed.emit(str(error))
        except OSError as error:
            self.failed.emit(f"The charter could not be written to {self.out} ({error.strerror}); "
                             "choose another folder.")


class CharterPanel(QWidget):
    """Preview of the charter as it stands, with its version controls and the PDF export."""

    exported = Signal(str)

    def __init__(self, controller: WorkshopController, room: RoomController, votes: VoteController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller, self.room = controller, room
        self.charter: CharterDocument | None = None
        self.version: CharterVersion | None = None
        self.last_pdf: Path | None = None
        self._writer: PdfWriter | None = None
        self.ask_save_path: Callable[[QWidget, str], Path | None] = ask_save_path
        self.ask_agreed_on: Callable[[QWidget, int, dt.date], dt.date | None] = ask_agreed_on
        self.ask_wording: Callable[[QWidget, CharterWording],
                                   CharterWording | None] = self._ask_wording_live
        self.ask_facts = ask_facts
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.status = named(QLabel(wordWrap=True), "subheading")
        self.preview = QTextBrowser()
        self.preview.setAccessibleName("Charter preview")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.saved = named(QLabel(wordWrap=True), "hint")
        self.format = QComboBox()
        for fmt in FORMATS:
            self.format.addItem(DESCRIPTIONS[fmt], fmt)
        self.format.setAccessibleName("Charter format")
        self.format.setToolTip("PDF to sign and print, a web page to publish, or a Word document to finish")
        self.export = named(QPushButton("E&xport…"), "primary")
        self.open = QPushButton("&Open")
        self.open.setAccessibleName("Open the exported charter")
        self.open.setEnabled(False)
        self.edit = QPushButton("Edit &wording…")
        self.facts = QPushButton("Facts and &contacts…")
        self.facts.setToolTip("How the partnership is run, how progress is measured and reported, and who to contact")
        self.agree = QPushButton("&Mark as agreed…")
        self.amend = QPushButton("Start next ver&sion")
        self.page_back = QPushButton("◀ Page b&ack")
        self.page_back.setAccessibleName("Show the previous page of the charter on the shared screen")
        self.page_on = QPushButton("Page forwar&d ▶")
        self.page_on.setAccessibleName("Show the next page of the charter on the shared screen")
        self.page_shown = QLabel(wordWrap=True)
        self.kept = KeptPanel(controller, room, votes)
        self.kept.changed.connect(self.refresh)
        paging = QHBoxLayout()
        paging.addWidget(self.page_back)
        paging.addWidget(self.page_shown, 1)
        paging.addWidget(self.page_on)
        buttons = QHBoxLayout()  # two rows, so the stage column fits a 1366-pixel laptop
        for button in (self.edit, self.facts, self.agree, self.amend):
            buttons.addWidget(button)
        buttons.addStretch(1)
        files = QHBoxLayout()
        files.addStretch(1)
        files.addWidget(self.format)
        files.addWidget(self.export)
        files.addWidget(self.open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addLayout(paging)
        layout.addWidget(self.kept)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.saved)
        layout.addLayout(buttons)
        layout.addLayout(files)
        self.export.clicked.connect(self.export_pdf)
        self.open.clicked.connect(self.open_pdf)
        self.edit.clicked.connect(self.edit_wording)
        self.facts.clicked.connect(self.edit_facts)
        self.agree.clicked.connect(self.mark_agreed)
        self.amend.clicked.connect(self.start_amendment)
        self.page_back.clicked.connect(lambda: self.room.page_charter(-1))
        self.page_on.clicked.connect(lambda: self.room.page_charter(1))
        self.room.charter_paged.connect(lambda _page: self._show_paging())

    # Showing the charter ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the charter as it stands (starting version 1 when there is none) and show it."""
        shown = self._charter_as_it_stands()
        if shown is None:
            self.status.setText("The charter cannot be shown.")
            return
        self.version, self.charter = shown.version, shown.document
        scroll = self.preview.verticalScrollBar().value()
        self.preview.setHtml(preview_html(self.charter))
        self.preview.verticalScrollBar().setValue(scroll)
        draft = self.version.status == CharterStatus.DRAFT
        self.status.setText(self._status_text())
        self.kept.show_carried(self.charter.carried)
        self.edit.setEnabled(draft)
        self.facts.setEnabled(draft)
        self.agree.setEnabled(draft)
        self.amend.setVisible(not draft)
        self.amend.setText(f"Start ver&sion {self.version.version + 1}")
        self._show_paging()

    def _charter_as_it_stands(self) -> charter_versions.CharterAsItStands | None:
        """Read the charter without taking the write lock; only the first time is version 1 started (one write)."""
        found = self._read(charter_versions.charter_if_started)
        if found is not None:
            return found
        done = self.controller.perform(charter_versions.charter_as_it_stands, self.controller.workshop_id)
        return done.value.value if done.value is not None else None

    def _read(self, query: Callable[[UnitOfWork, int], R]) -> R | None:
        """Ask one question about the open workshop in one reading transaction; None (said in a sentence) if refused."""
        try:
            return self.controller.read(query, self.controller.workshop_id)
        except WorkshopError as error:
            self.controller.refuse(str(error))
            return None

    def _show_paging(self) -> None:
        """Say which page of the charter the room sees; PgUp and PgDown turn it too."""
        if self.charter is None:
            return
        pages = charter_pages(self.charter)
        self.room.charter_page_count = len(pages)
        page = max(0, min(self.room.charter_page, len(pages) - 1))
        self.page_shown.setText(f"The shared screen shows page {page + 1} of {len(pages)}: {pages[page].heading} "
                                "(PgUp and PgDown turn it)")
        self.page_back.setEnabled(page > 0)
        self.page_on.setEnabled(page < len(pages) - 1)

    def _status_text(self) -> str:
        assert self.charter is not None and self.version is not None
        shown = f"Version {self.charter.version} · {status_words(self.charter)}"
        if self.version.status == CharterStatus.AGREED and self.charter.version != self.version.version:
            return (f"{shown}. The record has changed since version {self.version.version} was agreed: start "
                    f"version {self.version.version + 1} to agree the changes.")
        return shown

    # Version controls -------------------------------------------------------------------------------

    def edit_wording(self) -> None:
        """Edit the draft's wording in a dialog and save it."""
        controller = self.controller
        wording = self._read(charter_versions.current_wording)
        edited = self.ask_wording(self, wording) if wording is not None else None
        done = controller.perform(charter_versions.update_sections, controller.workshop_id, edited) if edited else None
        if done is not None and done.value is not None:
            controller.keep_workshop(done.value.value)  # its new purpose and review date, with no read
            self.refresh()

    def edit_facts(self) -> None:
        """Edit the charter's facts and contacts in a dialog and save them."""
        controller = self.controller
        facts = self._read(charter_facts.read_facts)
        edited = self.ask_facts(self, facts, controller.groups(), controller.participants()) if facts else None
        if edited is not None and controller.perform(charter_facts.save_facts, controller.workshop_id, *edited).ok:
            self.refresh()

    def _ask_wording_live(self, parent: QWidget, wording: CharterWording
                          ) -> CharterWording | None:
        """The wording dialog, with the room's charter showing the words as they are typed."""
        try:
            return ask_wording(parent, wording, self.show_typed)
        finally:
            self.room.show_charter_wording(None)

    def show_typed(self, wording: CharterWording, section: str) -> None:
        """Put wording being typed on the shared screen, turned to the page of the section being typed in."""
        self.room.show_charter_wording(wording, SECTION_PAGES.get(section))

    def mark_agreed(self) -> None:
        """Ask for the day and mark the draft version agreed."""
        if self.version is None or self.charter is None:
            return
        day = self.ask_agreed_on(self, self.version.version, self.charter.workshop.date)
        controller = self.controller
        if day is not None and controller.perform(charter_versions.mark_agreed, controller.workshop_id, day).ok:
            self.refresh()

    def start_amendment(self) -> None:
        """Start the next version as a draft."""
        controller = self.controller
        if controller.perform(charter_versions.start_amendment, controller.workshop_id).ok:
            self.refresh()

    # The PDF ----------------------------------------------------------------------------------------

    def export_pdf(self) -> None:
        """Ask where, then write the PDF in the background with a busy bar; Open is offered when done."""
        self.refresh()
        if self.charter is None or self._writer is not None:
            return
        fmt = str(self.format.currentData())
        chosen = self.ask_save_path(self, suggested_name(self.charter, fmt))
        out = errors.save_target(self, chosen, self.controller.uow_factory)
        if out is None:
            return
        self._writer = PdfWriter(self.charter, out, fmt)
        self._writer.written.connect(self._on_written)
        self._writer.failed.connect(self._on_failed)
        self._writer.finished.connect(self._on_writer_finished)
        self.export.setEnabled(False)
        self.progress.setVisible(True)
        self.saved.setText(f"Writing the charter to {out}…")
        self._writer.start()

    def _on_written(self, path: str) -> None:
        self.last_pdf = Path(path)
        self.saved.setText(f"Saved to {path}")
        self.open.setEnabled(True)
        self.exported.emit(path)

    def _on_failed(self, sentence: str) -> None:
        self.saved.setText("The charter was not saved.")
        self.controller.refuse(sentence)

    def _on_writer_finished(self) -> None:
        self.progress.setVisible(False)
        self.export.setEnabled(True)
        if self._writer is not None:
            self._writer.deleteLater()
        self._writer = None

    def open_pdf(self) -> None:
        """Open the exported PDF in the system's viewer."""
        if self.last_pdf is not None:
            self.open_url(QUrl.fromLocalFile(str(self.last_pdf)))
