"""Peak memory of the app as a facilitator runs it: a laptop and a projector (two offscreen screens, so the shared
screen is painted), the stylesheet loaded, a store of 500 workshops listed, then the example workshop run through
(every stage on both screens, a vote, the charter). peak_rss_mb is the GUI process's own peak (VmHWM), per run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bench.big_store import store_copy
from bench.figures import Figure, figure

ROOT = Path(__file__).resolve().parents[1]
SCREENS = {"screens": [
    {"name": "Laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
    {"name": "Projector", "x": 1366, "y": 0, "width": 1280, "height": 720, "logicalDpi": 96, "logicalBaseDpi": 96,
     "dpr": 1},
]}
"""A 1366x768 laptop and a 1280x720 projector beside it."""


def two_screens(folder: Path) -> str:
    """Write the two screens' file and return the QT_QPA_PLATFORM value that gives Qt both, offscreen."""
    path = (folder / "two-screens.json").resolve()
    path.write_text(json.dumps(SCREENS), encoding="utf-8")
    return f"offscreen:configfile={path}"


def memory_figures(folder: Path, runs: int = 3) -> list[Figure]:
    """Return peak_rss_mb over `runs` fresh GUI processes, each on its own copy of the 500-workshop store."""
    env = {**os.environ, "QT_QPA_PLATFORM": two_screens(folder), "WORKSHOP_APP_DATA": str(folder / "rss-data"),
           "PYTHONPATH": str(ROOT)}
    peaks = []
    for run in range(runs):
        db = store_copy(folder, f"rss-{run}.sqlite3")
        done = subprocess.run([sys.executable, str(ROOT / "bench" / "workshop_gui.py"), str(db),
                               str(folder / f"rss-{run}.pdf")], capture_output=True, text=True, env=env, timeout=900,
                              check=True)
        peaks.append(float(done.stdout.split()[-1]))
    return [figure("peak_rss_mb", peaks, "MiB", 1)]


if __name__ == "__main__":
    import tempfile

    for item in memory_figures(Path(tempfile.mkdtemp(prefix="workshop-bench-"))):
        print(item.line(), flush=True)
