"""The GUI's start after the first paint: open (and migrate) the store, fill the start page, build the workshop pages.

The main window shows first with its start page; each heavy step then runs from the event loop, so the window is
on screen while SQLAlchemy, Alembic and the workshop windows load. A store that cannot be opened shows its one
sentence and ends the app with exit code 2.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from workshop_app.core.errors import WorkshopError
from workshop_app.ui import errors
from workshop_app.ui.main_window import MainWindow, attach_store

if TYPE_CHECKING:
    from workshop_app.store.database import Store

EXIT_STORE_ERROR = 2
EXIT_CRASH = 1


class Startup(QObject):
    """Loads the store and the workshop pages behind a main window that is already shown."""

    def __init__(self, app: QApplication, window: MainWindow, db_target: str | None, workshop_id: int | None,
                 quit_when_loaded: bool = False) -> None:
        super().__init__(app)
        self.app = app
        self.window = window
        self.db_target = db_target
        self.workshop_id = workshop_id
        self.quit_when_loaded = quit_when_loaded
        self.store: Store | None = None
        self.loaded = False
        self.list_shown = False

    def begin(self) -> None:
        """Start once the event loop runs: the window's first paint comes before any heavy step."""
        QTimer.singleShot(0, self._on_shown)

    def close(self) -> None:
        """Close the store, if it was opened."""
        if self.store is not None:
            self.store.close()
            self.store = None

    def _on_shown(self) -> None:
        if self.quit_when_loaded:
            print(f"window shown at {time.time():.6f}", flush=True)
        self._step(self._show_list_early)
        QTimer.singleShot(0, lambda: self._step(self._open_store))

    def _show_list_early(self) -> None:
        """Fill the start page straight from the store file (stdlib sqlite3) and paint it, before the ORM loads.

        Nothing is shown early when the file needs a migration or is not a file: the store's full opening fills it.
        """
        from workshop_app.store.quick_list import store_file, workshops_in_file

        workshops = workshops_in_file(store_file(self.db_target))
        if workshops is not None:
            self.window.show_workshops(workshops)
            self.window.repaint()  # on screen now: the next step (SQLAlchemy, Alembic) keeps the loop busy a while
            self._list_shown()

    def _list_shown(self) -> None:
        """Say when the list is on screen (for the startup benchmark), once."""
        if self.quit_when_loaded and not self.list_shown:
            print(f"list shown at {time.time():.6f}", flush=True)
        self.list_shown = True

    def _step(self, work: Callable[[], None]) -> None:
        """Run one step; a store error ends the app with its sentence, anything else goes to the crash dialog."""
        try:
            work()
        except WorkshopError as error:
            print(error, file=sys.stderr)
            errors.show_error(self.window, str(error))
            self.app.exit(EXIT_STORE_ERROR)
        except Exception:
            self.app.exit(EXIT_CRASH)
            raise

    def _open_store(self) -> None:
        from workshop_app.store.database import open_store

        self.store = open_store(self.db_target)
        attach_store(self.window, self.store)
        if not self.list_shown:
            self.window.repaint()
            self._list_shown()
        QTimer.singleShot(0, lambda: self._step(self._build_pages))

    def _build_pages(self) -> None:
        if self.workshop_id is not None:
            self.window.asked_to_open = self.workshop_id
        self.window.build_workshop_page()
        self.loaded = True
        if self.quit_when_loaded:
            print(f"pages built at {time.time():.6f}", flush=True)
            self.app.quit()
