"""The charter's facts and contacts in the interchange document; files written before they existed still import."""

from __future__ import annotations

from typing import Any

from workshop_app.core.charter_facts import FACT_NAMES, check_contact, check_facts
from workshop_app.core.interchange_read import Fields, RefTable
from workshop_app.core.model import CharterFacts, Participant, PartyContact
from workshop_app.core.workshop_record import WorkshopRecord

Refs = Any


def facts_document(record: WorkshopRecord, refs: Refs) -> dict[str, Any]:
    """Return the document's "charter_facts" (null when none were given) and "contacts" entries."""
    facts = record.charter_facts
    return {
        "charter_facts": {key: getattr(facts, key) for key in FACT_NAMES} if facts is not None else None,
        "contacts": [
            {"group_ref": refs["group"][c.group_id], "organisation": c.organisation,
             "participant_ref": refs["participant"].get(c.participant_id) if c.participant_id is not None else None,
             "email": c.email, "phone": c.phone}
            for c in record.contacts if c.group_id in refs["group"]
        ],
    }


def person_choices(f: Fields) -> dict[str, Any]:
    """A participant's ward and charter choices; an older file has none (not published, not signing)."""
    return {"ward": f.text("ward") if "ward" in f.obj else "",
            "publish_name": f.flag("publish_name") if "publish_name" in f.obj else False,
            "signs": f.flag("signs") if "signs" in f.obj else False}


def read_facts(top: Fields, record: WorkshopRecord, groups: RefTable, people: RefTable) -> None:
    """Read the facts and contacts into the record, when the file has them."""
    if "charter_facts" in top.obj:
        f = top.obj_field("charter_facts", nullable=True)
        if f is not None:
            texts: dict[str, Any] = {key: f.text(key) if key in f.obj else "" for key in FACT_NAMES}
            facts = CharterFacts(0, **texts)
            record.charter_facts = f.checked(next(iter(FACT_NAMES)), lambda: check_facts(facts))
    if "contacts" in top.obj:
        record.contacts = [_contact(Fields(*item), record.participants, groups, people)
                           for item in top.items("contacts")]


def _contact(f: Fields, participants: list[Participant], groups: RefTable, people: RefTable) -> PartyContact:
    """Read one contact, checking its refs and its address."""
    contact = PartyContact(0, groups.check(f, "group_ref"), f.text("organisation"),
                           people.check(f, "participant_ref", nullable=True), f.text("email"), f.text("phone"))
    return f.checked("email", lambda: check_contact(contact, participants))
