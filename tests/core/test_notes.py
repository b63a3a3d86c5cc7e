"""Notes are operations of an open unit of work: they say which stage's notes changed and never commit alone."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.core.fakes import FakeStore
from workshop_app.core import notes, workshops
from workshop_app.core.changes import NOTHING, Changes, perform, read
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import Workshop, require_id


def _workshop(store: FakeStore, title: str = "Charter day") -> int:
    draft = Workshop(title, "Northside", "Hall", dt.date(2026, 3, 4), "Sam", "charter")
    made = perform(store, workshops.create_workshop, draft).value
    return require_id(made)


def test_adding_and_removing_a_note_say_which_stage_changed() -> None:
    store = FakeStore()
    wid = _workshop(store)
    group = read(store, workshops.list_groups, wid)[0]
    added = perform(store, notes.add_note, wid, 2, "  Meet   in the evenings ", group.id, "ward_forums")
    assert added.changes == Changes(notes=frozenset({2}))
    assert [(n.text, n.group_id, n.route) for n in read(store, notes.list_notes, wid, 2)] == [
        ("Meet in the evenings", group.id, "ward_forums")]
    assert read(store, notes.list_notes, wid, 1) == []
    assert perform(store, notes.remove_note, require_id(added.value)) == Changes(notes=frozenset({2}))
    assert read(store, notes.list_notes, wid, 2) == []
    assert [e.kind for e in store.audit[-2:]] == ["note_added", "note_removed"]
    assert perform(store, notes.remove_note, require_id(added.value)) is NOTHING


def test_a_note_is_kept_only_when_its_unit_of_work_commits() -> None:
    store = FakeStore()
    wid = _workshop(store)
    with store() as uow:
        notes.add_note(uow, wid, 0, "Not kept")  # no commit: the operation never commits on its own
    assert read(store, notes.list_notes, wid, 0) == []


def test_a_note_tagged_with_another_workshops_group_is_refused() -> None:
    store = FakeStore()
    wid, other = _workshop(store), _workshop(store, "Another day")
    foreign = read(store, workshops.list_groups, other)[0]
    with pytest.raises(WorkshopError, match="this workshop's groups"):
        perform(store, notes.add_note, wid, 0, "An idea", foreign.id)
    with pytest.raises(WorkshopError, match="Write something"):
        perform(store, notes.add_note, wid, 0, "   ")
    assert read(store, notes.list_notes, wid, 0) == []
