"""Vote operations: last choice counts, closed votes never change, results stay hidden until reveal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.core.fakes import FakeStore
from workshop_app.core.changes import Voted, perform, read
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
    proposal = perform(store, voting.create_proposal, wid, "accountable", "We will publish the business case.").value
    return Room(store, wid, council.id or 0, residents.id or 0, ana.id or 0, ben.id or 0, cai.id or 0,
                obi.id or 0, stranger.id or 0, proposal.id or 0)


def _texts(room: Room) -> list[str]:
    with room.store() as uow:
        return [e.text for e in uow.audit_entries(room.workshop_id)]


def test_open_vote_numbers_rounds_and_refuses_a_second_open_round() -> None:
    room = _room()
    first = perform(room.store, voting.open_vote, room.proposal_id, secret=False).value
    assert first.round_no == 1 and first.closed_at is None
    with pytest.raises(WorkshopError, match="already open"):
        perform(room.store, voting.open_vote, room.proposal_id, secret=True)
    perform(room.store, voting.close_vote, first.id or 0)
    second = perform(room.store, voting.open_vote, room.proposal_id, secret=True).value
    assert second.round_no == 2 and second.secret


def test_change_of_vote_last_counts_and_every_ballot_is_kept() -> None:
    room = _room()
    vote = perform(room.store, voting.open_vote, room.proposal_id, secret=False).value
    rid = vote.id or 0
    perform(room.store, voting.cast, rid, room.ana, Choice.DISAGREE)
    perform(room.store, voting.cast, rid, room.ana, Choice.BLOCK, reason="Not yet costed")
    perform(room.store, voting.cast, rid, room.ana, Choice.AGREE)
    perform(room.store, voting.cast, rid, room.ben, Choice.AGREE)
    perform(room.store, voting.close_vote, rid)
    outcome = perform(room.store, voting.reveal_vote, rid).value
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
    rid = perform(room.store, voting.open_vote, room.proposal_id, secret=False).value.id or 0
    ids = {"obi": room.obi, "stranger": room.stranger, "nobody": 999, "ben": room.ben, "cai": room.cai}
    before = room.store.commits
    with pytest.raises(WorkshopError, match=message):
        perform(room.store, voting.cast, rid, ids[who], choice, reason, ids[proxy] if proxy else None)
    assert room.store.commits == before
    with room.store() as uow:
        assert uow.repo(Ballot).list(round_id=rid) == []


def test_proxy_ballot_records_holder_and_counts_for_the_represented_group() -> None:
    room = _room()
    rid = perform(room.store, voting.open_vote, room.proposal_id, secret=False).value.id or 0
    perform(room.store, voting.cast, rid, room.ana, Choice.AGREE)
    ballot = perform(room.store, voting.cast, rid, room.cai, Choice.DISAGREE, proxy_holder_id=room.ben).value
    assert ballot.proxy_holder_id == room.ben
    assert "Ben cast Cai's vote by proxy" in _texts(room)[-1]
    perform(room.store, voting.close_vote, rid)
    outcome = perform(room.store, voting.reveal_vote, rid).value
    # Residents: Cai's proxy disagree, Ben did not vote -> 0 agree, 1 disagree: Residents object.
    assert not outcome.agreed and "Residents (0 agree, 1 disagree)" in outcome.reason


CLOSED_OPS: list[tuple[str, Callable[[Room, int], object]]] = [
    ("agree", lambda r, rid: perform(r.store, voting.cast, rid, r.ana, Choice.AGREE)),
    ("change", lambda r, rid: perform(r.store, voting.cast, rid, r.ben, Choice.DISAGREE)),
    ("block", lambda r, rid: perform(r.store, voting.cast, rid, r.ben, Choice.BLOCK, "late")),
    ("proxy", lambda r, rid: perform(r.store, voting.cast, rid, r.cai, Choice.AGREE, proxy_holder_id=r.ana)),
    ("hands", lambda r, rid: perform(r.store, voting.record_hand_count, rid, r.residents, agree=3)),
    ("close-again", lambda r, rid: perform(r.store, voting.close_vote, rid)),
]


@pytest.mark.parametrize("revealed", [False, True], ids=["closed", "revealed"])
@pytest.mark.parametrize("operation", [op for _, op in CLOSED_OPS], ids=[name for name, _ in CLOSED_OPS])
def test_closed_vote_refuses_every_change(operation: Callable[[Room, int], object], revealed: bool) -> None:
    room = _room()
    rid = perform(room.store, voting.open_vote, room.proposal_id, secret=True).value.id or 0
    perform(room.store, voting.cast, rid, room.ben, Choice.AGREE)
    perform(room.store, voting.close_vote, rid)
    if revealed:
        perform(room.store, voting.reveal_vote, rid)
    before = (room.store.commits, read(room.store, voting.progress, rid))
    with pytest.raises(ClosedVoteError, match="closed"):
        operation(room, rid)
    assert (room.store.commits, read(room.store, voting.progress, rid)) == before


def test_results_are_hidden_until_reveal_and_reveal_needs_close() -> None:
    room = _room()
    rid = perform(room.store, voting.open_vote, room.proposal_id, secret=True).value.id or 0
    perform(room.store, voting.cast, rid, room.ana, Choice.AGREE)
    with pytest.raises(voting.ResultsHiddenError):
        read(room.store, voting.results, rid)
    with pytest.raises(WorkshopError, match="Close the vote"):
        perform(room.store, voting.reveal_vote, rid)
    perform(room.store, voting.close_vote, rid)
    with pytest.raises(voting.ResultsHiddenError):
        read(room.store, voting.results, rid)
    revealed = perform(room.store, voting.reveal_vote, rid).value
    # Residents are present (Ben) but did not vote: no quorum.
    assert revealed.kind == "no_quorum" and "Residents did not vote" in revealed.reason
    assert read(room.store, voting.results, rid) == revealed
    entries = len(_texts(room))
    assert perform(room.store, voting.reveal_vote, rid).value == revealed and len(_texts(room)) == entries


def test_audit_never_holds_a_choice_or_tally_before_reveal() -> None:
    room = _room()
    for secret in (True, False):
        start = len(_texts(room))
        rid = perform(room.store, voting.open_vote, room.proposal_id, secret=secret).value.id or 0
        perform(room.store, voting.cast, rid, room.ana, Choice.AGREE)
        perform(room.store, voting.cast, rid, room.ben, Choice.BLOCK, reason="Rent rises hidden")
        perform(room.store, voting.cast, rid, room.cai, Choice.DISAGREE, proxy_holder_id=room.ana)
        perform(room.store, voting.record_hand_count, rid, room.council, agree=4, disagree=2, block=1,
                                 block_reason="Budget unclear")
        perform(room.store, voting.close_vote, rid)
        before = " ".join(_texts(room)[start:]).lower()
        for word in ("agree", "abstain", "block", "rent rises", "budget unclear"):
            assert word not in before, (secret, word)
        cast = [t for t in _texts(room)[start:] if "ballot was cast" in t]
        assert len(cast) == (3 if secret else 0)
        perform(room.store, voting.reveal_vote, rid)
        # Ballots: Ana agree, Ben block, Cai disagree; hands (Council): 4 agree, 2 disagree, 1 block.
        # Totals: agree 1 + 4 = 5, abstain 0, disagree 1 + 2 = 3, block 1 + 1 = 2.
        assert "5 agree, 0 abstain, 3 disagree, 2 block" in _texts(room)[-1]
        assert "Rent rises hidden; Budget unclear" in _texts(room)[-1]


def test_secret_ballot_text_names_nobody_and_named_text_names_the_voter() -> None:
    room = _room()
    secret = perform(room.store, voting.open_vote, room.proposal_id, secret=True).value.id or 0
    perform(room.store, voting.cast, secret, room.ana, Choice.AGREE)
    assert _texts(room)[-1] == f"A ballot was cast in round 1 of proposal {room.proposal_id}."
    perform(room.store, voting.close_vote, secret)
    named = perform(room.store, voting.open_vote, room.proposal_id, secret=False).value.id or 0
    perform(room.store, voting.cast, named, room.ana, Choice.DISAGREE)
    assert _texts(room)[-1] == f"Ana voted in round 2 of proposal {room.proposal_id}."
    with room.store() as uow:
        assert audit.check_chain(uow.audit_entries(room.workshop_id)).ok


def test_progress_shows_who_voted_never_what() -> None:
    room = _room()
    rid = perform(room.store, voting.open_vote, room.proposal_id, secret=True).value.id or 0
    assert read(room.store, voting.progress, rid) == voting.VoteProgress(frozenset(), 2, round_id=rid)  # Ana and Ben are present
    perform(room.store, voting.cast, rid, room.ana, Choice.AGREE)
    perform(room.store, voting.cast, rid, room.cai, Choice.AGREE, proxy_holder_id=room.ben)
    perform(room.store, voting.record_hand_count, rid, room.residents, abstain=2)
    seen = read(room.store, voting.progress, rid)
    # Ana present + Ben present + Cai absent but voted by proxy = 3 who could vote; 2 have.
    assert seen.voted_participant_ids == frozenset({room.ana, room.cai}) and seen.eligible_count == 3
    assert seen.hand_count_group_ids == frozenset({room.residents})
    assert str(seen) == "2 of 3 have voted"


def test_a_cast_says_who_voted_so_the_count_follows_without_a_read() -> None:
    room = _room()
    rid = perform(room.store, voting.open_vote, room.proposal_id, secret=True).value.id or 0
    shown = read(room.store, voting.progress, rid)
    for person, holder in ((room.ana, None), (room.cai, room.ben), (room.ana, None)):  # Ana changes her vote
        done = perform(room.store, voting.cast, rid, person, Choice.DISAGREE, proxy_holder_id=holder)
        assert done.changes.ballots == frozenset({rid})
        assert {(v.participant_id, v.present) for v in done.changes.voted} == {(person, person != room.cai)}
        assert "disagree" not in repr(done.changes).lower()  # who voted, never what
        shown = shown.with_voted(done.changes.voted)
        assert shown == read(room.store, voting.progress, rid)  # the same as reading it again
    assert str(shown) == "2 of 3 have voted"  # Cai, away, voted by proxy and so joins those who could
    assert shown.with_voted([Voted(rid + 1, room.ben, True)]) == shown  # another round's voter: no change


def test_hand_count_refusals() -> None:
    room = _room()
    rid = perform(room.store, voting.open_vote, room.proposal_id, secret=False).value.id or 0
    with pytest.raises(WorkshopError, match="negative"):
        perform(room.store, voting.record_hand_count, rid, room.council, agree=-1)
    with pytest.raises(WorkshopError, match="reason"):
        perform(room.store, voting.record_hand_count, rid, room.council, block=1)
    with pytest.raises(WorkshopError, match="not part of this workshop"):
        perform(room.store, voting.record_hand_count, rid, 999, agree=1)


def test_amend_keeps_history_and_a_later_vote_is_a_new_round() -> None:
    room = _room()
    first = perform(room.store, voting.open_vote, room.proposal_id, secret=False).value.id or 0
    perform(room.store, voting.cast, first, room.ana, Choice.AGREE)
    perform(room.store, voting.cast, first, room.ben, Choice.BLOCK, reason="Say when")
    with pytest.raises(WorkshopError, match="Close the open vote"):
        perform(room.store, voting.amend_proposal, room.proposal_id, "We will publish it by June.", "Ben")
    perform(room.store, voting.close_vote, first)
    assert perform(room.store, voting.reveal_vote, first).value.kind == "blocked"
    amendment = perform(room.store, voting.amend_proposal, room.proposal_id, "We will publish it by June.", "Ben").value
    assert amendment.old_text == "We will publish the business case."
    second = perform(room.store, voting.open_vote, room.proposal_id, secret=False).value
    assert second.round_no == 2
    perform(room.store, voting.cast, second.id or 0, room.ana, Choice.AGREE)
    perform(room.store, voting.cast, second.id or 0, room.ben, Choice.AGREE)
    perform(room.store, voting.close_vote, second.id or 0)
    assert perform(room.store, voting.reveal_vote, second.id or 0).value.agreed
    assert read(room.store, voting.results, first).kind == "blocked"  # the first round is unchanged
    assert [r.round_no for r in read(room.store, voting.rounds_of, room.proposal_id)] == [1, 2]
    history = read(room.store, voting.amendments_of, room.proposal_id)
    assert [a.new_text for a in history] == ["We will publish it by June."]
    with room.store() as uow:
        assert (uow.repo(Proposal).get(room.proposal_id) or Proposal(0, "", "")).text == amendment.new_text
        assert len(uow.repo(Amendment).list()) == 1


def test_edit_only_before_any_round_and_withdraw_stops_voting() -> None:
    room = _room()
    edited = perform(room.store, voting.edit_proposal, room.proposal_id, text="We will publish the case.",
                                  party_group_id=room.council).value
    assert edited.text == "We will publish the case." and edited.party_group_id == room.council
    assert edited.principle == "accountable"
    with pytest.raises(WorkshopError, match="one of the workshop's groups"):
        perform(room.store, voting.edit_proposal, room.proposal_id, party_group_id=999)
    rid = perform(room.store, voting.open_vote, room.proposal_id, secret=False).value.id or 0
    with pytest.raises(WorkshopError, match="amend it instead"):
        perform(room.store, voting.edit_proposal, room.proposal_id, text="Other")
    with pytest.raises(WorkshopError, match="Close the open vote"):
        perform(room.store, voting.withdraw_proposal, room.proposal_id)
    perform(room.store, voting.close_vote, rid)
    withdrawn = perform(room.store, voting.withdraw_proposal, room.proposal_id).value
    assert withdrawn.status is ProposalStatus.WITHDRAWN
    with pytest.raises(WorkshopError, match="withdrawn"):
        perform(room.store, voting.open_vote, room.proposal_id, secret=False)
    with pytest.raises(WorkshopError, match="withdrawn"):
        perform(room.store, voting.amend_proposal, room.proposal_id, "New words")


def test_create_proposal_refuses_empty_text_and_unknown_workshop() -> None:
    room = _room()
    with pytest.raises(WorkshopError, match="wording"):
        perform(room.store, voting.create_proposal, room.workshop_id, "accountable", "   ")
    with pytest.raises(WorkshopError, match="workshop cannot be found"):
        perform(room.store, voting.create_proposal, 999, "accountable", "Text")
    with room.store() as uow:
        assert len(uow.repo(Proposal).list()) == 1
        assert uow.repo(VoteRound).list() == []


def test_outcome_follows_the_workshop_rule() -> None:
    room = _room(DecisionRule.MAJORITY)
    rid = perform(room.store, voting.open_vote, room.proposal_id, secret=False).value.id or 0
    perform(room.store, voting.cast, rid, room.ana, Choice.AGREE)
    perform(room.store, voting.cast, rid, room.ben, Choice.AGREE)
    perform(room.store, voting.cast, rid, room.cai, Choice.BLOCK, "No", proxy_holder_id=room.ben)
    perform(room.store, voting.close_vote, rid)
    outcome = perform(room.store, voting.reveal_vote, rid).value
    # Majority: A = 2 > D + B = 1, so a block does not stop it (it would under group consent).
    assert outcome.agreed and outcome.rule is DecisionRule.MAJORITY


def test_quorum_uses_the_groups_present_when_the_vote_closed() -> None:
    """A group arriving after a vote closed does not turn its result into 'no quorum' later."""
    import datetime as _dt

    from workshop_app.core import roster, voting as v, workshops as w
    from workshop_app.core.model import Choice as C, Participant as P, Workshop as W

    store = FakeStore()
    ws = perform(store, w.create_workshop, W("T", "P", "X", _dt.date(2026, 1, 1), "F", "charter")).value
    council, provider = read(store, w.list_groups, ws.id)[:2]
    ana = perform(store, roster.add_participant, P(ws.id, "Ana", council.id, present=True)).value
    late = perform(store, roster.add_participant, P(ws.id, "Late", provider.id, present=False)).value
    proposal = perform(store, v.create_proposal, ws.id, "collaborative", "We will meet monthly.").value
    rnd = perform(store, v.open_vote, proposal.id, secret=False).value
    perform(store, v.cast, rnd.id, ana.id, C.AGREE)
    perform(store, v.close_vote, rnd.id)
    closed = read(store, v.round_with_proposal, rnd.id)
    assert closed is not None and closed[0].present_group_ids == (council.id,)
    perform(store, roster.set_present, late.id, True)
    assert perform(store, v.reveal_vote, rnd.id).value.agreed
    assert read(store, v.results, rnd.id).agreed


def test_only_one_vote_is_open_at_a_time_in_a_workshop() -> None:
    import datetime as _dt

    from workshop_app.core import voting as v, workshops as w
    from workshop_app.core.model import Workshop as W

    store = FakeStore()
    ws = perform(store, w.create_workshop, W("T", "P", "X", _dt.date(2026, 1, 1), "F", "charter")).value
    first = perform(store, v.create_proposal, ws.id, "creative", "We will try one new idea a year.").value
    second = perform(store, v.create_proposal, ws.id, "creative", "We will share our plans early.").value
    opened = perform(store, v.open_vote_in_room, first.id, secret=True).value
    with pytest.raises(WorkshopError, match="Another vote is still open"):
        perform(store, v.open_vote_in_room, second.id, secret=False)
    found = read(store, v.open_round, ws.id)
    assert found is not None and found[0].id == opened.id and found[1].id == first.id
    perform(store, v.close_vote, opened.id)
    assert read(store, v.open_round, ws.id) is None
    assert [p.id for p in read(store, v.proposals_of, ws.id, "creative")] == [first.id, second.id]
    assert perform(store, v.open_vote_in_room, second.id, secret=False).value.round_no == 1
