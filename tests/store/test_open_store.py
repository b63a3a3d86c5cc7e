"""Opening a store: pragmas, refusals that leave the file byte-for-byte alone, and backups."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from tests.store.conftest import add_everything, sha256
from workshop_app import paths
from workshop_app.core import model as m
from workshop_app.core.errors import StoreError, WorkshopError
from workshop_app.store import Store, migrate, open_store, sqlite_file

REPO = Path(__file__).resolve().parents[2]


def _assert_one_sentence_naming(error: StoreError, path: Path) -> None:
    """Check that a refusal is one sentence that names the file."""
    text = str(error)
    assert str(path) in text
    assert text.endswith(".") and "\n" not in text
    assert text.replace(str(path), "FILE").count(". ") == 0


def _assert_untouched(path: Path, digest: str) -> None:
    """Check that a refused file kept its bytes and gained no -wal or -shm beside it."""
    assert sha256(path) == digest
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
    assert not Path(f"{path}-journal").exists()


def _set_revision(path: Path, revision: str, journal_mode: str) -> None:
    """Rewrite a closed store's recorded revision (and journal mode) with plain sqlite3."""
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA journal_mode={journal_mode}")
    raw.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    raw.commit()
    raw.close()


@pytest.mark.sqlite_only
def test_every_connection_gets_the_pragmas(store: Store) -> None:
    for _ in range(2):
        with store._engine.connect() as connection:  # noqa: SLF001
            def pragma(name: str) -> object:
                return connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            assert pragma("journal_mode") == "wal"
            assert pragma("synchronous") == 2
            assert pragma("foreign_keys") == 1
            assert pragma("busy_timeout") == 5000


def test_default_target_is_the_user_data_file() -> None:
    store = open_store()
    try:
        assert store.path == paths.default_db_path()
        assert store.url == f"sqlite:///{paths.default_db_path()}"
    finally:
        store.close()
    assert paths.default_db_path().exists()


def test_a_url_and_a_path_reach_the_same_file(db_path: Path) -> None:
    with open_store(db_path).unit_of_work() as uow:
        add_everything(uow)
        uow.commit()
    store = open_store(f"sqlite:///{db_path}")
    try:
        with store() as uow:
            assert [w.title for w in uow.repo(m.Workshop).list()] == ["Ŵyl y Bartneriaeth"]
    finally:
        store.close()


def test_an_in_memory_store_works() -> None:
    store = open_store("sqlite://")
    try:
        assert store.path is None and store.revision() == migrate.head_revision()
        with store() as uow:
            add_everything(uow)
            uow.commit()
        with store() as uow:
            assert len(uow.repo(m.Participant).list()) == 2
    finally:
        store.close()


def test_closing_folds_the_wal_back_into_the_file(db_path: Path) -> None:
    store = open_store(db_path)
    with store() as uow:
        add_everything(uow)
        uow.commit()
    store.close()
    assert not Path(f"{db_path}-wal").exists()


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(db_path: Path) -> None:
    db_path.write_text("Minutes of the meeting\n" * 50, encoding="utf-8")
    digest = sha256(db_path)
    with pytest.raises(StoreError, match="not a SQLite database") as info:
        open_store(db_path)
    _assert_one_sentence_naming(info.value, db_path)
    _assert_untouched(db_path, digest)


def test_another_programs_sqlite_database_is_refused_and_left_alone(db_path: Path) -> None:
    raw = sqlite3.connect(db_path)
    raw.execute("CREATE TABLE recipes (name TEXT)")
    raw.commit()
    raw.close()
    digest = sha256(db_path)
    with pytest.raises(StoreError, match="not a workshop store") as info:
        open_store(db_path)
    _assert_one_sentence_naming(info.value, db_path)
    _assert_untouched(db_path, digest)


@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
def test_a_store_from_a_newer_version_is_refused_and_left_alone(db_path: Path, journal_mode: str) -> None:
    store = open_store(db_path)
    with store() as uow:
        add_everything(uow)
        uow.commit()
    store.close()
    _set_revision(db_path, "0999_from_the_future", journal_mode)
    digest = sha256(db_path)
    with pytest.raises(StoreError, match="newer version") as info:
        open_store(db_path)
    _assert_one_sentence_naming(info.value, db_path)
    _assert_untouched(db_path, digest)
    assert not paths.backups_dir().exists() or list(paths.backups_dir().iterdir()) == []


