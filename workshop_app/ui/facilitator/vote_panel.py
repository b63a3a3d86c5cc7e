"""The open vote for the facilitator: who has voted (never what), proxy and hands entry, close, reveal, outcome."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from workshop_app.core.decisions import Outcome
from workshop_app.core.model import Proposal, VoteRound, require_id
from workshop_app.core.voting import VoteProgress
from workshop_app.ui import errors
from workshop_app.ui.widgets.steady_row import SteadyRow
from workshop_app.ui.widgets.wrap_label import WrapLabel
from workshop_app.ui.facilitator.vote_entry_dialogs import HandCountDialog, ProxyVoteDialog
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.vote_controller import VoteController


def outcome_lines(outcome: Outcome, names: dict[int, str]) -> str:
    """Return the outcome in words with counts per group."""
    lines = [outcome.reason]
    t = outcome.totals
    lines.append(f"Agree {t.agree} · Abstain {t.abstain} · Disagree {t.disagree} · Block {t.block}")
    for group_id, counts in outcome.per_group.items():
        lines.append(f"{names.get(group_id, '')}: agree {counts.agree}, abstain {counts.abstain}, "
                     f"disagree {counts.disagree}, block {counts.block}")
    return "\n".join(lines)


class VotePanel(QGroupBox):
    """Follows the latest vote of the workshop from open to reveal."""

    def __init__(self, controller: WorkshopController, room: RoomController, votes: VoteController,
                 parent: QWidget | None = None) -> None:
        super().__init__("The vote", parent)
        self.controller, self.room, self.votes = controller, room, votes
        self.round: VoteRound | None = None
        self.proposal_text = WrapLabel(objectName="intro")
        self.progress = QLabel(objectName="subheading")
        self.outcome = WrapLabel()
        self.buttons = {name: QPushButton(text) for name, text in (
            ("proxy", "Pro&xy vote…"), ("hands", "Sh&ow of hands…"), ("close", "C&lose vote"),
            ("reveal", "Reveal result&s"))}
        self.buttons["reveal"].setObjectName("primary")
        row = QHBoxLayout()
        for button in self.buttons.values():
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.proposal_text)
        layout.addWidget(SteadyRow([(self.progress, 1)]))  # a new count repaints the label, not the whole console
        layout.addLayout(row)
        layout.addWidget(self.outcome)
        self.buttons["proxy"].clicked.connect(self._on_proxy_clicked)
        self.buttons["hands"].clicked.connect(self._on_hands_clicked)
        self.buttons["close"].clicked.connect(self._on_close_clicked)
        self.buttons["reveal"].clicked.connect(self._on_reveal_clicked)
        # Opening, closing and revealing a vote change its proposal too (Changes.proposals): the proposals panel's
        # one refresh on proposals_changed refreshes this panel, so it does not also listen to vote_opened & co.
        votes.ballot_recorded.connect(self._on_ballot_recorded)

    def _follow(self, round_id: int) -> None:
        """Follow a round that is not the one shown (ballots counted in it) and show it."""
        found = self.votes.open_round()
        if found is None or found[0].id != round_id:
            found = self.votes.round(round_id)
        self.round = found[0] if found else None
        self.refresh()

    def _on_ballot_recorded(self, progress: VoteProgress) -> None:
        """A ballot changes only the count of who has voted: show the progress it came with."""
        if self.round is not None and self.round.id == progress.round_id and self.round.closed_at is None:
            self.progress.setText(str(progress))
        else:
            self._follow(progress.round_id)

    def refresh(self) -> None:
        """Show the followed vote's state: progress while open, the outcome once revealed."""
        found = self.votes.open_round()
        if found is None and self.round is not None and self.round.id is not None:
            found = self.votes.round(self.round.id)
        self.setVisible(found is not None)
        if found is None:
            return
        self.round, proposal = found
        self._show(self.round, proposal)

    def _show(self, vote: VoteRound, proposal: Proposal) -> None:
        kind = "Secret" if vote.secret else "Named"
        self.proposal_text.setText(f"{kind} vote, round {vote.round_no}: {proposal.text}")
        self.progress.setText(str(self.votes.progress(require_id(vote))))
        is_open, revealed = vote.closed_at is None, vote.is_revealed
        for name in ("proxy", "hands", "close"):
            self.buttons[name].setEnabled(is_open)
        self.buttons["reveal"].setEnabled(not is_open and not revealed)
        outcome = self.votes.results(require_id(vote)) if revealed else None
        names = {require_id(g): g.name for g in self.controller.groups()}
        self.outcome.setText(outcome_lines(outcome, names) if outcome else
                             "Results stay hidden until you close the vote and reveal them.")

    def _on_proxy_clicked(self) -> None:
        if self.round is None:
            return
        people = [p for p in self.controller.participants() if p.is_voting]
        vote = ProxyVoteDialog.ask(self, people, [p for p in people if p.present])
        if vote is not None:
            self.votes.cast(require_id(self.round), vote.participant_id, vote.choice, vote.reason, vote.holder_id)

    def _on_hands_clicked(self) -> None:
        counts = HandCountDialog.ask(self, self.controller.groups()) if self.round else None
        if counts is not None and self.round is not None:
            self.votes.hand_count(require_id(self.round), counts.group_id, counts.agree, counts.abstain,
                                  counts.disagree, counts.block, counts.reason)

    def _on_close_clicked(self) -> None:
        if self.round is None:
            return
        progress = self.votes.progress(require_id(self.round))
        voted, eligible = len(progress.voted_participant_ids), progress.eligible_count
        if voted < eligible and not errors.confirm(
                self, f"Only {voted} of {eligible} have voted. Close the vote now? "
                      "Nobody can vote or change their vote after it closes.", "Close the vote"):
            return
        self.votes.close(require_id(self.round))

    def _on_reveal_clicked(self) -> None:
        if self.round is not None:
            self.votes.reveal(require_id(self.round))
