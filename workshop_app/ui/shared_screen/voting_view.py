"""The voting screen: the proposal, a tile per present voter by group, four choices; never a choice before reveal.

A person taps their tile, then a choice (Block asks for a reason); the tile then says only that they voted,
and the screen is ready for the next person. Everything it changes goes through the VoteController.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from workshop_app.core.model import Choice, Participant, StakeholderGroup, VoteRound, require_id
from workshop_app.core.voting import VoteProgress
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.vote_controller import VoteController
from workshop_app.ui.shared_screen import room_data
from workshop_app.ui.shared_screen.parts import OpaqueRow, text_label
from workshop_app.ui.shared_screen.big_tile import BigTile
from workshop_app.ui.shared_screen.button_keys import ButtonKeys
from workshop_app.ui.shared_screen.person_tiles import FINDER_WORDS, TileBoard
from workshop_app.ui.shared_screen.theme import TypeSizes
from workshop_app.ui.shared_screen.tile_picking import TilePicking
from workshop_app.ui.shared_screen.vote_choices import ChoicePad, choice_for_key
from workshop_app.ui.shared_screen.vote_results_view import VoteResultsPanel
from workshop_app.ui.widgets.steady_label import SteadyLabel

PICK_NAME = "Tap your name, then your choice. You can change your vote until the vote closes."
CLOSED = "Voting closed - results coming"


def choice_prompt(name: str) -> str:
    """Return the instruction shown while a person picks their choice."""
    return f"{name}: tap your choice, or press Esc to cancel."


def ballot_kind(vote: VoteRound) -> str:
    """Say what kind of ballot this is and what the room will see."""
    if vote.secret:
        return f"Secret vote (round {vote.round_no}): nobody will see who chose what, even after the reveal."
    return f"Named vote (round {vote.round_no}): the record keeps who chose what; the screen shows only who voted."


class VotingView(QWidget, TilePicking):
    """The open vote (tiles and choices), then 'closed', then the revealed results."""

    def __init__(self, controller: WorkshopController, votes: VoteController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller, self.votes = controller, votes
        self._room: RoomController | None = None
        self._sizes = TypeSizes.for_height(1080)
        self.round: VoteRound | None = None
        self._people: dict[int, Participant] = {}
        self._group_names: dict[int, str] = {}
        self.tiles: dict[int, BigTile] = {}
        self._marked: frozenset[int] | None = None  # the tiles shown as voted (None: not shown yet)
        self.selected: int | None = None
        self.proposal = text_label(name="title")
        self.kind = text_label(name="quiet")
        self.pages = QStackedWidget()
        self.pages.addWidget(self._open_page())
        self.closed = text_label(CLOSED, "heading")
        self.closed_progress = text_label(name="title")
        self.pages.addWidget(self._closed_page())
        self.results = VoteResultsPanel()
        self.pages.addWidget(self.results)
        layout = QVBoxLayout(self)
        layout.addWidget(self.proposal)
        layout.addWidget(self.kind)
        layout.addWidget(self.pages, 1)

    def _open_page(self) -> QWidget:
        page = QWidget()
        self.keys = ButtonKeys(lambda: [self.board.visible_buttons()], self._other_key, self)
        self.board = TileBoard(self.select, self.keys)
        self.board.page_changed.connect(self._show_selection)
        self.choices = ChoicePad()
        self.choices.chosen.connect(self._on_chosen)
        self.choices.cancelled.connect(self._show_selection)
        for button in self.choices.buttons.values():
            button.installEventFilter(self.keys)
        self.instruction = SteadyLabel("title")  # one height for every instruction: the tiles below never move
        self.progress = SteadyLabel("title")
        self.progress.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        body = QHBoxLayout()
        body.addWidget(self.board, 1)
        pad_column = QVBoxLayout()
        pad_column.addWidget(self.choices)
        pad_column.addStretch(1)
        body.addLayout(pad_column)
        self.status = OpaqueRow([(self.instruction, 3), (self.progress, 1)])  # new words never lay the screen out
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addLayout(body, 1)
        return page

    def _closed_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        for label in (self.closed, self.closed_progress):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addStretch(2)
        return page

    # Filling in -------------------------------------------------------------------------------------

    def show_stage(self, room: RoomController, sizes: TypeSizes) -> None:
        """Show the vote of the current commitments stage in the state it is in."""
        self._room, self._sizes = room, sizes
        self.choices.apply_sizes(sizes)
        principle = room.principle()
        found = self.votes.on_show(principle.key if principle else None)
        if found is None:
            self.round = None
            return
        previous = self.round.id if self.round is not None else None
        self.round, proposal = found
        self.proposal.setText(proposal.text)
        self.kind.setText(ballot_kind(self.round))
        if self.round.closed_at is None:
            self._show_open(room, sizes, keep_selection=previous == self.round.id)
        elif not self.round.is_revealed:
            self._show_closed()
        else:
            self._show_revealed(room, sizes)

    def _show_open(self, room: RoomController, sizes: TypeSizes, keep_selection: bool) -> None:
        groups = room_data.groups_by_id(self.controller)
        self._group_names = {gid: g.name for gid, g in groups.items()}
        people = room_data.present_voters(self.controller)
        self._people = {p.id: p for p in people if p.id is not None}
        if not keep_selection or self.selected not in self._people:
            self.selected = None
        self.instruction.may_show([*(start + "your choice." for start in FINDER_WORDS), PICK_NAME,
                                   *(choice_prompt(p.name) for p in people)])
        everyone = len(self._people)
        self.progress.may_show([str(VoteProgress(frozenset(range(everyone)), everyone))])
        self._build_tiles(groups, people, sizes)
        self.pages.setCurrentIndex(0)
        self.refresh_progress()

    def _show_closed(self) -> None:
        self.selected = None
        self.closed_progress.setText(str(self.votes.progress(require_id(self.round)))
                                     if self._room is not None and self.round is not None else "")
        self.pages.setCurrentIndex(1)

    def _show_revealed(self, room: RoomController, sizes: TypeSizes) -> None:
        self.selected = None
        outcome = self.votes.results(require_id(self.round)) if self.round is not None else None
        if outcome is None:
            self._show_closed()
            return
        self.results.show_outcome(outcome, list(room_data.groups_by_id(self.controller).values()), sizes)
        self.pages.setCurrentIndex(2)

    def _build_tiles(self, groups: dict[int, StakeholderGroup], people: list[Participant], sizes: TypeSizes) -> None:
        self.board.notes = {}
        self.tiles = self.board.set_room(list(groups.values()), people, sizes, "voterTile")
        self._marked = None

    def refresh_progress(self, progress: VoteProgress | None = None) -> None:
        """Mark who has voted (never what) and say how many of how many (from `progress`, else read once); only
        the tiles whose mark changes are touched."""
        if self._room is None or self.round is None or self.round.closed_at is not None:
            return
        if progress is None or progress.round_id != self.round.id:
            progress = self.votes.progress(require_id(self.round))
        voted = progress.voted_participant_ids & self.tiles.keys()
        changed = self.tiles.keys() if self._marked is None else voted ^ self._marked
        for pid in changed:
            self._show_tile(pid, self.tiles[pid], pid in voted)
        self._marked = voted
        for gid in self._group_names:
            self.board.set_note(gid, "show of hands counted" if gid in progress.hand_count_group_ids else "")
        self.progress.setText(str(progress))
        self._show_selection()

    def _show_tile(self, pid: int, tile: BigTile, voted: bool) -> None:
        self.mark_tile(pid, tile, voted, ("has voted", "has not voted yet"))

    def _show_selection(self) -> None:
        person = self._people.get(self.selected) if self.selected is not None else None
        if not self.choices.asking_reason():
            self.choices.set_choosing(person is not None)
        if person is None:
            self.instruction.setText(self.board.finder_words() + "your choice." if self.board.page is None else PICK_NAME)
        else:
            self.instruction.setText(choice_prompt(person.name))

    # Choosing ---------------------------------------------------------------------------------------

    def select(self, pid: int | None) -> None:
        """Select a person (or none), ready to take their choice."""
        self.pick(pid)
        self.choices.reset()
        self._show_selection()
        if self.selected is not None:
            self.choices.buttons[Choice.AGREE].setFocus()

    def _on_chosen(self, choice: str, reason: str) -> None:
        if self._room is None or self.round is None or self.selected is None:
            return
        pid, self.selected = self.selected, None
        self.choices.reset()
        self.tiles[pid].set_state(selected=False)
        self.move_on(self.next_person(pid))  # the focus leaves the pad before the cast disables it (no stop on the way)
        self.votes.cast(require_id(self.round), pid, Choice(choice), reason)  # the progress comes back by signal

    # Keyboard ---------------------------------------------------------------------------------------

    def _other_key(self, _watched: QObject, key: int) -> bool:
        """Esc with nobody chosen goes back to the finder; letters and digits choose."""
        if self.selected is None and key == Qt.Key.Key_Escape and self.board.page is not None:
            self.board.show_finder()
            return self.board.paged()
        return self._choice_or_escape(key)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt naming
        """Take choice keys and Esc when the focus is elsewhere in the view."""
        if not self._choice_or_escape(event.key()):
            super().keyPressEvent(event)

    def _choice_or_escape(self, key: int) -> bool:
        if self.selected is None or self.choices.asking_reason():
            return False
        choice = choice_for_key(key)
        if choice is not None:
            self.choices.choose(choice)
            return True
        if key == Qt.Key.Key_Escape:
            return self.unpick()
        return False
