"""Dialogs for votes the facilitator enters: a proxy vote, and a group's show-of-hands counts."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget,
)

from workshop_app.core.model import Choice, Participant, StakeholderGroup
from workshop_app.ui.widgets.combo import chosen
from workshop_app.ui.facilitator.dialog_buttons import ok_cancel

CHOICE_WORDS = {Choice.AGREE: "Agree", Choice.ABSTAIN: "Abstain", Choice.DISAGREE: "Disagree", Choice.BLOCK: "Block"}


@dataclass(frozen=True)
class ProxyVote:
    """A vote cast by one participant on behalf of another."""

    participant_id: int
    holder_id: int
    choice: Choice
    reason: str


@dataclass(frozen=True)
class HandCounts:
    """A group's show-of-hands counts."""

    group_id: int
    agree: int
    abstain: int
    disagree: int
    block: int
    reason: str


class ProxyVoteDialog(QDialog):
    """Who is absent, who holds their proxy, and the choice they give."""

    def __init__(self, voters: list[Participant], holders: list[Participant], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record a proxy vote")
        self.voter, self.holder, self.choice = QComboBox(), QComboBox(), QComboBox()
        for person in voters:
            self.voter.addItem(person.name, person.id)
        for person in holders:
            self.holder.addItem(person.name, person.id)
        for choice, word in CHOICE_WORDS.items():
            self.choice.addItem(word, choice.value)
        self.reason = QLineEdit(placeholderText="Needed for a block: why?")
        form = QFormLayout()
        for label, field in (("&Vote of", self.voter), ("&Cast by", self.holder), ("C&hoice", self.choice),
                             ("&Reason", self.reason)):
            field.setAccessibleName(label.replace("&", ""))
            form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("The person casting the vote must hold the absent member's proxy."))
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))

    def vote(self) -> ProxyVote:
        """Return the proxy vote described."""
        return ProxyVote(int(chosen(self.voter, 0)), int(chosen(self.holder, 0)),
                         Choice(chosen(self.choice, Choice.ABSTAIN.value)), self.reason.text())

    @classmethod
    def ask(cls, parent: QWidget | None, voters: list[Participant], holders: list[Participant]) -> ProxyVote | None:
        """Show the dialog; return the vote, or None when cancelled."""
        dialog = cls(voters, holders, parent)
        return dialog.vote() if dialog.exec() == QDialog.DialogCode.Accepted else None


class HandCountDialog(QDialog):
    """Counts per choice for one group that voted by show of hands."""

    def __init__(self, groups: list[StakeholderGroup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Enter a show of hands")
        self.group = QComboBox()
        for g in groups:
            self.group.addItem(g.name, g.id)
        self.counts = {choice: QSpinBox(minimum=0, maximum=999) for choice in CHOICE_WORDS}
        self.reason = QLineEdit(placeholderText="Needed when anyone blocks: why?")
        form = QFormLayout()
        form.addRow("&Group", self.group)
        for choice, spin in self.counts.items():
            spin.setAccessibleName(f"Number of hands for {CHOICE_WORDS[choice]}")
            form.addRow(CHOICE_WORDS[choice], spin)
        form.addRow("&Reason", self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("A later count for the same group replaces the earlier one."))
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))

    def counted(self) -> HandCounts:
        """Return the counts entered."""
        c = {choice: spin.value() for choice, spin in self.counts.items()}
        return HandCounts(int(chosen(self.group, 0)), c[Choice.AGREE], c[Choice.ABSTAIN], c[Choice.DISAGREE],
                          c[Choice.BLOCK], self.reason.text())

    @classmethod
    def ask(cls, parent: QWidget | None, groups: list[StakeholderGroup]) -> HandCounts | None:
        """Show the dialog; return the counts, or None when cancelled."""
        dialog = cls(groups, parent)
        return dialog.counted() if dialog.exec() == QDialog.DialogCode.Accepted else None
