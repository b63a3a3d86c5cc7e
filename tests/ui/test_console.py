"""The facilitator console: stepping through the whole plan, the timer, notes, group scores and reveal."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from workshop_app.core.changes import perform, read
from workshop_app.core import roster, stage_progress, workshops
from workshop_app.core.model import Participant, Workshop
from workshop_app.core.workshop_record import read_record
from workshop_app.ui.app import build_main_window


def _open(qtbot, store):  # type: ignore[no-untyped-def]
    workshop = perform(store, workshops.create_workshop,
        Workshop("Charter day", "Northside Leisure Partnership", "Northside", dt.date(2026, 3, 4), "Sam",
                        "charter")).value
    for group in read(store, workshops.list_groups, workshop.id):
        perform(store, roster.add_participant, Participant(workshop.id, f"{group.name} person", group.id, present=True))
    window = build_main_window(store)
    qtbot.addWidget(window)
    window.show()
    window.controller.open_workshop(workshop.id)
    return window, workshop


def test_step_through_the_whole_charter_plan(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window, workshop = _open(qtbot, store)
    console = window.workshop_page.console
    stages = window.room.stages
    assert console.agenda.list.count() == len(stages) and not console.previous.isEnabled()
    seen = [console.stage.title.text()]
    while console.next.isEnabled():
        qtbot.mouseClick(console.next, Qt.MouseButton.LeftButton)
        seen.append(console.stage.title.text())
    assert seen == [s.title for s in stages]
    assert read(store, read_record, workshop.id).stage_progress.stage_index == len(stages) - 1
    assert {s.kind for s in stages} >= {"framing", "assessment", "ideas", "commitments", "charter_review"}
    console.agenda.list.itemClicked.emit(console.agenda.list.item(2))
    assert window.room.stage_index == 2 and console.agenda.list.currentRow() == 2


def test_timer_controls_and_overrun_warning(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window, workshop = _open(qtbot, store)
    timer = window.workshop_page.console.timer
    qtbot.mouseClick(timer.start_pause, Qt.MouseButton.LeftButton)
    assert window.room.timer().running and "Pause" in timer.start_pause.text()
    qtbot.mouseClick(timer.extend, Qt.MouseButton.LeftButton)
    assert read(store, read_record, workshop.id).stage_progress.extra_minutes == 5
    qtbot.mouseClick(timer.start_pause, Qt.MouseButton.LeftButton)
    assert not read(store, read_record, workshop.id).stage_progress.timer_running
    progress = window.room.progress
    progress.elapsed_seconds = 60 * (window.room.stage().minutes + 6)
    timer.show_state(stage_progress.timer_state(progress, window.room.stage().minutes))
    assert timer.warning.text() == "This stage has run over its time." and "over" in timer.time.text()


def test_group_scores_stay_hidden_until_results_are_shown(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window, _ = _open(qtbot, store)
    room = window.room
    index = next(i for i, s in enumerate(room.stages) if s.kind == "assessment")
    room.go_to(index)
    controls = window.workshop_page.console.stage.assessment
    assert window.workshop_page.console.stage.controls.currentWidget() is controls
    controls.group.setCurrentIndex(0)
    controls.score.setValue(4)
    qtbot.mouseClick(controls.enter, Qt.MouseButton.LeftButton)
    assert "average" not in controls.summary.text()
    qtbot.mouseClick(controls.reveal, Qt.MouseButton.LeftButton)
    assert room.results_shown() and "Council: average 4.0" in controls.summary.text()


def test_notes_are_saved_with_group_and_route(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window, _ = _open(qtbot, store)
    room = window.room
    room.go_to(next(i for i, s in enumerate(room.stages) if s.kind == "ideas"))
    panel = window.workshop_page.console.stage.notes
    panel.group.setCurrentIndex(panel.group.findText("Residents"))
    panel.route.setCurrentIndex(1)
    qtbot.keyClicks(panel.text, "Meet in the community centre, not the town hall")
    qtbot.keyClick(panel.text, Qt.Key.Key_Return)
    notes = room.stage_notes()
    assert [n.text for n in notes] == ["Meet in the community centre, not the town hall"]
    assert notes[0].route and panel.list.count() == 1 and panel.text.text() == ""


def test_f5_shows_and_hides_the_shared_screen_which_follows_the_console(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window, _ = _open(qtbot, store)
    shared = window.shared_screen
    assert shared is not None and not shared.isVisible()  # one screen: it waits for F5
    qtbot.addWidget(shared)
    window.toggle_shared_screen()
    assert shared.isVisible() and shared.isFullScreen()
    qtbot.mouseClick(window.workshop_page.console.next, Qt.MouseButton.LeftButton)
    assert shared.header.title.text() == window.room.stage().title
    window.toggle_shared_screen()
    assert not shared.isVisible()
