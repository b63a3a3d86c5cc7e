"""The room sees what it decides: drafts on the projector, ideas become proposals, a new proposal is selected."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.windows import open_console
from workshop_app.ui.facilitator.proposal_dialog import ProposalDialog, ProposalDraft
from workshop_app.ui.shared_screen.stage_view import StageView
from workshop_app.ui.shared_screen.window import SharedScreen


def _commitments(window):  # type: ignore[no-untyped-def]
    room = window.room
    index = next(i for i, s in enumerate(room.stages) if s.kind == "commitments")
    room.go_to(index)
    return room, window.workshop_page.console.stage.proposals


def test_drafts_show_on_the_projector_as_they_are_written(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store)
    room, _panel = _commitments(window)
    screen = SharedScreen(room.controller, room, room.votes, room.actions)
    qtbot.addWidget(screen)
    view = screen.current_view()
    assert isinstance(view, StageView) and view.drafts.isVisibleTo(screen)
    assert view.drafts.text().startswith("None yet")
    room.votes.create_proposal(room.stage().principle, "We will share the risk register every quarter.")
    assert view.drafts.text() == "• We will share the risk register every quarter."
    proposal = room.votes.proposals()[0]
    room.votes.amend(proposal.id, "We will share the risk register every month.")
    assert view.drafts.text() == "• We will share the risk register every month."


def test_an_idea_becomes_a_proposal_which_is_then_selected(qtbot, store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store)
    room = window.room
    ideas_index = next(i for i, s in enumerate(room.stages) if s.kind == "ideas")
    principle = room.stages[ideas_index].principle
    room.go_to(ideas_index)
    room.add_note("Meet in the library, not the town hall", None)
    room.add_note("Publish the minutes", None)
    room.go_to(next(i for i, s in enumerate(room.stages) if s.kind == "commitments" and s.principle == principle))
    panel = window.workshop_page.console.stage.proposals
    assert panel.ideas.isVisibleTo(window) and panel.ideas.list.count() == 2
    seen = {}

    def ask(cls, parent, principle, groups, draft=None, amending=False):  # type: ignore[no-untyped-def]
        seen["draft"] = draft
        return ProposalDraft(f"We will {draft.text.lower()}.", draft.route, None)

    monkeypatch.setattr(ProposalDialog, "ask", classmethod(ask))
    panel.ideas.list.setCurrentRow(1)
    qtbot.mouseClick(panel.ideas.make, Qt.MouseButton.LeftButton)
    assert seen["draft"].text == "Publish the minutes"
    assert panel.selected() is not None and panel.selected().text == "We will publish the minutes."
    assert panel.buttons["named"].isEnabled() and not panel.hint.isVisibleTo(window)


def test_a_new_proposal_is_selected_among_others(qtbot, store, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store)
    room, panel = _commitments(window)
    room.votes.create_proposal(room.stage().principle, "An older one.")
    panel.list.setCurrentRow(-1)
    assert panel.hint.isVisibleTo(window) and not panel.buttons["named"].isEnabled()
    monkeypatch.setattr(ProposalDialog, "ask", classmethod(lambda cls, *a, **k: ProposalDraft("A new one.", "", None)))
    qtbot.mouseClick(panel.buttons["new"], Qt.MouseButton.LeftButton)
    assert panel.list.count() == 2 and panel.selected().text == "A new one."
    assert panel.buttons["named"].isEnabled()
