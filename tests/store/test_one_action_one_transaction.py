"""A user action that used to take several transactions is now one: finishing, editing details, adding a group,
marking everyone here and moving to a stage with its timer started."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.phone.room import make_room
from tests.store.transactions import counted
from workshop_app.core import roster, stage_progress, voting, workshop_life, workshops
from workshop_app.core.changes import perform, read
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import Choice, DecisionRule, Workshop, WorkshopStatus
from workshop_app.core.plans import plan_by_key
from workshop_app.core.workshop_record import read_record
from workshop_app.export.json_export import delete_keeping_a_copy, import_json
from workshop_app.paths import bundled_plans_dir
from workshop_app.store import Store

STAGES = plan_by_key("charter").stages


def _workshop(store: Store) -> int:
    made = perform(store, workshops.create_workshop,
                   Workshop("Day", "Town", "Hall", dt.date(2026, 5, 1), "Sam", "charter")).value
    return made.id or 0


def test_finishing_checks_and_locks_in_one_write(store: Store) -> None:
    wid = _workshop(store)
    perform(store, stage_progress.start_timer, wid)
    with counted(store) as seen:  # was a write to check, a read for the charter and a write to lock
        finished = perform(store, workshop_life.finish, wid)
    assert (seen.writes, seen.reads) == (1, 0)
    assert finished.value.status == WorkshopStatus.CLOSED and finished.changes.workshop
    assert not read(store, read_record, wid).stage_progress.timer_running


def test_a_refused_finish_keeps_nothing(store: Store) -> None:
    room = make_room(store)
    perform(store, stage_progress.start_timer, room.workshop_id)
    perform(store, voting.cast, room.round_id, room.voters[0].id or 0, Choice.AGREE)
    entries = len(read(store, lambda uow: uow.audit_entries(room.workshop_id)))
    with counted(store) as seen, pytest.raises(WorkshopError, match="still open or not yet revealed"):
        perform(store, workshop_life.finish, room.workshop_id)
    assert (seen.writes, seen.reads) == (1, 0)
    assert read(store, workshops.get_workshop, room.workshop_id).status != WorkshopStatus.CLOSED
    assert read(store, read_record, room.workshop_id).stage_progress.timer_running
    assert len(read(store, lambda uow: uow.audit_entries(room.workshop_id))) == entries


def test_editing_details_reads_and_saves_in_one_write(store: Store) -> None:
    wid = _workshop(store)
    details = workshop_life.Details("Day two", dt.date(2026, 5, 2), "Library", "Ana", DecisionRule.MAJORITY)
    with counted(store) as seen:  # was a read, then a write
        edited = perform(store, workshop_life.edit_details, wid, details)
    assert (seen.writes, seen.reads) == (1, 0)
    assert read(store, workshops.get_workshop, wid).title == edited.value.title == "Day two"


def test_adding_a_group_reads_the_others_in_the_same_write(store: Store) -> None:
    wid = _workshop(store)
    with counted(store) as seen:  # was a read of the groups, then a write
        added = perform(store, workshops.add_group, wid, "Youth panel")
    assert (seen.writes, seen.reads) == (1, 0)
    assert added.changes.groups and read(store, workshops.list_groups, wid)[-1].name == "Youth panel"
    with pytest.raises(WorkshopError, match="already a group called youth PANEL"):
        perform(store, workshops.add_group, wid, " youth  PANEL ")
    assert [g.name for g in read(store, workshops.list_groups, wid)].count("Youth panel") == 1


def test_marking_everyone_here_is_one_write_that_says_who_changed(store: Store) -> None:
    room = make_room(store)
    absent = [p.id or 0 for p in room.voters[:3]]
    perform(store, roster.set_presence, room.workshop_id, dict.fromkeys(absent, False))
    with counted(store) as seen:  # was a read of the roster, then a write
        done = perform(store, roster.set_all_present, room.workshop_id, True)
    assert (seen.writes, seen.reads) == (1, 0)
    assert done.value == dict.fromkeys(absent, False) and done.changes.roster


def test_moving_to_a_stage_and_starting_its_timer_is_one_write(store: Store) -> None:
    wid = _workshop(store)
    with counted(store) as seen:  # the console's "start the timer on each stage" was a second write
        moved = perform(store, stage_progress.go_to_stage, wid, 2, len(STAGES), STAGES[2].title, start=True)
    assert (seen.writes, seen.reads) == (1, 0)
    assert moved.value.stage_index == 2 and moved.value.timer_running
    assert read(store, workshops.get_workshop, wid).status == WorkshopStatus.IN_PROGRESS


def test_importing_checks_for_a_copy_and_adds_in_one_write(store: Store) -> None:
    source = bundled_plans_dir() / "examples" / "northside-leisure.json"
    with counted(store) as seen:  # was a read for copies of the file's workshop, then a write
        first = import_json(store, source)
    assert (seen.writes, seen.reads) == (1, 0)
    with counted(store) as seen, pytest.raises(WorkshopError, match="already in the store as workshop"):
        import_json(store, source)
    assert (seen.writes, seen.reads) == (1, 0)
    assert [w.id for w in read(store, workshops.list_workshops)] == [first]


def test_deleting_writes_its_copy_and_deletes_in_one_write(store: Store, tmp_path: Path) -> None:
    room = make_room(store)
    out = tmp_path / "copy.json"
    with counted(store) as seen:  # was a read for the copy, then a write to delete
        perform(store, delete_keeping_a_copy, room.workshop_id, out)
    assert (seen.writes, seen.reads) == (1, 0)
    assert read(store, workshops.get_workshop, room.workshop_id).status == WorkshopStatus.DELETED
    assert json.loads(out.read_text(encoding="utf-8"))["workshop"]["title"] == "Phone vote"


def test_a_copy_that_cannot_be_written_deletes_nothing(store: Store, tmp_path: Path) -> None:
    wid = _workshop(store)
    with pytest.raises(WorkshopError):
        perform(store, delete_keeping_a_copy, wid, tmp_path / "no such folder" / "copy.json")
    assert read(store, workshops.get_workshop, wid).status != WorkshopStatus.DELETED
