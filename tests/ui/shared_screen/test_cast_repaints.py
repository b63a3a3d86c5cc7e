"""After a walk-up cast the shared screen repaints only what changed: the voter's tile (and the tile the focus moves
to), the choice pad's buttons, the instruction and the count; nothing is painted beneath them, no tile is re-styled
and nothing asks for a layout pass."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from workshop_app.core.model import Choice
from workshop_app.ui.shared_screen.framed_button import KEPT_LOOKS
from workshop_app.ui.shared_screen.voting_view import VotingView
from tests.ui.layout_requests import wait_until_laid_out
from tests.ui.shared_screen.conftest import example_vote


class Repaints(QObject):
    """Counts the paint events and layout requests each widget of one window gets while installed."""

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window = window
        self.painted: Counter[QWidget] = Counter()
        self.laid_out: Counter[QWidget] = Counter()
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        """Count a paint or a layout request of a widget of the window (never consumes it)."""
        if isinstance(watched, QWidget) and watched.window() is self.window:
            if event.type() == QEvent.Type.Paint:
                self.painted[watched] += 1
            elif event.type() == QEvent.Type.LayoutRequest:
                self.laid_out[watched] += 1
        return False

    def stop(self) -> None:
        """Stop counting."""
        QApplication.instance().removeEventFilter(self)  # type: ignore[union-attr]


def name(widget: QWidget) -> str:
    """Return a widget's class and object name, for a failure message."""
    return f"{type(widget).__name__}#{widget.objectName()}"


def open_vote(qtbot, store, example: str) -> Iterator[VotingView]:  # type: ignore[no-untyped-def]
    """Yield the voting view of an example workshop with a named vote open on a 1080p shared screen, laid out."""
    room, screen = example_vote(qtbot, store, example, (1920, 1080))
    view = screen.current_view()
    assert isinstance(view, VotingView) and view.tiles
    wait_until_laid_out(qtbot, [screen, view])
    yield view
    room._clock.stop()


@pytest.fixture
def voting(qtbot, store) -> Iterator[VotingView]:  # type: ignore[no-untyped-def]
    """The example workshop (20 people in 4 groups, on one page) with a named vote open."""
    for view in open_vote(qtbot, store, "northside-leisure"):
        assert not view.board.paged()
        yield view


@pytest.fixture
def paged(qtbot, store) -> Iterator[VotingView]:  # type: ignore[no-untyped-def]
    """The large example (60 people in 8 groups: a finder, then a page of names) with a vote open."""
    for view in open_vote(qtbot, store, "eastbank-wellbeing-large"):
        assert view.board.paged()
        yield view


def cast_and_count(qtbot, view: VotingView, pid: int, tap: bool) -> Repaints:  # type: ignore[no-untyped-def]
    """Select a person, then count what their choice (a tap on the pad, or its key) repaints and lays out."""
    qtbot.mouseClick(view.tiles[pid], Qt.MouseButton.LeftButton)
    assert view.selected == pid
    qtbot.wait(20)
    counts = Repaints(view.window())
    try:
        if tap:
            qtbot.mouseClick(view.choices.buttons[Choice.AGREE], Qt.MouseButton.LeftButton)
        else:
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D)
        qtbot.wait(20)
    finally:
        counts.stop()
    assert view.tiles[pid].mark, "the cast was not counted"
    return counts


