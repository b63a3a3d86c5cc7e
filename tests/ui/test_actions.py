"""Actions on the console and the shared screen: add, filter, change status, from a commitment, review and carry over."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QLabel

from workshop_app.core.changes import perform, read
from workshop_app.core import actions, roster, voting, workshops
from workshop_app.core.principles import load_principles
from workshop_app.core.model import (
    Action, ActionStatus, Choice, OwnerKind, Proposal, Workshop,
)
from workshop_app.ui.action_controller import OwnerChoices
from workshop_app.ui.app import build_main_window
from workshop_app.ui.facilitator.action_dialog import ActionDialog, CommitmentPicker
from workshop_app.ui.facilitator.actions_panel import ActionsPanel
from workshop_app.ui.main_window import MainWindow
from workshop_app.ui.models.action_table_model import DUE, OWNER, STATUS, ActionTableModel
from workshop_app.ui.shared_screen.actions_view import ROWS_PER_PAGE, ActionsView
from workshop_app.ui.shared_screen.window import SharedScreen
from tests.ui.shared_screen.conftest import go_to_kind, make_workshop

TODAY = dt.date.today()
LAST_WEEK, NEXT_MONTH = TODAY - dt.timedelta(days=7), TODAY + dt.timedelta(days=30)
DRAFTS = [
    Action(0, "accountable", "Share the risk register every quarter", OwnerKind.GROUP, "Council", LAST_WEEK,
           "Register on the shared drive"),
    Action(0, "creative", "Run a residents' design day", OwnerKind.PARTICIPANT, "Ana Brooks", NEXT_MONTH),
    Action(0, "accountable", "Publish the pool's opening data", OwnerKind.ORGANISATION, "Northside Leisure Ltd",
           LAST_WEEK, status=ActionStatus.DONE),
    Action(0, "collaborative", "Agree a joint complaints route", OwnerKind.PARTICIPANT, "Tom Okafor", None,
           status=ActionStatus.IN_PROGRESS),
]
"""What the facilitator writes in the dialog; its answer is the dialog's starting action with these words."""


def written(start: Action, words: Action) -> Action:
    """Return the dialog's answer: the action it started from, with the words the facilitator wrote."""
    return replace(start, what=words.what, principle=words.principle, owner_kind=words.owner_kind, owner=words.owner,
                   due=words.due, measure=words.measure, status=words.status)


@pytest.fixture
def window(qtbot, store) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """Return the main window over an open charter workshop with eight present voters in four groups."""
    workshop = make_workshop(store)
    main = build_main_window(store)
    qtbot.addWidget(main)
    main.controller.open_workshop(workshop.id or 0)
    yield main
    main.room._clock.stop()
    if main.shared_screen is not None:
        main.shared_screen.close()


def add_through_dialog(qtbot, panel: ActionsPanel, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                       drafts: list[Action]) -> list[dict[str, Any]]:
    """Click Add once per draft, the dialog answering with each draft in turn; return what it was asked."""
    asked: list[dict[str, Any]] = []
    queue = list(drafts)

    def answer(cls: type, parent: Any, principles: Any, choices: OwnerChoices, draft: Any = None,
               title: str = "") -> Action:
        asked.append({"choices": choices, "draft": draft, "title": title})
        return written(draft, queue.pop(0))
    monkeypatch.setattr(ActionDialog, "ask", classmethod(answer))
    for _ in drafts:
        qtbot.mouseClick(panel.buttons["add"], Qt.MouseButton.LeftButton)
    return asked


def audit_kinds(store: Any, workshop_id: int) -> list[str]:
    """Return the kinds of a workshop's audit entries, oldest first."""
    with store() as uow:
        return [e.kind for e in uow.audit_entries(workshop_id)]


def shown_whats(panel: ActionsPanel) -> list[str]:
    """Return the What column of the panel's table."""
    model = panel.table.model
    return [model.row_at(row).what for row in range(model.rowCount())]


