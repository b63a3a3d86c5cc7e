"""The rotating log and the crash handler: every unexpected error is written down, none is lost (no Qt here)."""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import IO

from workshop_app import __version__, paths

LOG_NAME = "workshop-app.log"
FAULT_LOG_NAME = "faults.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5

logger = logging.getLogger("workshop_app")

CrashCallback = Callable[[str, Path], None]


def log_path() -> Path:
    """Return the rotating log file in the user's log folder."""
    return paths.log_dir() / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the workshop_app logger to the rotating log (about 1 MB x 5 files) and return the log's path."""
    path = log_path()
    for handler in logger.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    for handler in list(logger.handlers):
        if isinstance(handler, RotatingFileHandler):
            logger.removeHandler(handler)
            handler.close()
    handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    return path


def summarize(exc: BaseException) -> str:
    """Return a one-line summary of an exception, such as 'ValueError: bad value'."""
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def record_crash(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> Path:
    """Write an exception's full traceback to the rotating log and return the log's path."""
    path = setup_logging()
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    logger.critical("Unexpected error (workshop-app %s):\n%s", __version__, text.rstrip())
    for handler in logger.handlers:
        handler.flush()
    return path


def print_crash(summary: str, path: Path) -> None:
    """Tell the person on the terminal, in one sentence, that something went wrong and where the details are."""
    print(
        f"workshop-app hit an unexpected error ({summary}); the details are in {path}.",
        file=sys.stderr,
    )


class CrashHandler:
    """The installed hooks: sys.excepthook, threading.excepthook and faulthandler, all writing to the log folder."""

    def __init__(self, on_crash: CrashCallback | None) -> None:
        """Remember the callback; install() puts the hooks in place."""
        self.on_crash = on_crash
        self.log_path = setup_logging()
        self.fault_path = paths.log_dir() / FAULT_LOG_NAME
        self._fault_file: IO[str] | None = None
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook

    def install(self) -> None:
        """Put the hooks in place and enable faulthandler on a file kept open for the process's life."""
        self._fault_file = open(self.fault_path, "a", encoding="utf-8")  # noqa: SIM115 - must stay open
        faulthandler.enable(file=self._fault_file, all_threads=True)
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        """Restore the hooks found at install time and close the fault file."""
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook
        faulthandler.disable()
        if self._fault_file is not None:
            self._fault_file.close()
            self._fault_file = None

    def handle(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        """Log an uncaught exception, then tell the person (through the callback, or on the terminal)."""
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        path = record_crash(exc_type, exc, tb)
        summary = summarize(exc)
        if self.on_crash is None:
            print_crash(summary, path)
            return
        try:
            self.on_crash(summary, path)
        except Exception as callback_error:  # the dialog itself failed: fall back to the terminal
            record_crash(type(callback_error), callback_error, callback_error.__traceback__)
            print_crash(summary, path)

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        """Log an exception that ended a thread (SystemExit ends a thread quietly, as usual)."""
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)


_active: CrashHandler | None = None


def install_crash_handler(on_crash: CrashCallback | None = None) -> CrashHandler:
    """Install the crash handler (replacing one installed before) and return it; on_crash(summary, log) is optional."""
    global _active
    if _active is not None:
        _active.uninstall()
    _active = CrashHandler(on_crash)
    _active.install()
    return _active


def uninstall_crash_handler() -> None:
    """Remove the installed crash handler, if any, restoring the previous hooks."""
    global _active
    if _active is not None:
        _active.uninstall()
        _active = None

