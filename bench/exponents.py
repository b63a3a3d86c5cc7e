"""How export, import and the charter grow: each timed at 1x, 10x and 100x the example (with one audit entry per
ballot, as a real run leaves), in interleaved runs, and each run's times fitted as t = a + b·n^k.

export_exponent, import_exponent, charter_exponent: the median k of the runs, with its spread; the time at each size
is printed too (export_s_1x ...). Also charter_s_typical in PDF, HTML and Word.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bench.figures import Figure, figure, fitted_exponent, interleaved
from bench.scaled import scaled_store

SCALES = (1, 10, 100)
JOBS = ("export", "import", "charter")


def _timed(work: Callable[[], Any]) -> float:
    """Return the seconds one call takes."""
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


class ScaledRuns:
    """The scaled stores (one file per size) and the timed jobs on them."""

    def __init__(self, folder: Path) -> None:
        from workshop_app.export.json_export import export_json

        self.folder = folder
        self.stores = {n: scaled_store(n, folder / f"scaled-{n}.sqlite3") for n in SCALES}
        self.runs = 0
        for n, (store, workshop_id) in self.stores.items():  # the file each import reads
            export_json(store, workshop_id, self.export_file(n))

    def export_file(self, n: int) -> Path:
        """Return the JSON file of the workshop at size n."""
        return self.folder / f"scaled-{n}.json"

    def export(self, n: int) -> float:
        """Time `export` of the workshop at size n to a JSON file."""
        from workshop_app.export.json_export import export_json

        store, workshop_id = self.stores[n]
        return _timed(lambda: export_json(store, workshop_id, self.folder / f"out-{n}.json"))

    def import_(self, n: int) -> float:
        """Time `import` of the size-n file into a new store (opened and migrated before the clock starts)."""
        from workshop_app.export.json_export import import_json
        from workshop_app.store.database import open_store

        self.runs += 1
        store = open_store(self.folder / f"import-{n}-{self.runs}.sqlite3")
        try:
            return _timed(lambda: import_json(store.planned, self.export_file(n)))
        finally:
            store.close()

    def charter(self, n: int, fmt: str = "pdf") -> float:
        """Time the charter (PDF unless told) of the workshop at size n."""
        from workshop_app.export.charter_formats import write_charter_as

        store, workshop_id = self.stores[n]
        return _timed(lambda: write_charter_as(store, workshop_id, self.folder / f"charter-{n}.{fmt}", fmt))

    def close(self) -> None:
        """Close the scaled stores."""
        for store, _ in self.stores.values():
            store.close()


def exponent_figures(folder: Path, runs: int = 3) -> Iterator[Figure]:
    """Yield each job's time at each size and its fitted exponent, over `runs` interleaved runs."""
    scaled = ScaledRuns(folder)
    jobs = {"export": scaled.export, "import": scaled.import_, "charter": scaled.charter}
    try:
        for job in JOBS:  # a first call loads modules and fonts, which no size should be charged for
            jobs[job](SCALES[0])
        measures = {(job, n): (lambda job=job, n=n: jobs[job](n)) for job in JOBS for n in SCALES}
        times = interleaved(measures, runs)
        for job in JOBS:
            for n in SCALES:
                yield figure(f"{job}_s_{n}x", times[(job, n)], "s", 3)
            exponents = [fitted_exponent(SCALES, [times[(job, n)][r] for n in SCALES]) for r in range(runs)]
            yield figure(f"{job}_exponent", exponents, "k")
        formats = {fmt: (lambda fmt=fmt: scaled.charter(1, fmt)) for fmt in ("pdf", "html", "docx")}
        for fmt, values in interleaved(formats, runs).items():
            yield figure("charter_s_typical" + ("" if fmt == "pdf" else f"_{fmt}"), values, "s", 3)
    finally:
        scaled.close()


if __name__ == "__main__":
    import sys
    import tempfile

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    for item in exponent_figures(Path(tempfile.mkdtemp(prefix="workshop-bench-")), runs):
        print(item.line(), flush=True)
