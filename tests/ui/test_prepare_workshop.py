"""Preparing a workshop through the windows: dialog, groups, roster, CSV import; all kept after reopening."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from workshop_app.store.database import open_store
from workshop_app.ui.app import build_main_window, plan_list
from workshop_app.ui.facilitator import groups_panel, roster_panel
from workshop_app.ui.facilitator.csv_import_dialog import CsvImportDialog
from workshop_app.ui.facilitator.new_workshop_dialog import NewWorkshopDialog
from workshop_app.ui.facilitator.participant_dialog import ParticipantDialog

CSV_TEXT = """name,organisation,group,role,voting
Bea Provider,FitLife Ltd,Provider,Contract manager,yes
Cai VCS,Northside Youth Trust,VCS,Chief officer,yes
Dewi Llŷr,,Residents,Steering group member,yes
Eli Observer,Northside Council,Council,Minute taker,observer
,No Name Org,VCS,,yes
Fay Alien,,Martians,,yes
Bea Provider,FitLife Ltd,Provider,,yes
"""


def _fill_new_workshop(dialog: NewWorkshopDialog, qtbot) -> int:  # type: ignore[no-untyped-def]
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # no title yet: refused with a sentence
    assert dialog.problem.text() == "Give the workshop a title."
    qtbot.keyClicks(dialog.title, "Charter workshop")
    qtbot.keyClicks(dialog.partnership, "Northside Leisure Partnership")
    qtbot.keyClicks(dialog.place, "Northside")
    qtbot.keyClicks(dialog.facilitator, "Sam Rivers")
    dialog.plan.setCurrentIndex(dialog.plan.findData("charter"))
    dialog.rule.setCurrentIndex(dialog.rule.findData("consensus"))
    assert "nobody disagrees" in dialog.rule_help.text()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    return dialog.result()


def _fill_participant(name: str, group: str):  # type: ignore[no-untyped-def]
    def run(dialog: ParticipantDialog) -> int:
        dialog.name.setText(name)
        dialog.organisation.setText(f"{group} organisation")
        dialog.group.setCurrentIndex(dialog.group.findText(group))
        dialog.present.setChecked(True)
        dialog.accept()
        return dialog.result()
    return run


def test_prepare_close_and_reopen(qtbot, db_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  replies: list[str]) -> None:  # type: ignore[no-untyped-def]
    store = open_store(db_file)
    window = build_main_window(store)
    qtbot.addWidget(window)
    window.show()
    assert window.start_page.empty.isVisible()

    monkeypatch.setattr(NewWorkshopDialog, "exec", lambda self: _fill_new_workshop(self, qtbot))
    qtbot.mouseClick(window.start_page.new_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.workshop_page
    assert window.workshop_page.heading.text() == "Charter workshop"

    roster = window.workshop_page.roster
    monkeypatch.setattr(ParticipantDialog, "exec", _fill_participant("Ana Council", "Council"))
    qtbot.mouseClick(roster.buttons["add"], Qt.MouseButton.LeftButton)

    csv_path = tmp_path / "people.csv"
    csv_path.write_text(CSV_TEXT, encoding="utf-8")
    monkeypatch.setattr(roster_panel, "choose_csv", lambda parent: csv_path)
    seen: dict[str, object] = {}

    def confirm(dialog: CsvImportDialog) -> int:
        seen["rows"] = dialog.table.model().rowCount()
        seen["button"] = dialog.import_button.text()
        dialog.accept()
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(CsvImportDialog, "exec", confirm)
    qtbot.mouseClick(roster.buttons["import"], Qt.MouseButton.LeftButton)
    assert seen == {"rows": 7, "button": "Import 4 participant(s)"}
    assert roster.model.rowCount() == 5

    groups = window.workshop_page.groups
    monkeypatch.setattr(groups_panel, "ask_text", lambda *a, **k: "Health board")
    qtbot.mouseClick(groups.buttons["add"], Qt.MouseButton.LeftButton)
    assert groups.list.count() == 5
    groups.list.setCurrentRow(0)
    qtbot.mouseClick(groups.buttons["remove"], Qt.MouseButton.LeftButton)
    assert replies and "still has" in replies[-1]

    roster.search.setText("llŷr")
    assert roster.proxy.rowCount() == 1
    roster.table.selectRow(0)
    qtbot.mouseClick(roster.buttons["remove"], Qt.MouseButton.LeftButton)  # no question: Ctrl+Z brings Dewi back
    assert roster.proxy.rowCount() == 0
    window.controller.undo_stack.undo()
    assert roster.proxy.rowCount() == 1
    roster.search.setText("")
    window.close()
    store.close()

    reopened = open_store(db_file)
    again = build_main_window(reopened)
    qtbot.addWidget(again)
    assert again.start_page.model.rowCount() == 1
    again.start_page.open_button.click()
    people = {p.name: p for p in again.controller.participants()}
    names = {g.id: g.name for g in again.controller.groups()}
    assert {names[p.group_id] for p in people.values()} == {"Council", "Provider", "VCS", "Residents"}
    assert set(people) == {"Ana Council", "Bea Provider", "Cai VCS", "Dewi Llŷr", "Eli Observer"}
    assert people["Ana Council"].present and not people["Eli Observer"].is_voting
    assert [g.name for g in again.controller.groups()][-1] == "Health board"
    assert again.controller.workshop.decision_rule.value == "consensus"
    assert again.controller.workshop.plan_key == "charter"
    reopened.close()


def test_every_plan_is_offered() -> None:
    keys = {plan.key for plan in plan_list()}
    assert {"charter", "review", "short"} <= keys


def test_table_models_pass_the_model_tester(qtmodeltester, store) -> None:  # type: ignore[no-untyped-def]
    window = build_main_window(store)
    qtmodeltester.check(window.start_page.model)
    qtmodeltester.check(window.workshop_page.roster.model)
