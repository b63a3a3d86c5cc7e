"""Issue 17 points 8 and 5: a review's kept commitments in the console and on the projector, and charter wording
that reaches the projector while the facilitator types it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLabel

from workshop_app.core.changes import perform, read
from workshop_app import cli
from workshop_app.core import charter_versions
from workshop_app.core.charter import build_charter
from workshop_app.core.model import Workshop
from workshop_app.ui.app import build_main_window
from workshop_app.ui.facilitator.charter_sections_dialog import TYPING_PAUSE_MS, CharterSectionsDialog
from workshop_app.ui.main_window import MainWindow
from workshop_app.ui.facilitator.proposal_dialog import ProposalDraft
from workshop_app.ui.shared_screen.charter_view import CharterView
from workshop_app.ui.shared_screen.window import SharedScreen


def _open(qtbot, store, workshop_id: int) -> MainWindow:  # type: ignore[no-untyped-def]
    opened = build_main_window(store)
    qtbot.addWidget(opened)
    opened.show()
    opened.controller.open_workshop(workshop_id)
    room = opened.room
    room.go_to(next(i for i, s in enumerate(room.stages) if s.kind == "charter_review"))
    return opened


@pytest.fixture
def review(qtbot, store):  # type: ignore[no-untyped-def]
    """The console on a review of the example, whose version 1 was agreed, at the review's charter stage."""
    first = cli.demo_workshop(store, cli.demo_file())
    perform(store, charter_versions.mark_agreed, first, dt.date(2025, 3, 14))
    partnership = read(store, build_charter, first).workshop.partnership
    from workshop_app.core import workshops

    later = perform(store, workshops.create_workshop, Workshop("Annual review", partnership, "Northside Community Centre",
                                                      dt.date(2026, 3, 12), "Rhiannon Jenkins", "review")).value
    opened = _open(qtbot, store, later.id or 0)
    yield opened, read(store, build_charter, first)
    opened.room._clock.stop()


def _shared(qtbot, window: MainWindow) -> tuple[SharedScreen, CharterView]:  # type: ignore[no-untyped-def]
    shared = SharedScreen(window.controller, window.room, window.room.votes, window.room.actions)
    qtbot.addWidget(shared)
    shared.setGeometry(0, 0, 1920, 1080)
    shared.show()
    view = shared.current_view()
    assert isinstance(view, CharterView)
    return shared, view


def _texts(view: CharterView) -> list[str]:
    return [label.text() for label in view.findChildren(QLabel) if label.isVisibleTo(view) and label.text().strip()]


def test_the_console_lists_kept_commitments_and_drops_one_with_undo(review) -> None:  # type: ignore[no-untyped-def]
    window, first = review
    panel = window.workshop_page.console.stage.charter
    kept = panel.kept
    assert kept.isVisibleTo(window) and kept.list.count() == len(first.commitments)
    code = first.commitments[0].code
    assert kept.list.item(0).text().startswith(f"{code} · Kept · ")
    assert f"{len(first.commitments)} of {len(first.commitments)} commitments kept" in kept.heading.text()
    assert "Kept from version 1, agreed on 14 March 2025" in panel.preview.toPlainText()
    kept.list.setCurrentRow(0)
    assert kept.drop.isEnabled() and not kept.keep.isEnabled()
    kept.drop.click()
    assert kept.list.item(0).text().startswith(f"{code} · Dropped · ")
    assert f"Commitment {code} dropped" in panel.preview.toPlainText()
    assert kept.keep.isEnabled() and not kept.drop.isEnabled()
    window.controller.undo_stack.undo()
    assert kept.list.item(0).text().startswith(f"{code} · Kept · ")
    window.controller.undo_stack.redo()
    assert kept.list.item(0).text().startswith(f"{code} · Dropped · ")


