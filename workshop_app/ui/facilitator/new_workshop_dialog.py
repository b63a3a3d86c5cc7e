"""The New workshop dialog: title, partnership, place, date, facilitator, plan and decision rule."""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from workshop_app.ui.widgets.combo import chosen
from workshop_app.core.model import DecisionRule, Workshop
from workshop_app.core.rule_text import rule_text, rule_texts


class PlanLike(Protocol):
    """What the dialog needs to know about a session plan."""

    key: str
    title: str

    @property
    def total_minutes(self) -> int: ...

    @property
    def length_minutes(self) -> int: ...

    @property
    def slack_minutes(self) -> int: ...

    @property
    def warnings(self) -> tuple[str, ...]: ...


def plan_help(plan: PlanLike) -> str:
    """Return the line under the plan choice: the spare time the plan leaves, or its warning."""
    if plan.warnings:
        return " ".join(plan.warnings)
    return f"Its stages take {_hours(plan.total_minutes)}, leaving {_hours(plan.slack_minutes)} spare."


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


class NewWorkshopDialog(QDialog):
    """Asks for a new workshop's details; accept() only when they are complete."""

    def __init__(self, plans: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New workshop")
        self.setMinimumWidth(560)
        self.title = QLineEdit(placeholderText="e.g. Partnership charter workshop")
        self.partnership = QLineEdit(placeholderText="e.g. Northside Leisure Partnership")
        self.place = QLineEdit(placeholderText="e.g. Northside, Riverton Borough")
        self.date = QDateEdit(QDate.currentDate(), calendarPopup=True, displayFormat="d MMMM yyyy")
        self.facilitator = QLineEdit()
        self.plan = QComboBox()
        self.plans = list(plans)
        for plan in self.plans:
            self.plan.addItem(f"{plan.title} ({_hours(plan.length_minutes)})", plan.key)
        self.plan_help = QLabel(wordWrap=True, objectName="hint")
        self.rule = QComboBox()
        for text in rule_texts():
            self.rule.addItem(text.name, text.rule.value)
        self.rule_help = QLabel(wordWrap=True)
        self.problem = QLabel(wordWrap=True, objectName="problem")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create workshop")
        self._lay_out()
        self.rule.currentIndexChanged.connect(self._on_rule_changed)
        self.plan.currentIndexChanged.connect(self._on_plan_changed)
        self._on_plan_changed()
        self.buttons.accepted.connect(self._on_accept_requested)
        self.buttons.rejected.connect(self.reject)
        self._on_rule_changed()

    def _lay_out(self) -> None:
        form = QFormLayout()
        for label, field, name in (
            ("&Title", self.title, "Workshop title"), ("&Partnership", self.partnership, "Partnership name"),
            ("P&lace", self.place, "Place"), ("&Date", self.date, "Workshop date"),
            ("&Facilitator", self.facilitator, "Facilitator's name"), ("Session pl&an", self.plan, "Session plan"),
            ("Decision &rule", self.rule, "Decision rule"),
        ):
            field.setAccessibleName(name)
            form.addRow(label, field)
        form.insertRow(form.rowCount() - 1, "", self.plan_help)
        form.addRow("", self.rule_help)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def _on_rule_changed(self) -> None:
        self.rule_help.setText(rule_text(self.selected_rule()).explanation)

    def _on_plan_changed(self) -> None:
        index = self.plan.currentIndex()
        self.plan_help.setText(plan_help(self.plans[index]) if 0 <= index < len(self.plans) else "")

    def selected_rule(self) -> DecisionRule:
        """Return the decision rule chosen."""
        return DecisionRule(chosen(self.rule))

    def _on_accept_requested(self) -> None:
        if not self.title.text().strip():
            self.problem.setText("Give the workshop a title.")
            self.title.setFocus()
        elif self.plan.currentIndex() < 0:
            self.problem.setText("There is no session plan to choose; check the sessions folder.")
        else:
            self.accept()

    def workshop(self) -> Workshop:
        """Return the workshop described by the fields."""
        qdate = self.date.date()
        return Workshop(
            title=self.title.text().strip(), partnership=self.partnership.text().strip(),
            place=self.place.text().strip(), date=dt.date(qdate.year(), qdate.month(), qdate.day()),
            facilitator=self.facilitator.text().strip(), plan_key=str(chosen(self.plan)),
            decision_rule=self.selected_rule(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, plans: list[Any]) -> Workshop | None:
        """Show the dialog; return the new workshop's details, or None when cancelled."""
        dialog = cls(plans, parent)
        return dialog.workshop() if dialog.exec() == QDialog.DialogCode.Accepted else None
