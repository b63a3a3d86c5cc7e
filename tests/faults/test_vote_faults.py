"""A vote meets a full disk, a lock or a damaged file: one clear sentence, nothing half-written, the file sound."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from tests.faults.room import Room, ballots, integrity, prepare
from workshop_app.core.changes import perform
from workshop_app.core import audit, voting
from workshop_app.core.errors import StoreError
from workshop_app.core.model import Choice
from workshop_app.store import Store, open_store, sqlite_file


def _one_sentence(text: str) -> None:
    """Check that a message is one sentence a person can act on."""
    assert text.endswith(".") and "\n" not in text and "Traceback" not in text
    assert text.count(". ") == 0, text


def _snapshot(store: Store, room: Room) -> tuple[dict[int, tuple[int, str]], int]:
    """Return the round's ballots and the length of the workshop's audit chain."""
    with store() as uow:
        entries = uow.audit_entries(room.workshop_id)
        assert audit.check_chain(entries).ok
    return ballots(store, room.round_id), len(entries)


def _limit_pages(store: Store, extra_pages: int) -> None:
    """Make every new connection see a disk with only extra_pages free pages (SQLite's own 'disk is full')."""
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        used = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {used + extra_pages}")

    event.listen(store._engine, "connect", on_connect)  # noqa: SLF001 - injecting the fault
    store._engine.dispose()  # noqa: SLF001


@pytest.fixture
def voting_room(tmp_path: Path) -> Iterator[tuple[Store, Room, Path]]:
    """A store file with an open vote."""
    db = tmp_path / "votes.sqlite3"
    store = open_store(db)
    yield store, prepare(store), db
    store.close()


def _vote_until_refused(store: Store, room: Room) -> tuple[dict[int, tuple[int, str]], StoreError]:
    """Cast ballots until the store refuses one; return the acknowledged ballots and the refusal."""
    acknowledged: dict[int, tuple[int, str]] = {}
    for n in range(100_000):
        person = room.people[n % len(room.people)]
        try:
            ballot = perform(store, voting.cast, room.round_id, person, Choice.DISAGREE).value
        except StoreError as error:
            return acknowledged, error
        acknowledged[ballot.id or 0] = (person, "disagree")
    raise AssertionError("the store never filled up")


def test_a_full_disk_during_a_vote_writes_nothing_and_says_so_in_one_sentence(voting_room: Any) -> None:
    store, room, db = voting_room
    perform(store, voting.cast, room.round_id, room.people[0], Choice.AGREE)
    before, chain = _snapshot(store, room)
    _limit_pages(store, 2)
    acknowledged, error = _vote_until_refused(store, room)
    assert "disk is full" in str(error) and "space" in str(error)
    _one_sentence(str(error).replace(str(db), "FILE"))
    store.close()
    assert integrity(db) == "ok"
    reopened = open_store(db)  # the refused ballot left no row and no audit entry behind
    assert _snapshot(reopened, room) == ({**before, **acknowledged}, chain + len(acknowledged))
    perform(reopened, voting.cast, room.round_id, room.people[1], Choice.AGREE)  # space again: voting goes on
    assert len(ballots(reopened, room.round_id)) == len(before) + len(acknowledged) + 1
    reopened.close()


def test_the_console_gets_one_sentence_when_the_disk_is_full(voting_room: Any, qtbot: Any) -> None:
    from workshop_app.ui.controller import WorkshopController
    from workshop_app.ui.vote_controller import VoteController

    store, room, db = voting_room
    votes = VoteController(WorkshopController(store))
    failures: list[str] = []
    votes.controller.operation_failed.connect(failures.append)
    recorded: list[int] = []
    votes.ballot_recorded.connect(recorded.append)
    before, chain = _snapshot(store, room)
    _limit_pages(store, 2)
    casts = 0
    while votes.cast(room.round_id, room.people[casts % len(room.people)], Choice.AGREE):
        casts += 1
    assert len(recorded) == casts and len(failures) == 1
    assert "disk is full" in failures[0]
    _one_sentence(failures[0].replace(str(db), "FILE"))
    assert _snapshot(store, room)[1] == chain + casts
    assert len(ballots(store, room.round_id)) == len(before) + casts


@pytest.fixture
def tiny_disk() -> Iterator[Path]:
    """Mount a 4 MiB tmpfs (root only); skip where mounting is impossible."""
    folder = Path(tempfile.mkdtemp(prefix="tiny-disk-"))
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)],
                             capture_output=True, text=True, check=False) if os.geteuid() == 0 else None
    if mounted is None or mounted.returncode != 0:
        folder.rmdir()
        pytest.skip("cannot mount a small tmpfs here; the injected full-disk tests cover this case")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)
    shutil.rmtree(folder, ignore_errors=True)


def test_a_really_full_disk_keeps_every_acknowledged_ballot(tiny_disk: Path) -> None:
    import sqlite3

    db = tiny_disk / "votes.sqlite3"
    store = open_store(db)
    room = prepare(store)
    acknowledged, error = _vote_until_refused(store, room)
    assert acknowledged and "disk is full" in str(error)
    _one_sentence(str(error).replace(str(db), "FILE"))
    store.close()
    assert integrity(db) == "ok"
    with sqlite3.connect(db) as raw:
        stored = {row[0]: (row[1], row[2]) for row in raw.execute("SELECT id, participant_id, choice FROM ballot")}
    assert stored == acknowledged


def test_a_locked_store_refuses_the_vote_in_one_sentence_and_keeps_nothing(
    voting_room: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    _, room, db = voting_room
    monkeypatch.setattr(sqlite_file, "BUSY_TIMEOUT_S", 0.2)
    store = open_store(db)
    before = _snapshot(store, room)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="locked by another program") as info:
            perform(store, voting.cast, room.round_id, room.people[0], Choice.AGREE)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    _one_sentence(str(info.value).replace(str(db), "FILE"))
    assert _snapshot(store, room) == before
    store.close()


def test_a_damaged_store_is_refused_in_one_sentence_and_left_unchanged(voting_room: Any) -> None:
    store, room, db = voting_room
    perform(store, voting.cast, room.round_id, room.people[0], Choice.AGREE)
    store.close()
    data = bytearray(db.read_bytes())
    page = 4096
    data[page: len(data)] = bytes(len(data) - page)  # every page after the first zeroed: tables gone
    db.write_bytes(bytes(data))
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    with pytest.raises(StoreError) as info:
        damaged = open_store(db)
        try:
            perform(damaged, voting.cast, room.round_id, room.people[1], Choice.AGREE)
        finally:
            damaged.close()
    _one_sentence(str(info.value).replace(str(db), "FILE"))
    assert "damaged" in str(info.value) or "malformed" in str(info.value)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
