"""Starting the app on a store of 500 workshops, against a bare PySide6 window, in interleaved fresh processes.

startup_ratio: to the main window shown; list_ready_ratio: to the start page's list of workshops filled and painted;
loaded_ratio: to the workshop pages built as well (the app fully loaded). Each is the app's time over the bare
window's, per pair of runs. The app runs from compiled bytecode, as installed (a shell that sets
PYTHONDONTWRITEBYTECODE would otherwise make it compile its own modules at every start).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from bench.big_store import store_copy
from bench.figures import Figure, figure

ROOT = Path(__file__).resolve().parents[1]
BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.show()
QTimer.singleShot(0, lambda: (print(f"window shown at {time.time():.6f}", flush=True), app.quit()))
app.exec()
"""
MARKS = ("window shown", "list shown", "pages built")


def _marks_after(args: list[str], env: dict[str, str]) -> dict[str, float]:
    """Start a process and return the seconds from its start to each `<mark> at T` line it prints."""
    start = time.time()
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120, check=True)
    found = {}
    for line in done.stdout.splitlines():
        mark, _, at = line.rpartition(" at ")
        if mark in MARKS:
            found[mark] = float(at) - start
    return found


def startup_figures(folder: Path, runs: int = 5) -> list[Figure]:
    """Return startup_ratio, list_ready_ratio and loaded_ratio over `runs` interleaved pairs of processes."""
    db = store_copy(folder, "startup.sqlite3")
    env = {**os.environ, "WORKSHOP_APP_QUIT_AFTER_SHOWN": "1", "WORKSHOP_APP_DATA": str(folder / "startup-data"),
           "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app starts from compiled bytecode (pip and the bundle
    # compile it; the first run below writes it here), as the bare window's PySide6 does
    app = [sys.executable, "-m", "workshop_app", "--db", str(db)]
    _marks_after(app, env)  # a first run writes the store's -wal and fills the disk cache, as any later start finds
    ratios: dict[str, list[float]] = {mark: [] for mark in MARKS}
    for _ in range(runs):
        marks = _marks_after(app, env)
        bare = _marks_after([sys.executable, "-c", BARE_WINDOW], env)["window shown"]
        for mark in MARKS:
            ratios[mark].append(marks[mark] / bare)
    return [figure("startup_ratio", ratios["window shown"], "x"),
            figure("list_ready_ratio", ratios["list shown"], "x"),
            figure("loaded_ratio", ratios["pages built"], "x")]


if __name__ == "__main__":
    import tempfile

    for item in startup_figures(Path(tempfile.mkdtemp(prefix="workshop-bench-"))):
        print(item.line(), flush=True)
