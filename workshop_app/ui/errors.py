"""Every message box the app shows goes through here, so tests can replace them; also the crash dialog."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from workshop_app import logs, paths

if TYPE_CHECKING:
    from workshop_app.core.ports import UnitOfWorkFactory

TITLE = "Changemaking Partnership Workshop"


def show_error(parent: QWidget | None, sentence: str) -> None:
    """Show one sentence that says what went wrong and what to do, and wait for OK."""
    box = QMessageBox(QMessageBox.Icon.Warning, TITLE, sentence, QMessageBox.StandardButton.Ok, parent)
    box.exec()


def confirm(parent: QWidget | None, question: str, action: str) -> bool:
    """Ask a yes/no question whose Yes button names the action; return True when confirmed."""
    box = QMessageBox(QMessageBox.Icon.Question, TITLE, question, QMessageBox.StandardButton.Cancel, parent)
    yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes


def save_target(parent: QWidget | None, chosen: Path | None, uow_factory: UnitOfWorkFactory) -> Path | None:
    """Check a file chosen in a save dialog: refuse a store or database (saying why), ask before replacing a file.

    Returns the path to write, or None when nothing should be written.
    """
    if chosen is None:
        return None
    from workshop_app import files  # not before the first window: it loads ctypes

    stores = [p for p in (getattr(uow_factory, "path", None), paths.default_db_path()) if p is not None]
    try:
        return files.check_file(chosen, force=False, protect=stores)
    except files.FileExists as exists:
        question = (f"There is already a file called {exists.path.name} in {exists.path.parent}. "
                    "Do you want to replace it with the new one?")
        return exists.path if confirm(parent, question, "Replace it") else None
    except files.FileRefused as refused:
        show_error(parent, str(refused))
        return None


def crash_text(summary: str, log_path: Path) -> str:
    """Return the crash dialog's message: what happened, that the work is saved, and where the log is."""
    return (
        "Something went wrong inside the app.\n\n"
        "Your work so far is saved: every vote, score and note is stored the moment it is made.\n\n"
        f"The details are in {log_path}; please send that file to whoever supports the app.\n\n"
        f"({summary})"
    )


def show_crash(parent: QWidget | None, summary: str, log_path: Path) -> None:
    """Tell the facilitator that something went wrong, that the work is saved, and where the log is."""
    box = QMessageBox(
        QMessageBox.Icon.Critical, TITLE, crash_text(summary, log_path), QMessageBox.StandardButton.Ok, parent
    )
    box.exec()


class CrashRelay(QObject):
    """Brings crash reports from any thread to the GUI thread and shows one dialog at a time."""

    crashed = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        """Connect the signal to the dialog slot (queued when it comes from another thread)."""
        super().__init__(parent)
        self._showing = False
        self.crashed.connect(self._on_crash_reported)

    def report(self, summary: str, log_path: Path) -> None:
        """Ask for the crash dialog; safe to call from any thread."""
        self.crashed.emit(summary, str(log_path))

    @Slot(str, str)
    def _on_crash_reported(self, summary: str, log_path: str) -> None:
        """Show the crash dialog, unless one is already open (the log keeps every report)."""
        if self._showing:
            return
        self._showing = True
        try:
            show_crash(QApplication.activeWindow(), summary, Path(log_path))
        finally:
            self._showing = False


def install_crash_dialog(app: QApplication) -> CrashRelay:
    """Install the crash handler so that uncaught errors are logged and shown in a dialog; call once the app exists."""
    relay = CrashRelay(app)
    logs.install_crash_handler(on_crash=relay.report)
    return relay
