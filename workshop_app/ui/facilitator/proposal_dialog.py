"""The dialog that drafts or amends a proposal: wording, practical route, and which party makes it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget,
)

from workshop_app.core.principles import Principle
from workshop_app.core.model import StakeholderGroup
from workshop_app.core.palette import group_letter
from workshop_app.ui.widgets.combo import NO_GROUP, chosen, select_data
from workshop_app.ui.widgets.group_mark import mark_icon
from workshop_app.ui.facilitator.dialog_buttons import ok_cancel


def route_choice(principle: Principle) -> QComboBox:
    """Return a drop-down of the principle's practical routes, each with its description as a tooltip."""
    combo = QComboBox()
    combo.addItem("No particular route", "")
    combo.setItemData(0, "The commitment is not tied to one of the report's routes.", Qt.ItemDataRole.ToolTipRole)
    for route in principle.routes:
        combo.addItem(route.name, route.key)
        combo.setItemData(combo.count() - 1, route.description, Qt.ItemDataRole.ToolTipRole)
    return combo


@dataclass(frozen=True)
class ProposalDraft:
    """What the facilitator typed and chose."""

    text: str
    route: str
    party_group_id: int | None


class ProposalDialog(QDialog):
    """Write a commitment, or adopt one of the principle's starters and edit it."""

    def __init__(self, principle: Principle, groups: list[StakeholderGroup], draft: ProposalDraft | None,
                 amending: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Amend proposal · {principle.name}" if amending else f"New proposal · {principle.name}")
        self.setMinimumWidth(620)
        self.starter = QComboBox()
        self.starter.addItem("Write our own", "")
        self.principle = principle
        for index, starter in enumerate(principle.starters):
            self.starter.addItem(starter.text, index)
        self.starter.setAccessibleName("Start from a suggested commitment")
        self.text = QPlainTextEdit(draft.text if draft else "")
        self.text.setPlaceholderText("We will …")
        self.text.setAccessibleName("Wording of the commitment")
        self.route = route_choice(principle)
        self.route_help = QLabel(objectName="routeHelp", wordWrap=True)
        self.party = QComboBox()
        self.party.addItem("All the partners together", NO_GROUP)
        for g in groups:
            self.party.addItem(mark_icon(g.colour, g.mark, group_letter(g.name)), f"{g.name} only", g.id)
        if draft:
            select_data(self.route, draft.route)
            select_data(self.party, draft.party_group_id or NO_GROUP)
        self.problem = QLabel(objectName="problem", wordWrap=True)
        self._lay_out(amending)
        self.starter.activated.connect(self._on_starter_chosen)
        self.route.currentIndexChanged.connect(self._on_route_changed)
        self._on_route_changed()

    def _lay_out(self, amending: bool) -> None:
        form = QFormLayout()
        if not amending:
            form.addRow("&Suggestion", self.starter)
        form.addRow("&Wording", self.text)
        form.addRow("Practical &route", self.route)
        form.addRow("", self.route_help)
        form.addRow("&Made by", self.party)
        self.route.setAccessibleName("Practical route")
        self.party.setAccessibleName("Which party makes this commitment")
        buttons = ok_cancel(self, self._on_accept_requested)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _on_starter_chosen(self, index: int) -> None:
        number = self.starter.itemData(index)
        if isinstance(number, int):
            starter = self.principle.starters[number]
            self.text.setPlainText(starter.text)
            select_data(self.route, starter.route)

    def _on_route_changed(self) -> None:
        self.route_help.setText(str(self.route.currentData(Qt.ItemDataRole.ToolTipRole) or ""))

    def _on_accept_requested(self) -> None:
        if not self.text.toPlainText().strip():
            self.problem.setText("Write the commitment's wording first.")
        else:
            self.accept()

    def draft(self) -> ProposalDraft:
        """Return what the fields describe."""
        party = int(chosen(self.party, NO_GROUP))
        return ProposalDraft(self.text.toPlainText().strip(), str(chosen(self.route, "")),
                             None if party == NO_GROUP else party)

    @classmethod
    def ask(cls, parent: QWidget | None, principle: Principle, groups: list[StakeholderGroup],
            draft: ProposalDraft | None = None, amending: bool = False) -> ProposalDraft | None:
        """Show the dialog; return the draft, or None when cancelled."""
        dialog = cls(principle, groups, draft, amending, parent)
        return dialog.draft() if dialog.exec() == QDialog.DialogCode.Accepted else None
