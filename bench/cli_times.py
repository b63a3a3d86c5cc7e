"""Commands as a person runs them: each a whole `workshop-app` process on the 500-workshop store, interleaved.

cli_list_s: `list`; cli_export_s: `export ID --out FILE.json` of one example workshop; cli_import_s: `import FILE`
of that file (into a copy of the store, with --allow-duplicate); cli_python_s: a bare Python that imports sqlite3,
the floor every command stands on.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from bench.big_store import store_copy
from bench.figures import Figure, figure, interleaved

ROOT = Path(__file__).resolve().parents[1]


def command() -> list[str]:
    """Return how a person starts the command line: the installed `workshop-app` beside this Python."""
    script = Path(sys.executable).with_name("workshop-app")
    return [str(script)] if script.exists() else [sys.executable, "-m", "workshop_app"]


def _seconds(args: list[str], env: dict[str, str]) -> float:
    """Return the wall-clock seconds of one whole process (which must succeed)."""
    start = time.perf_counter()
    subprocess.run(args, capture_output=True, env=env, timeout=300, check=True)
    return time.perf_counter() - start


def cli_figures(folder: Path, runs: int = 7) -> list[Figure]:
    """Return the command times over `runs` interleaved rounds."""
    db = store_copy(folder, "cli.sqlite3")
    imports = store_copy(folder, "cli-imports.sqlite3")
    env = {**os.environ, "WORKSHOP_APP_DATA": str(folder / "cli-data"), "PYTHONPATH": str(ROOT)}
    app, out = command(), folder / "cli-export.json"
    export = [*app, "--db", str(db), "export", "1", "--out", str(out), "--force"]
    subprocess.run(export, capture_output=True, env=env, timeout=300, check=True)  # the file import reads
    measures = {
        "cli_list_s": lambda: _seconds([*app, "--db", str(db), "list"], env),
        "cli_export_s": lambda: _seconds(export, env),
        "cli_import_s": lambda: _seconds([*app, "--db", str(imports), "import", str(out), "--allow-duplicate"], env),
        "cli_python_s": lambda: _seconds([sys.executable, "-c", "import sqlite3"], env),
    }
    return [figure(name, values, "s", 3) for name, values in interleaved(measures, runs).items()]


if __name__ == "__main__":
    import tempfile

    for item in cli_figures(Path(tempfile.mkdtemp(prefix="workshop-bench-"))):
        print(item.line(), flush=True)
