"""Issue 17 must-show: at every stage of the large example, the console's stage column fits a 1366x768 laptop
(nothing cut off at its right edge, where the stage panel does not scroll sideways)."""

from __future__ import annotations

from workshop_app.core.changes import perform, read
from workshop_app import cli
from workshop_app.ui.app import build_main_window


def test_every_stage_fits_the_stage_column_on_a_1366_laptop(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    workshop_id = cli.demo_workshop(store, cli.demo_file("eastbank-wellbeing-large"), False)
    window = build_main_window(store)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    window.controller.open_workshop(workshop_id)
    room, panel = window.room, window.workshop_page.console.stage
    too_wide = []
    for index, stage in enumerate(room.stages):
        room.go_to(index, undoable=False)
        qtbot.wait(5)
        need, have = panel.scroll.widget().minimumSizeHint().width(), panel.scroll.viewport().width()
        if need > have:
            too_wide.append(f"{index} {stage.kind}: needs {need} px, has {have}")
    room._clock.stop()
    assert have > 500 and not too_wide, too_wide


def test_the_agenda_shows_the_current_stage_when_the_workshop_opens_at_its_end(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    from workshop_app.core import stage_progress
    from workshop_app.core.stored_plans import plan_of
    from workshop_app.core.workshops import list_workshops

    workshop_id = cli.demo_workshop(store, cli.demo_file("eastbank-wellbeing-large"), False)
    workshop = next(w for w in read(store, list_workshops) if w.id == workshop_id)
    stages = read(store, plan_of, workshop).stages
    perform(store, stage_progress.go_to_stage, workshop_id, len(stages) - 1, len(stages), stages[-1].title)
    window = build_main_window(store)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    window.controller.open_workshop(workshop_id)
    agenda = window.workshop_page.console.agenda.list
    qtbot.wait(50)
    window.resize(1366, 600)  # a shorter agenda (as when the title wraps) keeps the current stage in view
    qtbot.wait(50)
    current = agenda.visualItemRect(agenda.currentItem())
    assert agenda.currentRow() == len(stages) - 1
    assert agenda.viewport().rect().contains(current), (current, agenda.viewport().rect())
    window.room._clock.stop()
