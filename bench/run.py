"""Benchmarks: prints one `name: value unit` line per figure, all measured in one run on this machine.

startup_ratio, vote_p95_ms, vote_p95_ms_60 (20 voters in 4 groups and 60 in 8, each casting once plus 10% changes
by taps and by keys on the shared screen, both screens painted: bench/vote_room.py), vote_ratio,
charter_s_typical/_10x/_100x, charter_s_typical_html/_docx, charter_scaling, peak_rss_mb, phone_p95_ms,
phone_p95_ms_400, push_p95_ms (phones against the app with its server inside the GUI process, bench/phone_app.py;
bench/phone_load.py runs the server alone).
Run: .venv/bin/python bench/run.py   (or `make bench`); `--only startup`, `vote`, `charter` or `phone`
measures just those figures.
"""

from __future__ import annotations

import argparse
import math
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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


def _shown_after(args: list[str], env: dict[str, str]) -> float:
    """Start a process and return the seconds until it prints 'window shown at T'."""
    start = time.time()
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("window shown at"))
    return float(line.split()[-1]) - start


def startup_ratio(folder: Path, runs: int = 5) -> float:
    """Median start-to-shown time of the app over that of a bare PySide6 window (interleaved runs)."""
    env = {**os.environ, "WORKSHOP_APP_QUIT_AFTER_SHOWN": "1", "WORKSHOP_APP_DATA": str(folder / "data"),
           "PYTHONPATH": str(ROOT)}
    db = folder / "startup.sqlite3"
    app_times, bare_times = [], []
    for _ in range(runs):
        app_times.append(_shown_after([sys.executable, "-m", "workshop_app", "--db", str(db)], env))
        bare_times.append(_shown_after([sys.executable, "-c", BARE_WINDOW], env))
    return statistics.median(app_times) / statistics.median(bare_times)


def bare_sqlite_commit_s(folder: Path, count: int = 500) -> float:
    """Median time of one insert and commit with plain sqlite3 in WAL mode, synchronous=FULL."""
    raw = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")
    raw.execute("CREATE TABLE ballot (id INTEGER PRIMARY KEY, participant INTEGER, choice TEXT, at TEXT)")
    times = []
    for n in range(count):
        start = time.perf_counter()
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("INSERT INTO ballot (participant, choice, at) VALUES (?, 'agree', datetime('now'))", (n,))
        raw.execute("COMMIT")
        times.append(time.perf_counter() - start)
    raw.close()
    return statistics.median(times)


def p95(values: list[float]) -> float:
    """Return the 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def charter_seconds(folder: Path, scale: int, repeats: int = 3, fmt: str = "pdf") -> float:
    """Best-of time to read and write the charter (PDF, HTML or Word) of the example workshop scaled by `scale`."""
    from bench.scaled import scaled_store
    from workshop_app.export.charter_formats import write_charter_as

    store, workshop_id = scaled_store(scale)
    best = math.inf
    for _ in range(repeats if scale < 100 else 1):
        start = time.perf_counter()
        write_charter_as(store, workshop_id, folder / f"charter-{scale}.{fmt}", fmt)
        best = min(best, time.perf_counter() - start)
    return best


def peak_rss_mb(folder: Path) -> float:
    """Peak memory of a GUI process that runs the example workshop through."""
    env = {**os.environ, "WORKSHOP_APP_DATA": str(folder / "rss-data"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "workshop_gui.py"), str(folder / "rss.sqlite3"),
                           str(folder / "rss.pdf")], capture_output=True, text=True, env=env, timeout=600, check=True)
    return float(done.stdout.split()[-1])


def charter_figures(folder: Path) -> None:
    """The charter's figures: the typical workshop in each format, then the PDF at 10x and 100x and its slope."""
    times = {scale: charter_seconds(folder, scale) for scale in (1, 10, 100)}
    for scale, name in ((1, "typical"), (10, "10x"), (100, "100x")):
        print(f"charter_s_{name}: {times[scale]:.3f} s", flush=True)
    for fmt in ("html", "docx"):
        print(f"charter_s_typical_{fmt}: {charter_seconds(folder, 1, fmt=fmt):.3f} s", flush=True)
    slope = statistics.linear_regression([math.log(s) for s in times], [math.log(t) for t in times.values()]).slope
    print(f"charter_scaling: {slope:.2f} exponent", flush=True)


def main() -> None:
    """Measure every figure (or only startup_ratio, with `--only startup`) and print it."""
    parser = argparse.ArgumentParser(description="Measure the benchmark figures and print one line each.")
    parser.add_argument("--only", choices=("startup", "vote", "charter", "phone"), help="measure only this figure")
    only = parser.parse_args().only
    folder = Path(tempfile.mkdtemp(prefix="workshop-bench-"))
    os.environ["WORKSHOP_APP_DATA"] = str(folder / "data")
    if only == "charter":
        charter_figures(folder)
        return
    if only == "phone":
        phone_figures(folder)
        return
    if only != "vote":
        print(f"startup_ratio: {startup_ratio(folder):.2f} x", flush=True)
    if only == "startup":
        return
    vote_figures(folder)
    if only == "vote":
        return
    charter_figures(folder)
    print(f"peak_rss_mb: {peak_rss_mb(folder):.1f} MiB", flush=True)
    phone_figures(folder)


def vote_figures(folder: Path) -> None:
    """The vote figures: a 20- and a 60-person room casting by taps and keys, both screens painted (vote_room.py)."""
    from bench.vote_room import print_vote_figures, vote_room_figures

    figures = vote_room_figures(folder)
    print_vote_figures(figures)
    print(f"vote_ratio: {figures['vote_median_ms'].median / 1000 / bare_sqlite_commit_s(folder):.2f} x", flush=True)


def phone_figures(folder: Path) -> None:
    """The phone figures: phones against the app with its server inside the GUI process (issue 16)."""
    from bench.phone_app import app_figures, print_figures

    print_figures(app_figures(folder))


if __name__ == "__main__":
    main()