def test_new_wording_for_a_kept_commitment_is_a_draft_proposal(review) -> None:  # type: ignore[no-untyped-def]
    window, first = review
    kept = window.workshop_page.console.stage.charter.kept
    target = first.commitments[1]
    seen: list[ProposalDraft] = []

    def ask(_parent, principle, _groups, draft):  # type: ignore[no-untyped-def]
        seen.append(draft)
        return ProposalDraft(draft.text + " We will also publish the notes.", "", draft.party_group_id)

    kept.ask_draft = ask
    kept.list.setCurrentRow(1)
    kept.reword.click()
    assert seen[0].text == target.text
    proposals = window.room.votes.proposals()
    assert [p.text for p in proposals] == [target.text + " We will also publish the notes."]
    assert proposals[0].principle == target.principle
    assert f"{target.code} stays kept until the room agrees it" in kept.hint.text()
    assert kept.list.item(1).text().startswith(f"{target.code} · Kept · ")


def test_the_projector_marks_kept_commitments(qtbot, review) -> None:  # type: ignore[no-untyped-def]
    window, first = review
    shared, view = _shared(qtbot, window)
    panel = window.workshop_page.console.stage.charter
    window.workshop_page.console.stage.charter.kept.list.setCurrentRow(0)
    window.workshop_page.console.stage.charter.kept.drop.click()
    seen: dict[str, str] = {}
    while panel.page_on.isEnabled() and not view.part.text().startswith("Our commitments"):
        panel.page_on.click()
        seen[view.part.text()] = view.text.text()
    dropped = first.commitments[0]
    assert f"Commitment {dropped.code} dropped: “{dropped.text}”" in seen["What changed since version 1"]
    qtbot.wait(20)  # new cards show once the event loop runs
    texts = _texts(view)
    assert "Version 2 · DRAFT, not yet agreed" in texts
    assert "What changed since version 1" in seen
    assert any(t.startswith(f"{first.commitments[1].code} · ") and "kept from version 1" in t for t in texts)
    shared.close()


def test_wording_reaches_the_projector_while_it_is_typed_and_only_saving_keeps_it(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window = _open(qtbot, store, cli.demo_workshop(store, cli.demo_file()))
    shared, view = _shared(qtbot, window)
    panel = window.workshop_page.console.stage.charter
    seen: dict[str, object] = {}

    def type_then_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        seen["dialog"] = type(dialog).__name__
        if not isinstance(dialog, CharterSectionsDialog):
            return
        dialog.escalation.moveCursor(QTextCursor.MoveOperation.End)
        dialog.escalation.insertPlainText("\nAsk the mayor to help")
        qtbot.wait(TYPING_PAUSE_MS * 3)
        seen["part"], seen["texts"] = view.part.text(), _texts(view)
        seen["stored"] = read(store, build_charter, window.controller.workshop_id).sections.escalation
        dialog.reject()

    QTimer.singleShot(0, type_then_cancel)
    panel.edit.click()
    assert seen["dialog"] == "CharterSectionsDialog"
    assert seen["part"] == "When things go wrong"
    assert any("Ask the mayor to help" in t for t in seen["texts"])  # type: ignore[attr-defined]
    assert any(t.endswith("the wording is being changed now") for t in seen["texts"])  # type: ignore[attr-defined]
    assert not any("Ask the mayor" in step for step in seen["stored"])  # type: ignore[attr-defined]
    assert window.room.charter_wording is None
    assert not any("Ask the mayor to help" in t for t in _texts(view))  # cancelled: the saved words come back
    assert "Ask the mayor" not in panel.preview.toPlainText()
    shared.close()
    window.room._clock.stop()


def test_typing_is_shown_a_few_times_a_second_at_most(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    wording = read(store, charter_versions.current_wording, cli.demo_workshop(store, cli.demo_file()))
    dialog = CharterSectionsDialog(wording)
    qtbot.addWidget(dialog)
    shown: list[str] = []
    dialog.typed.connect(lambda typed, section: shown.append(section))
    dialog.show()
    qtbot.keyClicks(dialog.purpose, "Together we run the centre")
    qtbot.waitUntil(lambda: shown == ["purpose"], timeout=TYPING_PAUSE_MS * 8)
    qtbot.keyClick(dialog.working_together, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: shown == ["purpose", "working_together"], timeout=TYPING_PAUSE_MS * 8)
