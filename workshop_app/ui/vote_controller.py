"""The vote controller: proposals and the open vote, announced to the console and the shared screen."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from workshop_app.core import voting
from workshop_app.core.changes import Changes
from workshop_app.core.decisions import Outcome
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import Choice, Proposal, VoteRound
from workshop_app.core.voting import VoteProgress
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.long_lived import set_aside_what_was_built


class VoteController(QObject):
    """Runs proposal and vote operations; signals say what changed, never what anyone chose."""

    proposals_changed = Signal()
    vote_opened = Signal(int)
    ballot_recorded = Signal(VoteProgress)
    """A round's ballots changed (from the console, the shared screen or a phone): its fresh VoteProgress."""
    vote_closed = Signal(int)
    vote_revealed = Signal(int)

    def __init__(self, controller: WorkshopController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._told: VoteProgress | None = None
        """The progress last read or announced: a cast adds its voter to it instead of reading the round again."""
        controller.changed.connect(self._on_changed)
        for signal in (controller.participants_changed, controller.groups_changed, controller.workshop_opened):
            signal.connect(self._on_roster_changed)

    def _on_changed(self, changes: Changes) -> None:
        """Say what changed in proposals and ballots, with each changed round's progress."""
        if changes.proposals:
            self.proposals_changed.emit()
        if changes.roster or changes.groups or changes.workshop:
            self._told = None
        for round_id in sorted(changes.ballots):
            self._told = self._progress_after(round_id, changes)
            self.ballot_recorded.emit(self._told)

    def _progress_after(self, round_id: int, changes: Changes) -> VoteProgress:
        """Return a round's progress after a change: the last one told plus who just voted, when casts are all that
        changed it; otherwise (hands counted, phones' ballots, another round) read once."""
        voted = [v for v in changes.voted if v.round_id == round_id]
        told = self._told
        if voted and told is not None and told.round_id == round_id:
            return told.with_voted(voted)
        return self.progress(round_id)

    def _on_roster_changed(self, *_args: object) -> None:
        """Who is here, or in which group, may have changed: the next progress is read afresh."""
        self._told = None

    @property
    def _workshop_id(self) -> int:
        return self.controller.workshop_id

    # Proposals ----------------------------------------------------------------------------------

    def proposals(self, principle: str | None = None) -> list[Proposal]:
        """Return the open workshop's proposals, optionally under one principle."""
        return self.controller.read(voting.proposals_of, self._workshop_id, principle)

    def create_proposal(self, principle: str, text: str, route: str = "", party_group_id: int | None = None) -> bool:
        """Draft a proposal under a principle."""
        return self.controller.perform(voting.create_proposal, self._workshop_id, principle, text, route,
                                       party_group_id).ok

    def amend(self, proposal_id: int, text: str, author: str = "") -> bool:
        """Change a proposal's wording (core decides: an edit before any vote, an amendment after)."""
        return self.controller.perform(voting.reword, proposal_id, text, author).ok

    def withdraw(self, proposal_id: int) -> bool:
        """Withdraw a proposal."""
        return self.controller.perform(voting.withdraw_proposal, proposal_id).ok

    def rounds(self, proposal_id: int) -> list[VoteRound]:
        """Return a proposal's rounds, oldest first."""
        return self.controller.read(voting.rounds_of, proposal_id)

    def latest_outcome(self, proposal_id: int) -> Outcome | None:
        """Return the outcome of a proposal's latest revealed round, or None."""
        return self.controller.read(voting.latest_outcome, proposal_id)

    # The open vote --------------------------------------------------------------------------------

    def open_round(self) -> tuple[VoteRound, Proposal] | None:
        """Return the vote now open, with its proposal."""
        return self.controller.read(voting.open_round, self._workshop_id)

    def on_show(self, principle: str | None) -> tuple[VoteRound, Proposal] | None:
        """Return the vote the room sees: the open one, else the latest under the principle, else None."""
        return self.controller.read(voting.vote_on_show, self._workshop_id, principle)

    def open_vote(self, proposal_id: int, secret: bool) -> bool:
        """Open a vote on a proposal (named or secret)."""
        done = self.controller.perform(voting.open_vote_in_room, proposal_id, secret)
        if done.value is not None:
            self.vote_opened.emit(done.value.value.id)
            set_aside_what_was_built()  # the vote's tiles, so no full collector pass goes over them during a cast
        return done.ok

    def cast(self, round_id: int, participant_id: int, choice: Choice, reason: str = "",
             proxy_holder_id: int | None = None) -> bool:
        """Record one person's choice (or a proxy's on their behalf)."""
        return self.controller.perform(voting.cast, round_id, participant_id, choice, reason, proxy_holder_id).ok

    def hand_count(self, round_id: int, group_id: int, agree: int, abstain: int, disagree: int, block: int,
                   block_reason: str = "") -> bool:
        """Record a group's show-of-hands counts."""
        return self.controller.perform(voting.record_hand_count, round_id, group_id, agree, abstain, disagree,
                                       block, block_reason).ok

    def progress(self, round_id: int) -> VoteProgress:
        """Return who has voted in a round, never what (remembered: the next cast adds its voter to it, so the
        round's first cast reads nothing either, as the screens read its progress when it opened)."""
        self._told = self.controller.read(voting.progress, round_id)
        return self._told

    def close(self, round_id: int) -> bool:
        """Close a vote: from now on it cannot change."""
        done = self.controller.perform(voting.close_vote, round_id)
        if done.ok:
            self.vote_closed.emit(round_id)
        return done.ok

    def reveal(self, round_id: int) -> bool:
        """Reveal a closed vote's results to the room."""
        done = self.controller.perform(voting.reveal_vote, round_id)
        if done.ok:
            self.vote_revealed.emit(round_id)
        return done.ok

    def results(self, round_id: int) -> Outcome | None:
        """Return a revealed vote's outcome, or None while it is hidden (saying why)."""
        try:
            return self.controller.read(voting.results, round_id)
        except WorkshopError as error:
            self.controller.refuse(str(error))
            return None

    def round(self, round_id: int) -> tuple[VoteRound, Proposal] | None:
        """Return a round and its proposal by id."""
        return self.controller.read(voting.round_with_proposal, round_id)
