"""How a room's people are split into pages and shelves of tiles: plain arithmetic, no widgets.

A page holds shelves; a shelf holds group sections side by side, each a few tile columns wide under its
group's heading. When the whole room fits, one page holds everyone; when it does not, each group gets its own
page, a large group one page per first-letter range, and a finder offers a button per page.
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


@dataclass
class Section:
    """One group's people on a page (all of them, or a first-letter range of a large group)."""

    group: StakeholderGroup
    people: list[Participant]
    letters: str = ""
    columns: int = 1
    wide: frozenset[int] = frozenset()

    def title(self, note: str = "") -> str:
        """Return the group's name, with the letter range and any note."""
        return " · ".join(part for part in (self.group.name, self.letters, note) if part)

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
    first, last = (people[i].name.strip()[:letters].upper() for i in (0, -1))
    return first if first == last else f"{first} – {last}"


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
            section.columns = max(math.ceil(len(section.people) / rows), min_columns.get(require_id(section.group), 1))
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
    rows = max(1, (grid.height - grid.header) // grid.row)
    pages = []
    for section in sections:
        chunks = chunks_of(section.people, grid.columns, rows, wide_ids)
        for chunk, label in zip(chunks, range_labels(chunks)):
            columns = min(grid.columns, max(math.ceil(len(chunk) / rows), wide.get(require_id(section.group), 1)))
            if any(p.id in wide_ids for p in chunk):
                columns = grid.columns
            pages.append(Page([[Section(section.group, chunk, label, columns, wide_ids)]]))
    return pages
