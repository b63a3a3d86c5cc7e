"""A walk-up cast does little on the shared screen: no tile is laid out again, and only the voter's own tile changes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from workshop_app.core.model import Choice
from workshop_app.ui.shared_screen.voting_view import VotingView
from tests.ui.layout_requests import LayoutRequests, wait_until_laid_out
from tests.ui.shared_screen.conftest import example_vote


@pytest.fixture(params=[(1920, 1080), (1280, 720)], ids=["1080p", "720p"])
def voting(request, qtbot, store) -> Iterator[VotingView]:  # type: ignore[no-untyped-def]
    """The large example (60 people in 8 groups, names short and long), a named vote open on the shared screen."""
    room, screen = example_vote(qtbot, store, "eastbank-wellbeing-large", request.param)
    view = screen.current_view()
    assert isinstance(view, VotingView) and view.tiles
    yield view
    room._clock.stop()


def tap_in(qtbot, view: VotingView, pid: int, choice: Choice) -> None:  # type: ignore[no-untyped-def]
    """Walk up and vote: the group's button (when the room takes pages), the name, the choice; between taps the
    screen catches up (lays out and paints) as it does while a person reaches for the next button."""
    board = view.board
    if board.paged() and board.page != board.page_of(pid):
        if board.page is not None:
            qtbot.mouseClick(board.back, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(board.finders[board.page_of(pid)], Qt.MouseButton.LeftButton)
        qtbot.wait(1)
    qtbot.mouseClick(view.tiles[pid], Qt.MouseButton.LeftButton)
    assert view.selected == pid
    qtbot.wait(1)
    qtbot.mouseClick(view.choices.buttons[choice], Qt.MouseButton.LeftButton)
    qtbot.wait(1)


def test_selecting_and_casting_never_lays_the_tiles_out_again(qtbot, voting: VotingView) -> None:  # type: ignore[no-untyped-def]
    board = voting.board
    qtbot.wait(1)
    layouts: list[int] = []
    original = board.relayout
    board.relayout = lambda: (layouts.append(1), original())  # type: ignore[method-assign]
    size = board.size()
    names = {pid: person.name for pid, person in voting._people.items()}
    short, long = min(names, key=lambda pid: len(names[pid])), max(names, key=lambda pid: len(names[pid]))
    for pid in (short, long, list(names)[len(names) // 2], short):  # the last one changes their vote
        tap_in(qtbot, voting, pid, Choice.AGREE)
        assert board.size() == size, "the instruction's new words moved the tiles"
    assert layouts == [], f"the tiles were laid out again {len(layouts)} times for 4 casts"
    assert voting.progress.text().startswith("3 of ")


def test_a_cast_touches_only_the_voters_tile(qtbot, voting: VotingView) -> None:  # type: ignore[no-untyped-def]
    shown: list[int] = []
    original = voting._show_tile
    voting._show_tile = lambda pid, tile, voted: (shown.append(pid), original(pid, tile, voted))  # type: ignore[method-assign]
    people = list(voting.tiles)
    for pid in (people[0], people[1], people[0]):  # the last one changes their vote: no tile changes
        shown.clear()
        tap_in(qtbot, voting, pid, Choice.DISAGREE)
        assert set(shown) <= {pid}, f"a cast by one person updated {len(set(shown))} tiles"
    assert voting.tiles[people[0]].mark and voting.tiles[people[1]].mark and not voting.tiles[people[2]].mark
    assert not any(tile.property("selected") for tile in voting.tiles.values())



def test_a_casts_new_count_and_words_never_lay_the_screen_out_again(qtbot, voting: VotingView) -> None:  # type: ignore[no-untyped-def]
    people = list(voting.tiles)
    tap_in(qtbot, voting, people[0], Choice.AGREE)
    watched = [voting.window(), voting, voting.pages]
    wait_until_laid_out(qtbot, watched)
    requests = LayoutRequests(watched)
    try:
        for pid in people[1:4]:
            tap_in(qtbot, voting, pid, Choice.ABSTAIN)
        qtbot.wait(5)
    finally:
        requests.stop()
    assert voting.progress.text().startswith("4 of ")
    assert requests.seen == {}, f"new words laid out the shared screen again: {requests.seen}"


def test_back_to_the_finder_after_a_cast_works_out_no_grid_and_restyles_the_tile_once(qtbot, voting: VotingView) -> None:  # type: ignore[no-untyped-def]
    board = voting.board
    if not board.paged():
        pytest.skip("the room fits on one page at this size: no finder")
    grids: list[int] = []
    original = board._grids
    board._grids = lambda *args: (grids.append(1), original(*args))[1]  # type: ignore[method-assign]
    people = list(voting.tiles)
    for pid in (people[0], people[-1], people[0]):  # the last one changes their vote
        tile = voting.tiles[pid]
        restyles: list[int] = []
        tile.updateGeometry = lambda seen=restyles, t=tile: (seen.append(1), QWidget.updateGeometry(t))  # type: ignore[method-assign]
        tap_in(qtbot, voting, pid, Choice.DISAGREE)
        assert board.page is None and board.finders[0].isVisible(), "the finder is not back after the cast"
        assert len(restyles) <= 2, f"one walk-up (select, cast) re-styled the tile {len(restyles)} times, not 2"
    assert grids == [], f"showing the finder worked out its grid {len(grids)} times"
    assert [b.geometry() for b in board.finders] == board._finder_places
