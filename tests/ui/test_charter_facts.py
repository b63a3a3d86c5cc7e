"""The console edits the charter's facts and contacts, and each person's charter choices on the roster."""

from __future__ import annotations


import pytest
from PySide6.QtCore import Qt

from tests.ui.test_charter_review import panel_of, window  # noqa: F401 - the fixture
from workshop_app.core.changes import read
from workshop_app.core import charter_facts, roster
from workshop_app.core.charter import build_charter
from workshop_app.ui.facilitator.charter_facts_dialog import CharterFactsDialog
from workshop_app.ui.main_window import MainWindow
from workshop_app.ui.facilitator.participant_dialog import ParticipantDialog


def test_the_facts_dialog_shows_what_is_stored_and_saves_what_is_typed(qtbot, window: MainWindow,  # noqa: F811
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    panel = panel_of(window)
    controller = window.controller
    assert panel.facts.isEnabled()
    seen: list[CharterFactsDialog] = []

    def fill(dialog: CharterFactsDialog) -> int:
        seen.append(dialog)
        assert dialog.texts["quorum"].toPlainText().startswith("Five members")  # the example's own
        dialog.texts["quorum"].setPlainText("Four members, one of them a resident.")
        dialog.texts["expenses"].setPlainText("")
        council = next(r for r in dialog.rows if r.organisation == "Northside Borough Council")
        council.email.setText("partners@northside.example.gov.uk")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(CharterFactsDialog, "exec", fill)
    qtbot.mouseClick(panel.facts, Qt.MouseButton.LeftButton)
    assert seen
    stored = read(controller.uow_factory, charter_facts.read_facts, controller.workshop_id)
    assert stored.facts.quorum == "Four members, one of them a resident." and stored.facts.expenses == ""
    assert any(c.email == "partners@northside.example.gov.uk" for c in stored.contacts)
    text = panel.preview.toPlainText()
    content = read(controller.uow_factory, build_charter, controller.workshop_id)
    assert content.facts is not None and content.facts.quorum.startswith("Four members")
    assert "Version 1" in text


def test_the_facts_dialog_fits_a_laptop_screen(qtbot, window: MainWindow) -> None:  # noqa: F811
    controller = window.controller
    facts = read(controller.uow_factory, charter_facts.read_facts, controller.workshop_id)
    dialog = CharterFactsDialog(facts, controller.groups(), controller.participants(), window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.width() <= 1366 and dialog.height() <= 768 - 40
    assert len(dialog.rows) == 4 + 7  # each party, and each of its organisations


def test_the_roster_sets_the_name_choice_and_who_signs(qtbot, window: MainWindow,  # noqa: F811
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    controller = window.controller
    daniel = next(p for p in controller.participants() if p.name == "Daniel Wright")
    assert not daniel.publish_name and not daniel.signs
    model = window.workshop_page.roster.model
    row = next(n for n in range(model.rowCount()) if model.participant_at(n).name == "Daniel Wright")
    assert model.data(model.index(row, 6)) == "Not named"

    def agree(dialog: ParticipantDialog) -> int:
        dialog.publish.setChecked(True)
        dialog.signs.setChecked(True)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ParticipantDialog, "exec", agree)
    edited = ParticipantDialog.ask(window, daniel, controller.groups())
    assert edited is not None
    controller.perform(roster.update_participant, edited)
    saved = next(p for p in controller.participants() if p.name == "Daniel Wright")
    assert saved.publish_name and saved.signs and saved.ward == "Hillside ward"
    row = next(n for n in range(model.rowCount()) if model.participant_at(n).name == "Daniel Wright")
    assert model.data(model.index(row, 6)) == "Named · signs"
    content = read(controller.uow_factory, build_charter, controller.workshop_id)
    residents = next(p for p in content.parties if p.name == "Residents")
    assert "Daniel Wright" in {r.name for r in residents.representatives}
