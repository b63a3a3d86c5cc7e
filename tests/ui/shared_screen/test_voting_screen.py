"""Voting on the shared screen: a whole vote by taps and keys, nothing of a choice shown before the reveal."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontInfo, QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget

from workshop_app.core.decisions import last_ballots
from workshop_app.core.model import Ballot, Choice
from workshop_app.ui.shared_screen.voting_view import CLOSED, VotingView
from workshop_app.ui.shared_screen.window import SharedScreen
from tests.ui.shared_screen.conftest import PEOPLE, go_to_kind
from tests.ui.shared_screen.test_legibility import measured_contrast, visible_labels

PROPOSAL = "We will publish one shared risk register each quarter."
REASON = "The residents panel has not seen the costs yet"
CHOICE_WORDS = re.compile(r"\b(agree[ds]?|abstain\w*|disagree\w*|block\w*)\b", re.IGNORECASE)


def open_vote(shared: SharedScreen, secret: bool) -> int:
    """Go to the first commitments stage, draft a proposal and open a vote on it; return the round id."""
    room = shared.room
    go_to_kind(room, "commitments")
    assert room.votes.create_proposal(room.stage().principle or "", PROPOSAL)
    proposal = room.votes.proposals()[-1]
    assert room.votes.open_vote(proposal.id or 0, secret)
    found = room.votes.open_round()
    assert found is not None
    return found[0].id or 0


def view_of(shared: SharedScreen) -> VotingView:
    view = shared.current_view()
    assert isinstance(view, VotingView) and shared.body.currentWidget() is view
    return view


def tile(view: VotingView, name: str) -> QAbstractButton:
    return next(t for t in view.tiles.values() if t.accessibleName().startswith(name + ","))


def stored_choices(shared: SharedScreen, round_id: int) -> dict[str, tuple[str, str]]:
    """Return each voter's counted (last) choice and reason, by name."""
    names = {p.id: p.name for p in shared.room.controller.participants()}
    with shared.room.controller.uow_factory() as uow:
        ballots = uow.repo(Ballot).list(round_id=round_id)
    return {names[pid]: (str(b.choice), b.reason) for pid, b in last_ballots(ballots).items()}


def tap_vote(qtbot, view: VotingView, name: str, choice: Choice, reason: str = "") -> None:  # type: ignore[no-untyped-def]
    """Vote as a walk-up person: tap the tile, tap the choice (Block: type the reason, tap confirm)."""
    qtbot.mouseClick(tile(view, name), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.choices.buttons[choice], Qt.MouseButton.LeftButton)
    if choice == Choice.BLOCK:
        qtbot.keyClicks(view.choices.reason, reason)
        qtbot.mouseClick(view.choices.confirm, Qt.MouseButton.LeftButton)


def every_text(root: QWidget) -> list[str]:
    """Return every text a person or a screen reader could get from the widgets: labels, buttons, names, tips."""
    texts = []
    for widget in [root, *root.findChildren(QWidget)]:
        texts += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription(), widget.whatsThis()]
        if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
            texts.append(widget.text())
    return [t for t in texts if t]


def texts_outside_choices(shared: SharedScreen) -> list[str]:
    """Every text of the bands and the voting view (hidden parts too), except the choice pad's own words."""
    view = view_of(shared)
    inside = set(every_text(view.choices))
    texts = every_text(shared.header) + every_text(view) + every_text(shared.footer)
    return [t for t in texts if t not in inside]


def clear_focus() -> None:
    focused = QApplication.focusWidget()
    if focused is not None:
        focused.clearFocus()


def settled_grab(qtbot, shared: SharedScreen) -> QImage:  # type: ignore[no-untyped-def]
    """Grab the screen as the room sees it: no focus ring, and every pending layout done."""
    clear_focus()
    qtbot.wait(50)
    return shared.grab().toImage()


