"""Reads never block votes: reading units of work take no write lock, and a big import holds it only briefly."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.interchange_fixtures import EXAMPLE
from workshop_app import cli
from workshop_app.core.changes import perform, read
from workshop_app.core import workshop_record, workshops
from workshop_app.core.errors import StoreError
from workshop_app.store import open_store

pytestmark = pytest.mark.sqlite_only


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    """A store holding the example workshop (id 1)."""
    path = tmp_path / "w.sqlite3"
    assert cli.main(["--db", str(path), "import", str(EXAMPLE)]) == 0
    return path


@pytest.fixture()
def writer_holding_the_lock(db: Path) -> Iterator[sqlite3.Connection]:
    """Another program in the middle of a write transaction (it holds SQLite's write lock)."""
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE workshop SET title = title WHERE id = 1")
    yield other
    other.execute("ROLLBACK")
    other.close()


@pytest.mark.parametrize("command", [["list"], ["verify", "1"], ["export", "1", "--out", "{tmp}/w.json"],
                                     ["export", "1", "--format", "csv", "--out", "{tmp}/csv"]])
def test_read_commands_finish_while_another_program_writes(
    db: Path, writer_holding_the_lock: sqlite3.Connection, tmp_path: Path, command: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = [part.replace("{tmp}", str(tmp_path)) for part in command]
    started = time.perf_counter()
    assert cli.main(["--db", str(db), *argv]) == cli.EXIT_OK, capsys.readouterr().err
    assert time.perf_counter() - started < 4.0  # the lock is held throughout: a write lock would wait 5 s, then fail


def test_a_reading_unit_never_waits_for_the_write_lock(db: Path, writer_holding_the_lock: sqlite3.Connection) -> None:
    store = open_store(db)
    try:
        started = time.perf_counter()
        record = read(store, workshop_record.read_record, 1)
        titles = [w.title for w in read(store, workshops.list_workshops)]
        assert time.perf_counter() - started < 3.0  # a write lock would wait 5 s, then fail
        assert len(record.ballots) > 100 and titles == [record.workshop.title]
        with store.reader() as uow, pytest.raises(RuntimeError, match="cannot commit"):
            uow.commit()
    finally:
        store.close()


def test_a_big_import_holds_the_write_lock_only_while_committing(db: Path, tmp_path: Path) -> None:
    """While the import is planned, another program can write; its commit is the only locked step."""
    import datetime as dt

    from workshop_app.core.model import Workshop
    from workshop_app.store.planned import PlannedUnitOfWork

    store = open_store(db)
    record = read(store, workshop_record.read_record, 1)
    seen_locked: list[bool] = []

    class Observed(PlannedUnitOfWork):
        def commit(self) -> None:
            other = sqlite3.connect(db, isolation_level=None, timeout=0)
            other.execute("BEGIN IMMEDIATE")  # nobody holds the write lock while the import is being planned
            other.execute("ROLLBACK")
            other.close()
            seen_locked.append(False)
            super().commit()

    new_id = perform(lambda: Observed(store), workshop_record.save_record, record).value
    assert seen_locked == [False] and len(read(store, workshop_record.read_record, new_id).ballots) == len(record.ballots)

    class Clashing(PlannedUnitOfWork):
        def commit(self) -> None:
            perform(store, workshops.create_workshop, Workshop("Made meanwhile", "P", "X", dt.date(2026, 1, 2), "Sam",
                                                      "charter"))
            super().commit()

    before = [w.id for w in read(store, workshops.list_workshops)]
    with pytest.raises(StoreError, match="while this import was being prepared; run the import again"):
        perform(lambda: Clashing(store), workshop_record.save_record, record)
    assert len(read(store, workshops.list_workshops)) == len(before) + 1  # only the one made meanwhile
    store.close()


def test_what_a_phone_reads_never_waits_for_the_write_lock(db: Path, writer_holding_the_lock: sqlite3.Connection) -> None:
    """A phone's view, the codes and the open rating are read without the write lock (votes are not held up)."""
    from workshop_app.core import phone_codes, phone_ratings, phone_votes, roster

    store = open_store(db)
    try:
        people = [p.id for p in read(store, roster.list_participants, 1) if p.id is not None]
        started = time.perf_counter()
        states = read(store, phone_votes.phone_states, 1, people)
        stages = read(store, phone_ratings.workshop_stages, 1)
        ratings = read(store, phone_ratings.open_ratings, 1, people, stages)
        codes = read(store, phone_codes.badges, 1)
        bound = read(store, phone_codes.bound_devices, 1)
        assert read(store, phone_codes.code_for_device, 1, "no-such-device") is None
        assert not read(store, phone_codes.was_cut_off, 1, "no-such-device")
        assert time.perf_counter() - started < 4.0  # a write lock would wait 5 s, then fail
        assert len(states) == len(people) == len(ratings) and stages and isinstance(codes, list) and bound == {}
    finally:
        store.close()
