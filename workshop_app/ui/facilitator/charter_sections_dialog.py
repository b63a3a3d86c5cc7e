"""Dialogs of the charter review stage: edit the charter's wording, and choose the day it was agreed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget,
)

from workshop_app.core.charter_wording import CharterWording


def to_qdate(day: dt.date) -> QDate:
    """A Python date as a QDate."""
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    """A QDate as a Python date."""
    return dt.date(day.year(), day.month(), day.day())


def date_edit(day: dt.date, name: str) -> QDateEdit:
    """A date field with a calendar pop-up, showing e.g. '14 March 2025'."""
    edit = QDateEdit(to_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMMM yyyy")
    edit.setAccessibleName(name)
    return edit


TYPING_PAUSE_MS = 250
"""How long typing pauses before the shared screen shows the words (so it redraws a few times a second at most)."""


class CharterSectionsDialog(QDialog):
    """The editable parts of a draft charter: purpose, working together, escalation, concerns, review."""

    typed = Signal(CharterWording, str)
    """The wording as typed so far, and the key of the section being typed in."""

    def __init__(self, wording: CharterWording, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._on_typing_paused)
        self._section = "purpose"
        self._given = wording
        self.setWindowTitle("Edit the charter's wording")
        self.resize(720, 760)
        self.purpose = self._text(wording.purpose, "Our shared purpose")
        self.working_together = self._text(wording.working_together, "Working together and monitoring")
        self.escalation = self._text("\n".join(wording.escalation), "The steps when things go wrong, one per line")
        self.resident_concerns = self._text(wording.resident_concerns, "How residents raise a concern")
        self.review_triggers = self._text("\n".join(wording.review_triggers),
                                          "What triggers an early review, one per line")
        self.joining_leaving = self._text(wording.joining_leaving, "How partners join or leave")
        self.next_review = date_edit(wording.next_review or dt.date.today(), "Next review date")
        form = QFormLayout()
        for label, field in (("Our shared &purpose", self.purpose), ("&Working together", self.working_together),
                             ("When things go &wrong\n(the steps, in order)", self.escalation),
                             ("How residents raise\na &concern", self.resident_concerns),
                             ("What triggers an\n&early review", self.review_triggers),
                             ("&Joining or leaving", self.joining_leaving), ("Next &review by", self.next_review)):
            form.addRow(label, field)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel("Change the wording together with the room. Lists take one item per line.", wordWrap=True)
        intro.setObjectName("intro")
        layout.addWidget(intro)
        layout.addLayout(form, 1)
        layout.addWidget(buttons)
        for key in ("purpose", "working_together", "escalation", "resident_concerns", "review_triggers",
                    "joining_leaving"):
            typed_in: QPlainTextEdit = getattr(self, key)
            typed_in.textChanged.connect(lambda key=key: self._on_typed(key))
        self.next_review.dateChanged.connect(lambda _day: self._on_typed("next_review"))

    @staticmethod
    def _text(value: str, name: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(value)
        edit.setAccessibleName(name)
        edit.setTabChangesFocus(True)
        return edit

    def _on_typed(self, key: str) -> None:
        self._section = key
        self._typing.start()

    def _on_typing_paused(self) -> None:
        self.typed.emit(self.wording(), self._section)

    def wording(self) -> CharterWording:
        """The wording as typed (core tidies and checks it)."""
        return replace(
            self._given, purpose=self.purpose.toPlainText(), working_together=self.working_together.toPlainText(),
            escalation=tuple(self.escalation.toPlainText().splitlines()),
            resident_concerns=self.resident_concerns.toPlainText(),
            review_triggers=tuple(self.review_triggers.toPlainText().splitlines()),
            joining_leaving=self.joining_leaving.toPlainText(), next_review=from_qdate(self.next_review.date()),
        )


def ask_wording(parent: QWidget | None, wording: CharterWording,
                on_typed: Callable[[CharterWording, str], object] | None = None) -> CharterWording | None:
    """Show the wording dialog (telling `on_typed` as the words change); return the new wording, or None."""
    dialog = CharterSectionsDialog(wording, parent)
    if on_typed is not None:
        dialog.typed.connect(on_typed)
    return dialog.wording() if dialog.exec() == QDialog.DialogCode.Accepted else None


class AgreedDateDialog(QDialog):
    """Asks on which day the room agreed the charter."""

    def __init__(self, version: int, default: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Mark version {version} as agreed")
        self.day = date_edit(default, "The day the charter was agreed")
        buttons = QDialogButtonBox()
        buttons.addButton("Mark as agreed", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Version {version} will be frozen: its wording can no longer change. Later "
                                "changes make a new version that lists what changed.", wordWrap=True))
        form = QFormLayout()
        form.addRow("&Agreed on", self.day)
        layout.addLayout(form)
        layout.addWidget(buttons)


def ask_agreed_on(parent: QWidget | None, version: int, default: dt.date) -> dt.date | None:
    """Ask for the day of agreement; None when cancelled."""
    dialog = AgreedDateDialog(version, default, parent)
    return from_qdate(dialog.day.date()) if dialog.exec() == QDialog.DialogCode.Accepted else None
