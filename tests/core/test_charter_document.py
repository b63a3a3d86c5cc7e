"""The charter's content: only revealed rounds count, the latest revealed round decides, codes, parties, sections."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.core.charter_room import CharterRoom, build_room, everyone, propose, vote
from tests.core.fakes import FakeStore
from workshop_app.core.changes import perform, read
from workshop_app.core import voting, workshops
from workshop_app.core.audit import check_chain
from workshop_app.core.charter import add_months, build_charter, party_prefixes
from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import CharterStatus, CharterVersion, Choice


@pytest.fixture(scope="module")
def room() -> CharterRoom:
    return build_room(FakeStore())


def _texts(room: CharterRoom) -> dict[str, str]:
    with room.store() as uow:
        return {label: uow.repo(voting.Proposal).get(pid).text for label, pid in room.proposals.items()}  # type: ignore[union-attr]


def test_agreed_proposals_become_commitments_and_nothing_else_does(room: CharterRoom) -> None:
    content = read(room.store, build_charter, room.workshop_id)
    ids = {c.proposal_id for c in content.commitments}
    assert ids == {room.proposals[k] for k in ("shared", "provider", "council", "second_round")}
    refused = {n.proposal_id: n.kind for n in content.not_agreed}
    assert refused == {room.proposals["refused"]: "not_agreed", room.proposals["blocked"]: "blocked",
                       room.proposals["withdrawn"]: "withdrawn"}
    assert content.undecided_count == 3  # amended since its vote, unrevealed, never voted on


def test_unrevealed_votes_never_appear(room: CharterRoom) -> None:
    content = read(room.store, build_charter, room.workshop_id)
    assert "livestream" not in repr(content)


def test_consent_records_count_agree_out_of_votes_cast_by_group(room: CharterRoom) -> None:
    content = read(room.store, build_charter, room.workshop_id)
    shared = next(c for c in content.commitments if c.proposal_id == room.proposals["shared"])
    assert shared.consent.line == "Council 3/3 · Provider 2/2 · VCS 2/3 · Residents 2/3"
    assert shared.consent.dissent == "1 disagreed (Residents 1)"  # abstaining is not dissent
    assert shared.consent.abstentions == "1 abstained (VCS 1)"
    assert shared.consent.rule_name == "Every party consents" and not shared.consent.secret
    provider = next(c for c in content.commitments if c.proposal_id == room.proposals["provider"])
    assert provider.consent.secret and provider.consent.dissent == ""
    assert provider.route == "Open book accounting"


def test_codes_number_party_commitments_by_party_letter_and_shared_ones_with_s(room: CharterRoom) -> None:
    content = read(room.store, build_charter, room.workshop_id)
    codes = {c.proposal_id: c.code for c in content.commitments}
    assert codes[room.proposals["shared"]] == "S1" and codes[room.proposals["second_round"]] == "S2"
    assert codes[room.proposals["provider"]] == "P1" and codes[room.proposals["council"]] == "C1"
    assert [c.code for c in content.party_commitments] == ["C1", "P1"]


def test_blocked_proposal_keeps_its_reason(room: CharterRoom) -> None:
    content = read(room.store, build_charter, room.workshop_id)
    blocked = next(n for n in content.not_agreed if n.kind == "blocked")
    assert "stop the provider from investing" in blocked.reason
    assert blocked.consent is not None and blocked.consent.block_reasons == (
        "Provider: It would stop the provider from investing in the pools.",)


def test_an_amended_proposal_agreed_in_a_later_round_counts_as_amended(room: CharterRoom) -> None:
    content = read(room.store, build_charter, room.workshop_id)
    second = next(c for c in content.commitments if c.proposal_id == room.proposals["second_round"])
    assert second.amended and second.consent.round_no == 2
    assert second.text == "We will review the contract's phases every two years."


def test_the_latest_revealed_round_decides_and_an_open_round_changes_nothing() -> None:
    room = build_room(FakeStore())
    pid = room.proposals["shared"]
    vote(room, pid, everyone(room, Choice.DISAGREE))  # round 2: not agreed
    vote(room, pid, everyone(room), reveal=False)  # round 3: still hidden
    content = read(room.store, build_charter, room.workshop_id)
    assert pid not in {c.proposal_id for c in content.commitments}
    refused = next(n for n in content.not_agreed if n.proposal_id == pid)
    assert refused.consent is not None and refused.consent.round_no == 2


def test_parties_capacity_and_no_guessed_contacts(room: CharterRoom) -> None:
    content = read(room.store, build_charter, room.workshop_id)
    parties = {p.name: p for p in content.parties}
    assert [p.name for p in content.parties] == ["Council", "Provider", "VCS", "Residents"]
    assert all(p.contacts == () for p in content.parties)  # nobody is a contact until the facilitator says so
    assert parties["Council"].representatives[0].name == "Aled Ŵyn Jones"
    residents = [r.name for r in parties["Residents"].representatives]
    assert residents == ["A resident", "A resident", "Rhys Llŷr"]  # only Rhys agreed to be named
    assert parties["VCS"].organisations == ("Northside Voluntary Action", "Friends of Riverside Park")
    assert {r.capacity for r in parties["Residents"].representatives} == {"For themselves, as a resident"}
    assert parties["Provider"].representatives[0].capacity == "For ActiveLife Leisure Ltd"


def test_fingerprint_is_the_audit_chain_head(room: CharterRoom) -> None:
    content = read(room.store, build_charter, room.workshop_id)
    with room.store() as uow:
        head = check_chain(uow.audit_entries(room.workshop_id)).head
    assert content.fingerprint == head and content.record_ok


def test_radar_has_each_groups_mean_per_principle_and_the_largest_gap(room: CharterRoom) -> None:
    content = read(room.store, build_charter, room.workshop_id)
    assert content.radar_axes[0] == "Collaborative"
    assert content.radar[0].group == "Council" and content.radar[0].means == (4.0, 3.0, 2.0, 3.0, 4.0)
    assert content.largest_gap == "Collaborative"  # 4 against 1


def test_actions_keep_their_owner_and_link_to_commitment_codes(room: CharterRoom) -> None:
    content = read(room.store, build_charter, room.workshop_id)
    first, second, third = content.actions
    assert (first.owner, first.commitment_code, first.due) == ("Council", "S1", dt.date(2025, 6, 30))
    assert second.commitment_code == "P1" and third.commitment_code == "" and third.status == "Open"


def test_without_a_version_row_the_charter_is_a_version_1_draft_with_plan_wording(room: CharterRoom) -> None:
    content = read(room.store, build_charter, room.workshop_id)
    assert (content.version, content.status, content.agreed_on) == (1, CharterStatus.DRAFT, None)
    assert content.next_review == dt.date(2026, 3, 12)
    assert content.sections.escalation[0].startswith("Talk it through")
    assert content.sections.scope.startswith("The leisure centres")


def test_the_latest_version_row_gives_status_changes_and_edited_wording() -> None:
    room = build_room(FakeStore())
    with room.store() as uow:
        uow.repo(CharterVersion).add(CharterVersion(room.workshop_id, 1, CharterStatus.AGREED, dt.date(2025, 3, 12)))
        uow.repo(CharterVersion).add(CharterVersion(
            room.workshop_id, 2, CharterStatus.AGREED, dt.date(2025, 9, 1), "Added a break clause.",
            json.dumps({"escalation": ["Ring Fay."], "review_after_months": 6, "working_together": ""})))
        uow.commit()
    content = read(room.store, build_charter, room.workshop_id)
    assert (content.version, content.status, content.agreed_on) == (2, CharterStatus.AGREED, dt.date(2025, 9, 1))
    assert content.changes == "Added a break clause." and content.sections.escalation == ("Ring Fay.",)
    assert content.next_review == dt.date(2025, 9, 12)  # six months after the workshop
    assert content.sections.working_together.startswith("The partners meet")  # empty edit keeps the default


def test_a_set_review_date_wins_and_an_unknown_workshop_is_refused() -> None:
    room = build_room(FakeStore())
    workshop = read(room.store, workshops.get_workshop, room.workshop_id)
    workshop.next_review = dt.date(2025, 12, 1)
    perform(room.store, workshops.update_workshop, workshop)
    assert read(room.store, build_charter, room.workshop_id).next_review == dt.date(2025, 12, 1)
    with pytest.raises(WorkshopError, match="no workshop with id 999"):
        read(room.store, build_charter, 999)


def test_party_prefixes_are_unique_and_never_s() -> None:
    assert party_prefixes(["Council", "Provider", "VCS", "Residents"]) == {
        "Council": "C", "Provider": "P", "VCS": "V", "Residents": "R"}
    assert party_prefixes(["Council", "Community health", "Staff"]) == {
        "Council": "C", "Community health": "CO", "Staff": "ST"}


def test_add_months_clamps_to_the_end_of_a_shorter_month() -> None:
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2025, 11, 15), 14) == dt.date(2027, 1, 15)


def test_a_new_proposal_added_later_is_numbered_after_the_others(room: CharterRoom) -> None:
    fresh = build_room(FakeStore())
    pid = propose(fresh, "extra", "collaborative", "The provider will train staff with the VCS.", party="Provider")
    vote(fresh, pid, everyone(fresh))
    codes = [c.code for c in read(fresh.store, build_charter, fresh.workshop_id).party_commitments]
    assert codes == ["C1", "P1", "P2"]
    assert _texts(room)["shared"].startswith("We will share")
