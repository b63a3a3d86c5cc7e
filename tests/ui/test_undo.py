"""Undo and redo (Edit menu, Ctrl+Z) over reversible edits: notes, stage moves, presence, wording, roster, groups, actions."""

from __future__ import annotations
from workshop_app.core.changes import read

import pytest
from PySide6.QtCore import Qt

from tests.ui.windows import open_console


def _edit_actions(window):  # type: ignore[no-untyped-def]
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    undo, redo = menu.actions()[:2]
    return undo, redo


def test_a_removed_note_comes_back_with_ctrl_z_and_goes_again_with_redo(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store)
    room = window.room
    room.go_to(next(i for i, s in enumerate(room.stages) if s.kind == "ideas"))
    room.add_note("Share the minutes", None)
    notes = window.workshop_page.console.stage.notes
    notes.list.setCurrentRow(0)
    qtbot.mouseClick(notes.remove, Qt.MouseButton.LeftButton)
    assert room.stage_notes() == []
    undo, redo = _edit_actions(window)
    assert undo.isEnabled() and undo.text() == "&Undo remove a note"
    undo.trigger()
    assert [n.text for n in room.stage_notes()] == ["Share the minutes"] and notes.list.count() == 1
    redo.trigger()
    assert room.stage_notes() == []
    undo.trigger()
    undo.trigger()  # and the note's adding too
    assert room.stage_notes() == [] and undo.text() == "&Undo move to " + room.stage().title


