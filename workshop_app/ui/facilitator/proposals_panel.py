"""Proposals under the current principle, and the controls of the vote on one of them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from workshop_app.core import roster
from workshop_app.core.model import Note, Proposal, ProposalStatus, VoteRound, require_id
from workshop_app.core.proposal_list import ListedProposal, ProposalList, proposal_list
from workshop_app.ui import errors, undo
from workshop_app.ui.facilitator.ideas_to_propose import IdeasToPropose
from workshop_app.ui.facilitator.proposal_dialog import ProposalDialog, ProposalDraft
from workshop_app.ui.facilitator.vote_panel import VotePanel
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.vote_controller import VoteController


def status_word(proposal: Proposal, rounds: list[VoteRound], agreed: bool | None) -> str:
    """Return a proposal's state in a word or two, never a hidden result."""
    if proposal.status == ProposalStatus.WITHDRAWN:
        return "withdrawn"
    if any(r.closed_at is None for r in rounds):
        return "vote open"
    if rounds and not rounds[-1].is_revealed:
        return "vote closed, not yet revealed"
    if agreed is None:
        return "draft"
    return "agreed" if agreed else "not agreed"


CHOOSE_HINT = "Choose a proposal in the list to open a vote on it."


class ProposalsPanel(QWidget):
    """Draft, amend and withdraw proposals; open a vote on the selected one."""

    def __init__(self, controller: WorkshopController, room: RoomController, votes: VoteController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller, self.room, self.votes = controller, room, votes
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAccessibleName("Proposals under this principle")
        self.buttons = {name: QPushButton(text) for name, text in (
            ("new", "New propos&al…"), ("amend", "A&mend…"), ("withdraw", "&Withdraw…"),
            ("named", "Open name&d vote"), ("secret", "Open se&cret vote"))}
        self.vote_panel = VotePanel(controller, room, votes)
        self.ideas = IdeasToPropose()
        self.shown = ProposalList([], False, [], [])
        """What the list shows, from its one read per refresh."""
        self.hint = QLabel(CHOOSE_HINT, wordWrap=True)
        top, bottom = QHBoxLayout(), QHBoxLayout()
        for name in ("new", "amend", "withdraw"):
            top.addWidget(self.buttons[name])
        for name in ("named", "secret"):
            bottom.addWidget(self.buttons[name])
        top.addStretch(1)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Proposals", objectName="subheading"))
        layout.addWidget(self.list, 1)
        layout.addLayout(top)
        layout.addLayout(bottom)
        layout.addWidget(self.hint)
        layout.addWidget(self.vote_panel)
        layout.addWidget(self.ideas, 1)
        self._connect()

    def _connect(self) -> None:
        self.buttons["new"].clicked.connect(self._on_new_clicked)
        self.buttons["amend"].clicked.connect(self._on_amend_clicked)
        self.buttons["withdraw"].clicked.connect(self._on_withdraw_clicked)
        self.buttons["named"].clicked.connect(lambda: self._on_open_clicked(False))
        self.buttons["secret"].clicked.connect(lambda: self._on_open_clicked(True))
        self.list.currentRowChanged.connect(self._on_selection_changed)
        self.votes.proposals_changed.connect(self.refresh)
        self.ideas.proposal_requested.connect(self._on_idea_chosen)
        self.room.notes_changed.connect(lambda _index: self.refresh())

    def refresh(self) -> None:
        """Reload the current principle's proposals (with their rounds, outcomes and ideas: one read), keeping the
        selection."""
        principle = self.room.stage().principle if self.room.stages else None
        if not principle or self.isHidden():  # another stage's panel shows; the stage panel refreshes this one on show
            return
        keep = self.selected()
        self.shown = self.controller.read(proposal_list, self.controller.workshop_id, principle, self.room.stages)
        self.ideas.show_ideas(self.shown.ideas)
        self.list.blockSignals(True)
        self.list.clear()
        groups = {g.id: g.name for g in self.shown.groups}
        for listed in self.shown.proposals:
            proposal = listed.proposal
            party = f" ({groups.get(proposal.party_group_id, '')} only)" if proposal.party_group_id else ""
            word = status_word(proposal, listed.rounds, listed.agreed)
            item = QListWidgetItem(f"{proposal.text}{party}\n    {word}")
            item.setData(Qt.ItemDataRole.UserRole, proposal.id)
            self.list.addItem(item)
            if keep and keep.id == proposal.id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._on_selection_changed()
        self.vote_panel.refresh()

    def selected(self) -> Proposal | None:
        """Return the selected proposal."""
        listed = self._selected()
        return listed.proposal if listed is not None else None

    def _selected(self) -> ListedProposal | None:
        """Return the selected proposal with its rounds, as the list last read them."""
        item = self.list.currentItem()
        if item is None:
            return None
        wanted = int(item.data(Qt.ItemDataRole.UserRole))
        return next((p for p in self.shown.proposals if p.proposal.id == wanted), None)

    def _on_selection_changed(self) -> None:
        chosen = self.selected()
        usable = chosen is not None and chosen.status != ProposalStatus.WITHDRAWN
        voting = self.shown.voting
        for name in ("amend", "withdraw"):
            self.buttons[name].setEnabled(usable)
        for name in ("named", "secret"):
            self.buttons[name].setEnabled(usable and not voting)
        self.hint.setVisible(chosen is None and self.list.count() > 0 and not voting)

    def _on_new_clicked(self) -> None:
        principle = self.room.principle()
        if principle is None:
            return
        self._propose(ProposalDialog.ask(self, principle, self.controller.groups()))

    def _on_idea_chosen(self, note: Note) -> None:
        principle = self.room.principle()
        if principle is not None:
            start = ProposalDraft(note.text, note.route, None)
            self._propose(ProposalDialog.ask(self, principle, self.controller.groups(), start))

    def _propose(self, draft: ProposalDraft | None) -> None:
        """Create the drafted proposal and select it, so a vote can be opened on it at once."""
        principle = self.room.principle()
        if draft is None or principle is None:
            return
        before = {listed.proposal.id for listed in self.shown.proposals}
        if self.votes.create_proposal(principle.key, draft.text, draft.route, draft.party_group_id):
            for row in range(self.list.count()):
                if self.list.item(row).data(Qt.ItemDataRole.UserRole) not in before:
                    self.list.setCurrentRow(row)

    def _on_amend_clicked(self) -> None:
        listed, principle = self._selected(), self.room.principle()
        if listed is None or principle is None:
            return
        proposal = listed.proposal
        current = ProposalDraft(proposal.text, proposal.route, proposal.party_group_id)
        draft = ProposalDialog.ask(self, principle, self.controller.groups(), current, amending=True)
        pid, old, before_vote = require_id(proposal), proposal.text, not listed.rounds
        if draft is not None and self.votes.amend(pid, draft.text, self.room.workshop.facilitator) and before_vote:
            undo.record(self.controller.undo_stack, "change a proposal's wording",
                        lambda: self._reword(pid, draft.text), lambda: self._reword(pid, old))

    def _reword(self, proposal_id: int, text: str) -> None:
        """Undo or redo a wording change, only while no vote has been held on the proposal."""
        if self.votes.rounds(proposal_id):
            self.controller.refuse(
                "A vote has been held on this proposal since, so its wording stays; amend it instead.")
            return
        self.votes.amend(proposal_id, text)

    def _on_withdraw_clicked(self) -> None:
        listed = self._selected()
        if listed is None:
            return
        proposal, rounds = listed.proposal, len(listed.rounds)
        held = f" Its {rounds} vote{'s' if rounds != 1 else ''} stay in the record." if rounds else ""
        if errors.confirm(self, f"Withdraw the proposal \"{proposal.text}\"? "
                                f"It cannot be voted on again.{held}", "Withdraw it"):
            self.votes.withdraw(require_id(proposal))

    def _on_open_clicked(self, secret: bool) -> None:
        proposal = self.selected()
        if proposal is None:
            return
        controller = self.controller
        warning = roster.presence_warning(controller.groups(), controller.participants())
        if warning and not errors.confirm(self, f"{warning} Open the vote anyway, or mark people here first?",
                                          "Open the vote anyway"):
            return
        self.votes.open_vote(require_id(proposal), secret)
