"""Keyboard: one mnemonic a letter in every state of every window; stage keys stay in text fields; Help lists keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from tests.ui.mnemonics import clashes
from tests.ui.windows import open_console
from workshop_app import paths
from workshop_app.core.model import Action, OwnerKind
from workshop_app.core.principles import load_principles
from workshop_app.ui.app import plan_list
from workshop_app.ui.action_controller import OwnerChoices
from workshop_app.ui.facilitator.action_dialog import ActionDialog
from workshop_app.ui.facilitator.new_workshop_dialog import NewWorkshopDialog
from workshop_app.ui.facilitator.participant_dialog import ParticipantDialog
from workshop_app.ui.facilitator.proposal_dialog import ProposalDialog
from workshop_app.ui.facilitator.vote_entry_dialogs import HandCountDialog, ProxyVoteDialog


def test_every_state_of_the_console_has_one_control_a_letter(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store)
    room, found = window.room, {}
    if clashes(window):
        found["opened"] = clashes(window)
    kinds: set[str] = set()
    for index, stage in enumerate(room.stages):
        if stage.kind not in kinds:
            kinds.add(stage.kind)
            room.go_to(index)
            if clashes(window):
                found[stage.kind] = clashes(window)
    room.go_to(next(i for i, s in enumerate(room.stages) if s.kind == "commitments"))
    room.votes.create_proposal(room.stage().principle, "We will meet monthly.")
    proposal = room.votes.proposals()[0]
    room.votes.open_vote(proposal.id, False)
    assert window.workshop_page.console.stage.proposals.vote_panel.isVisibleTo(window)
    if clashes(window):
        found["vote open"] = clashes(window)
    for tab in range(1, window.workshop_page.tabs.count()):
        window.workshop_page.tabs.setCurrentIndex(tab)
        if clashes(window):
            found[f"tab {tab}"] = clashes(window)
    window.show_start_page()
    if clashes(window):
        found["start page"] = clashes(window)
    assert found == {}


def test_every_dialog_has_one_control_a_letter(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store)
    groups, people = window.controller.groups(), window.controller.participants()
    principles = load_principles()
    dialogs: list[QWidget] = [
        NewWorkshopDialog(plan_list()),
        ParticipantDialog(people[0], groups),
        ProposalDialog(principles[0], groups, None, False),
        ActionDialog(principles, OwnerChoices(tuple(p.name for p in people), (), tuple(g.name for g in groups)),
                     Action(window.controller.workshop_id, principles[0].key, "", OwnerKind.PARTICIPANT, ""),
                     "New action"),
        ProxyVoteDialog(people, people),
        HandCountDialog(groups),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert clashes(dialog) == {}, type(dialog).__name__


def test_stage_keys_do_nothing_while_typing_a_note(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store)
    room = window.room
    ideas = next(i for i, s in enumerate(room.stages) if s.kind == "ideas")
    room.go_to(ideas)
    with qtbot.waitActive(window):
        window.activateWindow()
    notes = window.workshop_page.console.stage.notes
    notes.text.setFocus()
    qtbot.keyClicks(notes.text, "half a no")
    for key, mods in ((Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier),
                      (Qt.Key.Key_PageUp, Qt.KeyboardModifier.NoModifier),
                      (Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)):
        assert QApplication.activeWindow() is window and QApplication.focusWidget() is notes.text
        qtbot.keyClick(notes.text, key, mods)
        assert room.stage_index == ideas
    assert notes.text.text() == "half a no"
    window.workshop_page.console.next.setFocus()
    qtbot.keyClick(window.workshop_page.console.next, Qt.Key.Key_PageDown)
    assert room.stage_index == ideas + 1


def test_help_lists_the_keyboard_shortcuts(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    help_menu.actions()[0].trigger()
    table = window.shortcuts_dialog.table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["Next stage (or charter page)"] == "Ctrl+Right or PgDown"
    assert rows["Previous stage (or charter page)"] == "Ctrl+Left or PgUp"
    assert rows["Show or hide the shared screen"] == "F5" and "Keyboard shortcuts" in rows


def test_a_disabled_primary_button_looks_disabled(qtbot) -> None:  # type: ignore[no-untyped-def]
    holder = QWidget()
    qtbot.addWidget(holder)
    holder.setStyleSheet((paths.resources_dir() / "styles" / "app.qss").read_text(encoding="utf-8"))
    button = QPushButton("Reveal results", holder, objectName="primary")
    button.resize(200, 40)
    holder.show()

    def fill() -> QColor:
        return button.grab().toImage().pixelColor(6, 20)

    enabled = fill()
    button.setEnabled(False)
    disabled = fill()
    assert enabled.lightness() < 80 and disabled.lightness() > 180
    assert QApplication.instance() is not None


def test_a_read_only_box_leaves_the_stage_keys_to_the_room(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLineEdit, QTextBrowser

    from workshop_app.ui.facilitator.typing_guard import is_text_field

    browser, line = QTextBrowser(), QLineEdit()
    qtbot.addWidget(browser)
    qtbot.addWidget(line)
    assert not is_text_field(browser) and is_text_field(line)
    line.setReadOnly(True)
    assert not is_text_field(line)