@pytest.mark.parametrize("tap", [True, False], ids=["tap", "keys"])
def test_a_cast_repaints_only_what_changed(qtbot, voting: VotingView, tap: bool) -> None:  # type: ignore[no-untyped-def]
    people = list(voting.tiles)
    fresh: list[int] = []
    for button in voting.choices.buttons.values():
        original = button._paint_look
        button._paint_look = lambda painter, paint=original: (fresh.append(1), paint(painter))  # type: ignore[method-assign]
    for round_no, pid in enumerate((people[0], people[5], people[0])):  # the last one changes their vote
        fresh.clear()
        counts = cast_and_count(qtbot, voting, pid, tap)
        if round_no:
            assert fresh == [], f"the choice pad's buttons were painted afresh {len(fresh)} times, not copied"
        allowed = {voting.tiles[pid], voting.tiles[voting.next_person(pid)], *voting.choices.buttons.values(),
                   voting.instruction, voting.progress, voting.status}
        others = sorted(name(w) for w in counts.painted if w not in allowed)
        assert others == [], f"a cast repainted {others} (painted beneath the changed widgets, or unchanged ones)"
        assert counts.painted[voting.tiles[pid]] >= 1 and counts.painted[voting.progress] <= 1
        pressed = voting.choices.buttons[Choice.AGREE] if tap else None  # a tap paints it down, then up
        twice = sorted(name(w) for w, n in counts.painted.items() if n > 1 and w is not pressed)
        assert twice == [], f"a cast painted {twice} more than once"


def test_a_cast_restyles_no_tile_and_lays_nothing_out_but_the_status_row(qtbot, voting: VotingView) -> None:  # type: ignore[no-untyped-def]
    people = list(voting.tiles)
    for pid in people[:3]:
        tile = voting.tiles[pid]
        restyles: list[int] = []
        tile.updateGeometry = lambda seen=restyles, t=tile: (seen.append(1), QWidget.updateGeometry(t))  # type: ignore[method-assign]
        counts = cast_and_count(qtbot, voting, pid, tap=True)
        assert restyles == [], "the voter's tile was re-styled (its size asked again) by the cast"
        laid_out = sorted(name(w) for w in counts.laid_out if w is not voting.status)
        assert laid_out == [], f"a cast asked {laid_out} to lay out again"
        assert tile.property("rated") and not tile.property("selected")


def test_back_to_the_finder_repaints_the_board_alone_from_kept_pictures(qtbot, paged: VotingView) -> None:  # type: ignore[no-untyped-def]
    board = paged.board
    fresh: list[int] = []
    for finder in board.finders:
        original = finder._paint_look
        finder._paint_look = lambda painter, paint=original: (fresh.append(1), paint(painter))  # type: ignore[method-assign]
    people = list(paged.tiles)
    for round_no, pid in enumerate((people[0], people[-1], people[1])):
        qtbot.mouseClick(board.finders[board.page_of(pid)], Qt.MouseButton.LeftButton)
        qtbot.wait(20)
        fresh.clear()
        counts = cast_and_count(qtbot, paged, pid, tap=round_no % 2 == 0)
        assert board.page is None and board.finders[0].isVisible(), "the finder is not back after the cast"
        allowed = {board, *board.finders, *paged.choices.buttons.values(), paged.instruction, paged.progress,
                   paged.status}
        others = sorted(name(w) for w in counts.painted if w not in allowed)
        assert others == [], f"going back to the finder repainted {others} (beneath the board, or unchanged)"
        if round_no:
            assert fresh == [], f"the finder's buttons were painted afresh {len(fresh)} times, not copied"


def test_kept_pictures_are_few_and_leave_with_the_screen(qtbot, paged: VotingView) -> None:  # type: ignore[no-untyped-def]
    board = paged.board
    people = list(paged.tiles)
    for pid in (people[0], people[-1]):
        qtbot.mouseClick(board.finders[board.page_of(pid)], Qt.MouseButton.LeftButton)
        qtbot.wait(20)
        cast_and_count(qtbot, paged, pid, tap=True)
    buttons = [*board.finders, *paged.choices.buttons.values()]
    kept = [len(b._looks or {}) for b in buttons]
    assert max(kept) <= KEPT_LOOKS and sum(kept) >= len(buttons), f"pictures kept per button: {kept}"
    paged.window().hide()
    assert not any(b._looks for b in buttons), "the pictures stayed after the screen was hidden"
