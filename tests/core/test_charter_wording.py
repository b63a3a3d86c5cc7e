"""The charter wording is one typed value, read from its stored JSON in one place; every shape older versions wrote
still loads (the plan's sections, a review's carried purpose and scope, an agreed snapshot, dropped codes)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.core.charter_room import CharterRoom, build_room
from tests.core.fakes import FakeStore
from workshop_app.core.changes import read
from workshop_app.core.charter import build_charter
from workshop_app.core.charter_changes import stored_wording
from workshop_app.core.charter_wording import (
    AgreedCommitment, CharterWording, VersionWording, dump_version, from_document, parse_version, to_document,
)
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import CharterStatus, CharterVersion
from workshop_app.core.plans import plan_by_key

PLAN_SECTIONS_V1 = {  # what scripts/make_example.py and the first charter code stored: the plan's wording, purpose too
    "purpose": "We run the leisure centres together.", "working_together": "We meet monthly.",
    "escalation": ["Talk it through.", "Ask the chairs."], "resident_concerns": "Tell any partner.",
    "review_triggers": ["A centre closes."], "joining_leaving": "Ask the board.", "review_after_months": 18,
}
STARTED_FROM_PLAN = {k: v for k, v in PLAN_SECTIONS_V1.items() if k != "purpose"}  # current_version's draft v1
AGREED_SNAPSHOT = {  # mark_agreed's snapshot since charter versions began (scope empty, a party of None)
    **PLAN_SECTIONS_V1, "scope": "", "next_review": "2026-09-12",
    "agreed_commitments": [
        {"proposal_id": 4, "code": "S1", "principle": "collaborative", "text": "We share the minutes.",
         "party": None, "route": ""},
        {"proposal_id": 7, "code": "C1", "principle": "creative", "text": "We open late on Fridays.",
         "party": "Council", "route": "co_design"},
    ],
}
DROPPED_LATER = {**STARTED_FROM_PLAN, "purpose": "Carried purpose.", "scope": "Carried scope.",
                 "dropped_commitments": ["C1"]}  # a review's draft after the room dropped a kept commitment


def test_an_empty_or_missing_wording_sets_nothing() -> None:
    assert parse_version("{}") == parse_version("") == parse_version(None) == VersionWording()
    assert parse_version("[]") == VersionWording() and parse_version('"text"') == VersionWording()


def test_the_plans_sections_load_as_the_wording_they_say() -> None:
    stored = parse_version(json.dumps(PLAN_SECTIONS_V1))
    assert stored.wording == CharterWording(
        purpose="We run the leisure centres together.", working_together="We meet monthly.",
        escalation=("Talk it through.", "Ask the chairs."), resident_concerns="Tell any partner.",
        review_triggers=("A centre closes.",), joining_leaving="Ask the board.", review_after_months=18)
    assert stored.agreed is None and stored.dropped == ()
    assert parse_version(json.dumps(STARTED_FROM_PLAN)).wording.purpose == ""


def test_an_agreed_snapshot_loads_its_commitments_and_review_date() -> None:
    stored = parse_version(json.dumps(AGREED_SNAPSHOT, ensure_ascii=False))
    assert stored.wording.next_review == dt.date(2026, 9, 12) and stored.wording.scope == ""
    assert stored.agreed == (AgreedCommitment(4, "S1", "collaborative", "We share the minutes.", None, ""),
                             AgreedCommitment(7, "C1", "creative", "We open late on Fridays.", "Council", "co_design"))
    dropped = parse_version(json.dumps(DROPPED_LATER))
    assert dropped.dropped == ("C1",) and dropped.agreed is None and dropped.wording.scope == "Carried scope."


def test_an_agreed_version_that_froze_no_commitments_still_says_it_froze_some() -> None:
    assert parse_version('{"agreed_commitments": []}').agreed == ()


@pytest.mark.parametrize("shape", [PLAN_SECTIONS_V1, STARTED_FROM_PLAN, AGREED_SNAPSHOT, DROPPED_LATER])
def test_every_old_shape_is_written_back_as_it_reads(shape: dict[str, object]) -> None:
    stored = parse_version(json.dumps(shape))
    assert parse_version(dump_version(stored)) == stored == from_document(to_document(stored))
    assert {k: v for k, v in shape.items() if v not in ("", None)} == to_document(stored)


def test_odd_values_read_as_not_set_rather_than_failing() -> None:
    stored = from_document({"escalation": "One step.\nTwo steps.", "review_after_months": "12",
                            "next_review": "soon", "working_together": 3, "agreed_commitments": ["junk"]})
    assert stored.wording == CharterWording(escalation=("One step.", "Two steps."), review_after_months=12)
    assert stored.agreed == ()


def test_wording_over_defaults_keeps_only_what_is_set() -> None:
    defaults = plan_by_key("charter").charter
    own = CharterWording(working_together="Our own words.", escalation=())
    merged = own.over(defaults)
    assert merged.working_together == "Our own words." and merged.escalation == defaults.escalation
    assert merged.review_after_months == defaults.review_after_months
    assert own.only("escalation", "working_together") == CharterWording(working_together="Our own words.")


@pytest.fixture
def room() -> CharterRoom:
    return build_room(FakeStore())


def _store_version(room: CharterRoom, sections: dict[str, object] | str, **fields: object) -> None:
    text = sections if isinstance(sections, str) else json.dumps(sections, ensure_ascii=False)
    with room.store() as uow:
        uow.repo(CharterVersion).add(CharterVersion(room.workshop_id, 1, sections_json=text, **fields))  # type: ignore[arg-type]
        uow.commit()


def test_a_charter_stored_in_the_first_shape_still_builds_with_its_own_words(room: CharterRoom) -> None:
    _store_version(room, PLAN_SECTIONS_V1)
    sections = read(room.store, build_charter, room.workshop_id).sections
    assert (sections.working_together, sections.escalation, sections.review_after_months) == (
        "We meet monthly.", ("Talk it through.", "Ask the chairs."), 18)


def test_an_old_agreed_snapshot_still_reads_as_agreed_when_nothing_changed(room: CharterRoom) -> None:
    content = read(room.store, build_charter, room.workshop_id)
    snapshot = {**AGREED_SNAPSHOT, **to_document(VersionWording(content.sections)), "agreed_commitments": [
        {"proposal_id": c.proposal_id, "code": c.code, "principle": c.principle, "text": c.text, "party": c.party,
         "route": c.route} for c in content.commitments]}
    _store_version(room, snapshot, status=CharterStatus.AGREED, agreed_on=dt.date(2025, 3, 12))
    again = read(room.store, build_charter, room.workshop_id)
    assert (again.version, again.status) == (1, CharterStatus.AGREED)
    with room.store() as uow:
        stored = stored_wording(uow.repo(CharterVersion).list(workshop_id=room.workshop_id)[0])
    assert stored.agreed is not None and len(stored.agreed) == len(content.commitments)


def test_damaged_wording_is_refused_in_one_sentence(room: CharterRoom) -> None:
    _store_version(room, "{not json")
    with pytest.raises(WorkshopError, match=r"^The saved wording of charter version 1 is damaged; edit"):
        read(room.store, build_charter, room.workshop_id)
