"""How a room is split into pages of tiles and what the finder offers: by group while its buttons fit the screen,
else by the first letters of everybody's names; every page's heading whole beside the back button."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QLabel

from workshop_app.core.model import Participant, StakeholderGroup
from workshop_app.ui.app import load_fonts_and_style
from workshop_app.ui.shared_screen.person_tiles import BACK_LETTERS, BACK_WORDS, FIND_GROUP, FIND_LETTERS, TileBoard
from workshop_app.ui.shared_screen.theme import TypeSizes, stylesheet
from workshop_app.ui.shared_screen.tile_pages import Grid, letter_range, plan_letter_pages, plan_pages
from tests.ui.layout_check import label_fits, tile_fits
from tests.ui.rooms import LONG_GROUP_NAMES, person_name


def room(voters: int, groups: int, long: bool) -> tuple[list[StakeholderGroup], list[Participant]]:
    """Return groups and present voters as the store would give them (ids set), spread like tests/ui/rooms.py."""
    made = [StakeholderGroup(1, LONG_GROUP_NAMES[i] if long else f"Group {i + 1}", "#0072B2", "circle", i, id=i + 1)
            for i in range(groups)]
    people = [Participant(1, person_name(i, long), i % groups + 1, present=True, id=100 + i) for i in range(voters)]
    return made, people


def test_a_room_that_fits_is_one_page_and_a_large_one_a_page_per_group_or_letters() -> None:
    groups, people = room(12, 3, long=False)
    assert len(plan_pages(groups, people, Grid(4, 1000, 60, 60))) == 1
    pages = plan_pages(groups, people, Grid(1, 250, 60, 60))  # three rows a page: two pages per group of four
    assert [p.sections()[0].group.name for p in pages if p.sections()[0].group] == ["Group 1"] * 2 + \
        ["Group 2"] * 2 + ["Group 3"] * 2
    by_letter = plan_letter_pages(people, Grid(1, 250, 60, 60))
    names = [person.name for page in by_letter for person in page.sections()[0].people]
    assert names == sorted(names, key=str.casefold) and len(names) == 12  # everybody once, in order of name
    assert len(by_letter) == 4
    assert all(page.sections()[0].group is None and len(page.sections()[0].people) == 3 for page in by_letter)
    assert by_letter[0].sections()[0].title().startswith("Names · ")
    assert len({page.sections()[0].finder_words() for page in by_letter}) == len(by_letter)  # each button differs


def test_a_letter_range_keeps_an_arabic_name_from_reordering_the_range() -> None:
    _groups, people = room(8, 1, long=True)
    arabic = next(p for p in people if p.name.startswith("عبد"))
    words = letter_range([people[0], arabic], 3)
    assert words == "\u2068LLŶ\u2069 – \u2068عبد\u2069"


@pytest.fixture
def board(qapp) -> Iterator[TileBoard]:  # type: ignore[no-untyped-def]
    """A tile board styled as on the shared screen at 720p."""
    style = qapp.styleSheet()
    load_fonts_and_style(qapp)
    made = TileBoard(lambda _pid: None, QObject())
    made.setObjectName("sharedScreen")
    made.setStyleSheet(stylesheet(TypeSizes.for_height(720)))
    yield made
    made.close()
    qapp.setStyleSheet(style)


def place(board: TileBoard, voters: int, groups: int, width: int, height: int) -> None:
    """Give the board a room of long names and a size, and let it lay out."""
    made, people = room(voters, groups, long=True)
    board.set_room(made, people, TypeSizes.for_height(720))
    board.resize(width, height)
    board.show()
    QApplication.processEvents()


def test_the_finder_offers_groups_while_their_buttons_fit(board: TileBoard) -> None:
    place(board, 60, 10, 1200, 420)
    assert board.paged() and not board.by_letter
    assert board.finder_words() == FIND_GROUP and board.back.text() == BACK_WORDS
    assert all(f.geometry().bottom() < board.height() and tile_fits(f) for f in board.finders)


def test_the_finder_offers_first_letters_when_a_button_per_group_page_cannot_fit(board: TileBoard) -> None:
    place(board, 60, 1, 874, 395)  # one group of sixty long names beside the choice pad at 720p: nine pages
    assert board.paged() and board.by_letter
    assert board.finder_words() == FIND_LETTERS and board.back.text() == BACK_LETTERS
    assert 2 <= len(board.finders) <= 12
    assert all(f.geometry().bottom() < board.height() and tile_fits(f) for f in board.finders)
    seen = [pid for index in range(len(board.pages)) for pid in board_page(board, index)]
    assert sorted(seen) == sorted(board.tiles)  # everybody is on exactly one page: still three taps a person


def board_page(board: TileBoard, index: int) -> list[int]:
    """Open a page from the finder; return whose tiles show, checking its heading and tiles are whole."""
    board.finders[index].click()
    QApplication.processEvents()
    shown = [pid for pid, tile in board.tiles.items() if tile.isVisible()]
    headings = [label for label in board.findChildren(QLabel) if label.isVisible() and label.text()]
    assert headings and all(label_fits(label) for label in headings)
    assert all(tile_fits(board.tiles[pid]) and board.tiles[pid].geometry().bottom() < board.height() for pid in shown)
    board.show_finder()
    return shown
