"""The JSON interchange format: round trips, secrecy, recomputed outcomes and one-sentence refusals."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from tests.core.fakes import FakeStore
from tests.core.interchange_fixtures import SECRET_REASON, consistently_edited, example_document, small_workshop
from workshop_app.core.changes import perform, read
from workshop_app.core import interchange, roster, voting, workshops
from workshop_app.core.errors import ImportError_, WorkshopError
from workshop_app.core.interchange_import import from_document, read_document
from workshop_app.core.plans import plan_by_key
from workshop_app.core.model import Choice, Workshop
from workshop_app.core.workshop_record import read_record, save_record

VOLATILE = ("exported_at", "audit_workshop_id", "audit_head", "audit")


def stable(doc: dict[str, Any]) -> dict[str, Any]:
    """Return a document without the parts that differ between stores (export time, audit chain and ids)."""
    kept = {k: v for k, v in doc.items() if k not in VOLATILE}
    kept["proposals"] = [{k: v for k, v in p.items() if k != "audit_id"} for p in doc["proposals"]]
    return kept


def export(store: FakeStore, workshop_id: int) -> dict[str, Any]:
    """Export a workshop and pass it through JSON text, as a file would."""
    return json.loads(interchange.dumps(interchange.to_document(read(store, read_record, workshop_id))))


def reimport(doc: dict[str, Any]) -> tuple[FakeStore, int]:
    """Import a document into a fresh store."""
    store = FakeStore()
    return store, perform(store, save_record, from_document(copy.deepcopy(doc))).value


def test_round_trip_of_a_revealed_workshop_is_the_same_document() -> None:
    store = FakeStore()
    first = export(store, small_workshop(store, unrevealed=False))
    again_store, new_id = reimport(first)
    second = export(again_store, new_id)
    assert stable(second) == stable(first)
    assert len(second["vote_rounds"]) == 3


def test_round_trip_of_the_example_and_its_new_audit_chain() -> None:
    doc = example_document()
    store, new_id = reimport(doc)
    second = export(store, new_id)
    assert stable(second) == stable(doc)
    assert [e["kind"] for e in second["audit"]] == ["imported"] + ["result_imported"] * 14
    third_store, third_id = reimport(second)
    assert stable(export(third_store, third_id)) == stable(doc)
    assert doc["audit_head"] in second["audit"][0]["text"]
    assert second["audit"][0]["prev_hash"] == "0" * 64


def test_example_is_complete() -> None:
    doc = example_document()
    groups = {g["ref"]: g["name"] for g in doc["groups"]}
    assert sorted(groups.values()) == ["Council", "Provider", "Residents", "VCS"]
    names = " ".join(p["name"] for p in doc["participants"])
    assert len(doc["participants"]) >= 20 and ("ŷ" in names or "ŵ" in names) and "é" in names
    voters = [p["ref"] for p in doc["participants"] if p["is_voting"]]
    for ref in voters:
        assert sorted(a["principle"] for a in doc["assessments"] if a["participant_ref"] == ref) == sorted(
            ["collaborative", "creative", "adaptable", "accountable", "place_based"])
    kinds = [r["outcome"]["kind"] for r in doc["vote_rounds"]]
    assert len(doc["proposals"]) >= 12 and kinds.count("blocked") == 1 and kinds.count("not_agreed") >= 2
    assert {p["principle"] for p in doc["proposals"]} == {"collaborative", "creative", "adaptable",
                                                          "accountable", "place_based"}
    amended = [p for p in doc["proposals"] if p["amendments"]]
    assert len(amended) == 1
    rounds = [r for r in doc["vote_rounds"] if r["proposal_ref"] == amended[0]["ref"]]
    assert [r["round_no"] for r in rounds] == [1, 2] and rounds[1]["outcome"]["agreed"]
    assert len(doc["actions"]) >= 10 and all(a["owner"] and a["due"] and a["measure"] for a in doc["actions"])
    # planned on the day, at charter review: nothing can be done yet, and everything falls due after the workshop
    assert {a["status"] for a in doc["actions"]} == {"open"}
    assert all(a["due"] > doc["workshop"]["date"] for a in doc["actions"])
    stages = plan_by_key("charter").stages
    assert stages[doc["stage_progress"]["stage_index"]].kind == "charter_review"


def test_the_example_says_it_is_fictional() -> None:
    workshop = example_document()["workshop"]
    assert "fictional" in workshop["title"] and "made-up" in workshop["place"]  # the place shows on the cover


def test_unrevealed_rounds_are_sealed_apart_with_no_outcome_or_tally() -> None:
    store = FakeStore()
    doc = export(store, small_workshop(store))
    hidden = [r for r in doc["vote_rounds"] if r["results"] == "sealed"]
    assert len(hidden) == 2
    for r in hidden:
        assert not {"ballots", "hand_counts", "outcome"} & r.keys()
        assert r["sealed"] == interchange.SEALED
        assert [b["participant_ref"] for b in r["sealed_ballots"]] == [3]
    outside = json.dumps({**doc, "vote_rounds": [
        {k: v for k, v in r.items() if not k.startswith("sealed_")} for r in doc["vote_rounds"]]})
    assert "Hidden block reason" in json.dumps(doc, ensure_ascii=False)
    assert "Hidden block reason" not in outside


def _open_round_workshop(store: FakeStore) -> tuple[int, int, list[int]]:
    """The small workshop plus a proposal whose named vote is still open with two ballots and a hand count."""
    wid = small_workshop(store)
    people = [p.id or 0 for p in read(store, roster.list_participants, wid)]
    proposal = perform(store, voting.create_proposal, wid, "place_based", "We will meet in each ward in turn.").value
    vote = perform(store, voting.open_vote, proposal.id or 0, False).value
    perform(store, voting.cast, vote.id or 0, people[0], Choice.BLOCK, "Not my ward first")
    perform(store, voting.cast, vote.id or 0, people[1], Choice.AGREE, "", people[0])
    perform(store, voting.cast, vote.id or 0, people[0], Choice.AGREE)
    perform(store, voting.record_hand_count, vote.id or 0, read(store, workshops.list_groups, wid)[1].id or 0, agree=2)
    return wid, proposal.id or 0, people


def test_export_then_import_keeps_open_and_unrevealed_rounds_with_their_ballots() -> None:
    store = FakeStore()
    wid, _, _ = _open_round_workshop(store)
    first = export(store, wid)
    assert [r["results"] for r in first["vote_rounds"]] == ["revealed"] * 3 + ["sealed"] * 3
    assert first["vote_rounds"][-1]["closed_at"] is None
    again_store, new_id = reimport(first)
    second = export(again_store, new_id)
    assert stable(second) == stable(first)
    assert "3 vote round(s) not revealed yet were carried over" in second["audit"][0]["text"]


def test_an_imported_open_vote_carries_on_and_decides_as_the_original_would() -> None:
    store = FakeStore()
    wid, proposal_id, people = _open_round_workshop(store)
    again_store, new_id = reimport(export(store, wid))
    outcomes = []
    for s, w in ((store, wid), (again_store, new_id)):
        open_round = read(s, voting.open_round, w)
        assert open_round is not None
        round_id = open_round[0].id or 0
        everyone = [p.id or 0 for p in read(s, roster.list_participants, w)]
        perform(s, voting.cast, round_id, everyone[2], Choice.DISAGREE)
        perform(s, voting.close_vote, round_id)
        outcomes.append(perform(s, voting.reveal_vote, round_id).value)
    assert outcomes[0].totals == outcomes[1].totals and outcomes[0].reason == outcomes[1].reason
    assert outcomes[0].totals.agree == 4


def test_older_files_with_withheld_rounds_still_import_leaving_them_out() -> None:
    store = FakeStore()
    doc = export(store, small_workshop(store))
    for r in doc["vote_rounds"]:
        if r["results"] == "sealed":
            del r["sealed"], r["sealed_ballots"], r["sealed_hand_counts"]
            r["results"], r["withheld"] = "withheld", "ballots withheld until reveal"
            if not r["secret"]:
                r["voted_refs"] = [3]
    store2, new_id = reimport(doc)
    again = export(store2, new_id)
    assert len(again["vote_rounds"]) == 3
    assert "2 vote round(s) not revealed at export were left out" in again["audit"][0]["text"]


def test_a_second_open_round_on_one_proposal_is_refused() -> None:
    store = FakeStore()
    wid, _, _ = _open_round_workshop(store)
    doc = export(store, wid)
    doc["vote_rounds"][3]["closed_at"] = doc["vote_rounds"][4]["closed_at"] = None
    assert doc["vote_rounds"][3]["proposal_ref"] == doc["vote_rounds"][4]["proposal_ref"]
    with pytest.raises(ImportError_, match=r"vote_rounds\[4\]\.closed_at"):
        from_document(doc)


def test_a_sealed_round_with_a_reveal_time_is_refused() -> None:
    store = FakeStore()
    doc = export(store, small_workshop(store))
    doc["vote_rounds"][3]["revealed_at"] = doc["vote_rounds"][3]["closed_at"]
    with pytest.raises(ImportError_, match=r"vote_rounds\[3\]\.results"):
        from_document(doc)


def test_secret_ballots_name_no_voter_and_keep_the_tally() -> None:
    store = FakeStore()
    doc = export(store, small_workshop(store))
    secret = next(r for r in doc["vote_rounds"] if r["secret"] and r["results"] == "revealed")
    assert [set(b) for b in secret["ballots"]] == [{"voter", "group_ref", "choice", "reason"}] * 4
    assert [b["choice"] for b in secret["ballots"]] == ["agree", "agree", "abstain", "block"]
    assert secret["ballots"][3]["reason"] == SECRET_REASON
    assert secret["outcome"]["kind"] == "blocked"
    store2, new_id = reimport(doc)
    assert export(store2, new_id)["vote_rounds"][1] == secret


def test_outcome_that_disagrees_with_the_votes_is_refused_naming_the_proposal() -> None:
    doc = example_document()
    round_ = next(r for r in doc["vote_rounds"] if r["outcome"]["kind"] == "blocked")
    round_["outcome"]["agreed"] = True
    with pytest.raises(WorkshopError, match=r'proposal 6 \("We will replace the swimming lessons subsidy'):
        from_document(doc)


def test_changing_a_vote_is_refused_because_the_stated_outcome_no_longer_follows() -> None:
    doc = example_document()
    first = doc["vote_rounds"][0]
    for ballot in first["ballots"]:
        ballot["choice"] = "disagree"
    with pytest.raises(WorkshopError, match="stated outcome of proposal 1"):
        from_document(doc)


def _set(doc: dict[str, Any], path: list[Any], value: Any) -> None:
    """Set (or with value ... delete) a nested field."""
    target = doc
    for key in path[:-1]:
        target = target[key]
    if value is ...:
        del target[path[-1]]
    else:
        target[path[-1]] = value


BAD_FIELDS = [
    (["format"], "something-else", '"format"'),
    (["version"], 2, "version 2"),
    (["version"], "1", "version should be a whole number"),
    (["workshop", "title"], ..., "missing the field workshop.title"),
    (["workshop", "date"], "14/03/2025", "workshop.date"),
    (["workshop", "decision_rule"], "unanimity", "workshop.decision_rule"),
    (["participants", 3, "group_ref"], 99, "participants[3].group_ref refers to group 99"),
    (["participants", 3, "is_voting"], "yes", "participants[3].is_voting should be true or false"),
    (["participants", 2, "ref"], 1, "participants[2].ref repeats"),
    (["assessments", 0, "participant_ref"], 500, "assessments[0].participant_ref"),
    (["assessments", 0, "score"], 6, "assessments[0].score"),
    (["proposals", 1, "party_group_ref"], 9, "proposals[1].party_group_ref"),
    (["vote_rounds", 0, "proposal_ref"], 77, "vote_rounds[0].proposal_ref"),
    (["vote_rounds", 0, "ballots", 2, "participant_ref"], 404, "vote_rounds[0].ballots[2].participant_ref"),
    (["vote_rounds", 0, "ballots", 2, "choice"], "maybe", "vote_rounds[0].ballots[2].choice"),
    (["vote_rounds", 2, "ballots", 0, "group_ref"], 12, "vote_rounds[2].ballots[0].group_ref"),
    (["vote_rounds", 0, "present_group_refs", 0], 8, "vote_rounds[0].present_group_refs[0]"),
    (["actions", 0, "proposal_ref"], 99, "actions[0].proposal_ref"),
    (["actions", 0, "due"], 20250501, "actions[0].due should be text or null"),
    (["groups"], {}, "groups should be a list"),
    (["audit", 5, "text"], "rewritten", "audit[5] has been altered"),
    (["audit_head"], "f" * 64, "audit_head"),
]


@pytest.mark.parametrize(("path", "value", "named"), BAD_FIELDS)
def test_bad_field_is_refused_with_one_sentence_naming_it(path: list[Any], value: Any, named: str) -> None:
    doc = example_document()
    _set(doc, path, value)
    with pytest.raises(ImportError_) as caught:
        from_document(doc)
    message = str(caught.value)
    assert named in message
    assert message.count(". ") == 0 and message.endswith(".") and "\n" not in message


def test_not_json_and_not_an_object_are_refused() -> None:
    with pytest.raises(ImportError_, match="not valid JSON"):
        read_document(b"{not json")
    with pytest.raises(ImportError_, match="not a workshop record"):
        read_document("[1, 2]")
    with pytest.raises(ImportError_, match="not UTF-8"):
        read_document(b"\xff\xfe{")


def test_a_failing_save_writes_nothing() -> None:
    store = FakeStore()
    record = from_document(example_document())
    record.actions[0].proposal_id = 999  # a reference the writer cannot map
    with pytest.raises(WorkshopError):
        perform(store, save_record, record)
    assert store.tables.get(Workshop, {}) == {} and store.audit == []


def test_ballots_edited_to_agree_with_an_edited_outcome_are_refused_by_the_files_own_chain() -> None:
    doc = example_document()
    edited = consistently_edited(doc, 2, 0, Choice.AGREE)
    assert edited["vote_rounds"][2]["outcome"] != doc["vote_rounds"][2]["outcome"]
    assert edited["audit"] == doc["audit"]
    with pytest.raises(ImportError_) as caught:
        from_document(edited)
    message = str(caught.value)
    assert message.startswith('Proposal 3 ("We will hand the management') and "audit log" in message
    assert "recorded" in message and message.count(".") >= 1 and "\n" not in message


def test_an_edited_ballot_in_a_re_exported_file_is_refused_too() -> None:
    store, new_id = reimport(example_document())
    again = export(store, new_id)
    from_document(copy.deepcopy(again))
    edited = consistently_edited(again, 0, 0, Choice.DISAGREE)
    with pytest.raises(ImportError_, match=r"^Proposal 1 \("):
        from_document(edited)


def test_a_reveal_entry_for_a_proposal_the_file_lacks_is_refused() -> None:
    store = FakeStore()
    doc = export(store, small_workshop(store, unrevealed=False))
    doc["proposals"][0]["audit_id"] = 999
    with pytest.raises(ImportError_, match=r"^The field audit\[\d+\] records a vote on proposal \d+"):
        from_document(doc)
