"""SIGKILL during import, backup and migration: after each kill, is anything lost or any partial file left?

Each trial starts the real command line in a child process, kills it (SIGKILL) at a random moment
within its usual run time, then checks the store (SQLite's integrity_check, the workshops and their
ballots as before, or with the new workshop complete), the output (absent or a whole database) and
the folder (temporary files left by the kill, and after the next run of the same command).
Prints one `name: value` line per figure. Linux or macOS (it uses SIGKILL).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.scaled import scaled_record  # noqa: E402
from workshop_app.core.changes import perform  # noqa: E402
from workshop_app.core.workshop_record import save_record  # noqa: E402

TEMP_MARK = ".part"


def cli(db: Path, data: Path, *argv: str) -> subprocess.Popen[bytes]:
    """Start the command line on a store, with its own data folder."""
    env = {**os.environ, "WORKSHOP_APP_DATA": str(data), "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "workshop_app", "--db", str(db), *argv], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def finish(db: Path, data: Path, *argv: str) -> float:
    """Run a command to the end and return how long it took."""
    started = time.perf_counter()
    done = cli(db, data, *argv).wait()
    if done != 0:
        raise SystemExit(f"`{' '.join(argv)}` failed with exit code {done}")
    return time.perf_counter() - started


def kill_after(process: subprocess.Popen[bytes], delay: float) -> bool:
    """SIGKILL the process after delay seconds; return True if it was still running then."""
    try:
        process.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True


def snapshot(db: Path) -> tuple[str, dict[int, int]]:
    """Return SQLite's integrity verdict and the ballots of each workshop."""
    with sqlite3.connect(db) as connection:
        verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
        rows = connection.execute(
            "SELECT p.workshop_id, count(b.id) FROM proposal p JOIN vote_round r ON r.proposal_id = p.id "
            "JOIN ballot b ON b.round_id = r.id GROUP BY p.workshop_id").fetchall()
        workshops = [row[0] for row in connection.execute("SELECT id FROM workshop")]
    connection.close()
    counts = {w: 0 for w in workshops}
    counts.update({w: n for w, n in rows})
    return verdict, counts


def partial_files(folder: Path) -> list[Path]:
    """Return the temporary files a killed writer left in a folder."""
    return [p for p in folder.rglob("*") if TEMP_MARK in p.name]


def whole_database(path: Path) -> bool:
    """Return True if the file is a SQLite database that passes integrity_check."""
    try:
        with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as connection:
            ok = connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        connection.close()
        return ok
    except sqlite3.Error:
        return False


