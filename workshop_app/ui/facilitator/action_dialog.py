"""The dialogs of the action plan: write or edit an action, and pick the agreed commitment it comes from."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPlainTextEdit, QVBoxLayout, QWidget,
)

from workshop_app.core.principles import Principle
from workshop_app.core.model import Action, ActionStatus, OwnerKind, Proposal
from workshop_app.ui.action_controller import OwnerChoices
from workshop_app.ui.models.action_table_model import STATUS_WORDS
from workshop_app.ui.widgets.combo import chosen, select_data
from workshop_app.ui.facilitator.dialog_buttons import ok_cancel

OWNER_KINDS = {OwnerKind.PARTICIPANT: "A person on the roster", OwnerKind.ORGANISATION: "An organisation",
               OwnerKind.GROUP: "A whole stakeholder group"}
DEFAULT_DAYS_TO_DUE = 90


class ActionDialog(QDialog):
    """What will be done, under which principle, who owns it, by when, how we will know, and its status."""

    def __init__(self, principles: list[Principle], choices: OwnerChoices, draft: Action, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start = draft
        """The action as it was before this dialog: a stored one being edited, or a new one's starting values."""
        self.setWindowTitle(title)
        self.setMinimumWidth(620)
        self.choices = choices
        self.what = QPlainTextEdit(draft.what)
        self.what.setPlaceholderText("What exactly will be done")
        self.principle = QComboBox()
        for principle in principles:
            self.principle.addItem(principle.name, principle.key)
        self.owner_kind = QComboBox()
        for kind, words in OWNER_KINDS.items():
            self.owner_kind.addItem(words, kind.value)
        self.owner = QComboBox()
        self.has_due = QCheckBox("Has a &due date")
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("d MMMM yyyy")
        self.measure = QLineEdit(draft.measure)
        self.measure.setPlaceholderText("How we will know it is done")
        self.status = QComboBox()
        for status, words in STATUS_WORDS.items():
            self.status.addItem(words, status.value)
        self.problem = QLabel(wordWrap=True)
        self.problem.setObjectName("problem")
        self._fill(draft)
        self._lay_out()
        self.owner_kind.currentIndexChanged.connect(self._on_owner_kind_changed)
        self.has_due.toggled.connect(self.due.setEnabled)

    def _fill(self, draft: Action) -> None:
        select_data(self.principle, draft.principle)
        select_data(self.owner_kind, OwnerKind(draft.owner_kind).value)
        select_data(self.status, ActionStatus(draft.status).value)
        self._on_owner_kind_changed()
        if draft.owner:
            self._select_owner(draft.owner)
        due = draft.due or dt.date.today() + dt.timedelta(days=DEFAULT_DAYS_TO_DUE)
        self.due.setDate(QDate(due.year, due.month, due.day))
        self.has_due.setChecked(draft.due is not None)
        self.due.setEnabled(self.has_due.isChecked())

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("&What", self.what)
        form.addRow("&Principle", self.principle)
        form.addRow("Owned &by", self.owner_kind)
        form.addRow("&Owner", self.owner)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        form.addRow("Due", due_row)
        form.addRow("&Measure", self.measure)
        form.addRow("&Status", self.status)
        for widget, name in ((self.what, "What will be done"), (self.principle, "Principle"),
                             (self.owner_kind, "Kind of owner"), (self.owner, "Owner"), (self.due, "Due date"),
                             (self.measure, "How we will know it is done"), (self.status, "Status")):
            widget.setAccessibleName(name)
        buttons = ok_cancel(self, self._on_accept_requested)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _on_owner_kind_changed(self) -> None:
        kind = OwnerKind(chosen(self.owner_kind, OwnerKind.PARTICIPANT.value))
        names = {OwnerKind.PARTICIPANT: self.choices.participants, OwnerKind.ORGANISATION: self.choices.organisations,
                 OwnerKind.GROUP: self.choices.groups}[kind]
        typed = self.owner.currentText() if self.owner.isEditable() else ""
        self.owner.clear()
        self.owner.setEditable(kind == OwnerKind.ORGANISATION)
        self.owner.addItems(list(names))
        if self.owner.isEditable():
            self.owner.setEditText(typed)
            line = self.owner.lineEdit()
            if line is not None:
                line.setPlaceholderText("Type or pick an organisation")

    def _select_owner(self, owner: str) -> None:
        found = self.owner.findText(owner, Qt.MatchFlag.MatchFixedString)
        if found >= 0:
            self.owner.setCurrentIndex(found)
        elif self.owner.isEditable():
            self.owner.setEditText(owner)
        else:
            self.owner.addItem(owner)
            self.owner.setCurrentIndex(self.owner.count() - 1)

    def _on_accept_requested(self) -> None:
        draft = self.draft()
        if not draft.what:
            self.problem.setText("Say what will be done before saving the action.")
        elif not draft.principle:
            self.problem.setText("Choose the principle this action belongs to.")
        elif not draft.owner:
            self.problem.setText("Name who owns this action: pick a person or a group, or type an organisation.")
        else:
            self.accept()

    def draft(self) -> Action:
        """Return the action the dialog started from, changed to what the fields describe."""
        due = self.due.date().toPython() if self.has_due.isChecked() else None
        return replace(
            self.start, what=self.what.toPlainText().strip(), principle=str(chosen(self.principle, "")),
            owner_kind=OwnerKind(chosen(self.owner_kind, OwnerKind.PARTICIPANT.value)),
            owner=self.owner.currentText().strip(), due=due if isinstance(due, dt.date) else None,
            measure=self.measure.text().strip(), status=ActionStatus(chosen(self.status, ActionStatus.OPEN.value)))

    @classmethod
    def ask(cls, parent: QWidget | None, principles: list[Principle], choices: OwnerChoices,
            draft: Action, title: str = "New action") -> Action | None:
        """Show the dialog; return the action described, or None when cancelled."""
        dialog = cls(principles, choices, draft, title, parent)
        return dialog.draft() if dialog.exec() == QDialog.DialogCode.Accepted else None


class CommitmentPicker(QDialog):
    """A list of the workshop's agreed commitments to turn into an action."""

    def __init__(self, commitments: list[Proposal], principle_names: dict[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Action from an agreed commitment")
        self.setMinimumWidth(560)
        self.commitments = {c.id: c for c in commitments if c.id is not None}
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAccessibleName("Agreed commitments")
        for commitment in commitments:
            item = QListWidgetItem(f"{commitment.text}\n    {principle_names.get(commitment.principle, '')}")
            item.setData(Qt.ItemDataRole.UserRole, commitment.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        buttons = ok_cancel(self)
        self.list.itemActivated.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Which agreed commitment will this action carry out?", wordWrap=True))
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def picked(self) -> Proposal | None:
        """Return the chosen commitment."""
        item = self.list.currentItem()
        return self.commitments.get(int(item.data(Qt.ItemDataRole.UserRole))) if item is not None else None

    @classmethod
    def ask(cls, parent: QWidget | None, commitments: list[Proposal],
            principle_names: dict[str, str]) -> Proposal | None:
        """Show the list; return the commitment chosen, or None when cancelled."""
        dialog = cls(commitments, principle_names, parent)
        return dialog.picked() if dialog.exec() == QDialog.DialogCode.Accepted else None