def test_ctrl_z_takes_a_stage_move_back(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store)
    with qtbot.waitActive(window):
        window.activateWindow()
    room = window.room
    room.next_stage()
    room.next_stage()
    assert room.stage_index == 2
    qtbot.keyClick(window.workshop_page.console.next, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert room.stage_index == 1
    qtbot.keyClick(window.workshop_page.console.next, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert room.stage_index == 2


def test_presence_in_bulk_and_one_by_one_is_undone(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store, per_group=5, present=False)
    panel = window.workshop_page.console.presence
    panel.list.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(panel.everyone, Qt.MouseButton.LeftButton)
    assert panel.count.text() == "20 of 20 here"
    undo, redo = _edit_actions(window)
    undo.trigger()
    assert panel.count.text() == "1 of 20 here"
    undo.trigger()
    assert panel.count.text() == "0 of 20 here"
    redo.trigger()
    redo.trigger()
    assert panel.count.text() == "20 of 20 here"


def test_a_proposals_wording_before_a_vote_is_undone(qtbot, store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from workshop_app.ui.facilitator.proposal_dialog import ProposalDialog, ProposalDraft

    window = open_console(qtbot, store)
    room = window.room
    room.go_to(next(i for i, s in enumerate(room.stages) if s.kind == "commitments"))
    room.votes.create_proposal(room.stage().principle, "We will meet monthly.")
    panel = window.workshop_page.console.stage.proposals
    panel.list.setCurrentRow(0)
    monkeypatch.setattr(ProposalDialog, "ask", classmethod(
        lambda cls, *a, **k: ProposalDraft("We will meet every month.", "", None)))
    qtbot.mouseClick(panel.buttons["amend"], Qt.MouseButton.LeftButton)
    assert room.votes.proposals()[0].text == "We will meet every month."
    undo, redo = _edit_actions(window)
    assert undo.text() == "&Undo change a proposal's wording"
    undo.trigger()
    assert room.votes.proposals()[0].text == "We will meet monthly."
    redo.trigger()
    assert room.votes.proposals()[0].text == "We will meet every month."


def test_roster_adds_changes_and_removals_are_undone_without_a_question(qtbot, store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from workshop_app.ui.facilitator.participant_dialog import ParticipantDialog

    window = open_console(qtbot, store)
    panel = window.workshop_page.roster
    names = lambda: sorted(p.name for p in window.controller.participants())  # noqa: E731
    before = names()
    group = window.controller.groups()[1]
    monkeypatch.setattr(ParticipantDialog, "ask", classmethod(
        lambda cls, parent, person, groups: replace(person, name="Siân Ŵyn", group_id=group.id or 0,
                                                     organisation="Eastfield Tenants")))
    qtbot.mouseClick(panel.buttons["add"], Qt.MouseButton.LeftButton)
    assert names() == sorted([*before, "Siân Ŵyn"])
    undo, redo = _edit_actions(window)
    assert undo.text() == "&Undo add Siân Ŵyn"
    undo.trigger()
    assert names() == before
    redo.trigger()
    assert names() == sorted([*before, "Siân Ŵyn"])

    monkeypatch.setattr("workshop_app.ui.errors.confirm", lambda *a, **k: pytest.fail("removal asks nothing"))
    panel.search.setText("Siân")
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.buttons["remove"], Qt.MouseButton.LeftButton)
    assert names() == before
    undo.trigger()
    back = next(p for p in window.controller.participants() if p.name == "Siân Ŵyn")
    assert (back.group_id, back.organisation) == (group.id, "Eastfield Tenants")
    redo.trigger()
    assert names() == before
    undo.trigger()

    monkeypatch.setattr(ParticipantDialog, "ask", classmethod(
        lambda cls, parent, person, groups: replace(person, name="Siân Wyn-Jones")))
    panel.search.setText("Siân")
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.buttons["edit"], Qt.MouseButton.LeftButton)
    assert "Siân Wyn-Jones" in names()
    undo.trigger()
    assert "Siân Ŵyn" in names() and "Siân Wyn-Jones" not in names()


def test_group_edits_are_undone_and_a_removed_group_comes_back_in_its_place(qtbot, store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from workshop_app.core.palette import PALETTE
    from workshop_app.ui.facilitator import groups_panel

    window = open_console(qtbot, store, per_group=0)
    panel = window.workshop_page.groups
    shown = lambda: [(g.name, g.colour, g.mark) for g in window.controller.groups()]  # noqa: E731
    start = shown()
    undo, redo = _edit_actions(window)
    monkeypatch.setattr(groups_panel, "ask_text", lambda *a, **k: "Health board")
    qtbot.mouseClick(panel.buttons["add"], Qt.MouseButton.LeftButton)
    assert [n for n, _c, _m in shown()] == [n for n, _c, _m in start] + ["Health board"]
    undo.trigger()
    assert shown() == start
    redo.trigger()
    panel.list.setCurrentRow(1)
    monkeypatch.setattr(groups_panel, "ask_text", lambda *a, **k: "Leisure trust")
    qtbot.mouseClick(panel.buttons["rename"], Qt.MouseButton.LeftButton)
    assert shown()[1][0] == "Leisure trust"
    undo.trigger()
    assert shown()[1] == start[1]
    panel.list.setCurrentRow(1)
    qtbot.mouseClick(panel.buttons["down"], Qt.MouseButton.LeftButton)
    assert shown()[2] == start[1]
    undo.trigger()
    assert shown()[:4] == start
    panel.list.setCurrentRow(0)
    other = next(i for i, s in enumerate(PALETTE) if s.mark != start[0][2])
    panel.style_box.setCurrentIndex(other)
    panel.style_box.activated.emit(other)
    assert shown()[0][2] == PALETTE[other].mark
    undo.trigger()
    assert shown()[0] == start[0]
    monkeypatch.setattr("workshop_app.ui.errors.confirm", lambda *a, **k: pytest.fail("removal asks nothing"))
    panel.list.setCurrentRow(1)
    qtbot.mouseClick(panel.buttons["remove"], Qt.MouseButton.LeftButton)
    assert start[1] not in shown()
    undo.trigger()
    assert shown()[:4] == start  # back between the first and third, with its colour and mark
    redo.trigger()
    assert start[1] not in shown()


def test_actions_added_changed_and_moved_on_are_undone(qtbot, store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt
    from dataclasses import replace

    from workshop_app.core import actions
    from workshop_app.core.model import Action, ActionStatus, OwnerKind
    from workshop_app.ui.facilitator.action_dialog import ActionDialog

    window = open_console(qtbot, store)
    panel = window.workshop_page.action_plan
    wid = window.controller.workshop_id
    first = Action(wid, "collaborative", "Book the rooms for the year", OwnerKind.GROUP, "Council",
                   dt.date(2026, 5, 1), "Rooms booked")
    monkeypatch.setattr(ActionDialog, "ask", classmethod(lambda cls, *a, **k: first))
    qtbot.mouseClick(panel.buttons["add"], Qt.MouseButton.LeftButton)
    whats = lambda: [a.what for a in read(store, actions.list_actions, wid)]  # noqa: E731
    assert whats() == [first.what]
    undo, redo = _edit_actions(window)
    undo.trigger()
    assert whats() == [] and panel.table.model.rowCount() == 0
    redo.trigger()
    assert whats() == [first.what] and panel.table.model.rowCount() == 1
    changes = {"what": "Book the rooms for two years", "principle": "accountable", "owner_kind": OwnerKind.ORGANISATION,
               "owner": "Northside Council", "due": None, "measure": ""}
    monkeypatch.setattr(ActionDialog, "ask", classmethod(
        lambda cls, parent, principles, choices, draft, title: replace(draft, **changes)))
    panel.table.view.selectRow(0)
    qtbot.mouseClick(panel.buttons["edit"], Qt.MouseButton.LeftButton)
    assert whats() == [changes["what"]]
    undo.trigger()
    saved = read(store, actions.list_actions, wid)[0]
    assert (saved.what, saved.principle, saved.owner, saved.due, saved.measure) == (
        first.what, first.principle, first.owner, first.due, first.measure)
    model = panel.table.model
    from workshop_app.ui.models.action_table_model import STATUS

    assert model.setData(model.index(0, STATUS), ActionStatus.DONE.value)
    assert read(store, actions.list_actions, wid)[0].status == ActionStatus.DONE
    assert undo.text() == "&Undo mark an action done"
    undo.trigger()
    assert read(store, actions.list_actions, wid)[0].status == ActionStatus.OPEN
