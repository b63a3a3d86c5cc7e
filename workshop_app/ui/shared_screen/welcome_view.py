"""The welcome view: the partnership, the place and date, and a tile a person to check in as they arrive."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from workshop_app.core import roster
from workshop_app.core.model import Participant
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.shared_screen.parts import clear_layout, group_badge, text_label
from workshop_app.ui.shared_screen.big_tile import DONE_MARK, BigTile
from workshop_app.ui.shared_screen.person_tiles import TileBoard
from workshop_app.ui.shared_screen.room_data import groups_by_id
from workshop_app.ui.shared_screen.theme import TypeSizes

CHECK_IN = "Tap your name when you arrive."


class WelcomeView(QWidget):
    """Shows who the partnership is, where and when, and every person's tile; a tap checks that person in."""

    def __init__(self, controller: WorkshopController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._room: RoomController | None = None
        self.tiles: dict[int, BigTile] = {}
        self.partnership = text_label(name="heading")
        self.where = text_label(name="shift")
        self.purpose = text_label()
        self.parties_heading = text_label("The parties at the table", "title")
        self.parties = QGridLayout()
        self.board = TileBoard(self.check_in_person, self)
        self.board.page_changed.connect(self._on_page_changed)
        layout = QVBoxLayout(self)
        for widget in (self.partnership, self.where, self.purpose, self.parties_heading):
            layout.addWidget(widget)
        layout.addLayout(self.parties)
        layout.addWidget(self.board, 1)

    def show_stage(self, room: RoomController, sizes: TypeSizes) -> None:
        """Fill in the open workshop: its groups while nobody is listed, else everyone's check-in tile."""
        self._room = room
        workshop = room.workshop
        self.partnership.setText(workshop.partnership)
        self.where.setText(f"{workshop.place} · {workshop.date.strftime('%A %d %B %Y').replace(' 0', ' ')}")
        self.purpose.setText(workshop.purpose or workshop.title)
        clear_layout(self.parties)
        people = sorted(self.controller.participants(), key=lambda p: p.name.casefold())
        groups = groups_by_id(self.controller)
        self.parties_heading.setText(CHECK_IN if people else "The parties at the table")
        if not people:
            for index, group in enumerate(groups.values()):
                self.parties.addWidget(group_badge(group, round(sizes.heading * 1.3), "heading"),
                                       index // 2, index % 2)
        self.board.setVisible(bool(people))
        self.tiles = self.board.set_room(list(groups.values()), people, sizes, "checkInTile")
        for person in people:
            if person.id in self.tiles:
                self._show_tile(person, self.tiles[person.id])

    def _show_tile(self, person: Participant, tile: BigTile) -> None:
        tile.set_mark(DONE_MARK if person.present else "")
        tile.setAccessibleName(f"{person.name}, {'checked in' if person.present else 'not checked in yet'}")
        tile.set_state(rated=person.present)

    def _on_page_changed(self) -> None:
        if self.tiles:
            self.parties_heading.setText(self.board.finder_words().removesuffix(", then ") + "." if self.board.page is None
                                         else CHECK_IN)

    def check_in_person(self, participant_id: int) -> None:
        """Mark the tapped person as here (the console can mark them absent again)."""
        if self._room is not None:
            self.controller.perform(roster.set_present, participant_id, True)
            self.board.show_finder()