def test_actions_added_through_the_dialog_are_saved_shown_and_audited(qtbot, store, window,  # type: ignore[no-untyped-def]
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    panel = window.workshop_page.action_plan
    window.workshop_page.tabs.setCurrentWidget(panel)
    asked = add_through_dialog(qtbot, panel, monkeypatch, DRAFTS)
    choices = asked[0]["choices"]
    assert "Ana Brooks" in choices.participants and choices.groups == ("Council", "Provider", "VCS", "Residents")
    assert asked[0]["draft"].owner == "" and asked[0]["title"] == "New action"

    saved = read(store, actions.list_actions, window.controller.workshop_id)
    assert [(a.what, a.owner, a.due, a.status) for a in saved] == [
        (d.what, d.owner, d.due, d.status) for d in DRAFTS]
    assert shown_whats(panel) == [d.what for d in DRAFTS]
    assert audit_kinds(store, window.controller.workshop_id).count("action_created") == 4
    model = panel.table.model
    assert model.data(model.index(0, OWNER)) == "Council (group)"
    assert model.data(model.index(0, DUE)).endswith("overdue")
    assert not model.data(model.index(2, DUE)).endswith("overdue")  # done, so not overdue
    assert panel.count.text() == "Showing 4 of 4 actions · 1 overdue"


def test_the_filters_narrow_the_table(qtbot, window, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    panel = window.workshop_page.action_plan
    add_through_dialog(qtbot, panel, monkeypatch, DRAFTS)
    panel.principle.setCurrentIndex(panel.principle.findData("accountable"))
    assert shown_whats(panel) == [DRAFTS[0].what, DRAFTS[2].what]
    panel.status.setCurrentIndex(panel.status.findData(ActionStatus.DONE.value))
    assert shown_whats(panel) == [DRAFTS[2].what]
    panel.principle.setCurrentIndex(0)
    panel.status.setCurrentIndex(0)
    qtbot.keyClicks(panel.owner, "OKAF")
    assert shown_whats(panel) == [DRAFTS[3].what]
    panel.owner.clear()
    panel.overdue.click()
    assert shown_whats(panel) == [DRAFTS[0].what]
    assert panel.count.text() == "Showing 1 of 4 actions · 1 overdue"
    panel.overdue.setChecked(False)
    assert len(shown_whats(panel)) == 4


def test_a_status_change_is_saved_and_audited(qtbot, store, window,  # type: ignore[no-untyped-def]
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    panel = window.workshop_page.action_plan
    add_through_dialog(qtbot, panel, monkeypatch, DRAFTS[:2])
    first = read(store, actions.list_actions, window.controller.workshop_id)[0]
    panel.table.view.selectRow(0)
    combo = panel.table.status
    assert combo.isEnabled()
    combo.setCurrentIndex(combo.findData(ActionStatus.DONE.value))
    combo.activated.emit(combo.currentIndex())
    assert read(store, actions.list_actions, window.controller.workshop_id)[0].status == ActionStatus.DONE
    with store() as uow:
        entries = uow.audit_entries(window.controller.workshop_id)
    assert entries[-1].kind == "action_status" and entries[-1].text.endswith("went from open to done.")
    assert first.what in entries[-1].text
    assert panel.table.model.data(panel.table.model.index(0, STATUS)) == "Done"
    assert panel.count.text() == "Showing 2 of 2 actions"  # done, so no longer overdue

    model = panel.table.model  # the Status cell edited in place (the delegate's combo ends in setData)
    assert model.setData(model.index(1, STATUS), ActionStatus.DROPPED.value)
    assert read(store, actions.list_actions, window.controller.workshop_id)[1].status == ActionStatus.DROPPED
    assert not model.setData(model.index(1, STATUS), "finished")


def test_editing_keeps_the_fields_and_saves_the_changes(qtbot, store, window,  # type: ignore[no-untyped-def]
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    panel = window.workshop_page.action_plan
    add_through_dialog(qtbot, panel, monkeypatch, DRAFTS[:1])
    panel.table.view.selectRow(0)
    seen: list[Action] = []
    changed = Action(0, "accountable", "Share the risk register every month", OwnerKind.ORGANISATION,
                     "Northside Council", NEXT_MONTH, "On the shared drive", ActionStatus.IN_PROGRESS)
    monkeypatch.setattr(ActionDialog, "ask", classmethod(lambda cls, p, pr, ch, draft=None, title="":
                                                         seen.append(draft) or written(draft, changed)))
    stored = read(store, actions.list_actions, window.controller.workshop_id)
    qtbot.mouseClick(panel.buttons["edit"], Qt.MouseButton.LeftButton)
    assert seen == stored and written(seen[0], DRAFTS[0]) == seen[0]  # the dialog starts from the stored action
    action = read(store, actions.list_actions, window.controller.workshop_id)[0]
    assert (action.what, action.owner_kind, action.owner, action.due, action.status) == (
        changed.what, OwnerKind.ORGANISATION, "Northside Council", NEXT_MONTH, ActionStatus.IN_PROGRESS)
    assert {"action_status", "action_edited"} <= set(audit_kinds(store, window.controller.workshop_id))


def agree(store: Any, proposal: Proposal) -> None:
    """Open a vote on a proposal, have every present voter agree, close and reveal it."""
    vote = perform(store, voting.open_vote, proposal.id, secret=False).value
    for person in read(store, roster.list_participants, proposal.workshop_id):
        if person.present and person.is_voting:
            perform(store, voting.cast, vote.id, person.id, Choice.AGREE)
    perform(store, voting.close_vote, vote.id)
    perform(store, voting.reveal_vote, vote.id)


def test_an_action_from_an_agreed_commitment_is_prefilled(qtbot, store, window,  # type: ignore[no-untyped-def]
                                                         monkeypatch: pytest.MonkeyPatch, replies) -> None:
    wid = window.controller.workshop_id
    panel = window.workshop_page.console.stage.action_plan
    go_to_kind(window.room, "actions")
    assert window.workshop_page.console.stage.controls.currentWidget() is panel
    qtbot.mouseClick(panel.buttons["commitment"], Qt.MouseButton.LeftButton)
    assert replies and "No commitment has been agreed" in replies[0]

    council = next(g for g in read(store, workshops.list_groups, wid) if g.name == "Council")
    agreed = perform(store, voting.create_proposal, wid, "accountable", "We will publish every decision within a week.",
                                    party_group_id=council.id).value
    perform(store, voting.create_proposal, wid, "creative", "We will try one new idea a year.")  # never voted on
    agree(store, agreed)
    offered: list[list[Proposal]] = []
    monkeypatch.setattr(CommitmentPicker, "ask", classmethod(
        lambda cls, parent, commitments, names: offered.append(commitments) or commitments[0]))
    prefilled: list[Action] = []
    monkeypatch.setattr(ActionDialog, "ask", classmethod(
        lambda cls, p, pr, ch, draft=None, title="": prefilled.append(draft) or replace(
            draft, due=NEXT_MONTH, measure="Minutes online in 7 days")))
    qtbot.mouseClick(panel.buttons["commitment"], Qt.MouseButton.LeftButton)

    assert [p.id for p in offered[0]] == [agreed.id]
    assert [(d.workshop_id, d.what, d.principle, d.owner_kind, d.owner, d.due, d.proposal_id, d.id)
            for d in prefilled] == [(wid, agreed.text, "accountable", OwnerKind.GROUP, "Council", None, agreed.id, None)]
    saved = read(store, actions.list_actions, wid)
    assert len(saved) == 1 and saved[0].proposal_id == agreed.id and saved[0].measure == "Minutes online in 7 days"
    assert panel.table.model.cell_text(saved[0], 6) == agreed.text


def review_workshop(store: Any) -> tuple[Workshop, Workshop, list[Action]]:
    """Make last year's charter workshop with three actions (one done) and this year's review of it."""
    earlier = make_workshop(store, dt.date(2025, 3, 4))
    made = [perform(store, actions.create_action, earlier.id, d.principle, d.what, d.owner_kind, d.owner, d.due,
                                  d.measure, status=d.status).value for d in DRAFTS[:3]]
    review = perform(store, workshops.create_workshop, Workshop(
        "Review 2026", earlier.partnership, "Northside", dt.date(2026, 3, 4), "Sam Rivers", "review")).value
    return earlier, review, made


def test_the_review_shows_last_time_s_open_actions_and_carries_them_over(qtbot, store,  # type: ignore[no-untyped-def]
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    earlier, review, made = review_workshop(store)
    main = build_main_window(store)
    qtbot.addWidget(main)
    main.controller.open_workshop(review.id)
    go_to_kind(main.room, "actions_review")
    panel = main.workshop_page.console.stage.actions_review
    assert main.workshop_page.console.stage.controls.currentWidget() is panel
    assert panel.source.text() == "Open actions from Charter workshop 2025 (4 March 2025)"
    assert [panel.table.model.row_at(r).id for r in range(panel.table.model.rowCount())] == [
        made[0].id, made[1].id]

    panel.table.view.selectRow(1)
    panel.table.status.setCurrentIndex(panel.table.status.findData(ActionStatus.DONE.value))
    panel.table.status.activated.emit(panel.table.status.currentIndex())
    assert read(store, actions.list_actions, earlier.id)[1].status == ActionStatus.DONE
    assert panel.table.model.data(panel.table.model.index(1, STATUS)) == "Done"  # still listed, now done
    assert "action_status" in audit_kinds(store, earlier.id)

    qtbot.mouseClick(panel.carry, Qt.MouseButton.LeftButton)
    carried = read(store, actions.list_actions, review.id)
    assert [(a.what, a.owner, a.due) for a in carried] == [(made[0].what, made[0].owner, made[0].due)]
    assert panel.result.text().startswith("1 unfinished action was carried over")
    qtbot.mouseClick(panel.carry, Qt.MouseButton.LeftButton)
    assert len(read(store, actions.list_actions, review.id)) == 1 and "nothing new" in panel.result.text()
    assert audit_kinds(store, review.id).count("actions_carried_over") == 1
    assert shown_whats(main.workshop_page.action_plan) == [made[0].what]  # the Actions tab has it too

    shared = main.shared_screen
    assert shared is not None
    view = shared.current_view()
    assert isinstance(view, ActionsView) and view.heading.text() == "Open actions from Charter workshop 2025"
    texts = [label.text() for label in view.findChildren(QLabel) if label.isVisibleTo(view)]
    assert made[0].what in texts and made[1].what in texts and "Overdue" in texts
    main.room._clock.stop()
    shared.close()


def test_a_first_workshop_has_nothing_to_review(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    review = perform(store, workshops.create_workshop, Workshop(
        "Review 2026", "A new partnership", "Northside", dt.date(2026, 3, 4), "Sam Rivers", "review")).value
    main = build_main_window(store)
    qtbot.addWidget(main)
    main.controller.open_workshop(review.id)
    go_to_kind(main.room, "actions_review")
    panel = main.workshop_page.console.stage.actions_review
    assert "first workshop" in panel.source.text() and panel.table.model.rowCount() == 0
    assert not panel.carry.isEnabled()
    main.room._clock.stop()


def test_the_action_model_passes_the_model_tester(qtmodeltester, store) -> None:  # type: ignore[no-untyped-def]
    workshop = make_workshop(store)
    made = [perform(store, actions.create_action, workshop.id, d.principle, d.what, d.owner_kind, d.owner, d.due, d.measure,
                                  status=d.status).value for d in DRAFTS]
    model = ActionTableModel()
    model.set_data(made, {"accountable": "Accountable"}, {}, TODAY)
    qtmodeltester.check(model)
    assert model.rowCount() == 4 and model.data(model.index(1, OWNER)) == "Ana Brooks"
    assert model.data(model.index(3, DUE)) == "No date"
    assert model.flags(model.index(0, STATUS)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, OWNER)) & Qt.ItemFlag.ItemIsEditable


LONG_WHAT = ("Run a residents' design day (6) in the library, the leisure centre and the community hall, "
             "with childcare and interpreters")


@pytest.fixture
def shared_actions(qtbot, store) -> Iterator[SharedScreen]:  # type: ignore[no-untyped-def]
    """Return a 1080p shared screen on the action-planning stage of a workshop with six actions."""
    workshop = make_workshop(store)
    for index in range(6):
        draft = DRAFTS[index % len(DRAFTS)]
        what = LONG_WHAT if index == 5 else f"{draft.what} ({index + 1})"
        perform(store, actions.create_action, workshop.id, draft.principle, what, draft.owner_kind,
                              draft.owner, draft.due, draft.measure, status=draft.status)
    main = build_main_window(store)
    qtbot.addWidget(main)
    main.controller.open_workshop(workshop.id)
    shared = main.shared_screen
    assert shared is not None
    shared.setGeometry(0, 0, 1920, 1080)
    shared.show()
    qtbot.waitExposed(shared)
    go_to_kind(main.room, "actions")
    yield shared
    main.room._clock.stop()
    shared.close()


def test_the_shared_screen_lists_actions_in_large_type_a_page_at_a_time(shared_actions: SharedScreen) -> None:
    view = shared_actions.current_view()
    assert isinstance(view, ActionsView)
    labels = [label for label in shared_actions.findChildren(QLabel)
              if label.isVisibleTo(shared_actions) and label.text().strip()]
    small = {label.text()[:30]: QFontInfo(label.font()).pixelSize() for label in labels
             if QFontInfo(label.font()).pixelSize() < 28}
    assert not small
    texts = [label.text() for label in labels]
    whats = [t for t in texts if any(t.startswith(d.what) for d in DRAFTS)]
    assert len(whats) == ROWS_PER_PAGE
    assert whats == ["Share the risk register every quarter (1)", "Share the risk register every quarter (5)",
                     "Run a residents' design day (2)", LONG_WHAT, "Agree a joint complaints route (4)"]
    assert texts.count("Overdue") == 2  # overdue first, in words
    assert "6 actions, 2 overdue · page 1 of 2, turning every 12 seconds" in texts
    body = view.mapTo(shared_actions, view.rect().bottomLeft()).y()
    assert all(label.mapTo(shared_actions, label.rect().bottomLeft()).y() <= body for label in labels
               if view.isAncestorOf(label))  # every card fits on the screen

    view._on_page_turned()
    texts = [label.text() for label in view.findChildren(QLabel) if label.isVisibleTo(view)]
    assert [t for t in texts if any(t.startswith(d.what) for d in DRAFTS)] == [
        "Publish the pool's opening data (3)"]  # done comes last
    assert "6 actions, 2 overdue · page 2 of 2, turning every 12 seconds" in texts


def test_the_shared_screen_follows_a_new_action(shared_actions: SharedScreen) -> None:
    room = shared_actions.room
    room.actions.create(Action(room.controller.workshop_id, "place_based", "Open the pool at 6am", OwnerKind.GROUP,
                               "Residents", LAST_WEEK - dt.timedelta(days=30)))
    view = shared_actions.current_view()
    texts = [label.text() for label in view.findChildren(QLabel) if label.isVisibleTo(view)]
    assert texts[2] == "Open the pool at 6am"  # the most overdue comes first
    assert "Residents (group) · by " in texts[3] and texts[3].endswith("· Open")
    assert "7 actions, 3 overdue · page 1 of 2, turning every 12 seconds" in texts


def test_the_action_dialog_offers_owners_by_kind_and_refuses_an_empty_owner(qtbot) -> None:  # type: ignore[no-untyped-def]
    choices = OwnerChoices(("Ana Brooks", "Tom Okafor"), ("Northside Council",), ("Council", "Residents"))
    start = Action(7, "creative", "", OwnerKind.PARTICIPANT, "")
    dialog = ActionDialog(load_principles(), choices, start, "New action")
    qtbot.addWidget(dialog)
    assert [dialog.owner.itemText(i) for i in range(dialog.owner.count())] == ["Ana Brooks", "Tom Okafor"]
    assert not dialog.owner.isEditable() and not dialog.due.isEnabled()
    dialog.owner_kind.setCurrentIndex(dialog.owner_kind.findData(OwnerKind.GROUP.value))
    assert [dialog.owner.itemText(i) for i in range(dialog.owner.count())] == ["Council", "Residents"]
    dialog.owner_kind.setCurrentIndex(dialog.owner_kind.findData(OwnerKind.ORGANISATION.value))
    assert dialog.owner.isEditable()
    dialog.owner.setEditText("")
    qtbot.keyClicks(dialog.what, "Hold a design day")
    dialog._on_accept_requested()
    assert dialog.problem.text().startswith("Name who owns this action") and dialog.result() == 0
    dialog.owner.setEditText("Riverton Youth Trust")
    dialog.has_due.setChecked(True)
    dialog.measure.setText("30 residents come")
    draft = dialog.draft()
    assert draft == Action(7, "creative", "Hold a design day", OwnerKind.ORGANISATION, "Riverton Youth Trust",
                           draft.due, "30 residents come", ActionStatus.OPEN, created_at=start.created_at)
    assert draft.due is not None and draft.due > TODAY
