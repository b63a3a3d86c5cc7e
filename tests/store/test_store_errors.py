"""Errors that say what is true (full disk is not damage, unknown --db schemes), and pre-migration backups that stay small."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from workshop_app import cli, paths
from workshop_app.core.errors import StoreError
from workshop_app.store import open_store, sqlite_file


def disk_full_error() -> sqlite3.Error:
    """SQLite's own SQLITE_FULL error: a database that may not grow is asked to."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("CREATE TABLE t (x)")
        connection.execute("PRAGMA max_page_count = 2")
        connection.execute("INSERT INTO t VALUES (randomblob(100000))")
    except sqlite3.Error as error:
        assert error.sqlite_errorcode == 13  # SQLITE_FULL
        return error
    finally:
        connection.close()
    raise AssertionError("the database grew")


class FailingConnection:
    """A read-only connection whose first query meets the given SQLite error."""

    def __init__(self, error: sqlite3.Error) -> None:
        self.error = error

    def execute(self, *_args: Any) -> Any:
        raise self.error

    def close(self) -> None:
        pass


def test_a_full_disk_while_opening_is_not_called_damage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "w.sqlite3"
    open_store(db).close()
    full = disk_full_error()
    monkeypatch.setattr(sqlite_file.sqlite3, "connect", lambda *_a, **_k: FailingConnection(full))
    with pytest.raises(StoreError) as info:
        open_store(db)
    assert "disk is full" in str(info.value) and "not damaged" in str(info.value)
    assert "restore it from a backup" not in str(info.value)


def test_a_damaged_file_is_still_called_damaged(tmp_path: Path) -> None:
    db = tmp_path / "w.sqlite3"
    open_store(db).close()
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the first page's schema is garbage, the header intact
    db.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="is damaged"):
        open_store(db)


def test_a_full_disk_during_a_write_is_not_called_damage() -> None:
    from sqlalchemy import exc

    from workshop_app.store.errors import translated

    with pytest.raises(StoreError) as info, translated("the store"):
        raise exc.OperationalError("INSERT", {}, disk_full_error())
    assert str(info.value).startswith("The disk is full") and "not damaged" in str(info.value)


@pytest.mark.parametrize("address", ["mysql://ann@db.example/w", "foo://x", "mssql+pyodbc://h/d", "oracle://h/d"])
def test_an_unknown_db_scheme_is_one_sentence_and_exit_2(
    address: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--db", address, "list"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "sqlite://" in err and "unexpected" not in err
    assert not paths.log_dir().exists() or not any(paths.log_dir().iterdir())


def test_a_missing_driver_is_one_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", "postgresql+nosuchdriver://h/d", "list"]) == cli.EXIT_ERROR
    assert "driver" in capsys.readouterr().err


def _old_store(path: Path) -> None:
    """A store at the base revision (no migrations run yet) holding one row, so it is backed up before migrating."""
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
        raw.execute("CREATE TABLE workshop (id INTEGER PRIMARY KEY)")  # clashes with migration 0001: it fails
        raw.execute("INSERT INTO workshop VALUES (1)")
    raw.close()


def _backups() -> list[Path]:
    folder = paths.backups_dir()
    return sorted(folder.iterdir()) if folder.exists() else []


def test_a_store_that_fails_to_migrate_is_backed_up_once(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    _old_store(db)
    for _attempt in range(3):
        with pytest.raises(StoreError):
            open_store(db)
    copies = [p for p in _backups() if p.suffix == ".sqlite3"]
    assert len(copies) == 1 and copies[0].name.startswith("old-base-")
    with sqlite3.connect(db) as raw:
        raw.execute("INSERT INTO workshop VALUES (2)")  # an older app wrote to it: the next attempt copies again
    raw.close()
    with pytest.raises(StoreError):
        open_store(db)
    assert len([p for p in _backups() if p.suffix == ".sqlite3"]) == 2


def test_only_the_newest_ten_backups_of_a_store_are_kept(tmp_path: Path) -> None:
    from workshop_app.store import backups

    db = tmp_path / "w.sqlite3"
    open_store(db).close()
    folder = paths.backups_dir()
    folder.mkdir(parents=True)
    old = [folder / f"w-0001-202501{day:02d}T120000000000Z.sqlite3" for day in range(1, 13)]
    other = folder / "another-0001-20250101T120000000000Z.sqlite3"
    for path in [*old, other]:
        path.write_bytes(b"old copy")
    made = backups.backup_before_migration(db, "0003", folder)
    kept = sorted(p.name for p in folder.iterdir())
    assert len([name for name in kept if name.startswith("w-")]) == backups.KEEP
    assert made.name in kept and other.name in kept and old[0].name not in kept and old[2].name not in kept


def test_a_killed_backup_leaves_no_partial_file_after_the_next_one(tmp_path: Path) -> None:
    db = tmp_path / "w.sqlite3"
    open_store(db).close()
    folder = paths.backups_dir()
    folder.mkdir(parents=True)
    code = ("import os, sqlite3, sys; from workshop_app.store import backups; "
            "from workshop_app import files; import workshop_app.store.sqlite_file as f; "
            "real = f.copy_database\n"
            "def die(source, temp):\n    real(source, temp); os.kill(os.getpid(), 9)\n"
            "backups.copy_database = die\n"
            f"backups.backup_before_migration(__import__('pathlib').Path({str(db)!r}), '0002', "
            f"__import__('pathlib').Path({str(folder)!r}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == -9, done.stderr
    from workshop_app.store import backups

    leftover = [p for p in folder.iterdir() if ".part" in p.name]
    assert leftover and not [p for p in folder.iterdir() if p.suffix == ".sqlite3"]
    (folder / "w-base-20250101T120000000000Z.sqlite3.partial").write_bytes(b"from an older version")
    backups.backup_before_migration(db, "0002", folder)
    assert [p.suffix for p in folder.iterdir()] == [".sqlite3"]


def test_a_refused_backup_target_never_reaches_sqlite(tmp_path: Path) -> None:
    from workshop_app import files

    store = open_store(tmp_path / "w.sqlite3")
    try:
        with pytest.raises(files.FileExists):
            (tmp_path / "exists.bin").write_bytes(b"mine")
            store.backup(tmp_path / "exists.bin")
        assert (tmp_path / "exists.bin").read_bytes() == b"mine"
    finally:
        store.close()
    assert os.path.exists(tmp_path / "w.sqlite3")
