"""Proposals and a vote from the console: draft, open, proxy and hands, close, reveal; nothing shown early."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from workshop_app.core.changes import perform, read
from workshop_app.core import roster, workshops
from workshop_app.core.model import Choice, Participant, Workshop
from workshop_app.ui.app import build_main_window
from workshop_app.ui.facilitator.proposal_dialog import ProposalDialog, ProposalDraft
from workshop_app.ui.facilitator.vote_entry_dialogs import HandCountDialog, HandCounts, ProxyVoteDialog, ProxyVote
from tests.ui.layout_requests import LayoutRequests, wait_until_laid_out
from tests.ui.windows import open_console


def test_a_vote_from_the_console(qtbot, store, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    workshop = perform(store, workshops.create_workshop,
        Workshop("Votes", "Northside", "Northside", dt.date(2026, 3, 4), "Sam", "charter")).value
    groups = read(store, workshops.list_groups, workshop.id)
    people = [perform(store, roster.add_participant, Participant(workshop.id, f"{g.name} {i}", g.id, present=i == 0)).value
              for g in groups for i in range(2)]
    window = build_main_window(store)
    qtbot.addWidget(window)
    window.controller.open_workshop(workshop.id)
    room = window.room
    room.go_to(next(i for i, s in enumerate(room.stages) if s.kind == "commitments"))
    panel = window.workshop_page.console.stage.proposals
    assert window.workshop_page.console.stage.controls.currentWidget() is panel

    monkeypatch.setattr(ProposalDialog, "ask", classmethod(
        lambda cls, *a, **k: ProposalDraft("We will share the risk register every quarter.", "", None)))
    qtbot.mouseClick(panel.buttons["new"], Qt.MouseButton.LeftButton)
    assert panel.list.count() == 1 and "draft" in panel.list.item(0).text()
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.buttons["secret"], Qt.MouseButton.LeftButton)
    assert "vote open" in panel.list.item(0).text() and not panel.buttons["named"].isEnabled()

    vote = panel.vote_panel
    round_id = vote.round.id
    for person in people[::2]:
        room.votes.cast(round_id, person.id, Choice.AGREE)
    monkeypatch.setattr(ProxyVoteDialog, "ask", classmethod(
        lambda cls, *a, **k: ProxyVote(people[1].id, people[0].id, Choice.DISAGREE, "")))
    qtbot.mouseClick(vote.buttons["proxy"], Qt.MouseButton.LeftButton)
    monkeypatch.setattr(HandCountDialog, "ask", classmethod(
        lambda cls, *a, **k: HandCounts(groups[3].id, 3, 1, 0, 0, "")))
    qtbot.mouseClick(vote.buttons["hands"], Qt.MouseButton.LeftButton)
    assert vote.progress.text() == "5 of 5 have voted"
    assert "hidden" in vote.outcome.text() and "agree" not in vote.outcome.text().lower().replace("agreed", "")
    assert not vote.buttons["reveal"].isEnabled()

    qtbot.mouseClick(vote.buttons["close"], Qt.MouseButton.LeftButton)
    assert "not yet revealed" in panel.list.item(0).text() and vote.buttons["reveal"].isEnabled()
    qtbot.mouseClick(vote.buttons["reveal"], Qt.MouseButton.LeftButton)
    text = vote.outcome.text()
    # Council split 1-1 (one agree, one proxy disagree): under every-party-consents a tie is an objection.
    assert text.startswith("Not agreed: Council") and "Agree 7 · Abstain 1 · Disagree 1 · Block 0" in text
    assert "Council: agree 1, abstain 0, disagree 1, block 0" in text
    assert "Residents: agree 4, abstain 1, disagree 0, block 0" in text
    assert panel.list.item(0).text().endswith("not agreed")


def test_a_ballot_changes_the_consoles_count_without_laying_the_console_out_again(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window = open_console(qtbot, store, per_group=2)
    room = window.room
    room.go_to(next(i for i, s in enumerate(room.stages) if s.kind == "commitments"))
    assert room.votes.create_proposal(room.stage().principle or "", "We will share the risk register.")
    assert room.votes.open_vote(room.votes.proposals()[-1].id or 0, False)
    vote = window.workshop_page.console.stage.proposals.vote_panel
    qtbot.waitUntil(vote.isVisible)
    people = [p for p in room.controller.participants() if p.is_voting]
    room.votes.cast(vote.round.id, people[0].id, Choice.AGREE)
    watched = [window, vote, window.workshop_page.console.stage.proposals]
    wait_until_laid_out(qtbot, watched)  # the console lays itself out for a while after it first shows
    requests = LayoutRequests(watched)
    try:
        for person in people[1:4]:
            room.votes.cast(vote.round.id, person.id, Choice.AGREE)
            qtbot.wait(5)
    finally:
        requests.stop()
    assert vote.progress.text() == f"4 of {len(people)} have voted"
    assert requests.seen == {}, f"a new count laid the console out again: {requests.seen}"



class _Paints(QObject):
    """Records the widgets of one window that get a paint event while installed on the application."""

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window, self.painted = window, []  # type: ignore[var-annotated]
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) and watched.window() is self.window:
            self.painted.append(watched)
        return False

    def stop(self) -> None:
        QApplication.instance().removeEventFilter(self)  # type: ignore[union-attr]


def test_casts_and_clock_ticks_repaint_only_the_consoles_count(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    """While people vote and the clock ticks, the console paints the vote's count (and what lies under it), nothing
    else: no button, list, timer or picture."""
    window = open_console(qtbot, store, per_group=2)
    room = window.room
    room._clock.stop()  # the test ticks the clock itself, between the casts
    room.go_to(next(i for i, s in enumerate(room.stages) if s.kind == "commitments"))
    assert room.votes.create_proposal(room.stage().principle or "", "We will share the risk register.")
    assert room.votes.open_vote(room.votes.proposals()[-1].id or 0, False)
    vote = window.workshop_page.console.stage.proposals.vote_panel
    qtbot.waitUntil(vote.isVisible)
    wait_until_laid_out(qtbot, [window, vote])
    qtbot.wait(50)
    under_the_count = {id(w) for w in _ancestors(vote.progress)}
    paints = _Paints(window)
    try:
        for person in [p for p in room.controller.participants() if p.is_voting][:4]:
            room.votes.cast(vote.round.id, person.id, Choice.AGREE)
            room._on_clock_ticked()
            qtbot.wait(20)
    finally:
        paints.stop()
    assert vote.progress.text().startswith("4 of ")
    others = sorted({w.objectName() or type(w).__name__ for w in paints.painted if id(w) not in under_the_count})
    assert any(w is vote.progress for w in paints.painted) and others == [], f"the console painted {others}"


def _ancestors(widget: QWidget) -> list[QWidget]:
    """Return a widget and every widget it sits in."""
    found: list[QWidget] = []
    while widget is not None:
        found.append(widget)
        widget = widget.parentWidget()
    return found
