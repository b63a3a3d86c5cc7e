"""The dialog that adds or edits one participant."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from workshop_app.ui.widgets.combo import chosen, select_data
from workshop_app.core.model import Participant, StakeholderGroup
from workshop_app.core.palette import group_letter
from workshop_app.ui.widgets.group_mark import mark_icon
from workshop_app.ui.facilitator.dialog_buttons import ok_cancel


class ParticipantDialog(QDialog):
    """Name, organisation, group, role, voting member or observer, present."""

    def __init__(self, person: Participant, groups: list[StakeholderGroup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._person = person
        self.setWindowTitle("Edit participant" if person.id else "Add participant")
        self.name = QLineEdit(person.name)
        self.organisation = QLineEdit(person.organisation)
        self.group = QComboBox()
        for group in groups:
            self.group.addItem(mark_icon(group.colour, group.mark, group_letter(group.name)), group.name, group.id)
        select_data(self.group, person.group_id)
        self.role = QLineEdit(person.role, placeholderText="e.g. Commissioner, resident, chief officer")
        self.voting = QComboBox()
        self.voting.addItem("Voting member", True)
        self.voting.addItem("Observer (does not vote)", False)
        self.voting.setCurrentIndex(0 if person.is_voting else 1)
        self.present = QCheckBox("Here today")
        self.present.setChecked(person.present)
        self.ward = QLineEdit(person.ward, placeholderText="For a resident, e.g. Eastfield ward")
        self.publish = QCheckBox("They agreed to have their name &published")
        self.publish.setChecked(person.publish_name)
        self.signs = QCheckBox("&Signs the charter")
        self.signs.setChecked(person.signs)
        privacy = QLabel("A resident's name is printed in the charter and the open data only if they agree. "
                         "Otherwise it says “a resident of” their ward.", wordWrap=True, objectName="hint")
        self.problem = QLabel(objectName="problem", wordWrap=True)
        buttons = ok_cancel(self, self._on_accept_requested)
        form = QFormLayout()
        for label, field in (("&Name", self.name), ("&Organisation", self.organisation), ("&Group", self.group),
                             ("&Role", self.role), ("&Votes", self.voting), ("", self.present),
                             ("&Ward", self.ward)):
            field.setAccessibleName(label.replace("&", "") or "Present")
            form.addRow(label, field)
        form.addRow("In the charter", self.publish)
        form.addRow("", privacy)
        form.addRow("", self.signs)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _on_accept_requested(self) -> None:
        if not self.name.text().strip():
            self.problem.setText("Give the participant a name.")
            self.name.setFocus()
        else:
            self.accept()

    def participant(self) -> Participant:
        """Return the participant as the fields describe them."""
        return replace(
            self._person, name=self.name.text(), organisation=self.organisation.text(),
            group_id=int(chosen(self.group)), role=self.role.text(),
            is_voting=bool(chosen(self.voting)), present=self.present.isChecked(), ward=self.ward.text(),
            publish_name=self.publish.isChecked(), signs=self.signs.isChecked(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, person: Participant, groups: list[StakeholderGroup]) -> Participant | None:
        """Show the dialog; return the participant, or None when cancelled."""
        dialog = cls(person, groups, parent)
        return dialog.participant() if dialog.exec() == QDialog.DialogCode.Accepted else None
