"""A small workshop for interchange tests: named, secret, proxy, hand-count and unrevealed rounds."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

from workshop_app.core.changes import perform, read
from workshop_app.core import actions, assessment, interchange, voting, workshops, roster
from workshop_app.core.interchange_import import from_document
from workshop_app.core.model import Choice, OwnerKind, Participant, Workshop
from workshop_app.core.ports import UnitOfWorkFactory

EXAMPLE = Path(__file__).resolve().parents[2] / "sessions" / "examples" / "northside-leisure.json"
SECRET_REASON = "It would shut out wheelchair users."


def example_document() -> dict[str, Any]:
    """Return the bundled example workshop document."""
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def small_workshop(store: UnitOfWorkFactory, unrevealed: bool = True) -> int:
    """Build a workshop with each kind of round; return its id."""
    w = perform(store, workshops.create_workshop, Workshop("Small", "Riverside", "Hall", dt.date(2025, 5, 1), "Fac", "charter"),
                                  ("Council", "Residents")).value
    assert w.id is not None
    council, residents = (g.id or 0 for g in read(store, workshops.list_groups, w.id))
    names = [("Ann Ŵyn", council), ("Bob Lee", council), ("Cêri Jones", residents), ("Dev Rao", residents)]
    choices = {"Cêri Jones": {"ward": "Glan-y-môr"}, "Dev Rao": {"publish_name": True, "signs": True}}
    people = [perform(store, roster.add_participant, Participant(w.id, n, g, present=True, **choices.get(n, {}))).value.id or 0
              for n, g in names]
    perform(store, assessment.record_score, w.id, "collaborative", council, 3, people[0])
    perform(store, assessment.record_score, w.id, "collaborative", residents, 2)
    named = perform(store, voting.create_proposal, w.id, "collaborative", "We will meet monthly.").value
    _round(store, named.id or 0, False, people, [Choice.DISAGREE, Choice.AGREE, Choice.AGREE, Choice.AGREE],
           proxy=True)
    secret = perform(store, voting.create_proposal, w.id, "accountable", "We will publish minutes.", party_group_id=council).value
    _round(store, secret.id or 0, True, people, [Choice.AGREE, Choice.AGREE, Choice.BLOCK, Choice.ABSTAIN])
    hands = perform(store, voting.create_proposal, w.id, "creative", "We will try new things.").value
    vote = perform(store, voting.open_vote, hands.id or 0, False).value
    perform(store, voting.cast, vote.id or 0, people[0], Choice.AGREE)
    perform(store, voting.record_hand_count, vote.id or 0, residents, agree=1, disagree=1)
    perform(store, voting.record_hand_count, vote.id or 0, residents, agree=2)
    perform(store, voting.close_vote, vote.id or 0)
    perform(store, voting.reveal_vote, vote.id or 0)
    perform(store, actions.create_action, w.id, "collaborative", "Book rooms", OwnerKind.PARTICIPANT, "Ann Ŵyn",
                          dt.date(2025, 6, 1), "Rooms booked", named.id)
    if unrevealed:
        hidden = perform(store, voting.create_proposal, w.id, "adaptable", "We will review yearly.").value
        for secret_flag in (False, True):
            vote = perform(store, voting.open_vote, hidden.id or 0, secret_flag).value
            perform(store, voting.cast, vote.id or 0, people[2], Choice.BLOCK, "Hidden block reason")
            perform(store, voting.close_vote, vote.id or 0)
    return w.id


def _round(store: UnitOfWorkFactory, proposal_id: int, secret: bool, people: list[int], choices: list[Choice],
           proxy: bool = False) -> None:
    """Open, vote, close and reveal one round (the first voter first votes the other way, then changes)."""
    vote = perform(store, voting.open_vote, proposal_id, secret).value
    rid = vote.id or 0
    perform(store, voting.cast, rid, people[0], Choice.AGREE if choices[0] != Choice.AGREE else Choice.DISAGREE)
    for n, (pid, choice) in enumerate(zip(people, choices)):
        reason = SECRET_REASON if choice == Choice.BLOCK else ""
        holder = people[0] if proxy and n == 3 else None
        perform(store, voting.cast, rid, pid, choice, reason, holder)
    perform(store, voting.close_vote, rid)
    perform(store, voting.reveal_vote, rid)


def consistently_edited(doc: dict[str, Any], round_index: int, ballot_index: int, choice: Choice) -> dict[str, Any]:
    """Return the document with one ballot's choice changed and its stated outcome made to agree (consistent)."""
    record = from_document(copy.deepcopy(doc))
    vote = [r for r in record.rounds][round_index]
    ballot = record.ballots_of(vote.id)[ballot_index]
    ballot.choice = choice
    edited = json.loads(interchange.dumps(interchange.to_document(record)))
    for proposal, original in zip(edited["proposals"], doc["proposals"]):
        proposal["audit_id"] = original.get("audit_id")
    return edited