@pytest.mark.parametrize("lock", ["EXCLUSIVE", "IMMEDIATE"])
def test_a_locked_store_is_refused_and_left_alone(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, lock: str
) -> None:
    open_store(db_path).close()
    _set_revision(db_path, migrate.head_revision(), "delete")
    digest = sha256(db_path)
    monkeypatch.setattr(sqlite_file, "BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute(f"BEGIN {lock}")
    try:
        with pytest.raises(StoreError, match="locked by another program") as info:
            open_store(db_path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    _assert_one_sentence_naming(info.value, db_path)
    _assert_untouched(db_path, digest)


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """Return a temporary folder that an unprivileged user can reach (for the read-only checks)."""
    folder = Path(tempfile.mkdtemp(prefix="store-ro-"))
    folder.chmod(0o755)
    yield folder
    for sub in folder.rglob("*"):
        if sub.is_dir():
            sub.chmod(0o755)
    shutil.rmtree(folder)


def _open_in_child(target: Path, data: Path) -> subprocess.CompletedProcess[str]:
    """Try open_store in a child process; as root, without the capabilities that let root ignore chmod."""
    data.mkdir(mode=0o777)
    data.chmod(0o777)
    code = (
        "import sys\nfrom workshop_app.core.errors import StoreError\nfrom workshop_app.store import open_store\n"
        "try:\n    open_store(sys.argv[1]).close()\nexcept StoreError as error:\n    print(error)\n    sys.exit(3)\n"
    )
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv, so a read-only folder cannot be simulated")
        # Stay root (so the checkout and its venv stay readable, whatever their mode) but drop the
        # capabilities that override file permissions, so a 0555 folder and a 0444 file are read-only.
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner"]
    env = {**os.environ, "PYTHONPATH": str(REPO), "WORKSHOP_APP_DATA": str(data)}
    return subprocess.run(
        [*prefix, sys.executable, "-c", code, str(target)],
        capture_output=True, text=True, env=env, cwd=data, timeout=120, check=False,
    )


def test_a_store_in_a_read_only_folder_is_refused_and_left_alone(shared_tmp: Path) -> None:
    folder = shared_tmp / "ro"
    folder.mkdir()
    path = folder / "workshops.sqlite3"
    open_store(path).close()
    path.chmod(0o444)
    folder.chmod(0o555)
    digest = sha256(path)
    result = _open_in_child(path, shared_tmp / "data")
    assert result.returncode == 3, result.stderr
    assert "read-only" in result.stdout and str(path) in result.stdout
    assert result.stdout.strip().count("\n") == 0
    _assert_untouched(path, digest)


def test_a_new_store_cannot_be_created_in_a_read_only_folder(shared_tmp: Path) -> None:
    folder = shared_tmp / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    path = folder / "workshops.sqlite3"
    result = _open_in_child(path, shared_tmp / "data")
    assert result.returncode == 3, result.stderr
    assert "cannot be created" in result.stdout and str(path) in result.stdout
    assert not path.exists()


@pytest.mark.sqlite_only
def test_backup_while_another_connection_is_writing_gives_a_valid_copy(store: Store, db_path: Path) -> None:
    with store() as uow:
        add_everything(uow)
        uow.commit()
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute(
        "INSERT INTO note (workshop_id, stage_index, text, route, created_at) "
        "VALUES (1, 1, 'not yet committed', '', '2025-01-01 00:00:00.000000')"
    )
    out = db_path.parent / "copies" / "backup.sqlite3"
    out.parent.mkdir()
    try:
        store.backup(out)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    copy = sqlite3.connect(out)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert [r[0] for r in copy.execute("SELECT text FROM note")] == ["More sessions ŷ"]
    finally:
        copy.close()
    assert sorted(p.name for p in out.parent.iterdir()) == ["backup.sqlite3"]
    copied = open_store(out)
    try:
        with copied() as uow:
            assert len(uow.repo(m.Participant).list()) == 2
    finally:
        copied.close()


@pytest.mark.sqlite_only
def test_backup_will_not_overwrite_the_store_itself(store: Store, db_path: Path) -> None:
    for target in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm"), Path(f"{db_path}-journal")):
        with pytest.raises(WorkshopError, match="is the workshop store or one of its files"):
            store.backup(target, force=True)


def test_a_server_store_hides_its_password_and_points_to_server_backups(tmp_path: Path) -> None:
    driver = types.SimpleNamespace(paramstyle="format", __version__="1.31.2")
    server = Store(create_engine("postgresql+pg8000://ann:secret@db.example/charters", module=driver), None)
    assert "secret" not in server.url and "secret" not in repr(server)
    with pytest.raises(StoreError, match="server's own backup tools"):
        server.backup(tmp_path / "copy.sqlite3")


def test_a_refused_file_with_awkward_characters_in_its_name_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "Cyfarfod #2 ? 100% ŵ.sqlite3"
    open_store(path).close()
    _set_revision(path, "0999_from_the_future", "wal")
    digest = sha256(path)
    with pytest.raises(StoreError, match="newer version"):
        open_store(path)
    _assert_untouched(path, digest)


@pytest.mark.sqlite_only
def test_a_backup_into_a_missing_folder_is_refused_and_leaves_nothing(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "no such folder" / "copy.sqlite3"
    with pytest.raises(WorkshopError, match="does not exist") as info:
        store.backup(out)
    assert str(out.parent) in str(info.value)
    assert not out.parent.exists()
