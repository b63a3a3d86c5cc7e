"""The charter review stage: the console's preview, PDF export, wording, agreement; the shared screen's view."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QUrl
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QLabel

from tests.store.transactions import counted
from workshop_app.core.changes import perform
from workshop_app import cli
from workshop_app.core import charter_versions
from workshop_app.core.model import CharterStatus, CharterVersion
from workshop_app.ui.app import build_main_window
from workshop_app.ui.facilitator.charter_panel import CharterPanel
from workshop_app.ui.main_window import MainWindow
from workshop_app.ui.shared_screen.charter_view import CharterView
from workshop_app.ui.shared_screen.window import SharedScreen

TITLE = "Northside Leisure Partnership charter"
AGREED_DAY = dt.date(2025, 3, 14)


@pytest.fixture
def window(qtbot, store):  # type: ignore[no-untyped-def]
    """The console on the example workshop, at its charter review stage."""
    workshop_id = cli.demo_workshop(store, cli.demo_file())
    opened = build_main_window(store)
    qtbot.addWidget(opened)
    opened.show()
    opened.controller.open_workshop(workshop_id)
    yield opened
    opened.room._clock.stop()
    if opened.shared_screen is not None:
        opened.shared_screen.close()


def panel_of(window: MainWindow) -> CharterPanel:
    panel = window.workshop_page.console.stage.charter
    assert window.workshop_page.console.stage.controls.currentWidget() is panel
    return panel


def test_the_console_previews_the_charter_at_its_review_stage(window: MainWindow) -> None:
    assert window.room.stage().kind == "charter_review"
    panel = panel_of(window)
    text = panel.preview.toPlainText()
    assert TITLE in text and "Version 1 · DRAFT, not yet agreed" in text
    assert "We will meet as a partnership board every three months" in text
    assert panel.edit.isEnabled() and panel.agree.isEnabled() and not panel.amend.isVisible()
    assert not panel.open.isEnabled()


def test_the_console_reads_a_started_charter_without_the_write_lock(window: MainWindow) -> None:
    panel = panel_of(window)
    assert panel.version is not None and panel.version.version == 1  # version 1 was started when the stage showed
    with counted(window.controller.uow_factory) as seen:  # type: ignore[arg-type]
        panel.refresh()
    assert (seen.writes, seen.reads) == (0, 1)
    assert "Version 1 · DRAFT, not yet agreed" in panel.preview.toPlainText()


def test_damaged_wording_is_said_in_one_sentence_not_a_traceback(window: MainWindow, replies: list[str]) -> None:
    panel, controller = panel_of(window), window.controller
    with controller.uow_factory() as uow:
        version = uow.repo(CharterVersion).list(workshop_id=controller.workshop_id)[-1]
        version.sections_json = "{not json"
        uow.repo(CharterVersion).update(version)
        uow.commit()
    asked: list[object] = []
    panel.ask_wording = lambda *args: asked.append(args)  # type: ignore[assignment,func-returns-value]
    panel.edit_wording()
    assert not asked and replies == ["The saved wording of charter version 1 is damaged; edit the charter sections "
                                     "again and save them."]
    panel.refresh()
    assert panel.status.text() == "The charter cannot be shown."


def test_export_writes_the_pdf_in_the_background_then_opens_it(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    panel = panel_of(window)
    out = tmp_path / "charter.pdf"
    asked: list[str] = []
    opened: list[QUrl] = []
    panel.ask_save_path = lambda _parent, name: asked.append(name) or out  # type: ignore[func-returns-value]
    panel.open_url = opened.append
    with qtbot.waitSignal(panel.exported, timeout=60_000):
        panel.export.click()
        assert panel.progress.isVisible() and not panel.export.isEnabled()
    qtbot.waitUntil(lambda: panel.export.isEnabled())
    assert asked == ["northside-leisure-partnership-charter-v1.pdf"]
    reader = PdfReader(out)
    assert reader.metadata is not None and reader.metadata.title == f"DRAFT: {TITLE}"
    assert "DRAFT, not yet agreed" in reader.pages[0].extract_text()
    assert not panel.progress.isVisible() and panel.open.isEnabled() and str(out) in panel.saved.text()
    panel.open.click()
    assert opened == [QUrl.fromLocalFile(str(out))]


@pytest.mark.parametrize(("fmt", "magic"), [("html", b"<!DOCTYPE html>"), ("docx", b"PK\x03\x04")])
def test_export_can_write_a_web_page_or_a_word_document(qtbot, window: MainWindow, tmp_path: Path, fmt: str,  # type: ignore[no-untyped-def]
                                                        magic: bytes) -> None:
    panel = panel_of(window)
    assert [panel.format.itemData(i) for i in range(panel.format.count())] == ["pdf", "html", "docx"]
    panel.format.setCurrentIndex(panel.format.findData(fmt))
    out = tmp_path / f"charter.{fmt}"
    asked: list[str] = []
    panel.ask_save_path = lambda _parent, name: asked.append(name) or out  # type: ignore[func-returns-value]
    with qtbot.waitSignal(panel.exported, timeout=60_000):
        panel.export.click()
    qtbot.waitUntil(lambda: panel.export.isEnabled())
    assert asked == [f"northside-leisure-partnership-charter-v1.{fmt}"]
    assert out.read_bytes().startswith(magic) and str(out) in panel.saved.text()


def test_a_cancelled_export_writes_nothing(window: MainWindow, tmp_path: Path) -> None:
    panel = panel_of(window)
    panel.ask_save_path = lambda _parent, _name: None
    panel.export.click()
    assert panel._writer is None and not panel.progress.isVisible() and not list(tmp_path.glob("*.pdf"))


def test_wording_then_agreement_then_next_version(window: MainWindow, store) -> None:  # type: ignore[no-untyped-def]
    panel = panel_of(window)
    workshop_id = window.controller.workshop_id
    panel.ask_wording = lambda _parent, wording: replace(wording, resident_concerns="Ring the centre desk.")
    panel.edit.click()
    assert "Ring the centre desk." in panel.preview.toPlainText()
    panel.ask_agreed_on = lambda _parent, version, default: default
    panel.agree.click()
    version = perform(store, charter_versions.current_version, workshop_id).value
    assert (version.status, version.agreed_on) == (CharterStatus.AGREED, AGREED_DAY)
    assert "Version 1 · Agreed on 14 March 2025" in panel.status.text()
    assert not panel.edit.isEnabled() and panel.amend.isVisible() and panel.amend.text() == "Start ver&sion 2"
    panel.amend.click()
    assert perform(store, charter_versions.current_version, workshop_id).value.version == 2
    assert "What changed since version 1" in panel.preview.toPlainText()
    assert "Nothing has changed since version 1." in panel.preview.toPlainText()


def test_the_shared_screen_shows_agreed_commitments_in_large_type(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    shared = SharedScreen(window.controller, window.room, window.room.votes, window.room.actions)
    qtbot.addWidget(shared)
    shared.setGeometry(0, 0, 1920, 1080)
    shared.show()
    qtbot.waitExposed(shared)
    view = shared.current_view()
    assert isinstance(view, CharterView)
    labels = [label for label in view.findChildren(QLabel) if label.isVisibleTo(shared) and label.text().strip()]
    texts = [label.text() for label in labels]
    assert TITLE in texts and "Version 1 · DRAFT, not yet agreed" in texts
    assert "Our shared purpose" in texts and "Page 1 of 8" in texts
    assert min(QFontInfo(label.font()).pixelSize() for label in labels) >= 28
    panel = window.workshop_page.console.stage.charter
    assert not panel.page_back.isEnabled() and "page 1 of 8: Our shared purpose" in panel.page_shown.text()
    seen = []
    for _ in range(7):
        panel.page_on.click()
        seen.append(view.part.text())
    assert seen[:4] == ["Working together", "When things go wrong", "How residents raise a concern",
                        "Review, joining and leaving"]
    assert seen[4:] == [f"Our commitments, page {n} of 3" for n in (1, 2, 3)] and not panel.page_on.isEnabled()
    texts = [label.text() for label in view.findChildren(QLabel) if label.isVisibleTo(shared)]
    assert "Page 8 of 8" in texts
    window.room.step(1)  # PgDown past the last page moves the room on
    assert window.room.stage().kind != "charter_review"
    window.room.step(-1)
    window.room.charter_page = 5
    window.room.page_charter(0)
    qtbot.wait(20)  # new cards show on the next turn of the event loop
    assert any(t.startswith("We will meet as a partnership board every three months")
               for t in [label.text() for label in view.findChildren(QLabel) if label.isVisibleTo(shared)])
    window.workshop_page.console.stage.charter.ask_agreed_on = lambda _p, _v, default: default
    window.workshop_page.console.stage.charter.agree.click()
    assert view.status.text() == "Version 1 · Agreed on 14 March 2025"


def test_the_save_dialog_never_writes_over_the_store_and_asks_before_replacing_a_file(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workshop_app.ui import errors

    panel = panel_of(window)
    shown: list[str] = []
    asked: list[str] = []
    answers = [False, True]
    monkeypatch.setattr(errors, "show_error", lambda _parent, sentence: shown.append(sentence))
    monkeypatch.setattr(errors, "confirm", lambda _parent, question, _action: asked.append(question)
                        or answers.pop(0))
    before = store.path.read_bytes()
    panel.ask_save_path = lambda _parent, _name: store.path
    panel.export.click()
    assert panel._writer is None and len(shown) == 1 and "workshop store" in shown[0]
    assert store.path.read_bytes() == before
    mine = tmp_path / "mine.pdf"
    mine.write_text("my own file")
    panel.ask_save_path = lambda _parent, _name: mine
    panel.export.click()
    assert panel._writer is None and len(asked) == 1 and "mine.pdf" in asked[0]
    assert mine.read_text() == "my own file"
    with qtbot.waitSignal(panel.exported, timeout=60_000):
        panel.export.click()
    qtbot.waitUntil(lambda: panel.export.isEnabled())
    assert len(asked) == 2 and mine.read_bytes().startswith(b"%PDF")
