"""The charter's own facts and contacts: saved tidy, checked, frozen once agreed, logged and carried in the JSON."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from tests.core.charter_room import CharterRoom, build_room
from tests.core.fakes import FakeStore
from workshop_app.core.changes import perform, read
from workshop_app.core import charter_facts, charter_versions, interchange, workshops
from workshop_app.core.charter import build_charter
from workshop_app.core.errors import ImportError_, WorkshopError
from workshop_app.core.interchange_import import read_document
from workshop_app.core.model import CharterFacts, PartyContact, Workshop
from workshop_app.core.workshop_record import read_record, save_record

FACTS = CharterFacts(0, board="  One seat   each ", quorum="Three partners", amending="By a vote.",
                     indicators="  Visits a month \n\n Waiting times  \n", reports="Library and website")


@pytest.fixture
def room() -> CharterRoom:
    return build_room(FakeStore())


def _contacts(room: CharterRoom) -> list[PartyContact]:
    wid = room.workshop_id
    return [PartyContact(wid, room.groups["Council"], "Northside Borough Council", room.people["Aled Ŵyn Jones"],
                         " aled@example.gov.uk ", "01632  960 100"),
            PartyContact(wid, room.groups["Residents"], "", room.people["José Martín"], "", ""),
            PartyContact(wid, room.groups["VCS"], "", None, "", "")]  # empty: not kept


def test_facts_are_saved_tidy_and_the_charter_reads_them(room: CharterRoom) -> None:
    saved = perform(room.store, charter_facts.save_facts, room.workshop_id, FACTS, _contacts(room)).value
    assert saved.facts.board == "One seat each" and saved.facts.indicators == "Visits a month\nWaiting times"
    assert [(c.email, c.phone) for c in saved.contacts] == [("aled@example.gov.uk", "01632 960 100"), ("", "")]
    content = read(room.store, build_charter, room.workshop_id)
    assert content.facts is not None and content.facts.quorum == "Three partners"
    assert content.indicators == ("Visits a month", "Waiting times")
    council = next(p for p in content.parties if p.name == "Council")
    assert [(c.organisation, c.person.name if c.person else None) for c in council.contacts] == [
        ("Northside Borough Council", "Aled Ŵyn Jones")]
    residents = next(p for p in content.parties if p.name == "Residents")
    assert residents.contacts[0].person is not None and residents.contacts[0].person.name == "A resident"
    with room.store() as uow:
        entry = uow.audit_entries(room.workshop_id)[-1]
    assert entry.kind == "charter_facts_changed" and "the quorum" in entry.text and "the contacts" in entry.text


def test_a_workshop_without_facts_has_none(room: CharterRoom) -> None:
    content = read(room.store, build_charter, room.workshop_id)
    assert content.facts is None and content.indicators == () and all(not p.contacts for p in content.parties)


@pytest.mark.parametrize(("contact", "words"), [
    (PartyContact(0, 0, email="not an address"), "is not an email address"),
    (PartyContact(0, 0, phone="call me maybe"), "is not a phone number"),
])
def test_a_wrong_email_or_phone_is_refused_in_one_sentence(room: CharterRoom, contact: PartyContact,
                                                           words: str) -> None:
    with pytest.raises(WorkshopError, match=words):
        perform(room.store, charter_facts.save_facts, room.workshop_id, FACTS, [contact])
    assert read(room.store, charter_facts.read_facts, room.workshop_id).facts.board == ""  # nothing written


def test_a_contact_from_another_party_and_an_overlong_fact_are_refused(room: CharterRoom) -> None:
    wrong = PartyContact(0, room.groups["Council"], participant_id=room.people["José Martín"])
    with pytest.raises(WorkshopError, match="from the people of that party"):
        perform(room.store, charter_facts.save_facts, room.workshop_id, FACTS, [wrong])
    with pytest.raises(WorkshopError, match="Keep the quorum under 3000 characters"):
        perform(room.store, charter_facts.save_facts, room.workshop_id, CharterFacts(0, quorum="x" * 3001), [])


def test_facts_are_frozen_once_the_charter_is_agreed(room: CharterRoom) -> None:
    perform(room.store, charter_versions.mark_agreed, room.workshop_id, dt.date(2025, 3, 20))
    with pytest.raises(WorkshopError, match="start version 2 to change them"):
        perform(room.store, charter_facts.save_facts, room.workshop_id, FACTS, [])


def test_the_json_interchange_carries_facts_contacts_and_each_persons_choices(room: CharterRoom) -> None:
    perform(room.store, charter_facts.save_facts, room.workshop_id, FACTS, _contacts(room))
    document = interchange.to_document(read(room.store, read_record, room.workshop_id))
    assert document["charter_facts"]["quorum"] == "Three partners" and len(document["contacts"]) == 2
    rhys = next(p for p in document["participants"] if p["name"] == "Rhys Llŷr")
    assert rhys["publish_name"] and rhys["signs"]
    again = FakeStore()
    new_id = perform(again, save_record, read_document(json.dumps(document))).value
    copy = read(again, build_charter, new_id)
    original = read(room.store, build_charter, room.workshop_id).facts
    assert copy.facts is not None and original is not None
    assert replace(copy.facts, id=None, workshop_id=0) == replace(original, id=None, workshop_id=0)
    assert [c.email for p in copy.parties for c in p.contacts] == ["aled@example.gov.uk", ""]
    assert [r.name for p in copy.parties if p.name == "Residents" for r in p.representatives] == \
        ["A resident", "A resident", "Rhys Llŷr"]


def test_an_older_file_without_them_still_imports() -> None:
    room = build_room(FakeStore())
    document = interchange.to_document(read(room.store, read_record, room.workshop_id))
    del document["charter_facts"], document["contacts"]
    for person in document["participants"]:
        del person["ward"], person["publish_name"], person["signs"]
    record = read_document(json.dumps(document))
    assert record.charter_facts is None and record.contacts == []
    assert not any(p.publish_name or p.signs for p in record.participants)


def test_a_bad_contact_in_a_file_names_its_field() -> None:
    room = build_room(FakeStore())
    perform(room.store, charter_facts.save_facts, room.workshop_id, FACTS, _contacts(room))
    document = interchange.to_document(read(room.store, read_record, room.workshop_id))
    document["contacts"][0]["email"] = "nobody"
    with pytest.raises(ImportError_, match=r"The field contacts\[0\]\.email is not accepted"):
        read_document(json.dumps(document))


def test_a_review_workshop_starts_from_the_partnerships_agreed_facts(room: CharterRoom) -> None:
    perform(room.store, charter_facts.save_facts, room.workshop_id, FACTS, _contacts(room))
    perform(room.store, charter_versions.mark_agreed, room.workshop_id, dt.date(2025, 3, 20))
    review = perform(room.store, workshops.create_workshop, Workshop(
        "Annual review", "Northside Leisure", "Town Hall", dt.date(2026, 3, 10), "Fay Morgan", "review")).value
    rid = review.id or 0
    content = read(room.store, build_charter, rid)
    assert content.facts is not None and content.facts.quorum == "Three partners"
    assert all(not p.contacts for p in content.parties)  # contacts belong to the earlier workshop's people
    shown = read(room.store, charter_facts.read_facts, rid)
    assert shown.facts.board == "One seat each" and shown.facts.id is None
    perform(room.store, charter_facts.save_facts, rid, replace(shown.facts, quorum="Four partners"), [])
    assert read(room.store, build_charter, rid).facts.quorum == "Four partners"  # type: ignore[union-attr]
    assert read(room.store, build_charter, room.workshop_id).facts.quorum == "Three partners"  # type: ignore[union-attr]
