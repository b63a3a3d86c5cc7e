"""Stepping through the whole charter plan: the shared screen always shows the current stage's view."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from workshop_app.core.stage_progress import TimerState
from workshop_app.ui.shared_screen.stage_view import StageView, back_at
from workshop_app.ui.shared_screen.window import SharedScreen
from tests.ui.shared_screen.conftest import go_to_kind

EXPECTED_VIEW = {"welcome": "welcome", "overview": "overview", "framing": "framing", "assessment": "assessment", "ideas": "ideas",
                 "actions": "actions", "charter_review": "charter_review"}


def test_every_stage_of_the_charter_plan_is_shown(shared: SharedScreen) -> None:
    room = shared.room
    assert room.plan is not None and room.plan.key == "charter"
    for index, stage in enumerate(room.stages):
        room.go_to(index)
        assert shared.header.title.text() == stage.title
        assert shared.header.position.text() == f"Stage {index + 1} of {len(room.stages)}"
        assert shared.view_key() == EXPECTED_VIEW.get(stage.kind, "stage")
        assert shared.body.currentWidget() is shared.current_view()
        if shared.view_key() == "stage" and stage.kind != "break":
            assert shared.current_view().heading.text() == stage.title  # type: ignore[attr-defined]
    assert shared.footer.text.text() == "Northside Leisure Partnership · Northside · Decisions: Every party consents"


def test_views_show_the_stage_content(shared: SharedScreen) -> None:
    room = shared.room
    go_to_kind(room, "framing", "creative")
    framing = shared.current_view()
    assert framing.shift.text() == "Process-driven → Creative"  # type: ignore[attr-defined]
    assert framing.case_card.isVisible() and framing.case_name.text()  # type: ignore[attr-defined]
    go_to_kind(room, "parties")
    words = [label.text() for label in shared.current_view().findChildren(QLabel) if label.isVisibleTo(shared)]
    assert "Ana Brooks · Olu Observer (observer) · Tom Okafor" in words and "Council" in words
    assert not any("Abe Absent" in w for w in words)
    go_to_kind(room, "welcome")
    welcome = [label.text() for label in shared.current_view().findChildren(QLabel) if label.isVisibleTo(shared)]
    assert {"Council", "Provider", "VCS", "Residents", "Northside Leisure Partnership"} <= set(welcome)


def test_ideas_wall_follows_the_notes(qtbot, shared: SharedScreen) -> None:  # type: ignore[no-untyped-def]
    room = shared.room
    go_to_kind(room, "ideas")
    view = shared.current_view()
    assert view.empty.isVisible()  # type: ignore[attr-defined]
    council = room.controller.groups()[0].id
    assert room.add_note("Share one risk register", council)
    qtbot.waitUntil(lambda: any(label.isVisible() and label.text() == "Share one risk register"
                                for label in view.findChildren(QLabel)))
    words = [label.text() for label in view.findChildren(QLabel) if label.isVisibleTo(shared)]
    assert "Share one risk register" in words and "Council" in words
    assert not view.empty.isVisible()  # type: ignore[attr-defined]


def test_break_says_when_to_come_back(shared: SharedScreen) -> None:
    go_to_kind(shared.room, "break")
    view = shared.current_view()
    assert isinstance(view, StageView)
    assert view.heading.text().startswith("Break - back at ")
    assert back_at(TimerState(False, 60.0, 900.0), dt.datetime(2026, 3, 4, 11, 0)) == "11:14"


def test_f5_and_escape_present_and_leave(qtbot, shared: SharedScreen, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    answers = [False, True]
    monkeypatch.setattr("workshop_app.ui.errors.confirm", lambda parent, question, action: answers.pop(0))
    qtbot.keyClick(shared, Qt.Key.Key_Escape)
    assert shared.isVisible() and answers == [True]
    qtbot.keyClick(shared, Qt.Key.Key_Escape)
    assert not shared.isVisible()
    shared.toggle()
    assert shared.isVisible() and shared.isFullScreen()
    shared.toggle()
    assert not shared.isVisible()


def test_the_footer_leaves_out_a_missing_place(qtbot) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from workshop_app.core.model import Workshop
    from workshop_app.ui.shared_screen.bands import FooterBand

    footer = FooterBand()
    qtbot.addWidget(footer)
    footer.show_workshop(Workshop("Charter workshop", "Partnership", "", dt.date(2026, 5, 6), "Sam", "charter"))
    assert footer.text.text() == "Partnership · Decisions: Every party consents"
    footer.show_workshop(Workshop("Charter workshop", "Partnership", "Northside", dt.date(2026, 5, 6), "Sam",
                                  "charter"))
    assert footer.text.text() == "Partnership · Northside · Decisions: Every party consents"
