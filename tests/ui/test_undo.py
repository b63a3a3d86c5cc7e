"""Undo and redo (Edit menu, Ctrl+Z) over reversible edits: notes, stage moves, presence one by one and in bulk."""

from __future__ import annotations

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
