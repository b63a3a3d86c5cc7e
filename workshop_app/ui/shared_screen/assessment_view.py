"""The assessment view: each person taps their name, then a point from 1 to 5; nobody's score is shown."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from workshop_app.core.assessment import HIGHEST, LOWEST
from workshop_app.core.model import Participant, StakeholderGroup
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.shared_screen import room_data
from workshop_app.ui.shared_screen.parts import text_label
from workshop_app.ui.shared_screen.big_tile import BigTile
from workshop_app.ui.shared_screen.button_keys import ButtonKeys
from workshop_app.ui.shared_screen.person_tiles import TileBoard
from workshop_app.ui.shared_screen.scale_points import ScalePoints
from workshop_app.ui.shared_screen.theme import TypeSizes
from workshop_app.ui.shared_screen.tile_picking import TilePicking



class AssessmentView(QWidget, TilePicking):
    """Participant tiles grouped by stakeholder group, the scale, and how many have rated."""

    def __init__(self, controller: WorkshopController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._room: RoomController | None = None
        self._principle = ""
        self._people: dict[int, Participant] = {}
        self._group_names: dict[int, str] = {}
        self.tiles: dict[int, BigTile] = {}
        self.selected: int | None = None
        self.heading = text_label(name="heading")
        self.scale = ScalePoints()
        self.scale.point_chosen.connect(self._on_point_chosen)
        self.keys = ButtonKeys(lambda: [self.board.visible_buttons(), self.scale.points], self._other_key, self)
        for button in self.scale.points:
            button.installEventFilter(self.keys)
        self.instruction = text_label(name="title")
        self.progress = text_label(name="title")
        self.progress.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.board = TileBoard(self.select, self.keys)
        self.board.page_changed.connect(self._show_selection)
        status = QHBoxLayout()
        status.addWidget(self.instruction, 3)
        status.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.scale)
        layout.addLayout(status)
        layout.addWidget(self.board, 1)

    # Filling in ---------------------------------------------------------------------------------

    def show_stage(self, room: RoomController, sizes: TypeSizes) -> None:
        """Build the tiles for the current principle's present voting members."""
        principle = room.principle()
        if principle is None:
            return
        self._room, self._principle = room, principle.key
        self.heading.setText(f"{principle.challenge} → {principle.name}")
        self.scale.set_principle(principle)
        groups = room_data.groups_by_id(self.controller)
        self._group_names = {gid: g.name for gid, g in groups.items()}
        people = room_data.present_voters(self.controller)
        self._people = {p.id: p for p in people if p.id is not None}
        self._build_tiles(groups, people, sizes)
        self.refresh()

    def _build_tiles(self, groups: dict[int, StakeholderGroup], people: list[Participant], sizes: TypeSizes) -> None:
        self.tiles = self.board.set_room(list(groups.values()), people, sizes)

    def refresh(self) -> None:
        """Show who has rated (a tick, never the score) and how many of how many."""
        if self._room is None:
            return
        rated = self._room.rated_ids(self._principle)
        for pid, tile in self.tiles.items():
            self._show_tile(pid, tile, pid in rated)
        self.progress.setText(f"{self._room.rating_progress(self._principle)} have rated")
        self._show_selection()

    def _show_tile(self, pid: int, tile: BigTile, rated: bool) -> None:
        self.mark_tile(pid, tile, rated, ("rated", "not rated yet"))

    def _show_selection(self) -> None:
        person = self._people.get(self.selected) if self.selected is not None else None
        self.scale.set_enabled_points(person is not None)
        if person is None:
            self.instruction.setText(self.board.finder_words() + "a point from 1 to 5." if self.board.page is None else
                                     "Tap your name, then tap a point from 1 to 5.")
        else:
            self.instruction.setText(f"{person.name}: tap a point from 1 to 5, or press Esc to cancel.")

    # Choosing -----------------------------------------------------------------------------------

    def select(self, pid: int | None) -> None:
        """Select a person (or none), ready to take their point."""
        self.pick(pid)
        self._show_selection()
        if self.selected is not None:
            self.scale.points[(HIGHEST - LOWEST) // 2].setFocus()

    def _on_point_chosen(self, score: int) -> None:
        if self._room is None or self.selected is None:
            return
        person = self._people[self.selected]
        next_pid = self.next_person(self.selected)
        self.selected = None
        self._room.record_score(self._principle, person.group_id, score, person.id)
        self.refresh()
        self.move_on(next_pid)

    # Keyboard -----------------------------------------------------------------------------------

    def _other_key(self, _watched: QObject, key: int) -> bool:
        """Esc with nobody chosen goes back to the finder; digits score."""
        if self.selected is None and key == Qt.Key.Key_Escape and self.board.paged():
            self.board.show_finder()
            return True
        return self._digit_or_escape(key)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt naming
        """Take digits and Esc when the focus is elsewhere in the view."""
        if not self._digit_or_escape(event.key()):
            super().keyPressEvent(event)

    def _digit_or_escape(self, key: int) -> bool:
        if self.selected is not None and Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
            self._on_point_chosen(key - Qt.Key.Key_0)
            return True
        if self.selected is not None and key == Qt.Key.Key_Escape:
            return self.unpick()
        return False
