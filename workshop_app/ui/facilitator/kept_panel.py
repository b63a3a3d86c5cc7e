"""The commitments a review carries from the partnership's last agreed charter: kept, dropped, or changed here."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from workshop_app.core import charter_carry
from workshop_app.core.charter_carry import Carried, CarryForward
from workshop_app.ui import undo
from workshop_app.ui.facilitator.proposal_dialog import ProposalDialog, ProposalDraft
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.vote_controller import VoteController
from workshop_app.ui.room_controller import RoomController

STATE_WORDS = {"kept": "Kept", "dropped": "Dropped", "reworded": "Reworded here", "agreed again": "Agreed again"}
"""How the list names each state of a carried commitment."""


def row_text(item: Carried) -> str:
    """'C1 · Kept · We will meet…' (with the code it has now when it was changed here)."""
    now = f" as {item.now}" if item.now and item.now != item.code else ""
    return f"{item.code} · {STATE_WORDS.get(item.state, item.state)}{now} · {item.text}"


class KeptPanel(QWidget):
    """Lists the carried commitments; the facilitator drops one, keeps it again, or drafts new wording for it."""

    changed = Signal()

    def __init__(self, controller: WorkshopController, room: RoomController, votes: VoteController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller, self.room, self.votes = controller, room, votes
        self.carried: CarryForward | None = None
        self.ask_draft: Callable[..., ProposalDraft | None] = ProposalDialog.ask
        self.heading = QLabel(wordWrap=True)
        self.list = QListWidget()
        self.list.setAccessibleName("Commitments carried from the last agreed charter")
        self.list.setMaximumHeight(140)
        self.drop = QPushButton("Drop it")
        self.drop.setAccessibleName("Drop the chosen commitment from this charter")
        self.keep = QPushButton("Keep it")
        self.keep.setAccessibleName("Keep the chosen commitment in this charter again")
        self.reword = QPushButton("New wording…")
        self.reword.setAccessibleName("Draft new wording for the chosen commitment as a proposal to vote on")
        self.hint = QLabel(wordWrap=True)
        self.hint.setObjectName("hint")
        buttons = QHBoxLayout()
        for button in (self.drop, self.keep, self.reword):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self.drop.clicked.connect(lambda: self._on_drop_clicked(True))
        self.keep.clicked.connect(lambda: self._on_drop_clicked(False))
        self.reword.clicked.connect(self._on_reword_clicked)
        self.setVisible(False)

    def show_carried(self, carried: CarryForward | None) -> None:
        """Show what became of the last agreed version's commitments (hidden when the charter carries none)."""
        self.carried = carried
        self.setVisible(carried is not None)
        if carried is None:
            return
        row = self.list.currentRow()
        self.list.clear()
        for item in carried.items:
            entry = QListWidgetItem(row_text(item))
            entry.setData(Qt.ItemDataRole.UserRole, item.code)
            entry.setToolTip(item.text)
            self.list.addItem(entry)
        self.list.setCurrentRow(min(max(row, 0), self.list.count() - 1))
        source = carried.source
        self.heading.setText(f"<b>From version {source.version}: {carried.count('kept')} of {len(carried.items)} "
                             "commitments kept.</b> A kept commitment stays in the charter until the room changes "
                             "it or drops it.")
        self.heading.setToolTip(f"Version {source.version} was agreed at {source.workshop_title}.")
        self._enable()

    def chosen(self) -> Carried | None:
        """The carried commitment picked in the list."""
        if self.carried is None or self.list.currentRow() < 0:
            return None
        code = self.list.currentItem().data(Qt.ItemDataRole.UserRole)
        return next((i for i in self.carried.items if i.code == code), None)

    def _enable(self) -> None:
        item = self.chosen()
        self.drop.setEnabled(item is not None and item.state == "kept")
        self.keep.setEnabled(item is not None and item.state == "dropped")
        self.reword.setEnabled(item is not None and item.state == "kept")

    def _on_drop_clicked(self, dropped: bool) -> None:
        item = self.chosen()
        if item is None:
            return
        if self._set(item.code, dropped):
            undo.record(self.controller.undo_stack, f"{'drop' if dropped else 'keep'} commitment {item.code}",
                        lambda: self._set(item.code, dropped), lambda: self._set(item.code, not dropped))

    def _set(self, code: str, dropped: bool) -> bool:
        operation = charter_carry.drop_kept if dropped else charter_carry.keep_again
        done = self.controller.perform(operation, self.controller.workshop_id, code)
        if done.ok:
            self.changed.emit()
        return bool(done.ok)

    def _on_reword_clicked(self) -> None:
        """Start a proposal from the kept wording; the commitment stays kept until the new wording is agreed."""
        item = self.chosen()
        principle = self.room.principles.get(item.principle) if item is not None else None
        if item is None or principle is None:
            return
        groups = self.controller.groups()
        party = next((g.id for g in groups if g.name == item.party), None)
        draft = self.ask_draft(self, principle, groups, ProposalDraft(item.text, "", party))
        if draft is not None and self.votes.create_proposal(item.principle, draft.text, draft.route,
                                                                 draft.party_group_id):
            self.hint.setText(f"The new wording for {item.code} is a draft proposal under {principle.name}: vote on "
                              f"it at that principle's stage. {item.code} stays kept until the room agrees it.")
