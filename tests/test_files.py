"""The output guard: no --out replaces a store or another database, other files need --force, writes are whole."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.interchange_fixtures import EXAMPLE
from workshop_app import cli
from workshop_app.export.csv_export import FILES


def digest(path: Path) -> str:
    """Return a file's SHA-256, to show it was not touched."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    """A store holding the example workshop (id 1), in its own folder."""
    path = tmp_path / "store" / "workshops.sqlite3"
    path.parent.mkdir()
    assert cli.main(["--db", str(path), "import", str(EXAMPLE)]) == 0
    return path


def run(db: Path, *argv: str) -> int:
    """Run a sub-command on the store."""
    return cli.main(["--db", str(db), *argv])


def store_targets(db: Path) -> list[Path]:
    """The store file and its journal files' names."""
    return [db, *(Path(f"{db}{suffix}") for suffix in ("-wal", "-shm", "-journal"))]


@pytest.mark.parametrize("command", [
    ["export", "1", "--out"], ["export", "1", "--format", "csv", "--out"], ["charter", "1", "--out"],
    ["backup", "--out"],
])
def test_no_command_writes_over_the_store_or_its_journal_files(
    db: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(db)
    capsys.readouterr()
    for target in store_targets(db):
        assert run(db, *command, str(target), "--force") == cli.EXIT_ERROR
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "store or one of its files" in err
    assert digest(db) == before
    assert [p for p in store_targets(db)[1:] if p.exists() and p.stat().st_size] == []
    assert run(db, "list") == cli.EXIT_OK and "Northside" in capsys.readouterr().out


@pytest.mark.parametrize("command", [["export", "1", "--out"], ["charter", "1", "--out"], ["backup", "--out"]])
def test_another_store_or_backup_is_never_replaced_even_with_force(
    db: Path, tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.sqlite3"
    assert run(other, "import", str(EXAMPLE)) == cli.EXIT_OK
    plain = tmp_path / "notes.db"
    with sqlite3.connect(plain) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    capsys.readouterr()
    for target in (other, plain):
        before = digest(target)
        assert run(db, *command, str(target), "--force") == cli.EXIT_ERROR
        assert "is a database" in capsys.readouterr().err
        assert digest(target) == before


@pytest.mark.parametrize("command", [["export", "1", "--out"], ["charter", "1", "--out"], ["backup", "--out"]])
def test_an_existing_file_is_replaced_only_with_force(
    db: Path, tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine.txt"
    out.write_text("my own notes")
    capsys.readouterr()
    assert run(db, *command, str(out)) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists; add --force" in err and out.read_text() == "my own notes"
    assert run(db, *command, str(out), "--force") == cli.EXIT_OK
    assert out.read_bytes() != b"my own notes"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_the_csv_folder_needs_force_and_a_folder_of_other_files_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "open-data"
    assert run(db, "export", "1", "--format", "csv", "--out", str(out)) == cli.EXIT_OK
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    capsys.readouterr()
    assert run(db, "export", "1", "--format", "csv", "--out", str(out)) == cli.EXIT_ERROR
    assert "add --force" in capsys.readouterr().err
    (out / "votes.csv").write_text("old")
    assert run(db, "export", "1", "--format", "csv", "--out", str(out), "--force") == cli.EXIT_OK
    assert (out / "votes.csv").read_text(encoding="utf-8-sig").startswith("proposal_id")
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "thesis.docx").write_text("years of work")
    assert run(db, "export", "1", "--format", "csv", "--out", str(tmp_path / "documents"), "--force") == 2
    assert "holds other files" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "documents").iterdir()] == ["thesis.docx"]


def test_a_csv_export_stopped_by_a_full_disk_leaves_the_old_folder_whole(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "open-data"
    out.mkdir()
    old = {name: f"old {name}".encode() for name in FILES}
    for name, data in old.items():
        (out / name).write_bytes(data)
    real_write = Path.write_bytes

    def fill_disk(path: Path, data: bytes) -> int:
        if path.name == "votes.csv":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(path, data)

    monkeypatch.setattr(Path, "write_bytes", fill_disk)
    capsys.readouterr()
    assert run(db, "export", "1", "--format", "csv", "--out", str(out), "--force") == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert "disk is full" in err and err.count("\n") == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["open-data", "store"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    from workshop_app import files

    out = tmp_path / "w.json"
    out.write_text("old")

    def half_then_fail(temp: Path) -> None:
        temp.write_text("half a fi")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(files.WorkshopError, match="disk is full"):
        files.write_file(out, half_then_fail)
    assert out.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["w.json"]


def test_every_write_is_flushed_then_renamed_then_its_folder_flushed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workshop_app import files

    steps: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: steps.append("fsync " + os.readlink(f"/proc/self/fd/{fd}"))
                        or real_fsync(fd))
    monkeypatch.setattr(os, "replace", lambda a, b: steps.append("rename") or real_replace(a, b))
    out = tmp_path / "w.json"
    files.write_text(out, "{}")
    assert len(steps) == 3 and steps[0].endswith(files.TEMP_SUFFIX) and steps[1] == "rename"
    assert steps[2] == f"fsync {tmp_path}" and out.read_text() == "{}"


def test_temporary_files_of_killed_writers_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    from workshop_app import files

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    out = tmp_path / "w.json"
    stale = tmp_path / f".w.json.{int(dead.stdout)}.0a1b2c3d{files.TEMP_SUFFIX}"
    stale_journal = Path(f"{stale}-journal")
    live = tmp_path / f".w.json.{os.getppid()}.0a1b2c3d{files.TEMP_SUFFIX}"
    for path in (stale, stale_journal, live):
        path.write_text("partial")
    files.write_text(out, "{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, "w.json"])


def test_a_symlink_to_the_store_is_refused(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = tmp_path / "innocent.json"
    link.symlink_to(db)
    before = digest(db)
    assert run(db, "export", "1", "--out", str(link), "--force") == cli.EXIT_ERROR
    assert "store or one of its files" in capsys.readouterr().err
    assert digest(db) == before and link.is_symlink()
