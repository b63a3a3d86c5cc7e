"""The command line: version, list and backup on real store files, errors as one line, no display, crash log."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from workshop_app import __version__, cli, logs, paths

ROOT = Path(__file__).resolve().parent.parent


def run_module(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m workshop_app ARGS` in a fresh interpreter and capture its output."""
    environ = dict(os.environ if env is None else env)
    environ["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "workshop_app", *args],
        cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120,
    )


def table_dump(db: Path) -> list[str]:
    """Return every table's schema and rows, as SQL text, to compare a store before and after."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def alembic_revision(db: Path) -> list[tuple[str, ...]]:
    """Return the rows of the store's alembic_version table."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT version_num FROM alembic_version").fetchall()
    finally:
        connection.close()


def test_version_prints_name_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"workshop-app {__version__}"


def test_version_as_a_module_does_not_import_qt_or_the_store() -> None:
    code = (
        "import sys; from workshop_app.cli import main; rc = main(['--version']);"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"workshop-app {__version__}", "[]"]


def test_list_on_a_missing_store_says_so_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for missing in (tmp_path / "typo.sqlite3", tmp_path / "no-such-folder" / "store.sqlite3"):
        assert cli.main(["list", "--db", str(missing)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and f"There is no workshop store at {missing}" in err
    assert list(tmp_path.iterdir()) == []


def test_list_reads_a_migrated_store_and_a_second_run_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from workshop_app.store.database import open_store

    db = tmp_path / "new.sqlite3"
    open_store(db).close()
    assert cli.main(["list", "--db", str(db)]) == 0
    assert capsys.readouterr().out == ""
    revision = alembic_revision(db)
    assert len(revision) == 1 and revision[0][0]
    dump = table_dump(db)
    backups = sorted(paths.backups_dir().glob("*")) if paths.backups_dir().exists() else []

    assert cli.main(["--db", str(db), "list"]) == 0
    assert capsys.readouterr().out == ""
    assert alembic_revision(db) == revision
    assert table_dump(db) == dump
    after = sorted(paths.backups_dir().glob("*")) if paths.backups_dir().exists() else []
    assert after == backups


def test_list_prints_one_tab_separated_line_per_workshop(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import datetime as dt

    from workshop_app.core.model import Workshop, WorkshopStatus
    from workshop_app.store.database import open_store

    db = tmp_path / "two.sqlite3"
    store = open_store(db)
    with store() as uow:
        uow.repo(Workshop).add(Workshop("Care at home\tpartnership", "Tees", "Town hall", dt.date(2025, 3, 4),
                                        "Ann", "standard"))
        uow.repo(Workshop).add(Workshop("Youth", "Tees", "Library", dt.date(2025, 5, 6), "Bo", "standard",
                                        status=WorkshopStatus.CLOSED))
        uow.commit()
    store.close()
    assert cli.main(["list", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t") for line in lines] == [
        ["1", "2025-03-04", "draft", "Care at home partnership"],
        ["2", "2025-05-06", "closed", "Youth"],
    ]


def test_backup_writes_a_copy_with_the_same_workshops(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "store.sqlite3"
    out = tmp_path / "copies" / "copy.sqlite3"
    out.parent.mkdir()
    assert cli.main(["import", "--db", str(db), str(ROOT / "sessions" / "examples" / "northside-leisure.json")]) == 0
    assert cli.main(["backup", "--db", str(db), "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    assert alembic_revision(out) == alembic_revision(db)
    assert cli.main(["list", "--db", str(out)]) == 0


def test_a_file_that_is_not_a_store_gives_one_sentence_and_stays_unchanged(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    content = b"These are my meeting notes, not a database.\n" * 50
    bad.write_bytes(content)
    done = run_module("list", "--db", str(bad))
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert lines[0].endswith(".")
    assert bad.read_bytes() == content


def test_usage_mistakes_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["backup"]) == 2
    assert "--out" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("environ", "platform", "blocked"),
    [
        ({}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", True),
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "minimal"}, "linux", False),
        ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, "linux", False),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_display_problem(environ: dict[str, str], platform: str, blocked: bool) -> None:
    assert (cli.display_problem(environ, platform) == cli.NO_DISPLAY) is blocked


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display check is for Linux")
def test_no_display_gives_one_sentence_instead_of_a_qt_abort() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = run_module(env=env)
    assert done.returncode == 2
    assert done.stderr.strip() == cli.NO_DISPLAY
    assert "Traceback" not in done.stderr


def test_unexpected_error_is_logged_and_told_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(args: object) -> int:
        raise RuntimeError("the tally went wrong")

    monkeypatch.setitem(cli.COMMANDS, "list", cli.Command("list", (), broken))
    assert cli.main(["list"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "RuntimeError: the tally went wrong" in err[0]
    log = logs.log_path()
    assert str(log) in err[0]
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "in broken" in text


def test_crash_handler_writes_tracebacks_from_main_and_other_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    reports: list[tuple[str, Path]] = []
    handler = logs.install_crash_handler(on_crash=lambda summary, path: reports.append((summary, path)))
    try:
        assert sys.excepthook == handler.handle
        try:
            raise ValueError("score out of range")
        except ValueError as error:
            sys.excepthook(type(error), error, error.__traceback__)

        def worker() -> None:
            raise KeyError("stage")

        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
    finally:
        logs.uninstall_crash_handler()
    assert [summary for summary, _ in reports] == ["ValueError: score out of range", "KeyError: 'stage'"]
    assert all(path == logs.log_path() for _, path in reports)
    text = logs.log_path().read_text(encoding="utf-8")
    assert "ValueError: score out of range" in text and "in worker" in text
    assert sys.excepthook != handler.handle


def test_faulthandler_writes_a_hard_crash_to_the_log_folder(tmp_path: Path) -> None:
    code = "from workshop_app import logs; import faulthandler; logs.install_crash_handler(); faulthandler._sigsegv()"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WORKSHOP_APP_DATA": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    faults = (tmp_path / "logs" / logs.FAULT_LOG_NAME).read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in faults
