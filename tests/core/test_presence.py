"""Presence in bulk: everyone or a whole group here in one step; the warning before a vote opens."""

import datetime as dt

from tests.core.fakes import FakeStore
from workshop_app.core.changes import perform, read
from workshop_app.core import roster, workshops
from workshop_app.core.model import Participant, Workshop


def _room(store: FakeStore, per_group: int = 10) -> tuple[int, list]:
    workshop = perform(store, workshops.create_workshop, Workshop("Day", "P", "X", dt.date(2026, 3, 4), "Sam", "charter")).value
    groups = read(store, workshops.list_groups, workshop.id)
    for group in groups:
        for i in range(per_group):
            perform(store, roster.add_participant, Participant(workshop.id, f"{group.name} {i}", group.id))
    return workshop.id, groups


def test_everyone_is_marked_here_in_one_transaction() -> None:
    store = FakeStore()
    workshop_id, _groups = _room(store)
    commits = store.commits
    assert len(perform(store, roster.set_all_present, workshop_id, True).value) == 40
    assert store.commits == commits + 1
    assert all(p.present for p in read(store, roster.list_participants, workshop_id))
    assert perform(store, roster.set_all_present, workshop_id, True).value == {}


def test_a_whole_group_is_marked_here_and_no_one_else() -> None:
    store = FakeStore()
    workshop_id, groups = _room(store)
    assert len(perform(store, roster.set_all_present, workshop_id, True, groups[1].id).value) == 10
    here = {p.group_id for p in read(store, roster.list_participants, workshop_id) if p.present}
    assert here == {groups[1].id}


def test_warning_names_absent_groups_and_thin_groups() -> None:
    store = FakeStore()
    workshop_id, groups = _room(store, per_group=4)
    people = read(store, roster.list_participants, workshop_id)
    assert "Council, Provider, VCS, Residents" in roster.presence_warning(groups, people)
    perform(store, roster.set_all_present, workshop_id, True)
    for person in [p for p in read(store, roster.list_participants, workshop_id) if p.group_id == groups[0].id][:3]:
        perform(store, roster.set_present, person.id, False)
    people = read(store, roster.list_participants, workshop_id)
    warning = roster.presence_warning(groups, people)
    assert warning == "Fewer than half are marked here in Council (1 of 4)."
    perform(store, roster.set_all_present, workshop_id, True)
    assert roster.presence_warning(groups, read(store, roster.list_participants, workshop_id)) == ""
