"""Vote operations: last choice counts, closed votes never change, results stay hidden until reveal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.core.fakes import FakeStore
from workshop_app.core import audit, voting
from workshop_app.core.errors import ClosedVoteError, WorkshopError
from workshop_app.core.model import (
    Amendment,
    Ballot,
    Choice,
    DecisionRule,
    Participant,
    Proposal,
    ProposalStatus,
    StakeholderGroup,
    VoteRound,
    Workshop,
)


@dataclass
class Room:
    """A seeded workshop: its store and the ids tests need."""

    store: FakeStore
    workshop_id: int
    council: int
    residents: int
    ana: int  # council, voting, present
    ben: int  # residents, voting, present
    cai: int  # residents, voting, absent
    obi: int  # council observer
    stranger: int  # a participant of another workshop
    proposal_id: int


def _room(rule: DecisionRule = DecisionRule.GROUP_CONSENT) -> Room:
    store = FakeStore()
    with store() as uow:
        ws = uow.repo(Workshop).add(Workshop(title="Charter", partnership="Northside", place="Hall",
                                             date=dt.date(2024, 5, 1), facilitator="Fay", plan_key="charter",
                                             decision_rule=rule))
        other = uow.repo(Workshop).add(Workshop(title="Other", partnership="Elsewhere", place="Hall",
                                                date=dt.date(2024, 5, 1), facilitator="Fay", plan_key="charter"))
        wid = ws.id or 0
        council = uow.repo(StakeholderGroup).add(StakeholderGroup(wid, "Council", "#000", "square", 1))
        residents = uow.repo(StakeholderGroup).add(StakeholderGroup(wid, "Residents", "#111", "circle", 4))
        people = uow.repo(Participant)
        ana = people.add(Participant(wid, "Ana", council.id or 0, present=True))
        ben = people.add(Participant(wid, "Ben", residents.id or 0, present=True))
        cai = people.add(Participant(wid, "Cai", residents.id or 0, present=False))
        obi = people.add(Participant(wid, "Obi", council.id or 0, is_voting=False, present=True))
        stranger = people.add(Participant(other.id or 0, "Sam", council.id or 0, present=True))
        uow.commit()
    proposal = voting.create_proposal(store, wid, "accountable", "We will publish the business case.")
    return Room(store, wid, council.id or 0, residents.id or 0, ana.id or 0, ben.id or 0, cai.id or 0,
                obi.id or 0, stranger.id or 0, proposal.id or 0)


def _texts(room: Room) -> list[str]:
    with room.store() as uow:
        return [e.text for e in uow.audit_entries(room.workshop_id)]


def test_open_vote_numbers_rounds_and_refuses_a_second_open_round() -> None:
    room = _room()
    first = voting.open_vote(room.store, room.proposal_id, secret=False)
    assert first.round_no == 1 and first.closed_at is None
    with pytest.raises(WorkshopError, match="already open"):
        voting.open_vote(room.store, room.proposal_id, secret=True)
    voting.close_vote(room.store, first.id or 0)
    second = voting.open_vote(room.store, room.proposal_id, secret=True)
    assert second.round_no == 2 and second.secret


def test_change_of_vote_last_counts_and_every_ballot_is_kept() -> None:
    room = _room()
    vote = voting.open_vote(room.store, room.proposal_id, secret=False)
    rid = vote.id or 0
    voting.cast_ballot(room.store, rid, room.ana, Choice.DISAGREE)
    voting.cast_ballot(room.store, rid, room.ana, Choice.BLOCK, reason="Not yet costed")
    voting.cast_ballot(room.store, rid, room.ana, Choice.AGREE)
    voting.cast_ballot(room.store, rid, room.ben, Choice.AGREE)
    voting.close_vote(room.store, rid)
    outcome = voting.reveal_vote(room.store, rid)
    assert outcome.agreed and outcome.totals.agree == 2 and outcome.totals.block == 0
    with room.store() as uow:
        kept = [b.choice for b in uow.repo(Ballot).list(round_id=rid, participant_id=room.ana)]
    assert kept == [Choice.DISAGREE, Choice.BLOCK, Choice.AGREE]


@pytest.mark.parametrize(
    ("who", "choice", "reason", "proxy", "message"),
    [
        pytest.param("obi", Choice.AGREE, "", None, "observer", id="observer"),
        pytest.param("stranger", Choice.AGREE, "", None, "not a participant", id="other-workshop"),
        pytest.param("nobody", Choice.AGREE, "", None, "not a participant", id="unknown"),
        pytest.param("ben", Choice.BLOCK, "  ", None, "needs a short reason", id="block-without-reason"),
        pytest.param("cai", Choice.AGREE, "", "stranger", "proxy must be held", id="proxy-from-elsewhere"),
        pytest.param("cai", Choice.AGREE, "", "nobody", "proxy must be held", id="proxy-unknown"),
        pytest.param("cai", Choice.AGREE, "", "cai", "own proxy", id="own-proxy"),
    ],
)
def test_cast_ballot_refusals(who: str, choice: Choice, reason: str, proxy: str | None, message: str) -> None:
    room = _room()
    rid = voting.open_vote(room.store, room.proposal_id, secret=False).id or 0
    ids = {"obi": room.obi, "stranger": room.stranger, "nobody": 999, "ben": room.ben, "cai": room.cai}
    before = room.store.commits
    with pytest.raises(WorkshopError, match=message):
        voting.cast_ballot(room.store, rid, ids[who], choice, reason, ids[proxy] if proxy else None)
    assert room.store.commits == before
    with room.store() as uow:
        assert uow.repo(Ballot).list(round_id=rid) == []


def test_proxy_ballot_records_holder_and_counts_for_the_represented_group() -> None:
    room = _room()
    rid = voting.open_vote(room.store, room.proposal_id, secret=False).id or 0
    voting.cast_ballot(room.store, rid, room.ana, Choice.AGREE)
    ballot = voting.cast_ballot(room.store, rid, room.cai, Choice.DISAGREE, proxy_holder_id=room.ben)
    assert ballot.proxy_holder_id == room.ben
    assert "Ben cast Cai's vote by proxy" in _texts(room)[-1]
    voting.close_vote(room.store, rid)
    outcome = voting.reveal_vote(room.store, rid)
    # Residents: Cai's proxy disagree, Ben did not vote -> 0 agree, 1 disagree: Residents object.
    assert not outcome.agreed and "Residents (0 agree, 1 disagree)" in outcome.reason


CLOSED_OPS: list[tuple[str, Callable[[Room, int], object]]] = [
    ("agree", lambda r, rid: voting.cast_ballot(r.store, rid, r.ana, Choice.AGREE)),
    ("change", lambda r, rid: voting.cast_ballot(r.store, rid, r.ben, Choice.DISAGREE)),
    ("block", lambda r, rid: voting.cast_ballot(r.store, rid, r.ben, Choice.BLOCK, "late")),
    ("proxy", lambda r, rid: voting.cast_ballot(r.store, rid, r.cai, Choice.AGREE, proxy_holder_id=r.ana)),
    ("hands", lambda r, rid: voting.record_hand_count(r.store, rid, r.residents, agree=3)),
    ("close-again", lambda r, rid: voting.close_vote(r.store, rid)),
]


@pytest.mark.parametrize("revealed", [False, True], ids=["closed", "revealed"])
@pytest.mark.parametrize("operation", [op for _, op in CLOSED_OPS], ids=[name for name, _ in CLOSED_OPS])
def test_closed_vote_refuses_every_change(operation: Callable[[Room, int], object], revealed: bool) -> None:
    room = _room()
    rid = voting.open_vote(room.store, room.proposal_id, secret=True).id or 0
    voting.cast_ballot(room.store, rid, room.ben, Choice.AGREE)
    voting.close_vote(room.store, rid)
    if revealed:
        voting.reveal_vote(room.store, rid)
    before = (room.store.commits, voting.progress(room.store, rid))
    with pytest.raises(ClosedVoteError, match="closed"):
        operation(room, rid)
    assert (room.store.commits, voting.progress(room.store, rid)) == before


def test_results_are_hidden_until_reveal_and_reveal_needs_close() -> None:
    room = _room()
    rid = voting.open_vote(room.store, room.proposal_id, secret=True).id or 0
    voting.cast_ballot(room.store, rid, room.ana, Choice.AGREE)
    with pytest.raises(voting.ResultsHiddenError):
        voting.results(room.store, rid)
    with pytest.raises(WorkshopError, match="Close the vote"):
        voting.reveal_vote(room.store, rid)
    voting.close_vote(room.store, rid)
    with pytest.raises(voting.ResultsHiddenError):
        voting.results(room.store, rid)
    revealed = voting.reveal_vote(room.store, rid)
    # Residents are present (Ben) but did not vote: no quorum.
    assert revealed.kind == "no_quorum" and "Residents did not vote" in revealed.reason
    assert voting.results(room.store, rid) == revealed
    entries = len(_texts(room))
    assert voting.reveal_vote(room.store, rid) == revealed and len(_texts(room)) == entries


def test_audit_never_holds_a_choice_or_tally_before_reveal() -> None:
    room = _room()
    for secret in (True, False):
        start = len(_texts(room))
        rid = voting.open_vote(room.store, room.proposal_id, secret=secret).id or 0
        voting.cast_ballot(room.store, rid, room.ana, Choice.AGREE)
        voting.cast_ballot(room.store, rid, room.ben, Choice.BLOCK, reason="Rent rises hidden")
        voting.cast_ballot(room.store, rid, room.cai, Choice.DISAGREE, proxy_holder_id=room.ana)
        voting.record_hand_count(room.store, rid, room.council, agree=4, disagree=2, block=1,
                                 block_reason="Budget unclear")
        voting.close_vote(room.store, rid)
        before = " ".join(_texts(room)[start:]).lower()
        for word in ("agree", "abstain", "block", "rent rises", "budget unclear"):
            assert word not in before, (secret, word)
        cast = [t for t in _texts(room)[start:] if "ballot was cast" in t]
        assert len(cast) == (3 if secret else 0)
        voting.reveal_vote(room.store, rid)
        # Ballots: Ana agree, Ben block, Cai disagree; hands (Council): 4 agree, 2 disagree, 1 block.
        # Totals: agree 1 + 4 = 5, abstain 0, disagree 1 + 2 = 3, block 1 + 1 = 2.
        assert "5 agree, 0 abstain, 3 disagree, 2 block" in _texts(room)[-1]
        assert "Rent rises hidden; Budget unclear" in _texts(room)[-1]


def test_secret_ballot_text_names_nobody_and_named_text_names_the_voter() -> None:
    room = _room()
    secret = voting.open_vote(room.store, room.proposal_id, secret=True).id or 0
    voting.cast_ballot(room.store, secret, room.ana, Choice.AGREE)
    assert _texts(room)[-1] == f"A ballot was cast in round 1 of proposal {room.proposal_id}."
    voting.close_vote(room.store, secret)
    named = voting.open_vote(room.store, room.proposal_id, secret=False).id or 0
    voting.cast_ballot(room.store, named, room.ana, Choice.DISAGREE)
    assert _texts(room)[-1] == f"Ana voted in round 2 of proposal {room.proposal_id}."
    with room.store() as uow:
        assert audit.check_chain(uow.audit_entries(room.workshop_id)).ok


def test_progress_shows_who_voted_never_what() -> None:
    room = _room()
    rid = voting.open_vote(room.store, room.proposal_id, secret=True).id or 0
    assert voting.progress(room.store, rid) == voting.VoteProgress(frozenset(), 2)  # Ana and Ben are present
    voting.cast_ballot(room.store, rid, room.ana, Choice.AGREE)
    voting.cast_ballot(room.store, rid, room.cai, Choice.AGREE, proxy_holder_id=room.ben)
    voting.record_hand_count(room.store, rid, room.residents, abstain=2)
    seen = voting.progress(room.store, rid)
    # Ana present + Ben present + Cai absent but voted by proxy = 3 who could vote; 2 have.
    assert seen.voted_participant_ids == frozenset({room.ana, room.cai}) and seen.eligible_count == 3
    assert seen.hand_count_group_ids == frozenset({room.residents})
    assert str(seen) == "2 of 3 have voted"


def test_hand_count_refusals() -> None:
    room = _room()
    rid = voting.open_vote(room.store, room.proposal_id, secret=False).id or 0
    with pytest.raises(WorkshopError, match="negative"):
        voting.record_hand_count(room.store, rid, room.council, agree=-1)
    with pytest.raises(WorkshopError, match="reason"):
        voting.record_hand_count(room.store, rid, room.council, block=1)
    with pytest.raises(WorkshopError, match="not part of this workshop"):
        voting.record_hand_count(room.store, rid, 999, agree=1)


def test_amend_keeps_history_and_a_later_vote_is_a_new_round() -> None:
    room = _room()
    first = voting.open_vote(room.store, room.proposal_id, secret=False).id or 0
    voting.cast_ballot(room.store, first, room.ana, Choice.AGREE)
    voting.cast_ballot(room.store, first, room.ben, Choice.BLOCK, reason="Say when")
    with pytest.raises(WorkshopError, match="Close the open vote"):
        voting.amend_proposal(room.store, room.proposal_id, "We will publish it by June.", "Ben")
    voting.close_vote(room.store, first)
    assert voting.reveal_vote(room.store, first).kind == "blocked"
    amendment = voting.amend_proposal(room.store, room.proposal_id, "We will publish it by June.", "Ben")
    assert amendment.old_text == "We will publish the business case."
    second = voting.open_vote(room.store, room.proposal_id, secret=False)
    assert second.round_no == 2
    voting.cast_ballot(room.store, second.id or 0, room.ana, Choice.AGREE)
    voting.cast_ballot(room.store, second.id or 0, room.ben, Choice.AGREE)
    voting.close_vote(room.store, second.id or 0)
    assert voting.reveal_vote(room.store, second.id or 0).agreed
    assert voting.results(room.store, first).kind == "blocked"  # the first round is unchanged
    assert [r.round_no for r in voting.rounds_of(room.store, room.proposal_id)] == [1, 2]
    history = voting.amendments_of(room.store, room.proposal_id)
    assert [a.new_text for a in history] == ["We will publish it by June."]
    with room.store() as uow:
        assert (uow.repo(Proposal).get(room.proposal_id) or Proposal(0, "", "")).text == amendment.new_text
        assert len(uow.repo(Amendment).list()) == 1


def test_edit_only_before_any_round_and_withdraw_stops_voting() -> None:
    room = _room()
    edited = voting.edit_proposal(room.store, room.proposal_id, text="We will publish the case.",
                                  party_group_id=room.council)
    assert edited.text == "We will publish the case." and edited.party_group_id == room.council
    assert edited.principle == "accountable"
    with pytest.raises(WorkshopError, match="one of the workshop's groups"):
        voting.edit_proposal(room.store, room.proposal_id, party_group_id=999)
    rid = voting.open_vote(room.store, room.proposal_id, secret=False).id or 0
    with pytest.raises(WorkshopError, match="amend it instead"):
        voting.edit_proposal(room.store, room.proposal_id, text="Other")
    with pytest.raises(WorkshopError, match="Close the open vote"):
        voting.withdraw_proposal(room.store, room.proposal_id)
    voting.close_vote(room.store, rid)
    withdrawn = voting.withdraw_proposal(room.store, room.proposal_id)
    assert withdrawn.status is ProposalStatus.WITHDRAWN
    with pytest.raises(WorkshopError, match="withdrawn"):
        voting.open_vote(room.store, room.proposal_id, secret=False)
    with pytest.raises(WorkshopError, match="withdrawn"):
        voting.amend_proposal(room.store, room.proposal_id, "New words")


def test_create_proposal_refuses_empty_text_and_unknown_workshop() -> None:
    room = _room()
    with pytest.raises(WorkshopError, match="wording"):
        voting.create_proposal(room.store, room.workshop_id, "accountable", "   ")
    with pytest.raises(WorkshopError, match="workshop cannot be found"):
        voting.create_proposal(room.store, 999, "accountable", "Text")
    with room.store() as uow:
        assert len(uow.repo(Proposal).list()) == 1
        assert uow.repo(VoteRound).list() == []


def test_outcome_follows_the_workshop_rule() -> None:
    room = _room(DecisionRule.MAJORITY)
    rid = voting.open_vote(room.store, room.proposal_id, secret=False).id or 0
    voting.cast_ballot(room.store, rid, room.ana, Choice.AGREE)
    voting.cast_ballot(room.store, rid, room.ben, Choice.AGREE)
    voting.cast_ballot(room.store, rid, room.cai, Choice.BLOCK, "No", proxy_holder_id=room.ben)
    voting.close_vote(room.store, rid)
    outcome = voting.reveal_vote(room.store, rid)
    # Majority: A = 2 > D + B = 1, so a block does not stop it (it would under group consent).
    assert outcome.agreed and outcome.rule is DecisionRule.MAJORITY


def test_quorum_uses_the_groups_present_when_the_vote_closed() -> None:
    """A group arriving after a vote closed does not turn its result into 'no quorum' later."""
    import datetime as _dt

    from workshop_app.core import roster, voting as v, workshops as w
    from workshop_app.core.model import Choice as C, Participant as P, Workshop as W

    store = FakeStore()
    ws = w.create_workshop(store, W("T", "P", "X", _dt.date(2026, 1, 1), "F", "charter"))
    council, provider = w.list_groups(store, ws.id)[:2]
    ana = roster.add_participant(store, P(ws.id, "Ana", council.id, present=True))
    late = roster.add_participant(store, P(ws.id, "Late", provider.id, present=False))
    proposal = v.create_proposal(store, ws.id, "collaborative", "We will meet monthly.")
    rnd = v.open_vote(store, proposal.id, secret=False)
    v.cast_ballot(store, rnd.id, ana.id, C.AGREE)
    closed = v.close_vote(store, rnd.id)
    assert closed.present_group_ids == (council.id,)
    roster.set_present(store, late.id, True)
    assert v.reveal_vote(store, rnd.id).agreed
    assert v.results(store, rnd.id).agreed


def test_only_one_vote_is_open_at_a_time_in_a_workshop() -> None:
    import datetime as _dt

    from workshop_app.core import voting as v, workshops as w
    from workshop_app.core.model import Workshop as W

    store = FakeStore()
    ws = w.create_workshop(store, W("T", "P", "X", _dt.date(2026, 1, 1), "F", "charter"))
    first = v.create_proposal(store, ws.id, "creative", "We will try one new idea a year.")
    second = v.create_proposal(store, ws.id, "creative", "We will share our plans early.")
    opened = v.open_vote_in_room(store, first.id, secret=True)
    with pytest.raises(WorkshopError, match="Another vote is still open"):
        v.open_vote_in_room(store, second.id, secret=False)
    found = v.open_round_of_workshop(store, ws.id)
    assert found is not None and found[0].id == opened.id and found[1].id == first.id
    v.close_vote(store, opened.id)
    assert v.open_round_of_workshop(store, ws.id) is None
    assert [p.id for p in v.proposals_of(store, ws.id, "creative")] == [first.id, second.id]
    assert v.open_vote_in_room(store, second.id, secret=False).round_no == 1
