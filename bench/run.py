"""Benchmarks: measures the app as people use it and prints one line per figure: `name: median unit (spread)`.

Each group of figures lives in its own module; this runs them in order (or only the groups named with `--only`):
  startup    startup_ratio, list_ready_ratio, loaded_ratio: starting on a 500-workshop store (bench/startup.py)
  vote       vote_p95_ms, vote_p95_ms_60 (20 voters in 4 groups, 60 in 8; taps and keys), vote_ratio (bench/vote_room.py)
  phone      phone_p95_ms, phone_p95_ms_400, push_p95_ms (bench/phone_app.py)
  cli        cli_list_s, cli_export_s, cli_import_s: whole commands on the 500-workshop store (bench/cli_times.py)
  exponents  export/import/charter at 1x, 10x, 100x and their fitted exponents; charter_s_typical (bench/exponents.py)
  memory     peak_rss_mb: both screens, 500-workshop store, the example run through (bench/memory.py)
Every figure is the median of several interleaved runs, printed with its spread.
Run: .venv/bin/python bench/run.py [--only GROUP ...] [--runs N]   (or `make bench`)
"""

from __future__ import annotations

import argparse
import importlib
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

Lines = Iterable[Any]
"""What a group gives: figures (bench.figures.Figure, printed with .line()) or lines already written."""


def _group(module: str, function: str) -> Callable[[Path, int | None], Lines]:
    """Return a runner that imports bench.<module> only when its group runs and calls its figures function."""

    def run(folder: Path, runs: int | None) -> Lines:
        measure = getattr(importlib.import_module(f"bench.{module}"), function)
        return measure(folder) if runs is None else measure(folder, runs)

    return run


def bare_sqlite_commit_s(folder: Path, count: int = 500) -> float:
    """Median time of one insert and commit with plain sqlite3 in WAL mode, synchronous=FULL."""
    raw = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")
    raw.execute("CREATE TABLE IF NOT EXISTS ballot (id INTEGER PRIMARY KEY, participant INTEGER, choice TEXT, at TEXT)")
    times = []
    for n in range(count):
        start = time.perf_counter()
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("INSERT INTO ballot (participant, choice, at) VALUES (?, 'agree', datetime('now'))", (n,))
        raw.execute("COMMIT")
        times.append(time.perf_counter() - start)
    raw.close()
    return statistics.median(times)


def _vote(folder: Path, runs: int | None) -> Lines:
    """The vote figures: a 20- and a 60-person room casting by taps and keys, both screens painted (vote_room.py)."""
    from bench.vote_room import print_vote_figures, vote_room_figures

    figures = vote_room_figures(folder) if runs is None else vote_room_figures(folder, runs)
    print_vote_figures(figures)
    return [f"vote_ratio: {figures['vote_median_ms'].median / 1000 / bare_sqlite_commit_s(folder):.2f} x "
            "(median cast over a bare SQLite WAL, synchronous=FULL insert and commit)"]


def _phone(folder: Path, runs: int | None) -> Lines:
    """The phone figures: phones against the app with its server inside the GUI (bench/phone_app.py prints them)."""
    from bench.phone_app import app_figures, print_figures

    print_figures(app_figures(folder) if runs is None else app_figures(folder, runs))
    return []


GROUPS: dict[str, Callable[[Path, int | None], Lines]] = {
    "startup": _group("startup", "startup_figures"),
    "vote": _vote,
    "phone": _phone,
    "cli": _group("cli_times", "cli_figures"),
    "exponents": _group("exponents", "exponent_figures"),
    "memory": _group("memory", "memory_figures"),
}


def main(argv: list[str] | None = None) -> None:
    """Measure every group of figures (or those named with --only) and print one line per figure."""
    parser = argparse.ArgumentParser(description="Measure the benchmark figures and print one line each.")
    parser.add_argument("--only", action="append", choices=tuple(GROUPS), metavar="GROUP",
                        help=f"measure only this group ({', '.join(GROUPS)}); may be given more than once")
    parser.add_argument("--runs", type=int, default=None, help="interleaved runs per figure (each group's own default)")
    parser.add_argument("--folder", type=Path, default=None,
                        help="work folder (kept; its 500-workshop store is reused by a later run)")
    args = parser.parse_args(argv)
    folder = args.folder or Path(tempfile.mkdtemp(prefix="workshop-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["WORKSHOP_APP_DATA"] = str(folder / "data")
    for name in args.only or GROUPS:
        for item in GROUPS[name](folder, args.runs):
            print(item if isinstance(item, str) else item.line(), flush=True)


if __name__ == "__main__":
    main()
