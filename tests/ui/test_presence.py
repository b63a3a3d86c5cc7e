"""Presence from the console and the projector: everyone or a group in one action, check-in by tapping, a warning."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.windows import open_console
from workshop_app.core.changes import perform, read
from workshop_app.core import roster, voting, workshops
from workshop_app.ui.shared_screen.theme import TypeSizes
from workshop_app.ui.shared_screen.welcome_view import WelcomeView


def _here(window) -> int:  # type: ignore[no-untyped-def]
    return sum(p.present for p in window.controller.participants())


def test_everyone_is_here_in_one_click(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store, per_group=10, present=False)
    panel = window.workshop_page.console.presence
    assert panel.count.text() == "0 of 40 here"
    qtbot.mouseClick(panel.everyone, Qt.MouseButton.LeftButton)
    assert _here(window) == 40 and panel.count.text() == "40 of 40 here"
    assert all(panel.list.item(i).checkState() == Qt.CheckState.Checked for i in range(panel.list.count()))


def test_a_whole_group_is_here_from_its_menu(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store, per_group=10, present=False)
    panel = window.workshop_page.console.presence
    actions = panel.group_menu.actions()
    assert [a.text() for a in actions] == ["Council", "Provider", "VCS", "Residents"]
    actions[2].trigger()
    present = [p for p in window.controller.participants() if p.present]
    assert len(present) == 10 and {p.name.split()[0] for p in present} == {"VCS"}


def test_tapping_your_name_on_the_welcome_stage_checks_you_in(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store, per_group=2, present=False)
    room = window.room
    room.go_to(next(i for i, s in enumerate(room.stages) if s.kind == "welcome"))
    view = WelcomeView(window.controller)
    qtbot.addWidget(view)
    view.show_stage(room, TypeSizes.for_height(1080))
    assert len(view.tiles) == 8
    person = next(p for p in window.controller.participants() if p.name == "Provider person 1")
    assert view.tiles[person.id].text() == "Provider person 1"
    qtbot.mouseClick(view.tiles[person.id], Qt.MouseButton.LeftButton)
    assert [p.name for p in window.controller.participants() if p.present] == ["Provider person 1"]
    view.show_stage(room, TypeSizes.for_height(1080))
    assert view.tiles[person.id].text() == "Provider person 1" and view.tiles[person.id].mark == "✓"


@pytest.mark.parametrize("answer", [False, True])
def test_opening_a_vote_with_a_group_absent_warns_first(qtbot, store, monkeypatch, answer: bool) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store, per_group=4, present=False)
    council = read(store, workshops.list_groups, window.controller.workshop_id)[0]
    for group in read(store, workshops.list_groups, window.controller.workshop_id)[1:]:
        perform(store, roster.set_all_present, window.controller.workshop_id, True, group.id)
    room = window.room
    room.go_to(next(i for i, s in enumerate(room.stages) if s.kind == "commitments"))
    panel = window.workshop_page.console.stage.proposals
    room.votes.create_proposal(room.stage().principle, "We will meet monthly.")
    panel.refresh()
    panel.list.setCurrentRow(0)
    asked: list[str] = []
    monkeypatch.setattr("workshop_app.ui.errors.confirm",
                        lambda parent, question, action: asked.append(question) or answer)
    qtbot.mouseClick(panel.buttons["named"], Qt.MouseButton.LeftButton)
    assert asked and f"Nobody from {council.name} is marked here." in asked[0]
    assert (read(store, voting.open_round, window.controller.workshop_id) is not None) is answer
