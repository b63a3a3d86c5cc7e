"""The charter's own facts: governance, measures, reports and each party's contacts, all optional.

They are changed only while the charter is a draft (an agreed charter is frozen), and every change is logged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from typing import Any

from workshop_app.core import audit
from workshop_app.core.changes import Changed, Changes
from workshop_app.core.charter_changes import previous_agreed
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import (
    CharterFacts, CharterStatus, CharterVersion, Participant, PartyContact, Workshop, require_id,
)
from workshop_app.core.ports import UnitOfWork

MAX_FACT_LENGTH = 3000
"""The longest one fact may be, in characters (as for the charter's other wording)."""
MAX_ADDRESS_LENGTH = 120
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[0-9 ()\-.]{6,30}$")
FACT_NAMES: dict[str, str] = {
    "board": "who is on the board", "chair": "who chairs it", "quorum": "the quorum",
    "conflicts": "conflicts of interest", "confidentiality": "confidentiality",
    "information": "freedom of information and data protection", "expenses": "residents' expenses",
    "amending": "how the charter is changed", "indicators": "the measures of progress",
    "reports": "where progress reports are published",
}
"""Each fact's name in messages and in the audit log."""


@dataclass(frozen=True)
class Facts:
    """A workshop's charter facts and its contacts, as the console edits them."""

    facts: CharterFacts
    contacts: tuple[PartyContact, ...]


def read_facts(uow: UnitOfWork, workshop_id: int) -> Facts:
    """Return the workshop's facts (a review starts from the partnership's last agreed ones) and its contacts."""
    workshop = uow.repo(Workshop).get(workshop_id)
    facts = facts_of(uow, workshop) if workshop is not None else None
    contacts = sorted(uow.repo(PartyContact).list(workshop_id=workshop_id), key=lambda c: require_id(c))
    return Facts(facts or CharterFacts(workshop_id), tuple(contacts))


def facts_of(uow: UnitOfWork, workshop: Workshop) -> CharterFacts | None:
    """The workshop's own facts; for a review without its own, those of the partnership's last agreed charter."""
    own = uow.repo(CharterFacts).list(workshop_id=workshop.id)
    if own:
        return own[0]
    base = previous_agreed(uow, workshop)
    earlier = uow.repo(CharterFacts).list(workshop_id=base.workshop_id) if base is not None else []
    return replace(earlier[0], workshop_id=require_id(workshop), id=None) if earlier else None


def check_facts(facts: CharterFacts) -> CharterFacts:
    """Tidy each fact's spacing (indicators stay one a line) and refuse one that is too long."""
    tidy: dict[str, Any] = {}
    for key in FACT_NAMES:
        lines = [" ".join(line.split()) for line in str(getattr(facts, key)).splitlines()]
        text = "\n".join(line for line in lines if line) if key == "indicators" else " ".join(" ".join(lines).split())
        if any(len(line) > MAX_FACT_LENGTH for line in text.split("\n")):
            raise WorkshopError(f"Keep {FACT_NAMES[key]} under {MAX_FACT_LENGTH} characters.")
        tidy[key] = text
    return replace(facts, **tidy)


def check_contact(contact: PartyContact, people: list[Participant]) -> PartyContact:
    """Tidy a contact and refuse an email or phone number that cannot be right, or a person from elsewhere."""
    email, phone = contact.email.strip(), " ".join(contact.phone.split())
    if email and (len(email) > MAX_ADDRESS_LENGTH or not EMAIL.match(email)):
        raise WorkshopError(f"“{email[:40]}” is not an email address; write it like name@example.org or leave it empty.")
    if phone and not PHONE.match(phone):
        raise WorkshopError(f"“{phone[:40]}” is not a phone number; use digits and spaces (a + at the start is fine) "
                            "or leave it empty.")
    person = next((p for p in people if p.id == contact.participant_id), None)
    if contact.participant_id is not None and (person is None or person.group_id != contact.group_id):
        raise WorkshopError("Choose a contact from the people of that party.")
    return replace(contact, organisation=contact.organisation.strip(), email=email, phone=phone)


def is_empty(contact: PartyContact) -> bool:
    """True for a contact with no person, email or phone: it is not kept."""
    return contact.participant_id is None and not contact.email and not contact.phone


def save_facts(uow: UnitOfWork, workshop_id: int, facts: CharterFacts,
               contacts: list[PartyContact]) -> Changed[Facts]:
    """Save the facts and replace the contacts; refused once the charter is agreed."""
    clean = check_facts(replace(facts, workshop_id=workshop_id))
    _require_draft(uow, workshop_id)
    people = uow.repo(Participant).list(workshop_id=workshop_id)
    kept = [check_contact(replace(c, workshop_id=workshop_id, id=None), people) for c in contacts]
    kept = [c for c in kept if not is_empty(c)]
    stored = uow.repo(CharterFacts).list(workshop_id=workshop_id)
    workshop = uow.repo(Workshop).get(workshop_id)
    before = (facts_of(uow, workshop) if workshop is not None else None) or CharterFacts(workshop_id)
    changed = [FACT_NAMES[f.name] for f in fields(CharterFacts)
               if f.name in FACT_NAMES and getattr(before, f.name) != getattr(clean, f.name)]
    repo = uow.repo(CharterFacts)
    saved = repo.update(replace(clean, id=stored[0].id)) if stored else repo.add(replace(clean, id=None))
    old = uow.repo(PartyContact).list(workshop_id=workshop_id)
    if _addresses(old) != _addresses(kept):
        changed.append("the contacts")
    for contact in old:
        uow.repo(PartyContact).delete(require_id(contact))
    added = uow.repo(PartyContact).add_all(kept) if kept else []
    if changed:
        audit.append(uow, workshop_id, "charter_facts_changed", "Charter facts changed: " + ", ".join(changed))
    return Changed(Facts(saved, tuple(added)), Changes(charter=True))


def _addresses(contacts: list[PartyContact]) -> list[tuple[int, str, int, str, str]]:
    """The contacts without their ids, to tell whether anything changed."""
    return sorted((c.group_id, c.organisation, c.participant_id or 0, c.email, c.phone) for c in contacts)


def _require_draft(uow: UnitOfWork, workshop_id: int) -> None:
    """Refuse a change once the charter's latest version is agreed."""
    versions = uow.repo(CharterVersion).list(workshop_id=workshop_id)
    latest = max(versions, key=lambda v: (v.version, require_id(v)), default=None)
    if latest is not None and latest.status == CharterStatus.AGREED:
        raise WorkshopError(f"Charter version {latest.version} was agreed, so its facts are frozen; start version "
                            f"{latest.version + 1} to change them.")
