"""Starts the GUI: the application object, the store, the crash dialog and the main window."""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from workshop_app import __version__, paths
from workshop_app.core.errors import WorkshopError
from workshop_app.ui import errors
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.facilitator.main_window import MainWindow
from workshop_app.ui.room_controller import RoomController


def load_fonts_and_style(app: QApplication) -> None:
    """Register the bundled fonts and apply the stylesheet."""
    for font_file in sorted(paths.fonts_dir().glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(font_file))
    app.setFont(QFont("DejaVu Sans", 10))
    style = paths.resources_dir() / "styles" / "app.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))


def make_application(argv: list[str]) -> QApplication:
    """Return the QApplication, creating it with the app's names if needed."""
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("workshop-app")
    app.setApplicationDisplayName("Changemaking Partnership Workshop")
    app.setApplicationVersion(__version__)
    return app


def plan_list() -> list[Any]:
    """Return every session plan that loads (bundled and the facilitator's own)."""
    from workshop_app.core.plans import available_plans

    return list(available_plans().plans)


def build_main_window(uow_factory: Any) -> MainWindow:
    """Return the main window over a store."""
    controller = WorkshopController(uow_factory)
    return MainWindow(controller, RoomController(controller), plan_list)


def run_gui(db_target: str | None, argv: list[str], workshop_id: int | None = None) -> int:
    """Open the store and show the main window (with a workshop open, when given); return the exit code."""
    from workshop_app.store.database import open_store

    app = make_application(argv)
    errors.install_crash_dialog(app)
    load_fonts_and_style(app)
    try:
        store = open_store(db_target)
    except WorkshopError as error:
        print(error, file=sys.stderr)
        errors.show_error(None, str(error))
        return 2
    window = build_main_window(store)
    window.show()
    if workshop_id is not None:
        window.controller.open_workshop(workshop_id)
    _quit_after_ms(app, os.environ.get("WORKSHOP_APP_QUIT_AFTER_MS", ""))
    if os.environ.get("WORKSHOP_APP_QUIT_AFTER_SHOWN") == "1":
        _quit_once_shown(app)
    code = app.exec()
    store.close()
    return code


def _quit_after_ms(app: QApplication, value: str) -> None:
    """For tests: quit after the given number of milliseconds (nothing when the value is not a number)."""
    from PySide6.QtCore import QTimer

    if value.strip().isdigit():
        QTimer.singleShot(int(value), app.quit)


def _quit_once_shown(app: QApplication) -> None:
    """For benchmarks and smoke tests: print when the first events (the window shown) are done, then quit."""
    from PySide6.QtCore import QTimer

    def report() -> None:
        print(f"window shown at {time.time():.6f}", flush=True)
        app.quit()

    QTimer.singleShot(0, report)
