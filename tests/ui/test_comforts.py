"""The facilitator's small comforts: CSV verdict first, the timer's state for the room, auto-start, plan drift."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from tests.store.transactions import counted
from tests.ui.windows import open_console
from workshop_app.core import schedule
from workshop_app.core.participants_csv import preview_csv
from workshop_app.ui.facilitator.csv_import_dialog import CsvImportDialog
from workshop_app.ui.shared_screen.window import SharedScreen


def test_the_csv_preview_shows_its_verdict_first(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store)
    text = "name,organisation,group,role,voting\n" + "".join(
        f"{'A very long name for a person number ' + str(i)},{'An organisation with a long name ' * 3},Council,"
        f"{'Role ' * 10},yes\n" for i in range(3)) + ",No name,Council,,yes\n"
    preview = preview_csv(text, window.controller.workshop_id, window.controller.groups(), [])
    dialog = CsvImportDialog(preview, "people.csv")
    qtbot.addWidget(dialog)
    dialog.show()
    model = dialog.table.model()
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Result"
    assert model.index(3, 0).data().startswith("Skipped")
    rect = dialog.table.visualRect(model.index(3, 0))
    assert 0 <= rect.left() < dialog.table.viewport().width()


def test_the_room_sees_whether_the_timer_runs_and_it_can_start_by_itself(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store)
    room = window.room
    screen = SharedScreen(room.controller, room, room.votes, room.actions)
    qtbot.addWidget(screen)
    assert screen.header.timer_state.text() == "Timer paused"
    room.start_timer()
    assert screen.header.timer_state.text() == "Timer running"
    room.pause_timer()
    window.auto_start.setChecked(True)
    with counted(store) as seen:
        room.next_stage()
    assert seen.writes == 1  # moving and starting the timer are one transaction (they were two)
    assert room.timer().running and screen.header.timer_state.text() == "Timer running"
    window.auto_start.setChecked(False)
    room.next_stage()
    assert not room.timer().running


def test_ahead_or_behind_plan() -> None:
    start = dt.datetime(2026, 3, 4, 10, 0)
    # 40 planned minutes of earlier stages and 5 of this one, 52 minutes after the day started: 7 behind.
    assert schedule.minutes_behind(start, start + dt.timedelta(minutes=52), 40, 300.0, 600.0) == 7
    # This stage has run 3 minutes over its 10: the overrun counts against the plan.
    assert schedule.minutes_behind(start, start + dt.timedelta(minutes=53), 40, 780.0, 600.0) == 3
    assert schedule.minutes_behind(start, start + dt.timedelta(minutes=30), 40, 0.0, 600.0) == -10
    assert schedule.drift_text(7) == "Behind plan by 7 minutes"
    assert schedule.drift_text(-1) == "Ahead of plan by 1 minute"
    assert schedule.drift_text(0) == "On plan"


def test_the_console_says_how_far_from_plan(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store)
    room = window.room
    panel = window.workshop_page.console.timer
    assert panel.drift.text().startswith("The day's clock starts")
    room.start_timer()
    later = room.progress.timer_started_at + dt.timedelta(minutes=25)
    assert room.minutes_behind(later) == 25 - room.stages[0].minutes
    assert panel.drift.text() in ("On plan", "Ahead of plan by 1 minute", "Behind plan by 1 minute")
