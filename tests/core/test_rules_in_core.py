"""Rules that lived in the window now live in core, once: rewording, the vote on show, 'revealed', agreed, owners."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from tests.core.test_voting import _room
from workshop_app.core import actions, voting
from workshop_app.core.changes import perform, read
from workshop_app.core.model import Action, Amendment, Choice, OwnerKind, VoteRound


def test_rewording_is_an_edit_before_any_vote_and_an_amendment_after() -> None:
    room = _room()
    assert perform(room.store, voting.reword, room.proposal_id, "We will publish the full business case.").proposals
    assert read(room.store, voting.amendments_of, room.proposal_id) == []
    rid = perform(room.store, voting.open_vote, room.proposal_id, False).value.id or 0
    perform(room.store, voting.close_vote, rid)
    perform(room.store, voting.reword, room.proposal_id, "We will publish it within a month.", "Ana")
    kept = read(room.store, voting.amendments_of, room.proposal_id)
    assert [(a.old_text, a.author) for a in kept] == [("We will publish the full business case.", "Ana")]


def test_the_room_sees_the_open_vote_else_the_latest_under_its_principle() -> None:
    room = _room()
    first = perform(room.store, voting.open_vote, room.proposal_id, False).value
    assert read(room.store, voting.vote_on_show, room.workshop_id, "creative")[0].id == first.id  # open wins
    perform(room.store, voting.close_vote, first.id or 0)
    other = perform(room.store, voting.create_proposal, room.workshop_id, "creative", "We will try one idea.").value
    second = perform(room.store, voting.open_vote, other.id or 0, True).value
    perform(room.store, voting.close_vote, second.id or 0)
    assert read(room.store, voting.vote_on_show, room.workshop_id, "accountable")[0].id == first.id
    assert read(room.store, voting.vote_on_show, room.workshop_id, "creative")[0].id == second.id
    assert read(room.store, voting.vote_on_show, room.workshop_id, "trust") is None


def test_revealed_means_closed_and_revealed_everywhere() -> None:
    """A round marked revealed while still open (a damaged or hand-edited record) shows no results anywhere."""
    room = _room()
    rid = perform(room.store, voting.open_vote, room.proposal_id, False).value.id or 0
    perform(room.store, voting.cast, rid, room.ana, Choice.AGREE)
    with room.store() as uow:
        vote = uow.repo(VoteRound).get(rid)
        assert vote is not None
        uow.repo(VoteRound).update(replace(vote, revealed_at=dt.datetime.now(dt.UTC)))
        uow.commit()
    with pytest.raises(voting.ResultsHiddenError):
        read(room.store, voting.results, rid)
    assert read(room.store, voting.latest_outcome, room.proposal_id) is None
    assert read(room.store, voting.agreed_commitments, room.workshop_id) == []


def test_a_commitment_reworded_after_its_vote_is_not_agreed_until_voted_again() -> None:
    """The action plan offers the same agreed commitments as the charter: an amendment after the vote undoes it."""
    room = _room()
    rid = perform(room.store, voting.open_vote, room.proposal_id, False).value.id or 0
    for person in (room.ana, room.ben):
        perform(room.store, voting.cast, rid, person, Choice.AGREE)
    perform(room.store, voting.close_vote, rid)
    assert perform(room.store, voting.reveal_vote, rid).value.agreed
    assert [p.id for p in read(room.store, voting.agreed_commitments, room.workshop_id)] == [room.proposal_id]
    perform(room.store, voting.amend_proposal, room.proposal_id, "We will publish a summary of the business case.")
    assert read(room.store, voting.agreed_commitments, room.workshop_id) == []
    with room.store() as uow:
        assert len(uow.repo(Amendment).list(proposal_id=room.proposal_id)) == 1


def test_an_owner_matches_by_part_of_the_name_ignoring_case_in_core_as_in_the_window() -> None:
    room = _room()
    added = [perform(room.store, actions.create_action, room.workshop_id, "accountable", what, OwnerKind.GROUP,
                     owner).value for what, owner in (("Open early", "Leisure Centre team"), ("Publish", "Council"))]
    found: list[Action] = read(room.store, actions.list_actions, room.workshop_id,
                               actions.ActionFilter(owner=" centre "))
    assert [a.id for a in found] == [added[0].id]
    assert actions.owner_matches(added[1], "COUN") and not actions.owner_matches(added[1], "Residents")
