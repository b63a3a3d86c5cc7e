"""Startup: the main window shows its start page before the store opens; the store, list and pages load right after."""

from __future__ import annotations

import inspect
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from workshop_app.export.json_export import import_json
from workshop_app.store.database import open_store
from workshop_app.ui.app import build_main_window, plan_list
from workshop_app.ui.main_window import MainWindow
from workshop_app.ui.facilitator.start_page import NO_WORKSHOPS, OPENING
from workshop_app.ui.startup import Startup

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "sessions" / "examples" / "northside-leisure.json"
HEAVY = ("sqlalchemy", "alembic", "sqlmodel", "reportlab", "segno", "workshop_app.store",
         "workshop_app.ui.shared_screen", "workshop_app.ui.phone", "workshop_app.ui.facilitator.workshop_page")

SPY = f"""
import sys
from workshop_app.ui import startup

shown = startup.Startup._on_shown

def spy(self):
    heavy = sorted(m for m in sys.modules if m.startswith({HEAVY!r}))
    page = self.window.start_page
    print("at shown:", self.window.isVisible(), page.empty.text(), heavy, flush=True)
    shown(self)

startup.Startup._on_shown = spy
from workshop_app.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_app(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """Run the window's start in a fresh interpreter, offscreen, and capture its output."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), **extra}
    return subprocess.run([sys.executable, "-c", SPY, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=False)


def test_the_window_shows_its_start_page_before_the_store_and_workshop_windows_load(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite3"
    done = run_app("--db", str(db), WORKSHOP_APP_QUIT_AFTER_SHOWN="1", WORKSHOP_APP_DATA=str(tmp_path / "data"))
    assert done.returncode == 0, done.stderr
    assert f"at shown: True {OPENING} []" in done.stdout.splitlines()
    assert "window shown at" in done.stdout
    connection = sqlite3.connect(db)  # the store was still opened and migrated before the app quit
    try:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall()
    finally:
        connection.close()


def _newer_store(path: Path) -> None:
    """Write a store that a later version of the app has moved to a schema this one does not know."""
    open_store(path).close()
    connection = sqlite3.connect(path)
    try:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_a_later_version'")
        connection.commit()
    finally:
        connection.close()


@pytest.mark.parametrize("kind", ["not-a-database", "newer"])
def test_a_store_error_after_the_window_shows_gives_one_sentence_and_exit_2(tmp_path: Path, kind: str) -> None:
    bad = tmp_path / "notes.sqlite3"
    if kind == "newer":
        _newer_store(bad)
    else:
        bad.write_bytes(b"These are my meeting notes, not a database.\n" * 50)
    content = bad.read_bytes()
    done = run_app("--db", str(bad), WORKSHOP_APP_QUIT_AFTER_MS="5000", WORKSHOP_APP_DATA=str(tmp_path / "data"))
    assert done.returncode == 2
    sentences = [line for line in done.stderr.splitlines() if "propagateSizeHints" not in line]
    assert len(sentences) == 1 and sentences[0].endswith(".") and "Traceback" not in done.stderr
    assert kind != "newer" or "newer version of the app" in sentences[0]
    assert "at shown: True" in done.stdout
    assert bad.read_bytes() == content


@pytest.mark.parametrize("chosen", ["by-demo", "before-the-store", "from-the-list"],
                         ids=["asked-by-demo", "double-clicked-before-the-store", "opened-as-the-list-shows"])
def test_startup_fills_the_list_builds_the_pages_and_opens_the_workshop(qtbot: QtBot, tmp_path: Path,
                                                                        chosen: str) -> None:
    db = tmp_path / "store.sqlite3"
    store = open_store(db)
    workshop_id = import_json(store, EXAMPLE)
    store.close()
    window = MainWindow(plan_list)
    qtbot.addWidget(window)
    window.show()
    assert window.start_page.empty.text() == OPENING and not hasattr(window, "controller")
    if chosen == "before-the-store":
        window.open_workshop(workshop_id)  # on the list read straight from the file, before the store is attached
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    startup = Startup(app, window, str(db), workshop_id if chosen == "by-demo" else None)
    startup.begin()
    try:
        if chosen == "from-the-list":
            qtbot.waitUntil(lambda: startup.list_shown, timeout=30_000)
            assert window.start_page.selected() is not None
            window.start_page.open_button.click()  # the person opens the workshop the moment the list shows
        qtbot.waitUntil(lambda: startup.loaded, timeout=30_000)
        assert window.start_page.model.rowCount() == 1
        assert window.controller.workshop is not None and window.controller.workshop.id == workshop_id
        assert window.pages.currentWidget() is window.workshop_page
        assert window.room.plan is not None
    finally:
        if window.shared_screen is not None:
            window.shared_screen.close()
        startup.close()


def started(qtbot: QtBot, db: Path | str, workshop_id: int | None = None) -> tuple[MainWindow, Startup]:
    """Return the light main window and its Startup over a store file, begun (the app's own way)."""
    window = MainWindow(plan_list)
    qtbot.addWidget(window)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    startup = Startup(app, window, str(db), workshop_id)
    startup.begin()
    return window, startup


def test_startup_on_an_empty_store_says_there_are_no_workshops(qtbot: QtBot, tmp_path: Path) -> None:
    window, startup = started(qtbot, tmp_path / "empty.sqlite3")
    try:
        qtbot.waitUntil(lambda: startup.loaded, timeout=30_000)
        assert window.start_page.empty.text() == NO_WORKSHOPS
        assert window.pages.currentWidget() is window.start_page
    finally:
        startup.close()


def test_a_store_error_in_process_shows_the_sentence(qtbot: QtBot, tmp_path: Path,
                                                     replies: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database\n" * 100)
    window = MainWindow(plan_list)
    qtbot.addWidget(window)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    codes: list[int] = []
    monkeypatch.setattr(app, "exit", codes.append)
    startup = Startup(app, window, str(bad), None)
    startup.begin()
    qtbot.waitUntil(lambda: bool(codes), timeout=30_000)
    assert codes == [2]
    assert len(replies) == 1 and replies[0].endswith(".")
    assert not startup.loaded


def test_the_window_is_built_one_way_by_the_app_and_for_tests(qtbot: QtBot, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The light window, then attach, then the workshop page: the same steps around the first paint or back to back."""
    assert list(inspect.signature(MainWindow).parameters) == ["plans", "parent"]  # no second, eager way
    steps: list[str] = []
    for name in ("attach", "build_workshop_page"):
        original = getattr(MainWindow, name)
        monkeypatch.setattr(MainWindow, name, lambda self, *args, _run=original, _name=name: (
            steps.append(_name), _run(self, *args))[1])
    store = open_store(tmp_path / "tests.sqlite3")
    built = build_main_window(store)
    qtbot.addWidget(built)
    assert steps == ["attach", "build_workshop_page"]
    steps.clear()
    _window, startup = started(qtbot, tmp_path / "app.sqlite3")
    try:
        qtbot.waitUntil(lambda: startup.loaded, timeout=30_000)
        assert steps == ["attach", "build_workshop_page"]
    finally:
        startup.close()
        store.close()


LIST_SPY = """
import sys
from workshop_app.ui import startup

shown = startup.Startup._list_shown

def spy(self):
    later = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel", "alembic", "reportlab", "aiohttp")
                   or m in ("workshop_app.files", "workshop_app.core.changes", "workshop_app.ui.facilitator.workshop_page"))
    page = self.window.start_page
    print("list shown:", page.model.rowCount(), page.table.isVisible(), page.selected().title, later[:3], flush=True)
    shown(self)

startup.Startup._list_shown = spy
from workshop_app.cli import main
code = main(sys.argv[1:])
print("web server loaded:", "aiohttp" in sys.modules, flush=True)  # only when phone voting starts
sys.exit(code)
"""


def test_the_list_of_a_store_at_the_head_is_on_screen_before_the_orm_loads(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    store = open_store(db)
    import_json(store, EXAMPLE)
    store.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "WORKSHOP_APP_QUIT_AFTER_SHOWN": "1",
           "WORKSHOP_APP_DATA": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", LIST_SPY, "--db", str(db)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "list shown: 1 True Northside Leisure Partnership: charter workshop (a fictional example) []" in lines
    marks = [line.rpartition(" at ")[0] for line in lines if " at " in line and line[0].islower()]
    assert marks == ["window shown", "list shown", "pages built"]
    assert lines[-1] == "web server loaded: False"

