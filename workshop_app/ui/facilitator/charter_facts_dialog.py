"""The charter's own facts on the console: how the partnership is run, its measures and reports, and contacts.

Every field is optional; the charter prints only what is filled in.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QLabel, QLineEdit, QPlainTextEdit, QScrollArea,
    QTabWidget, QVBoxLayout, QWidget,
)

from workshop_app.core.charter_facts import Facts
from workshop_app.core.model import CharterFacts, Participant, PartyContact, StakeholderGroup, require_id
from workshop_app.core.public_names import public_name
from workshop_app.ui.widgets.combo import chosen, select_data

RUN_FIELDS = (
    ("board", "Who is on the &board"), ("chair", "Who &chairs it"), ("quorum", "How many must be\nthere to &decide"),
    ("conflicts", "Conflicts of &interest"), ("confidentiality", "Confidentia&lity"),
    ("information", "Freedom of information\nand data &protection"), ("expenses", "Residents' e&xpenses"),
    ("amending", "How this charter\nis &changed"),
)
NOBODY = 0
"""The value the contact list stores for 'nobody named' (ids start at 1; a combo item never stores None)."""
PROGRESS_FIELDS = (("indicators", "How we &measure progress\n(one measure a line)"),
                   ("reports", "Where we &publish\nprogress reports"))


def _scrolled(inner: QWidget) -> QScrollArea:
    """Put a tab's fields in a scroll area, so the dialog fits a 1366x768 laptop."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(inner)
    return area


class ContactRow:
    """The contact fields of one party or one of its organisations: a person, an email and a phone."""

    def __init__(self, group: StakeholderGroup, organisation: str, people: list[Participant],
                 stored: PartyContact | None) -> None:
        self.group_id, self.organisation = require_id(group), organisation
        where = f"{group.name}: {organisation}" if organisation else group.name
        self.label = QLabel(where, wordWrap=True)
        self.person = QComboBox()
        self.person.addItem("Nobody named", NOBODY)
        for person in people:
            self.person.addItem(public_name(person, group.name), person.id)
        select_data(self.person, (stored.participant_id or NOBODY) if stored else NOBODY)
        self.email = QLineEdit(stored.email if stored else "", placeholderText="Email (optional)")
        self.phone = QLineEdit(stored.phone if stored else "", placeholderText="Phone (optional)")
        for field, name in ((self.person, "contact person"), (self.email, "email"), (self.phone, "phone")):
            field.setAccessibleName(f"{where}: {name}")

    def contact(self, workshop_id: int) -> PartyContact:
        """The contact as the fields describe it (an empty one is not kept)."""
        person = int(chosen(self.person, NOBODY))
        return PartyContact(workshop_id, self.group_id, self.organisation, person if person != NOBODY else None,
                            self.email.text(), self.phone.text())


class CharterFactsDialog(QDialog):
    """Three tabs: how the partnership is run, progress, and who to contact."""

    def __init__(self, facts: Facts, groups: list[StakeholderGroup], people: list[Participant],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._facts = facts.facts
        self.setWindowTitle("The charter's facts and contacts")
        self.resize(920, 600)
        self.texts: dict[str, QPlainTextEdit] = {}
        tabs = QTabWidget()
        tabs.addTab(_scrolled(self._form(RUN_FIELDS)), "How it is &run")
        tabs.addTab(_scrolled(self._form(PROGRESS_FIELDS)), "Pro&gress")
        self.rows = self._contact_rows(facts.contacts, groups, people)
        tabs.addTab(_scrolled(self._contacts_grid()), "C&ontacts")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        intro = QLabel("Write what the partners agreed, in their words. Every field is optional: the charter "
                       "prints only what you fill in.", wordWrap=True, objectName="intro")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)

    def _form(self, rows: tuple[tuple[str, str], ...]) -> QWidget:
        inner = QWidget()
        form = QFormLayout(inner)
        for key, label in rows:
            edit = QPlainTextEdit(str(getattr(self._facts, key)))
            edit.setTabChangesFocus(True)
            edit.setAccessibleName(label.replace("&", "").replace("\n", " "))
            edit.setMinimumHeight(64)
            self.texts[key] = edit
            form.addRow(label, edit)
        return inner

    @staticmethod
    def _contact_rows(stored: tuple[PartyContact, ...], groups: list[StakeholderGroup],
                      people: list[Participant]) -> list[ContactRow]:
        """One row per party, then one per organisation in it."""
        rows = []
        for group in groups:
            members = [p for p in people if p.group_id == group.id]
            for organisation in ["", *dict.fromkeys(p.organisation for p in members if p.organisation)]:
                mine = [p for p in members if not organisation or p.organisation == organisation]
                found = next((c for c in stored if c.group_id == group.id and c.organisation == organisation), None)
                rows.append(ContactRow(group, organisation, mine, found))
        return rows

    def _contacts_grid(self) -> QWidget:
        inner = QWidget()
        grid = QGridLayout(inner)
        for column, title in enumerate(("For", "Contact", "Email", "Phone")):
            grid.addWidget(QLabel(f"<b>{title}</b>"), 0, column)
        for n, row in enumerate(self.rows, start=1):
            for column, widget in enumerate((row.label, row.person, row.email, row.phone)):
                grid.addWidget(widget, n, column)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(2, 3)
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(len(self.rows) + 1, 1)
        return inner

    def facts(self) -> CharterFacts:
        """The facts as typed (core tidies and checks them)."""
        return replace(self._facts, **{key: edit.toPlainText() for key, edit in self.texts.items()})

    def contacts(self) -> list[PartyContact]:
        """Every contact row as typed (empty ones are dropped by core)."""
        return [row.contact(self._facts.workshop_id) for row in self.rows]


def ask_facts(parent: QWidget | None, facts: Facts, groups: list[StakeholderGroup],
              people: list[Participant]) -> tuple[CharterFacts, list[PartyContact]] | None:
    """Show the dialog; return the facts and contacts to save, or None when cancelled."""
    dialog = CharterFactsDialog(facts, groups, people, parent)
    return (dialog.facts(), dialog.contacts()) if dialog.exec() == QDialog.DialogCode.Accepted else None
