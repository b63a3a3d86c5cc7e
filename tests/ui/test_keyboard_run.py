"""A 40-person workshop run from start to finish with the keyboard alone (the room's own votes come from its taps).

Stage keys, typing, Tab and Enter are real key presses; Alt+letter goes through `press_mnemonic`, because offscreen
Qt does not deliver Alt+letter to its shortcut map (the helper checks the letter is unique on screen, as the key needs).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from tests.ui.mnemonics import press_mnemonic
from workshop_app.core.changes import perform, read
from workshop_app.core import roster, workshops
from workshop_app.core.model import Choice, Participant, Workshop, WorkshopStatus
from workshop_app.ui.app import build_main_window


def _people(store) -> int:  # type: ignore[no-untyped-def]
    workshop = perform(store, workshops.create_workshop, Workshop(
        "Charter day", "Northside Leisure Partnership", "Northside Hall", dt.date(2026, 3, 4), "Sam", "charter")).value
    for group in read(store, workshops.list_groups, workshop.id):
        for i in range(10):
            perform(store, roster.add_participant, Participant(workshop.id, f"{group.name} member {i + 1}", group.id))
    return workshop.id or 0


def _when_a_dialog_opens(qtbot, keys: Callable[[object], None]) -> None:  # type: ignore[no-untyped-def]
    """Press keys in the next modal dialog as soon as it is on screen."""
    def press() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or QApplication.activeWindow() is not dialog:
            if dialog is not None:
                dialog.activateWindow()
            QTimer.singleShot(10, press)
            return
        try:
            keys(dialog)
        except BaseException as error:  # a failed step must not leave the dialog waiting forever
            dialog.reject()  # type: ignore[attr-defined]
            raise error
    QTimer.singleShot(0, press)


def test_a_forty_person_workshop_by_keyboard(qtbot, store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    workshop_id = _people(store)
    monkeypatch.setattr("workshop_app.ui.errors.confirm", lambda parent, question, action: True)  # Enter on Yes
    window = build_main_window(store)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()

    room = window.room

    def key(k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        if QApplication.activeWindow() is not window:  # a dialog just closed: the console has the keys again
            with qtbot.waitActive(window):
                window.activateWindow()
        qtbot.keyClick(QApplication.focusWidget() or window, k, mods)

    qtbot.wait(100)  # the window system has to hand the window its focus before Alt+letter reaches it
    def page_down_until(arrived: Callable[[], bool]) -> None:
        for _ in range(40):
            if arrived():
                return
            key(Qt.Key.Key_PageDown)
        assert arrived(), f"PgDown stopped at stage {room.stage_index + 1}: {room.stage().title}"

    press_mnemonic(window, "o")  # Open the selected workshop
    assert window.controller.workshop.id == workshop_id
    press_mnemonic(window, "y")  # Everyone is here
    assert sum(p.present for p in window.controller.participants()) == 40
    ideas = next(i for i, s in enumerate(room.stages) if s.kind == "ideas")
    for _ in range(ideas):
        key(Qt.Key.Key_PageDown)
    press_mnemonic(window, "o")  # into the note box
    qtbot.keyClicks(QApplication.focusWidget(), "Publish the board's minutes within a week")
    key(Qt.Key.Key_Return)
    key(Qt.Key.Key_PageDown)  # typing: the room stays
    assert room.stage_index == ideas and [n.text for n in room.stage_notes()] == [
        "Publish the board's minutes within a week"]
    key(Qt.Key.Key_Tab)
    page_down_until(lambda: room.stage().kind == "commitments")

    def write_proposal(dialog: object) -> None:
        press_mnemonic(dialog, "w")
        qtbot.keyClicks(dialog.focusWidget(), "We will publish the board's minutes within a week.")
        press_mnemonic(dialog, "m")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    _when_a_dialog_opens(qtbot, write_proposal)
    press_mnemonic(window, "a")  # New proposal…
    panel = window.workshop_page.console.stage.proposals
    assert panel.selected().text == "We will publish the board's minutes within a week."
    press_mnemonic(window, "d")  # Open named vote
    vote = room.votes.open_round()
    assert vote is not None
    for person in window.controller.participants():
        room.votes.cast(vote[0].id, person.id, Choice.AGREE)
    press_mnemonic(window, "l")  # Close vote
    press_mnemonic(window, "s")  # Reveal results
    assert panel.vote_panel.outcome.text().startswith("Agreed")
    page_down_until(lambda: room.stage().kind == "charter_review")
    for _page in range(room.charter_page_count - 1):
        key(Qt.Key.Key_PageDown)  # every page of the charter on the shared screen
    assert room.stage().kind == "charter_review" and room.charter_page == room.charter_page_count - 1
    _when_a_dialog_opens(qtbot, lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Return))
    press_mnemonic(window, "m")  # Mark as agreed… (the workshop's day)
    page_down_until(lambda: room.stage_index == len(room.stages) - 1)
    window.workshop_actions[1].trigger()  # File > Finish this workshop (Alt+F, F)
    assert read(store, workshops.get_workshop, workshop_id).status == WorkshopStatus.CLOSED
