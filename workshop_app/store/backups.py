"""The copies taken before a migration changes a store: written whole, the newest ten kept, one per failing store."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path

from workshop_app import files
from workshop_app.core.errors import StoreError, WorkshopError
from workshop_app.store.errors import is_locked, locked_error
from workshop_app.store.sqlite_file import BUSY_TIMEOUT_S, copy_database

KEEP = 10
"""How many pre-migration backups of one store are kept; older ones are removed after a new one is written."""


def _is_backup_of(path: Path, candidate: Path) -> bool:
    """Return True if candidate's name is a pre-migration backup of this store (<name>-<revision>-<time>.sqlite3)."""
    return re.fullmatch(rf"{re.escape(path.stem)}-[^-]+-\d{{8}}T\d{{12}}Z\.sqlite3", candidate.name) is not None


def _failed_marker(path: Path, folder: Path) -> Path:
    """Return the note that says which backup holds a store whose migration failed."""
    return folder / f".{path.stem}.failed-migration.json"


def _signature(path: Path) -> list[int]:
    """Return what changes whenever the store is written: the file's size and time, and its -wal's size."""
    stat = path.stat()
    wal = Path(f"{path}-wal")
    return [stat.st_size, stat.st_mtime_ns, wal.stat().st_size if wal.exists() else 0]


def _backup_of_failed_attempt(path: Path, revision: str | None, folder: Path) -> Path | None:
    """Return the backup taken when this very store last failed to migrate, if it has not changed since."""
    try:
        note = json.loads(_failed_marker(path, folder).read_text(encoding="utf-8"))
        backup = folder / str(note["backup"])
        same = note["store"] == str(path) and note["revision"] == revision and note["signature"] == _signature(path)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return backup if same and backup.is_file() else None


def remember_failed_migration(path: Path, revision: str | None, backup: Path) -> None:
    """Note that the store (as it is now) failed to migrate and that backup already holds it."""
    note = {"store": str(path), "revision": revision, "backup": backup.name, "signature": _signature(path)}
    try:
        files.write_text(_failed_marker(path, backup.parent), json.dumps(note))
    except (OSError, WorkshopError):
        pass  # without the note the next attempt takes one more backup, which is safe


def backup_before_migration(path: Path, revision: str | None, folder: Path) -> Path:
    """Copy the store into folder as <name>-<revision>-<UTC time>.sqlite3 (whole or not at all); return the copy.

    A store that already failed to migrate and has not changed since is not copied again; after a new
    copy only the newest KEEP backups of this store are kept.
    """
    earlier = _backup_of_failed_attempt(path, revision, folder)
    if earlier is not None:
        return earlier
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    out = folder / f"{path.stem}-{revision or 'base'}-{stamp}.sqlite3"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        files.remove_stale_temps_in(folder)
        for legacy in folder.glob("*.sqlite3.partial"):  # left by versions before 0.2 when a backup was killed
            legacy.unlink(missing_ok=True)
        source = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
        try:
            files.write_file(out, lambda temp: copy_database(source, temp))
        finally:
            source.close()
    except (OSError, sqlite3.Error, WorkshopError) as error:
        if isinstance(error, sqlite3.Error) and is_locked(error):
            raise locked_error(str(path)) from error
        raise StoreError(
            f"{path} was not upgraded because a backup could not be written to {folder} ({error}); "
            "free some disk space or fix that folder's permissions and try again."
        ) from error
    rotate(path, folder)
    return out


def rotate(path: Path, folder: Path, keep: int = KEEP) -> list[Path]:
    """Remove all but the newest `keep` pre-migration backups of one store; return the removed files."""
    backups = sorted((p for p in folder.iterdir() if _is_backup_of(path, p)), key=lambda p: p.name.rsplit("-", 1)[-1])
    removed = backups[:-keep] if len(backups) > keep else []
    for old in removed:
        old.unlink(missing_ok=True)
    return removed