class Trials:
    """Counts of one kind of trial: kills that landed mid-run, losses, partial files."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.trials = self.mid_run = self.lost = self.partial_after_kill = self.partial_after_rerun = 0

    def figures(self) -> dict[str, int]:
        """Return the figures to print."""
        prefix = f"kill_{self.name}"
        return {f"{prefix}_trials": self.trials, f"{prefix}_killed_mid_run": self.mid_run,
                f"{prefix}_lost": self.lost, f"{prefix}_partial_files_after_kill": self.partial_after_kill,
                f"{prefix}_partial_files_after_next_run": self.partial_after_rerun}


def make_store(folder: Path, scale: int, copies: int, filler_mb: int) -> Path:
    """Return a store holding `copies` workshops, each the example at `scale` times its size, and filler_mb of data."""
    from workshop_app.store import open_store

    db = folder / "base.sqlite3"
    store = open_store(db)
    for _ in range(copies):
        perform(store, save_record, scaled_record(scale))
    store.close()
    with sqlite3.connect(db) as connection:  # bulk, so that copying and migrating take long enough to be hit
        connection.execute("CREATE TABLE bulk_attachment (data BLOB)")
        connection.executemany("INSERT INTO bulk_attachment VALUES (randomblob(?))", [(1 << 20,)] * filler_mb)
    connection.close()
    return db


def big_file(work: Path, scale: int) -> Path:
    """Write the example at `scale` times its size as an interchange file, exported from a store as users do."""
    from workshop_app.export.json_export import export_json
    from workshop_app.store import open_store

    store = open_store(work / "source.sqlite3")
    workshop_id = perform(store, save_record, scaled_record(scale)).value
    out = export_json(store, workshop_id, work / "big.json")
    store.close()
    return out


def import_trials(work: Path, base: Path, trials: int, rng: random.Random) -> Trials:
    """Kill `import` of a large file: the store keeps every workshop, and the new one is all there or absent."""
    result = Trials("import")
    source = big_file(work, scale=30)
    timing_db = work / "timing.sqlite3"
    shutil.copy(base, timing_db)
    duration = finish(timing_db, work / "data", "import", str(source))
    expected = max(snapshot(timing_db)[1].values())
    for _ in range(trials):
        db = work / "import.sqlite3"
        shutil.copy(base, db)
        verdict_before, before = snapshot(db)
        result.trials += 1
        result.mid_run += kill_after(cli(db, work / "data", "import", str(source)), rng.uniform(0.2, duration))
        verdict, after = snapshot(db)
        new = {w: n for w, n in after.items() if w not in before}
        kept = all(after.get(w) == n for w, n in before.items())
        whole = not new or list(new.values()) == [expected]
        result.lost += not (verdict == "ok" and kept and whole)
        result.partial_after_kill += len(partial_files(work / "data"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    return result


def backup_trials(work: Path, base: Path, trials: int, rng: random.Random) -> Trials:
    """Kill `backup --out`: the store is untouched, the copy is absent or whole, temporary files go next run."""
    result = Trials("backup")
    out_folder = work / "copies"
    out_folder.mkdir()
    duration = finish(base, work / "data", "backup", "--out", str(out_folder / "timing.sqlite3"))
    verdict_before, before = snapshot(base)
    for n in range(trials):
        out = out_folder / f"copy-{n}.sqlite3"
        result.trials += 1
        result.mid_run += kill_after(cli(base, work / "data", "backup", "--out", str(out)),
                                     rng.uniform(0.2, duration))
        verdict, after = snapshot(base)
        result.lost += not (verdict == verdict_before == "ok" and after == before
                            and (not out.exists() or whole_database(out)))
        result.partial_after_kill += len(partial_files(out_folder))
        if not out.exists():
            finish(base, work / "data", "backup", "--out", str(out))
        result.partial_after_rerun += len(partial_files(out_folder))
        result.lost += not whole_database(out)
    return result


def older_store(work: Path, base: Path) -> Path:
    """Return a copy of the store taken back one schema revision, so opening it migrates it (after a backup)."""
    from alembic import command
    from sqlalchemy import create_engine

    from workshop_app.store import migrate

    old = work / "old.sqlite3"
    shutil.copy(base, old)
    previous = migrate.script_directory().get_revision(migrate.head_revision()).down_revision
    engine = create_engine(f"sqlite:///{old}")
    with engine.connect() as connection:
        command.downgrade(migrate.alembic_config(connection), str(previous))
        connection.commit()
    engine.dispose()
    return old


def migration_trials(work: Path, base: Path, trials: int, rng: random.Random) -> Trials:
    """Kill the first open of an older store (backup, then migration): it is old or new, never half; backups whole."""
    from workshop_app.store import migrate

    result = Trials("migration")
    old = older_store(work, base)
    verdict_before, before = snapshot(old)
    timing = work / "timing-old.sqlite3"
    shutil.copy(old, timing)
    duration = finish(timing, work / "timing-data", "list")
    data = work / "migration-data"
    for _ in range(trials):
        db = work / "migrating.sqlite3"
        shutil.copy(old, db)
        result.trials += 1
        result.mid_run += kill_after(cli(db, data, "list"), rng.uniform(0.2, duration))
        verdict, after = snapshot(db)
        with sqlite3.connect(db) as connection:
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        connection.close()
        result.lost += not (verdict == "ok" and after == before and revision in migrate.known_revisions())
        result.partial_after_kill += len(partial_files(data))
        finish(db, data, "list")
        result.partial_after_rerun += len(partial_files(data))
        copies = sorted((data / "backups").glob("*.sqlite3"))
        result.lost += not all(whole_database(p) for p in copies)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    result.kept_backups = len(list((data / "backups").glob("*.sqlite3")))  # type: ignore[attr-defined]
    return result


def main() -> None:
    """Run the three kinds of trial and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20, help="trials of each kind (default 20)")
    parser.add_argument("--seed", type=int, default=20261130)
    parser.add_argument("--filler-mb", type=int, default=150, help="extra data in the store, in MiB (default 150)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="kill-trials-"))
    try:
        os.environ["WORKSHOP_APP_DATA"] = str(work / "setup-data")
        base = make_store(work, scale=20, copies=6, filler_mb=args.filler_mb)
        figures: dict[str, float] = {"store_mb": round(base.stat().st_size / 2**20, 1)}
        runs: list[Callable[[Path, Path, int, random.Random], Trials]] = [import_trials, backup_trials,
                                                                          migration_trials]
        print(f"store_mb: {figures['store_mb']}", flush=True)
        for run in runs:
            trials = run(work, base, args.trials, rng)
            figures.update(trials.figures())
            if hasattr(trials, "kept_backups"):
                figures["kill_migration_backups_kept"] = trials.kept_backups
            for name, value in trials.figures().items():
                print(f"{name}: {value}", flush=True)
        if hasattr(trials, "kept_backups"):
            print(f"kill_migration_backups_kept: {figures['kill_migration_backups_kept']}", flush=True)
        print(json.dumps(figures), file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
