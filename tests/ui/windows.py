"""Open the console over a fresh charter workshop with people in every group, for GUI tests."""

from __future__ import annotations

import datetime as dt

from workshop_app.core.changes import perform, read
from workshop_app.core import roster, workshops
from workshop_app.core.model import Participant, Workshop
from workshop_app.ui.app import build_main_window
from workshop_app.ui.main_window import MainWindow


def open_console(qtbot, store, per_group: int = 1, present: bool = True) -> MainWindow:  # type: ignore[no-untyped-def]
    """Create a workshop with `per_group` people in each default group, show the console and open it."""
    workshop = perform(store, workshops.create_workshop,
        Workshop("Charter day", "Northside Leisure Partnership", "Northside", dt.date(2026, 3, 4), "Sam",
                        "charter")).value
    for group in read(store, workshops.list_groups, workshop.id):
        for i in range(per_group):
            perform(store, roster.add_participant, Participant(workshop.id, f"{group.name} person {i}", group.id,
                                                      present=present))
    window = build_main_window(store)
    qtbot.addWidget(window)
    window.show()
    window.controller.open_workshop(workshop.id)
    return window
