"""Workshops with a life from the window: edit details, finish, archive, delete with a backup, filter by status."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import Qt

from tests.ui.windows import open_console
from workshop_app.core.changes import read
from workshop_app import paths
from workshop_app.core import workshop_life, workshops
from workshop_app.core.model import DecisionRule, WorkshopStatus
from workshop_app.core.workshop_life import Details
from workshop_app.ui.facilitator.details_dialog import DetailsDialog


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer every confirmation yes and keep its question."""
    questions: list[str] = []
    monkeypatch.setattr("workshop_app.ui.errors.confirm",
                        lambda parent, question, action: questions.append(question) or True)
    return questions


def test_details_are_edited_from_the_file_menu(qtbot, store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store)
    shown = {}

    def answer(cls, parent, plans, workshop, rule_fixed):  # type: ignore[no-untyped-def]
        dialog = cls(plans, workshop, rule_fixed, parent)
        qtbot.addWidget(dialog)
        shown["rule enabled"] = dialog.rule.isEnabled()
        shown["title"] = dialog.title.text()
        return Details("Charter day 2", dt.date(2026, 3, 6), "Library", "Ana", DecisionRule.MAJORITY)

    monkeypatch.setattr(DetailsDialog, "ask_details", classmethod(answer))
    window.workshop_actions[0].trigger()
    assert shown == {"rule enabled": True, "title": "Charter day"}
    assert window.workshop_page.heading.text() == "Charter day 2" and "Library" in window.workshop_page.details.text()
    assert read(store, workshops.get_workshop, window.controller.workshop_id).decision_rule == DecisionRule.MAJORITY


def test_the_rule_field_is_fixed_once_a_vote_has_opened(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store)
    room = window.room
    room.go_to(next(i for i, s in enumerate(room.stages) if s.kind == "commitments"))
    room.votes.create_proposal(room.stage().principle, "We will meet monthly.")
    room.votes.open_vote(room.votes.proposals()[0].id, False)
    assert read(store, workshop_life.has_votes, window.controller.workshop_id)
    dialog = DetailsDialog([], window.controller.workshop, True)
    qtbot.addWidget(dialog)
    assert not dialog.rule.isEnabled() and "fixed now that a vote has been opened" in dialog.rule_help.text()


def test_finish_locks_then_archive_and_filters(qtbot, store, asked) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store)
    window.workshop_actions[1].trigger()
    assert asked and "locked" in asked[-1]
    workshop_id = window.controller.workshop_id
    assert read(store, workshops.get_workshop, workshop_id).status == WorkshopStatus.CLOSED
    assert "finished: its record is locked" in window.workshop_page.details.text()
    assert not any(a.isEnabled() for a in window.workshop_actions)
    window.show_start_page()
    page = window.start_page
    assert page.current_filter() == "Active" and page.model.rowCount() == 0
    page.filter.setCurrentText("Finished")
    assert page.model.rowCount() == 1 and page.archive_button.isEnabled()
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0
    page.filter.setCurrentText("Archived")
    assert page.model.rowCount() == 1 and page.archive_button.text() == "Take out of the &archive"


def test_delete_asks_with_the_counts_and_saves_a_copy_first(qtbot, store, asked) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store, per_group=3)
    workshop_id = window.controller.workshop_id
    window.show_start_page()
    page = window.start_page
    assert page.model.rowCount() == 1
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert 'Delete the workshop "Charter day" with its 12 participants and 0 votes?' in asked[-1]
    copies = list(paths.backups_dir().glob(f"deleted-workshop-{workshop_id}-*.json"))
    assert len(copies) == 1 and str(copies[0]) in asked[-1]
    assert len(json.loads(copies[0].read_text(encoding="utf-8"))["participants"]) == 12
    assert page.model.rowCount() == 0 and read(store, workshops.list_workshops) == []
