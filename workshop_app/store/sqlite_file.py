"""Looking at a SQLite file without changing a byte of it, and copying it safely."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from workshop_app.core.errors import StoreError
from workshop_app.store.errors import disk_full_error, is_damaged, is_disk_full, is_locked, locked_error
from workshop_app.store.quick_list import read_only_uri

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 5.0
"""How long to wait for another program's lock before giving up."""


@dataclass(frozen=True)
class FileState:
    """What a store file holds, read before anything is allowed to write to it."""

    path: Path
    has_content: bool
    tables: frozenset[str]
    revisions: frozenset[str]

    @property
    def is_workshop_store(self) -> bool:
        """Return True if the file is new, empty, or was made by this app (it has alembic_version)."""
        return "alembic_version" in self.tables or not self.tables

    @property
    def revision(self) -> str | None:
        """Return the single revision recorded in the file, or None."""
        return next(iter(self.revisions)) if len(self.revisions) == 1 else None


def inspect_file(path: Path) -> FileState:
    """Return what the file holds, or raise StoreError if it cannot be a workshop store; never writes to it."""
    if not path.exists():
        _check_can_create(path)
        return FileState(path, False, frozenset(), frozenset())
    _check_writable(path)
    if path.stat().st_size == 0:
        return FileState(path, False, frozenset(), frozenset())
    header = _read_header(path)
    if not header.startswith(SQLITE_HEADER):
        raise StoreError(f"{path} is not a workshop store (it is not a SQLite database); choose another file.")
    return _read_schema(path, wal=header[18] == 2)


def _read_header(path: Path) -> bytes:
    """Return the first 100 bytes of a file."""
    try:
        with path.open("rb") as handle:
            return handle.read(100)
    except OSError as error:
        raise StoreError(f"{path} cannot be read ({error.strerror}); check its permissions and try again.") from error


def _check_can_create(path: Path) -> None:
    """Make sure the file's folder exists and can be written, so the store can be created."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            f"The folder for {path} cannot be created ({error.strerror}); choose another place for the store."
        ) from error
    if not os.access(path.parent, os.W_OK):
        raise StoreError(f"{path} cannot be created because its folder is read-only; choose another folder.")


def _check_writable(path: Path) -> None:
    """Make sure the file and its folder (where SQLite keeps its journal) can be written."""
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise StoreError(
            f"{path} is read-only or in a read-only folder; copy it to a folder you can write to and open that."
        )


def _read_schema(path: Path, wal: bool) -> FileState:
    """Read the table names and the Alembic revision from the file, read-only."""
    try:
        connection = sqlite3.connect(read_only_uri(path, wal), uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as error:
        raise StoreError(f"{path} cannot be opened ({error}); check its permissions and try again.") from error
    try:
        tables = frozenset(
            row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        )
        revisions: frozenset[str] = frozenset()
        if "alembic_version" in tables:
            revisions = frozenset(row[0] for row in connection.execute("SELECT version_num FROM alembic_version"))
    except sqlite3.DatabaseError as error:
        if is_locked(error):
            raise locked_error(str(path)) from error
        if is_disk_full(error):
            raise disk_full_error(str(path)) from error
        if is_damaged(error):
            raise StoreError(
                f"{path} is damaged or not a workshop store ({error}); restore it from a backup or choose another file."
            ) from error
        raise StoreError(f"{path} could not be read ({error}); check the disk and its permissions, then try again.") \
            from error
    finally:
        connection.close()
    return FileState(path, True, tables - {"sqlite_sequence"}, revisions)


def copy_database(source: sqlite3.Connection, out: Path) -> None:
    """Write a consistent copy of an open database into the new file out (the caller renames it into place)."""
    target = sqlite3.connect(out)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()
