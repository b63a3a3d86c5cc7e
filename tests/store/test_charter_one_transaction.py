"""Each charter action is one transaction: showing the charter at its review, editing its wording or facts, marking
it agreed, dropping a kept commitment; a refused action keeps nothing (not even the draft it started)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from tests.core.charter_room import build_room
from tests.store.transactions import counted
from workshop_app.core import charter_carry, charter_facts, charter_versions, workshops
from workshop_app.core.changes import Changes, perform, read
from workshop_app.core.charter import build_charter
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import CharterFacts, CharterStatus, CharterVersion, Workshop
from workshop_app.export.charter_formats import write_charter_as
from workshop_app.store import Store

CHARTER = Changes(charter=True)


def _kinds(store: Store, workshop_id: int) -> list[str]:
    return [e.kind for e in read(store, lambda uow: uow.audit_entries(workshop_id))]


def test_the_console_shows_the_charter_and_starts_version_one_in_one_write(store: Store) -> None:
    room = build_room(store)
    with counted(store) as seen:  # was a write to start version 1, then a read to build the charter
        shown = perform(store, charter_versions.charter_as_it_stands, room.workshop_id)
    assert (seen.writes, seen.reads) == (1, 0)
    assert shown.changes == CHARTER and shown.value.version.version == shown.value.document.version == 1
    assert shown.value.document.commitments  # the charter is built after the draft started, in the same unit
    again = perform(store, charter_versions.charter_as_it_stands, room.workshop_id)
    assert not again.changes and again.value.version.id == shown.value.version.id


def test_editing_the_wording_is_one_write_that_says_the_workshop_and_charter_changed(store: Store) -> None:
    room = build_room(store)
    wording = read(store, charter_versions.current_wording, room.workshop_id)
    edited = replace(wording, purpose="We run the centres together.", next_review=dt.date(2026, 1, 31))
    with counted(store) as seen:  # was a write (start v1), a read (the wording now), then a write
        saved = perform(store, charter_versions.update_sections, room.workshop_id, edited)
    assert (seen.writes, seen.reads) == (1, 0)
    assert saved.changes == Changes(workshop=True, charter=True)
    assert read(store, workshops.get_workshop, room.workshop_id).purpose == "We run the centres together."
    assert _kinds(store, room.workshop_id)[-2:] == ["charter_version_started", "charter_wording_changed"]


def test_marking_agreed_is_one_write(store: Store) -> None:
    room = build_room(store)
    with counted(store) as seen:  # was a write (start v1), a read (build the charter), then a write
        agreed = perform(store, charter_versions.mark_agreed, room.workshop_id, dt.date(2025, 3, 12))
    assert (seen.writes, seen.reads) == (1, 0)
    assert agreed.changes == CHARTER and agreed.value.status == CharterStatus.AGREED
    assert read(store, build_charter, room.workshop_id).status == CharterStatus.AGREED


def test_a_refused_agreement_keeps_nothing_not_even_the_draft_it_started(store: Store) -> None:
    made = perform(store, workshops.create_workshop, Workshop("Day", "Town", "Hall", dt.date(2026, 5, 1), "Sam",
                                                              "charter")).value
    wid = made.id or 0
    before = _kinds(store, wid)
    with pytest.raises(WorkshopError, match="Nothing has been agreed yet"):
        perform(store, charter_versions.mark_agreed, wid, dt.date(2026, 5, 1))
    assert _kinds(store, wid) == before  # the version 1 it started went with the refusal
    assert read(store, lambda uow: uow.repo(CharterVersion).list(workshop_id=wid)) == []


def test_saving_the_facts_is_one_write(store: Store) -> None:
    room = build_room(store)
    facts = replace(CharterFacts(room.workshop_id), quorum="Four members, one of them a resident.")
    with counted(store) as seen:
        saved = perform(store, charter_facts.save_facts, room.workshop_id, facts, [])
    assert (seen.writes, seen.reads) == (1, 0)
    assert saved.changes == CHARTER
    assert read(store, charter_facts.read_facts, room.workshop_id).facts.quorum.startswith("Four members")


def test_writing_the_charter_file_is_one_read(store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    room = build_room(store)
    with counted(store) as seen:
        write_charter_as(store, room.workshop_id, tmp_path / "charter.html", "html")
    assert (seen.writes, seen.reads) == (0, 1)
    assert (tmp_path / "charter.html").read_text(encoding="utf-8").count("Northside") > 0


def test_dropping_a_kept_commitment_is_one_write(store: Store) -> None:
    room = build_room(store)
    perform(store, charter_versions.mark_agreed, room.workshop_id, dt.date(2025, 3, 12))
    first = read(store, build_charter, room.workshop_id)
    later = perform(store, workshops.create_workshop, Workshop("Annual review", first.workshop.partnership, "Hall",
                                                               dt.date(2026, 3, 12), "Sam", "review")).value
    code = first.commitments[0].code
    with counted(store) as seen:  # was a read (the carried commitments), a write (start v2), then a write
        dropped = perform(store, charter_carry.drop_kept, later.id or 0, code)
    assert (seen.writes, seen.reads) == (1, 0) and dropped == CHARTER
    carried = read(store, charter_carry.read_carry_forward, later.id or 0)
    assert carried is not None and next(i for i in carried.items if i.code == code).state == "dropped"


def test_once_started_the_charter_is_shown_from_one_read_without_the_write_lock(store: Store) -> None:
    room = build_room(store)
    assert read(store, charter_versions.charter_if_started, room.workshop_id) is None  # nothing written by asking
    assert read(store, lambda uow: uow.repo(CharterVersion).list(workshop_id=room.workshop_id)) == []
    started = perform(store, charter_versions.charter_as_it_stands, room.workshop_id).value
    with counted(store) as seen:
        shown = read(store, charter_versions.charter_if_started, room.workshop_id)
    assert (seen.writes, seen.reads) == (0, 1)
    assert shown == started
