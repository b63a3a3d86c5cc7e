"""The vote controller: proposals and the open vote, announced to the console and the shared screen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from workshop_app.core import voting
from workshop_app.core.decisions import Outcome
from workshop_app.core.model import Choice, Proposal, VoteRound
from workshop_app.core.voting import VoteProgress
from workshop_app.ui.controller import WorkshopController


class VoteController(QObject):
    """Runs proposal and vote operations; signals say what changed, never what anyone chose."""

    proposals_changed = Signal()
    vote_opened = Signal(int)
    ballot_recorded = Signal(int)
    vote_closed = Signal(int)
    vote_revealed = Signal(int)

    def __init__(self, controller: WorkshopController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._cache: dict[tuple[str, int], Any] = {}
        # Connected first, so every view that reacts to a change reads fresh figures.
        for signal in (self.proposals_changed, controller.participants_changed, controller.workshop_opened):
            signal.connect(self.forget)
        for signal in (self.vote_opened, self.ballot_recorded, self.vote_closed, self.vote_revealed):
            signal.connect(self.forget)

    def forget(self, *_args: Any) -> None:
        """Drop what was read from the store; the next question reads it again."""
        self._cache.clear()

    def _cached(self, key: str, number: int, read: Any) -> Any:
        """Return a store read, made once per change (several views ask the same question per ballot)."""
        if (key, number) not in self._cache:
            self._cache[(key, number)] = read()
        return self._cache[(key, number)]

    def _run(self, operation: Any, *args: Any) -> Any:
        return self.controller.run(operation, *args)

    # Proposals ----------------------------------------------------------------------------------

    def proposals(self, principle: str | None = None) -> list[Proposal]:
        """Return the open workshop's proposals, optionally under one principle."""
        return voting.proposals_of(self.controller.uow_factory, self.controller.workshop_id, principle)

    def create_proposal(self, principle: str, text: str, route: str = "", party_group_id: int | None = None) -> bool:
        """Draft a proposal under a principle."""
        done = self._run(voting.create_proposal, self.controller.workshop_id, principle, text, route, party_group_id)
        if done.ok:
            self.proposals_changed.emit()
        return bool(done.ok)

    def amend(self, proposal_id: int, text: str, author: str = "") -> bool:
        """Change a proposal's wording: an edit before any vote, an amendment (history kept) after."""
        operation = voting.amend_proposal if self.rounds(proposal_id) else None
        done = (self._run(operation, proposal_id, text, author) if operation
                else self._run(lambda f, pid, t: voting.edit_proposal(f, pid, text=t), proposal_id, text))
        if done.ok:
            self.proposals_changed.emit()
        return bool(done.ok)

    def withdraw(self, proposal_id: int) -> bool:
        """Withdraw a proposal."""
        done = self._run(voting.withdraw_proposal, proposal_id)
        if done.ok:
            self.proposals_changed.emit()
        return bool(done.ok)

    def rounds(self, proposal_id: int) -> list[VoteRound]:
        """Return a proposal's rounds, oldest first."""
        return self._cached("rounds", proposal_id, lambda: voting.rounds_of(self.controller.uow_factory, proposal_id))

    def latest_outcome(self, proposal_id: int) -> Outcome | None:
        """Return the outcome of a proposal's latest revealed round, or None."""
        revealed = [r for r in self.rounds(proposal_id) if r.revealed_at is not None and r.id is not None]
        return voting.results(self.controller.uow_factory, revealed[-1].id) if revealed else None

    # The open vote --------------------------------------------------------------------------------

    def open_round(self) -> tuple[VoteRound, Proposal] | None:
        """Return the vote now open, with its proposal."""
        workshop_id = self.controller.workshop_id
        return self._cached("open", workshop_id,
                            lambda: voting.open_round_of_workshop(self.controller.uow_factory, workshop_id))

    def open_vote(self, proposal_id: int, secret: bool) -> bool:
        """Open a vote on a proposal (named or secret)."""
        done = self._run(voting.open_vote_in_room, proposal_id, secret)
        if done.ok:
            self.vote_opened.emit(done.value.id)
            self.proposals_changed.emit()
        return bool(done.ok)

    def cast(self, round_id: int, participant_id: int, choice: Choice, reason: str = "",
             proxy_holder_id: int | None = None) -> bool:
        """Record one person's choice (or a proxy's on their behalf)."""
        done = self._run(voting.cast_ballot, round_id, participant_id, choice, reason, proxy_holder_id)
        if done.ok:
            self.ballot_recorded.emit(round_id)
        return bool(done.ok)

    def hand_count(self, round_id: int, group_id: int, agree: int, abstain: int, disagree: int, block: int,
                   block_reason: str = "") -> bool:
        """Record a group's show-of-hands counts."""
        done = self._run(voting.record_hand_count, round_id, group_id, agree, abstain, disagree, block, block_reason)
        if done.ok:
            self.ballot_recorded.emit(round_id)
        return bool(done.ok)

    def progress(self, round_id: int) -> VoteProgress:
        """Return who has voted in a round, never what."""
        return self._cached("progress", round_id, lambda: voting.progress(self.controller.uow_factory, round_id))

    def close(self, round_id: int) -> bool:
        """Close a vote: from now on it cannot change."""
        done = self._run(voting.close_vote, round_id)
        if done.ok:
            self.vote_closed.emit(round_id)
            self.proposals_changed.emit()
        return bool(done.ok)

    def reveal(self, round_id: int) -> bool:
        """Reveal a closed vote's results to the room."""
        done = self._run(voting.reveal_vote, round_id)
        if done.ok:
            self.vote_revealed.emit(round_id)
            self.proposals_changed.emit()
        return bool(done.ok)

    def results(self, round_id: int) -> Outcome | None:
        """Return a revealed vote's outcome, or None while it is hidden."""
        done = self._run(voting.results, round_id)
        return done.value if done.ok else None

    def round(self, round_id: int) -> tuple[VoteRound, Proposal] | None:
        """Return a round and its proposal by id."""
        return self._cached("round", round_id,
                            lambda: voting.round_with_proposal(self.controller.uow_factory, round_id))
