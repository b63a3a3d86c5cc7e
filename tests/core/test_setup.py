"""Creating a workshop, editing its groups and roster, and importing participants from CSV."""

import datetime as dt

import pytest

from tests.core.fakes import FakeStore
from workshop_app.core.changes import perform, read
from workshop_app.core import participants_csv, roster, workshops
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import Participant, Workshop


def _workshop(store: FakeStore) -> Workshop:
    draft = Workshop("Charter day", "Northside Leisure Partnership", "Northside", dt.date(2026, 3, 4),
                     "Sam Facilitator", "charter")
    return perform(store, workshops.create_workshop, draft).value


def test_new_workshop_has_four_default_groups_with_distinct_styles() -> None:
    store = FakeStore()
    workshop = _workshop(store)
    groups = read(store, workshops.list_groups, workshop.id)
    assert [g.name for g in groups] == ["Council", "Provider", "VCS", "Residents"]
    assert len({g.colour for g in groups}) == 4 and len({g.mark for g in groups}) == 4


def test_untitled_workshop_is_refused() -> None:
    store = FakeStore()
    draft = Workshop("  ", "P", "X", dt.date(2026, 1, 1), "F", "charter")
    with pytest.raises(WorkshopError, match="title"):
        perform(store, workshops.create_workshop, draft)
    assert store.commits == 0


def test_group_add_rename_reorder_and_remove_unused_only() -> None:
    store = FakeStore()
    workshop = _workshop(store)
    health = perform(store, workshops.add_group, workshop.id, "  Health   board ").value
    assert health.name == "Health board" and health.position == 4
    with pytest.raises(WorkshopError, match="already a group"):
        perform(store, workshops.add_group, workshop.id, "council")
    perform(store, workshops.rename_group, health.id, "NHS")
    order = perform(store, workshops.move_group, health.id, -1).value
    assert [g.name for g in order] == ["Council", "Provider", "VCS", "NHS", "Residents"]
    council = order[0]
    perform(store, roster.add_participant, Participant(workshop.id, "Ana", council.id))
    with pytest.raises(WorkshopError, match="still has 1 participant"):
        perform(store, workshops.remove_group, council.id)
    perform(store, workshops.remove_group, health.id)
    assert [g.name for g in read(store, workshops.list_groups, workshop.id)] == ["Council", "Provider", "VCS", "Residents"]


def test_roster_add_edit_presence_remove_and_search() -> None:
    store = FakeStore()
    workshop = _workshop(store)
    council = read(store, workshops.list_groups, workshop.id)[0]
    ana = perform(store, roster.add_participant, Participant(workshop.id, " Ana  Jones ", council.id, "Northside Council")).value
    assert ana.name == "Ana Jones"
    with pytest.raises(WorkshopError, match="already on the list"):
        perform(store, roster.add_participant, Participant(workshop.id, "ana jones", council.id))
    ana.role = "Commissioner"
    perform(store, roster.update_participant, ana)
    perform(store, roster.set_present, ana.id, True)
    saved = read(store, roster.list_participants, workshop.id)[0]
    assert saved.role == "Commissioner" and saved.present
    assert roster.matches(saved, "commiss") and roster.matches(saved, "council", "Council")
    assert not roster.matches(saved, "provider", "Council")
    perform(store, roster.remove_participant, ana.id)
    assert read(store, roster.list_participants, workshop.id) == []


CSV_TEXT = """Name,Organisation,Group,Role,Voting
Ana Jones,Northside Council,Council,Commissioner,yes
Ben Okafor,FitLife Ltd,provider,Contract manager,yes
Cara Ní Bhriain,Northside Youth Trust,VCS,Chief officer,
Dewi Llŷr,,Residents,Steering group,observer
,Nobody Org,Council,,yes
Eve Stone,Somewhere,Aliens,,yes
Ana Jones,Elsewhere,Council,,yes
Finn Lee,,Residents,,maybe
"""


def test_csv_preview_reports_every_bad_row_and_imports_good_rows_only() -> None:
    store = FakeStore()
    workshop = _workshop(store)
    groups = read(store, workshops.list_groups, workshop.id)
    preview = participants_csv.preview_csv(CSV_TEXT, workshop.id, groups, [])
    assert [r.name for r in preview.good] == ["Ana Jones", "Ben Okafor", "Cara Ní Bhriain", "Dewi Llŷr"]
    problems = {r.line: r.problem for r in preview.problems}
    assert set(problems) == {6, 7, 8, 9}
    assert "name is empty" in problems[6]
    assert "Unknown group 'Aliens'" in problems[7]
    assert "already on the list" in problems[8]
    assert "Voting must be" in problems[9]
    assert store.commits == 1  # preview stores nothing
    added = perform(store, participants_csv.import_good_rows, preview).value
    assert len(added) == 4
    people = read(store, roster.list_participants, workshop.id)
    dewi = next(p for p in people if p.name == "Dewi Llŷr")
    assert not dewi.is_voting and dewi.group_id == groups[3].id


def test_csv_without_a_group_column_gets_one_sentence() -> None:
    with pytest.raises(WorkshopError, match="add a 'group' column"):
        participants_csv.preview_csv("name,organisation\nAna,X\n", 1, [], [])


def test_csv_decodes_windows_text_and_semicolons() -> None:
    store = FakeStore()
    workshop = _workshop(store)
    groups = read(store, workshops.list_groups, workshop.id)
    text = participants_csv.decode("name;group\nRené Côté;VCS\n".encode("cp1252"))
    preview = participants_csv.preview_csv(text, workshop.id, groups, [])
    assert [p.name for p in preview.good] == ["René Côté"]


def test_a_removed_group_is_put_back_in_its_place_with_its_style_and_a_clash_refused() -> None:
    store = FakeStore()
    w = _workshop(store)
    groups = read(store, workshops.list_groups, w.id or 0)
    gone = groups[1]
    perform(store, workshops.remove_group, gone.id or 0)
    back = perform(store, workshops.restore_group, gone).value
    after = read(store, workshops.list_groups, w.id or 0)
    assert [(g.name, g.colour, g.mark) for g in after] == [(g.name, g.colour, g.mark) for g in groups]
    assert back.id != gone.id
    with pytest.raises(WorkshopError):
        perform(store, workshops.restore_group, gone)  # its name is taken now


def test_an_action_taken_out_is_gone_and_audited() -> None:
    from workshop_app.core import actions
    from workshop_app.core.model import OwnerKind

    store = FakeStore()
    w = _workshop(store)
    made = perform(store, actions.create_action, w.id or 0, "collaborative", "Book rooms", OwnerKind.GROUP, "Council").value
    assert perform(store, actions.remove_action, made.id or 0).value.what == "Book rooms"
    assert read(store, actions.list_actions, w.id or 0) == []
    with store() as uow:
        assert uow.audit_entries(w.id)[-1].kind == "action_removed"
    with pytest.raises(WorkshopError):
        perform(store, actions.remove_action, made.id or 0)
