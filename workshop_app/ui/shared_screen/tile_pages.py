"""How a room's people are split into pages and shelves of tiles: plain arithmetic, no widgets.

A page holds shelves; a shelf holds group sections side by side, each a few tile columns wide under its
group's heading. When the whole room fits, one page holds everyone; when it does not, each group gets its own
page, a large group one page per first-letter range, and a finder offers a button per page. When even those
buttons are too many for the screen, the whole room is split by first letters instead (a short button a page).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from workshop_app.core.model import Participant, StakeholderGroup, require_id


def flow(people: list[Participant], columns: int, wide: frozenset[int]) -> list[tuple[int, int, int]]:
    """Return each tile's (row, column, span) in a grid: a name too long for one column takes a whole row."""
    places, row, column = [], 0, 0
    for person in people:
        span = columns if person.id in wide else 1
        if column + span > columns:
            row, column = row + 1, 0
        places.append((row, column, span))
        column += span
        if column >= columns:
            row, column = row + 1, 0
    return places


def flow_rows(people: list[Participant], columns: int, wide: frozenset[int]) -> int:
    """Return how many rows the tiles take."""
    places = flow(people, columns, wide)
    return places[-1][0] + 1 if places else 0


LETTER_PAGE = "Names"
"""The heading of a page of names by first letters, from every group."""


@dataclass
class Section:
    """One group's people on a page (all of them, or a first-letter range of a large group); with no group, a
    first-letter range of the whole room."""

    group: StakeholderGroup | None
    people: list[Participant]
    letters: str = ""
    columns: int = 1
    wide: frozenset[int] = frozenset()

    @property
    def group_id(self) -> int:
        """Return the group's id (0 for a page of names from every group)."""
        return require_id(self.group) if self.group is not None else 0

    def title(self, note: str = "") -> str:
        """Return the group's name (or 'Names'), with the letter range and any note."""
        name = self.group.name if self.group is not None else LETTER_PAGE
        return " · ".join(part for part in (name, self.letters, note) if part)

    def finder_words(self) -> str:
        """Return the words of the finder's button for this section: its heading, or only its letters."""
        return self.title() if self.group is not None or not self.letters else self.letters

    def rows(self) -> int:
        """Return how many rows of tiles the section takes."""
        return flow_rows(self.people, self.columns, self.wide)

    def has_wide(self) -> bool:
        """Say whether a name in the section needs a whole row."""
        return any(p.id in self.wide for p in self.people)


@dataclass
class Page:
    """What one page shows: shelves of sections, top to bottom."""

    shelves: list[list[Section]] = field(default_factory=list)

    def sections(self) -> list[Section]:
        """Return the page's sections in reading order."""
        return [section for shelf in self.shelves for section in shelf]


@dataclass(frozen=True)
class Grid:
    """The space a page has, in tile columns and pixels."""

    columns: int
    height: int
    header: int
    row: int

    def shelves_height(self, shelves: list[list[Section]]) -> int:
        """Return the height shelves take: a heading and the tallest section's rows each."""
        return sum(self.header + max(s.rows() for s in shelf) * self.row for shelf in shelves)


def letter_range(people: list[Participant], letters: int = 1) -> str:
    """Return 'A – K': how the first and last names of a slice sorted by name begin."""
    first, last = (people[i].name.strip()[:letters].strip().upper() for i in (0, -1))
    return isolated(first) if first == last else f"{isolated(first)} – {isolated(last)}"


def isolated(text: str) -> str:
    """Return text in its own direction (Unicode isolates), so an Arabic end never reorders the rest of a range."""
    return f"\u2068{text}\u2069"


def range_labels(chunks: list[list[Participant]]) -> list[str]:
    """Return a label per slice of a large group, using as many first letters as it takes to tell them apart."""
    if len(chunks) < 2:
        return [""] * len(chunks)
    for letters in range(1, 8):
        labels = [letter_range(chunk, letters) for chunk in chunks]
        if len(set(labels)) == len(labels):
            return labels
    return [f"{letter_range(chunk, 8)} ({n} of {len(chunks)})" for n, chunk in enumerate(chunks, start=1)]


def shelve(sections: list[Section], grid: Grid, min_columns: dict[int, int]) -> list[list[Section]] | None:
    """Put sections on shelves so that they fit the grid's height, or return None when they cannot."""
    most_rows = max(len(s.people) for s in sections)
    for rows in range(1, most_rows + 1):
        shelves: list[list[Section]] = [[]]
        used = 0
        for section in sections:
            section.columns = max(math.ceil(len(section.people) / rows), min_columns.get(section.group_id, 1))
            if section.has_wide():
                section.columns = grid.columns
            if section.columns > grid.columns:
                break
            if used + section.columns > grid.columns:
                shelves.append([])
                used = 0
            shelves[-1].append(section)
            used += section.columns
        else:
            if grid.shelves_height(shelves) <= grid.height:
                return shelves
    return None


def chunks_of(people: list[Participant], columns: int, rows: int, wide: frozenset[int]) -> list[list[Participant]]:
    """Split a group's people, in order, into slices that each fit `rows` rows of tiles."""
    chunks: list[list[Participant]] = [[]]
    for person in people:
        if chunks[-1] and flow_rows([*chunks[-1], person], columns, wide) > rows:
            chunks.append([])
        chunks[-1].append(person)
    return chunks


def plan_pages(groups: list[StakeholderGroup], people: list[Participant], grid: Grid,
               min_columns: dict[int, int] | None = None, wide_ids: frozenset[int] = frozenset()) -> list[Page]:
    """Split the room into pages: one page when everybody fits, else a page per group or letter range."""
    wide = min_columns or {}
    sections = [Section(g, [p for p in people if p.group_id == g.id], wide=wide_ids) for g in groups]
    sections = [s for s in sections if s.people]
    if not sections:
        return [Page()]
    together = shelve(sections, grid, wide)
    if together is not None:
        return [Page(together)]
    pages = []
    for section in sections:
        pages += _range_pages(section.group, section.people, grid, wide.get(section.group_id, 1), wide_ids)
    return pages


def plan_letter_pages(people: list[Participant], grid: Grid, wide_ids: frozenset[int] = frozenset()) -> list[Page]:
    """Split the whole room, in order of name, into pages by first letters: the finder then needs a short button
    per page of names instead of one per page of each group."""
    return _range_pages(None, sorted(people, key=lambda p: p.name.casefold()), grid, 1, wide_ids)


def _range_pages(group: StakeholderGroup | None, people: list[Participant], grid: Grid, least_columns: int,
                 wide_ids: frozenset[int]) -> list[Page]:
    """Return a page for each first-letter range of some people, each range as many rows as the grid has."""
    rows = max(1, (grid.height - grid.header) // grid.row)
    chunks = chunks_of(people, grid.columns, rows, wide_ids)
    pages = []
    for chunk, label in zip(chunks, range_labels(chunks)):
        columns = min(grid.columns, max(math.ceil(len(chunk) / rows), least_columns))
        if any(p.id in wide_ids for p in chunk):
            columns = grid.columns
        pages.append(Page([[Section(group, chunk, label, columns, wide_ids)]]))
    return pages
