"""Edit a workshop's details: title, date, place, facilitator, and the rule until the first vote opens."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QWidget

from workshop_app.core.model import Workshop
from workshop_app.core.workshop_life import Details
from workshop_app.ui.facilitator.new_workshop_dialog import NewWorkshopDialog
from workshop_app.ui.widgets.combo import select_data

RULE_FIXED = "The decision rule is fixed now that a vote has been opened."


class DetailsDialog(NewWorkshopDialog):
    """The New workshop form, filled in; the partnership and plan stay as they are."""

    def __init__(self, plans: list[Any], workshop: Workshop, rule_fixed: bool, parent: QWidget | None = None) -> None:
        super().__init__(plans, parent)
        self.setWindowTitle("Workshop details")
        self.buttons.button(self.buttons.StandardButton.Ok).setText("Save changes")
        self.title.setText(workshop.title)
        self.partnership.setText(workshop.partnership)
        self.place.setText(workshop.place)
        self.date.setDate(QDate(workshop.date.year, workshop.date.month, workshop.date.day))
        self.facilitator.setText(workshop.facilitator)
        select_data(self.plan, workshop.plan_key)
        select_data(self.rule, workshop.decision_rule.value)
        self.partnership.setEnabled(False)
        self.plan.setEnabled(False)
        self.rule.setEnabled(not rule_fixed)
        if rule_fixed:
            self.rule_help.setText(f"{self.rule_help.text()} {RULE_FIXED}")

    def details(self) -> Details:
        """Return the details as the fields now hold them."""
        shown = self.workshop()
        return Details(shown.title, shown.date, shown.place, shown.facilitator, shown.decision_rule)

    @classmethod
    def ask_details(cls, parent: QWidget | None, plans: list[Any], workshop: Workshop,
                    rule_fixed: bool) -> Details | None:
        """Show the dialog; return the changed details, or None when cancelled."""
        dialog = cls(plans, workshop, rule_fixed, parent)
        return dialog.details() if dialog.exec() == QDialog.DialogCode.Accepted else None