def test_the_voting_view_shows_only_at_a_commitments_stage_with_a_vote(shared: SharedScreen) -> None:
    room = shared.room
    go_to_kind(room, "commitments")
    assert shared.view_key() == "stage"
    round_id = open_vote(shared, secret=False)
    view = view_of(shared)
    assert view.proposal.text() == PROPOSAL
    assert view.kind.text().startswith("Named vote")
    names = sorted(t.accessibleName() for t in view.tiles.values())
    assert names == sorted(f"{n}, {g}, has not voted yet" for g, people in PEOPLE.items() for n in people)
    assert view.progress.text() == "0 of 8 have voted"
    assert not any(b.isEnabled() for b in view.choices.buttons.values())
    assert [b.accessibleName() for b in view.choices.buttons.values()][0] == "Agree with the proposal"
    go_to_kind(room, "assessment")
    assert shared.view_key() == "assessment"
    go_to_kind(room, "commitments")
    assert view_of(shared).round is not None and view_of(shared).round.id == round_id  # type: ignore[union-attr]


def test_a_whole_vote_by_taps_and_keys_then_close_and_reveal(qtbot, shared: SharedScreen) -> None:  # type: ignore[no-untyped-def]
    round_id = open_vote(shared, secret=False)
    view = view_of(shared)
    for name, choice in (("Ana Brooks", Choice.AGREE), ("Bea Lund", Choice.ABSTAIN),
                         ("Dewi Llŷr", Choice.DISAGREE), ("Sue Bell", Choice.BLOCK)):
        tap_vote(qtbot, view, name, choice, REASON)
        assert view.selected is None and view.choices.currentIndex() == 0
        assert tile(view, name).text() == name and tile(view, name).mark == "✓"
        assert tile(view, name).accessibleName().endswith(", has voted")
    assert stored_choices(shared, round_id)["Sue Bell"] == ("block", REASON)
    shared.activateWindow()
    # Keys: Tom by arrows and the A key; Karim by Enter and the digit 1; Cai by arrows + Enter on a choice.
    tom = tile(view, "Tom Okafor")
    tom.setFocus()
    qtbot.keyClick(tom, Qt.Key.Key_Space)
    assert view.instruction.text().startswith("Tom Okafor: tap your choice")
    qtbot.keyClick(view.choices.buttons[Choice.AGREE], Qt.Key.Key_A)
    karim = tile(view, "Karim Haddad")
    karim.setFocus()
    qtbot.keyClick(karim, Qt.Key.Key_Return)
    qtbot.keyClick(view.choices.buttons[Choice.AGREE], Qt.Key.Key_1)
    cai = tile(view, "Cai Morgan")
    cai.setFocus()
    qtbot.keyClick(cai, Qt.Key.Key_Enter)
    assert view.choices.buttons[Choice.AGREE].hasFocus()
    qtbot.keyClick(view.choices.buttons[Choice.AGREE], Qt.Key.Key_Down)
    assert view.choices.buttons[Choice.ABSTAIN].hasFocus()
    qtbot.keyClick(view.choices.buttons[Choice.ABSTAIN], Qt.Key.Key_Up)
    qtbot.keyClick(view.choices.buttons[Choice.AGREE], Qt.Key.Key_Return)
    # Eli: Esc cancels a selection, then the tile is chosen again and votes with the digit 2.
    eli = tile(view, "Eli Hart")
    eli.setFocus()
    qtbot.keyClick(eli, Qt.Key.Key_Return)
    qtbot.keyClick(view.choices.buttons[Choice.AGREE], Qt.Key.Key_Escape)
    assert view.selected is None and eli.hasFocus() and shared.isVisible()
    assert "Eli Hart" not in stored_choices(shared, round_id)
    qtbot.keyClick(eli, Qt.Key.Key_Return)
    qtbot.keyClick(view.choices.buttons[Choice.AGREE], Qt.Key.Key_2)
    assert view.progress.text() == "8 of 8 have voted"
    # Dewi changes her vote: X asks for a reason, Esc goes back, 3 disagrees; then she taps Agree after all.
    dewi = tile(view, "Dewi Llŷr")
    dewi.setFocus()
    qtbot.keyClick(dewi, Qt.Key.Key_Return)
    qtbot.keyClick(view.choices.buttons[Choice.AGREE], Qt.Key.Key_X)
    assert view.choices.asking_reason() and view.choices.reason.hasFocus()
    qtbot.keyClick(view.choices.reason, Qt.Key.Key_Return)  # no reason yet: refused, still asking
    assert view.choices.asking_reason() and view.choices.reason_problem.isVisibleTo(shared)
    qtbot.keyClick(view.choices.reason, Qt.Key.Key_Escape)
    assert not view.choices.asking_reason() and view.selected is not None
    qtbot.keyClick(view.choices.buttons[Choice.BLOCK], Qt.Key.Key_3)
    qtbot.mouseClick(tile(view, "Dewi Llŷr"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.choices.buttons[Choice.AGREE], Qt.MouseButton.LeftButton)
    assert {n: c for n, (c, _r) in stored_choices(shared, round_id).items()} == {
        "Ana Brooks": "agree", "Tom Okafor": "agree", "Bea Lund": "abstain", "Karim Haddad": "agree",
        "Cai Morgan": "agree", "Dewi Llŷr": "agree", "Eli Hart": "abstain", "Sue Bell": "block"}
    with shared.room.controller.uow_factory() as uow:
        assert len(uow.repo(Ballot).list(round_id=round_id)) == 10  # every choice is kept
    assert view.progress.text() == "8 of 8 have voted"
    assert not [t for t in texts_outside_choices(shared) if CHOICE_WORDS.search(t)]
    assert shared.room.votes.close(round_id)
    view = view_of(shared)
    assert view.pages.currentIndex() == 1 and view.closed.text() == CLOSED == "Voting closed - results coming"
    assert not [t for t in texts_outside_choices(shared) if REASON in t or re.search(r"\d+ agree", t, re.I)]
    assert shared.room.votes.reveal(round_id)
    view = view_of(shared)
    assert view.pages.currentIndex() == 2
    assert view.results.headline.text() == "Not agreed"
    assert view.results.reason.text() == "Not agreed: someone from Residents blocked."
    assert view.results.blocks.isVisibleTo(shared) and view.results.blocks.lines == [f"• Residents: {REASON}"]
    assert view.results.bars.accessibleDescription() == (
        "Agree 5: Council 2, Provider 1, VCS 2; Abstain 2: Provider 1, Residents 1; Disagree 0; "
        "Block 1: Residents 1")


def test_a_secret_vote_shows_only_who_voted_until_the_reveal(qtbot, shared: SharedScreen) -> None:  # type: ignore[no-untyped-def]
    round_id = open_vote(shared, secret=True)
    view = view_of(shared)
    assert view.kind.text().startswith("Secret vote")
    voters = ["Ana Brooks", "Bea Lund", "Cai Morgan", "Sue Bell"]
    before, texts_before = settled_grab(qtbot, shared), every_text(shared)
    for name in voters:
        tap_vote(qtbot, view, name, Choice.AGREE)
    first, first_texts = settled_grab(qtbot, shared), every_text(shared)
    for name, choice in zip(voters, (Choice.BLOCK, Choice.DISAGREE, Choice.ABSTAIN, Choice.BLOCK)):
        tap_vote(qtbot, view, name, choice, REASON)
    second, second_texts = settled_grab(qtbot, shared), every_text(shared)
    assert stored_choices(shared, round_id)["Sue Bell"] == ("block", REASON)
    # The screen is the same whatever the same people chose: every pixel and every text.
    assert first == second
    assert first_texts == second_texts
    assert not [t for t in second_texts if REASON in t]
    assert not [t for t in texts_outside_choices(shared) if CHOICE_WORDS.search(t)]
    # Against the screen before anyone voted, only the voters' tiles and the count changed.
    allowed = [region(view, tile(view, name), shared) for name in voters] + [region(view, view.progress, shared)]
    changed = changed_pixels(before, second)
    assert changed and all(any(r.contains(p) for r in allowed) for p in changed)
    assert {t for t in second_texts} - set(texts_before) == {
        *(f"{n}, {g}, has voted" for n, g in
                                               (("Ana Brooks", "Council"), ("Bea Lund", "Provider"),
                                                ("Cai Morgan", "VCS"), ("Sue Bell", "Residents"))),
        "4 of 8 have voted"}
    assert shared.room.votes.close(round_id) and shared.room.votes.reveal(round_id)
    results = every_text(shared)
    assert not [t for t in results if any(name in t for name in voters) and CHOICE_WORDS.search(t)]
    assert view_of(shared).results.blocks.lines == [f"• Council: {REASON}", f"• Residents: {REASON}"]


def region(view: VotingView, widget: QWidget, shared: SharedScreen) -> QRect:
    """Return a widget's rectangle in the shared screen's coordinates."""
    return QRect(widget.mapTo(shared, QPoint(0, 0)), widget.size())


def changed_pixels(a: QImage, b: QImage) -> list[QPoint]:
    """Return the points (every second pixel) where two grabs differ."""
    assert a.size() == b.size()
    return [QPoint(x, y) for y in range(0, a.height(), 2) for x in range(0, a.width(), 2)
            if a.pixel(x, y) != b.pixel(x, y)]


def test_hands_proxy_and_a_closed_vote_cannot_change_from_the_screen(qtbot, shared: SharedScreen) -> None:  # type: ignore[no-untyped-def]
    round_id = open_vote(shared, secret=False)
    view = view_of(shared)
    residents = next(g for g in shared.room.controller.groups() if g.name == "Residents")
    assert shared.room.votes.hand_count(round_id, residents.id or 0, 2, 0, 0, 0)
    assert "Residents · show of hands counted" in [lbl.text() for lbl in view.findChildren(QLabel)
                                                  if lbl.isVisibleTo(shared)]
    tom = next(p for p in shared.room.controller.participants() if p.name == "Tom Okafor")
    ana = next(p for p in shared.room.controller.participants() if p.name == "Ana Brooks")
    assert shared.room.votes.cast(round_id, tom.id or 0, Choice.AGREE, "", ana.id)  # a proxy, from the console
    assert tile(view, "Tom Okafor").mark == "✓" and tile(view, "Tom Okafor").property("rated")
    qtbot.mouseClick(tile(view, "Bea Lund"), Qt.MouseButton.LeftButton)
    assert shared.room.votes.close(round_id)
    view = view_of(shared)
    assert view.pages.currentIndex() == 1 and view.selected is None
    assert view.closed_progress.text() == "1 of 8 have voted"
    assert "Bea Lund" not in stored_choices(shared, round_id)


@pytest.mark.parametrize("state", ["open", "closed", "revealed"])
def test_the_voting_view_is_legible_at_1080p(qtbot, shared: SharedScreen, state: str) -> None:  # type: ignore[no-untyped-def]
    round_id = open_vote(shared, secret=True)
    view = view_of(shared)
    tap_vote(qtbot, view, "Eli Hart", Choice.BLOCK, REASON)
    tap_vote(qtbot, view, "Ana Brooks", Choice.AGREE)
    if state != "open":
        shared.room.votes.close(round_id)
    if state == "revealed":
        shared.room.votes.reveal(round_id)
    clear_focus()
    labels = visible_labels(shared)
    assert len(labels) >= 3
    small = {lbl.text()[:30]: QFontInfo(lbl.font()).pixelSize() for lbl in labels
             if QFontInfo(lbl.font()).pixelSize() < 28}
    assert not small
    buttons = [b for b in shared.findChildren(QAbstractButton) if b.isVisibleTo(shared)]
    assert all(QFontInfo(b.font()).pixelSize() >= 28 for b in buttons)
    assert (len(buttons) == 12) == (state == "open")
    image = shared.grab().toImage()
    ratios = {lbl.text()[:30]: measured_contrast(image, lbl, shared) for lbl in labels}
    assert min(ratios.values()) >= 4.5, ratios
    if state == "revealed":
        bars = view_of(shared).results.bars
        assert QFontInfo(bars.font()).pixelSize() >= 28 and bars.height() >= 4 * QFontInfo(bars.font()).pixelSize()
