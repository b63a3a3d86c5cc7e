"""What cannot be undone asks first, saying how much is at stake: closing a vote early, withdrawing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.windows import open_console
from workshop_app.core.changes import read
from workshop_app.core import voting


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict:
    """Record each question and answer it with the value in answers['yes']."""
    state: dict = {"yes": False, "asked": []}
    monkeypatch.setattr("workshop_app.ui.errors.confirm",
                        lambda parent, question, action: state["asked"].append(question) or state["yes"])
    return state


def _commitments(window):  # type: ignore[no-untyped-def]
    room = window.room
    room.go_to(next(i for i, s in enumerate(room.stages) if s.kind == "commitments"))
    room.votes.create_proposal(room.stage().principle, "We will meet monthly.")
    panel = window.workshop_page.console.stage.proposals
    panel.list.setCurrentRow(0)
    return room, panel


def test_closing_a_vote_before_everyone_voted_asks_with_the_count(qtbot, store, answers) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store, per_group=10)
    room, panel = _commitments(window)
    qtbot.mouseClick(panel.buttons["named"], Qt.MouseButton.LeftButton)
    round_id = panel.vote_panel.round.id
    qtbot.mouseClick(panel.vote_panel.buttons["close"], Qt.MouseButton.LeftButton)
    assert answers["asked"][-1].startswith("Only 0 of 40 have voted.")
    assert read(store, voting.open_round, window.controller.workshop_id) is not None
    answers["yes"] = True
    qtbot.mouseClick(panel.vote_panel.buttons["close"], Qt.MouseButton.LeftButton)
    assert read(store, voting.open_round, window.controller.workshop_id) is None
    assert read(store, voting.round_with_proposal, round_id)[0].closed_at is not None


def test_closing_after_everyone_voted_does_not_ask(qtbot, store, answers) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store, per_group=1)
    room, panel = _commitments(window)
    qtbot.mouseClick(panel.buttons["named"], Qt.MouseButton.LeftButton)
    for person in window.controller.participants():
        room.votes.cast(panel.vote_panel.round.id, person.id, voting.Choice.AGREE)
    qtbot.mouseClick(panel.vote_panel.buttons["close"], Qt.MouseButton.LeftButton)
    assert answers["asked"] == [] and read(store, voting.open_round, window.controller.workshop_id) is None


def test_withdrawing_asks_first(qtbot, store, answers) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store)
    room, panel = _commitments(window)
    qtbot.mouseClick(panel.buttons["withdraw"], Qt.MouseButton.LeftButton)
    assert 'Withdraw the proposal "We will meet monthly."?' in answers["asked"][-1]
    assert room.votes.proposals()[0].status == "draft"
    answers["yes"] = True
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.buttons["withdraw"], Qt.MouseButton.LeftButton)
    assert room.votes.proposals()[0].status == "withdrawn"
