"""Which names may be published: residents choose; organisation representatives are named as before.

One rule, stated in the charter's method note: a resident who has not agreed to be named is shown as
"A resident of <ward>" (or "A resident" when no ward was given), never by name or initials.
"""

from __future__ import annotations

from workshop_app.core.model import Participant

METHOD_NOTE = ("Residents chose whether their names are published. A resident who did not agree is shown as "
               "“a resident of” their ward (or “a resident”), never by name.")
"""The sentence the charter's method note uses to state the rule."""


def is_residents(party_name: str) -> bool:
    """True for a group of residents (its name says so), whose members speak for themselves."""
    return "resident" in party_name.casefold()


def needs_consent(person: Participant, party_name: str) -> bool:
    """True for a resident speaking for themselves: their name is published only if they agreed."""
    return is_residents(party_name) and not person.organisation.strip()


def shown_name(name: str, organisation: str, ward: str, publish_name: bool, party_name: str) -> str:
    """The name a public document may print, from a person's plain fields (as the interchange document has them)."""
    if is_residents(party_name) and not organisation.strip() and not publish_name:
        return resident_label(ward)
    return name


def resident_label(ward: str) -> str:
    """'A resident of Eastfield ward', or 'A resident' when no ward is known."""
    ward = " ".join(ward.split())
    return f"A resident of {ward}" if ward else "A resident"


def public_name(person: Participant, party_name: str) -> str:
    """The name a public document may print for this person."""
    return shown_name(person.name, person.organisation, person.ward, person.publish_name, party_name)


def is_named(person: Participant, party_name: str) -> bool:
    """True when public documents may print the person's name."""
    return person.publish_name or not needs_consent(person, party_name)
