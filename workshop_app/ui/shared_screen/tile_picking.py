"""What the walk-up views share: a person taps their tile, then gives their choice, and the next person's tile waits."""

from __future__ import annotations

from collections.abc import Callable

from workshop_app.core.model import Participant
from workshop_app.ui.shared_screen.big_tile import DONE_MARK, BigTile
from workshop_app.ui.shared_screen.person_tiles import TileBoard


class TilePicking:
    """Mixed into a walk-up view (voting, rating) that keeps its people's tiles on a board."""

    board: TileBoard
    tiles: dict[int, BigTile]
    selected: int | None
    _people: dict[int, Participant]
    _group_names: dict[int, str]
    select: Callable[[int | None], None]
    """The view's own selection: `pick`, then what it asks next."""

    def pick(self, pid: int | None) -> None:
        """Select a person's tile (or none) and turn the board to it."""
        previous, self.selected = self.selected, pid if pid in self.tiles else None
        if self.selected is not None:
            self.board.show_person(self.selected)
        for changed in {previous, self.selected} - {None}:
            self.tiles[changed].set_state(selected=changed == self.selected)  # type: ignore[index]

    def next_person(self, pid: int) -> int:
        """Return whose tile follows this person's on the board (the first after the last)."""
        order = list(self.tiles)
        return order[(order.index(pid) + 1) % len(order)]

    def move_on(self, next_pid: int) -> None:
        """After a choice: back to the finder when the room is paged, else focus the next person's tile."""
        if self.board.paged():
            self.board.show_finder()
        elif next_pid in self.tiles:
            self.tiles[next_pid].setFocus()

    def unpick(self) -> bool:
        """Esc after picking: nobody is selected and the focus goes back to their tile."""
        tile = self.tiles.get(self.selected) if self.selected is not None else None
        self.select(None)
        if tile is not None:
            tile.setFocus()
        return True

    def mark_tile(self, pid: int, tile: BigTile, done: bool, words: tuple[str, str]) -> None:
        """Tick a tile whose person has chosen (never what), and name it with `words` (done, not yet)."""
        person = self._people[pid]
        group = self._group_names.get(person.group_id, "")
        tile.set_mark(DONE_MARK if done else "")
        tile.setAccessibleName(f"{person.name}, {group}, {words[0] if done else words[1]}")
        tile.set_state(rated=done, selected=pid == self.selected)
