"""Starts the GUI: the application object, the crash dialog, the main window, then the store behind it.

Only Qt and the light start page are imported before the window shows; the store (SQLAlchemy, Alembic) and the
workshop windows are loaded by ui/startup.py right after the first paint.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from workshop_app import __version__, paths
from workshop_app.ui import errors
from workshop_app.ui.main_window import MainWindow, attach_store

if TYPE_CHECKING:
    from workshop_app.core.plans import Plan
    from workshop_app.core.ports import UnitOfWorkFactory


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


def plan_list() -> list[Plan]:
    """Return every session plan that loads (bundled and the facilitator's own)."""
    from workshop_app.core.plans import available_plans

    return list(available_plans().plans)


def build_main_window(uow_factory: UnitOfWorkFactory) -> MainWindow:
    """Return the main window over a store, with every page built: its three steps back to back."""
    window = MainWindow(plan_list)
    attach_store(window, uow_factory)
    window.build_workshop_page()
    return window


def run_gui(db_target: str | None, argv: list[str], workshop_id: int | None = None) -> int:
    """Show the main window, then open the store behind it (and the workshop, when given); return the exit code.

    A store that cannot be opened shows its sentence and ends the app with exit code 2.
    """
    from workshop_app.ui.startup import Startup

    app = make_application(argv)
    errors.install_crash_dialog(app)
    load_fonts_and_style(app)
    window = MainWindow(plan_list)
    window.show()
    startup = Startup(app, window, db_target, workshop_id,
                      quit_when_loaded=os.environ.get("WORKSHOP_APP_QUIT_AFTER_SHOWN") == "1")
    _quit_after_ms(app, os.environ.get("WORKSHOP_APP_QUIT_AFTER_MS", ""))
    startup.begin()
    code = app.exec()
    startup.close()
    return code


def _quit_after_ms(app: QApplication, value: str) -> None:
    """For tests: quit after the given number of milliseconds (nothing when the value is not a number)."""
    from PySide6.QtCore import QTimer

    if value.strip().isdigit():
        QTimer.singleShot(int(value), app.quit)
