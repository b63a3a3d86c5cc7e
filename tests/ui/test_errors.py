"""Message boxes go through one module; uncaught errors reach the crash dialog, also from other threads."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from workshop_app import logs
from workshop_app.ui import errors


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    """Capture message boxes instead of waiting for a click."""
    boxes: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        boxes.append(box)
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return boxes


def test_show_error_shows_the_sentence(qtbot: QtBot, shown: list[QMessageBox]) -> None:
    errors.show_error(None, "The file is not a workshop store; choose another file.")
    assert len(shown) == 1
    assert shown[0].text() == "The file is not a workshop store; choose another file."
    assert shown[0].icon() == QMessageBox.Icon.Warning


def test_show_crash_says_work_is_saved_and_where_the_log_is(qtbot: QtBot, shown: list[QMessageBox]) -> None:
    errors.show_crash(None, "ValueError: bad", Path("/tmp/logs/workshop-app.log"))
    text = shown[0].text()
    assert "Your work so far is saved" in text
    assert "/tmp/logs/workshop-app.log" in text and "ValueError: bad" in text


def test_uncaught_errors_reach_the_crash_dialog(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    dialogs: list[tuple[str, Path]] = []
    monkeypatch.setattr(errors, "show_crash", lambda parent, summary, path: dialogs.append((summary, path)))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    relay = errors.install_crash_dialog(app)
    try:
        try:
            raise ZeroDivisionError("no voters")
        except ZeroDivisionError as error:
            sys.excepthook(type(error), error, error.__traceback__)
        qtbot.waitUntil(lambda: len(dialogs) == 1)

        def worker() -> None:
            raise LookupError("no stage")

        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: len(dialogs) == 2)
    finally:
        logs.uninstall_crash_handler()
        relay.deleteLater()
    assert dialogs == [("ZeroDivisionError: no voters", logs.log_path()), ("LookupError: no stage", logs.log_path())]
    assert "LookupError: no stage" in logs.log_path().read_text(encoding="utf-8")
