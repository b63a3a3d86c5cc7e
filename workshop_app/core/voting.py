"""Vote operations: open, cast, close and reveal rounds; each a function of an open unit of work (see changes.py).

Secrecy: no audit text written here ever holds a choice, a block reason or a count before the
round is revealed; the reveal entry is the first to record the totals and the outcome.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from workshop_app.core import audit
from workshop_app.core.decisions import Outcome, deciding_round, frozen_voters, present_voting_groups, round_outcome
from workshop_app.core.errors import ClosedVoteError, WorkshopError
from workshop_app.core.model import (
    Amendment,
    Ballot,
    Choice,
    HandCount,
    Participant,
    Proposal,
    ProposalStatus,
    StakeholderGroup,
    VoteRound,
    Workshop,
    utc_now,
    require_id,
)
from workshop_app.core.changes import KEEP, Changed, Changes, Keep, Voted
from workshop_app.core.ports import BallotContext, UnitOfWork
from workshop_app.core.reveals import reveal_text


NO_ROUND = "That vote cannot be found; choose one from the list."
CLOSED = "This vote is closed and can no longer change; open a new round to vote again."


class ResultsHiddenError(WorkshopError):
    """Results were asked for before the facilitator revealed them."""


@dataclass(frozen=True)
class VoteProgress:
    """Who has voted in a round (never what), for the voting grid."""

    voted_participant_ids: frozenset[int]
    eligible_count: int
    hand_count_group_ids: frozenset[int] = frozenset()
    round_id: int = 0

    def __str__(self) -> str:
        return f"{len(self.voted_participant_ids)} of {self.eligible_count} have voted"

    def with_voted(self, voted: Iterable[Voted]) -> VoteProgress:
        """Return the progress once these people have voted in this round (a changed vote changes nothing; someone
        not in the room who votes, by proxy, joins those who could)."""
        new = {v.participant_id: v.present for v in voted
               if v.round_id == self.round_id and v.participant_id not in self.voted_participant_ids}
        if not new:
            return self
        return replace(self, voted_participant_ids=self.voted_participant_ids | new.keys(),
                       eligible_count=self.eligible_count + sum(1 for present in new.values() if not present))


def open_vote_in_room(uow: UnitOfWork, proposal_id: int, secret: bool) -> Changed[VoteRound]:
    """Open a vote for the shared screen, which shows one vote at a time: refused while another is open."""
    proposal = _proposal(uow, proposal_id)
    if uow.open_round(proposal.workshop_id) is not None:
        raise WorkshopError("Another vote is still open; close it before opening a new one.")
    return open_vote(uow, proposal_id, secret)


def open_vote(uow: UnitOfWork, proposal_id: int, secret: bool) -> Changed[VoteRound]:
    """Open a new round on a proposal; refused if it is withdrawn or a round of it is still open."""
    proposal = _proposal(uow, proposal_id)
    if proposal.status == ProposalStatus.WITHDRAWN:
        raise WorkshopError("This proposal was withdrawn, so it cannot be voted on.")
    rounds = uow.repo(VoteRound).list(proposal_id=proposal_id)
    if any(r.closed_at is None for r in rounds):
        raise WorkshopError("A vote on this proposal is already open; close it before opening another.")
    number = max((r.round_no for r in rounds), default=0) + 1
    vote = uow.repo(VoteRound).add(VoteRound(proposal_id=proposal_id, round_no=number, secret=secret))
    kind = "secret" if secret else "named"
    audit.append(uow, proposal.workshop_id, "vote_opened",
                 f"A {kind} vote (round {number}) was opened on proposal {proposal_id}.", rows=[vote])
    return Changed(vote, Changes(rounds=frozenset({require_id(vote)}), proposals=True))


def cast(uow: UnitOfWork, round_id: int, participant_id: int, choice: Choice, reason: str = "",
         proxy_holder_id: int | None = None) -> Changed[Ballot]:
    """Record one choice; a later ballot of the same person replaces it in the count (all are kept).

    One read gives everything the checks need (the round, its workshop, the voter, the proxy holder and the audit
    chain's head); then the ballot and its audit entry are written. Every check runs before anything is written,
    so a refusal (WorkshopError) leaves the unit unchanged.
    """
    choice = Choice(choice)
    found = uow.ballot_context(round_id, [participant_id] if proxy_holder_id is None else
                               [participant_id, proxy_holder_id])
    if found is None:
        raise WorkshopError(NO_ROUND)
    vote = found.vote
    if vote.closed_at is not None:
        raise ClosedVoteError(CLOSED)
    voter = _voter(found.people.get(participant_id), found.workshop_id)
    check_reason(choice, reason)
    holder = _proxy_holder(found.people.get(proxy_holder_id) if proxy_holder_id is not None else None,
                           found.workshop_id, participant_id, proxy_holder_id)
    audit.check_open(found.workshop_status)
    ballot = uow.repo(Ballot).add(Ballot(
        round_id=round_id, participant_id=participant_id, choice=choice,
        reason=reason.strip() if choice == Choice.BLOCK else "", proxy_holder_id=proxy_holder_id,
    ))
    audit.append_after(uow, found.audit_head, found.workshop_id, "ballot_cast", _ballot_text(vote, voter, holder),
                       rows=[ballot])
    voted = Voted(round_id, participant_id, voter.present)
    return Changed(ballot, Changes(ballots=frozenset({round_id}), voted=frozenset({voted})))


def cast_checked(uow: UnitOfWork, context: BallotContext,
                 casts: list[tuple[VoteRound, Participant, Choice, str]]) -> Changed[list[Ballot]]:
    """Record already-checked ballots (vote, voter, choice, reason: each round open and of the context's workshop,
    each voter one of its voting participants; no proxies), in order, with one INSERT for the ballots and one for
    their audit entries, chained after the context's audit head (a batch of phone votes reads it once)."""
    audit.check_open(context.workshop_status)
    for _vote, _voter, choice, reason in casts:
        check_reason(choice, reason)
    ballots = uow.repo(Ballot).add_all([Ballot(
        round_id=require_id(vote), participant_id=require_id(voter), choice=choice,
        reason=reason.strip() if choice == Choice.BLOCK else "") for vote, voter, choice, reason in casts])
    audit.append_all_after(uow, context.audit_head, context.workshop_id, "ballot_cast", [
        (_ballot_text(vote, voter, None), [ballot]) for (vote, voter, _c, _r), ballot in zip(casts, ballots, strict=True)])
    voted = frozenset(Voted(b.round_id, b.participant_id, voter.present)
                      for b, (_v, voter, _c, _r) in zip(ballots, casts, strict=True))
    return Changed(ballots, Changes(ballots=frozenset(b.round_id for b in ballots), voted=voted))


def record_hand_count(
    uow: UnitOfWork,
    round_id: int,
    group_id: int,
    agree: int = 0,
    abstain: int = 0,
    disagree: int = 0,
    block: int = 0,
    block_reason: str = "",
) -> Changes:
    """Record a group's show-of-hands counts; a later entry for the same group replaces it in the count."""
    vote, proposal = _open_round(uow, round_id)
    group = uow.repo(StakeholderGroup).get(group_id)
    if group is None or group.workshop_id != proposal.workshop_id:
        raise WorkshopError("That group is not part of this workshop; choose one of its groups.")
    if min(agree, abstain, disagree, block) < 0:
        raise WorkshopError("Show-of-hands counts cannot be negative; enter zero or more.")
    if block > 0 and not block_reason.strip():
        raise WorkshopError("A block needs a short reason; please enter why the group blocked.")
    hands = uow.repo(HandCount).add(HandCount(
        round_id=round_id, group_id=group_id, agree=agree, abstain=abstain,
        disagree=disagree, block=block, block_reason=block_reason.strip() if block else "",
    ))
    audit.append(uow, proposal.workshop_id, "hands_counted",
                 f"Show-of-hands counts were entered for {group.name} in round {vote.round_no} "
                 f"of proposal {proposal.id}.", rows=[hands])
    return Changes(ballots=frozenset({round_id}))


def close_vote(uow: UnitOfWork, round_id: int) -> Changes:
    """Close a round: from now on nothing can change its votes."""
    vote, proposal = _open_round(uow, round_id)
    workshop = uow.repo(Workshop).get(proposal.workshop_id)
    if workshop is None:
        raise WorkshopError("The workshop of this vote cannot be found; reopen the workshop and try again.")
    vote.closed_at = utc_now()
    people = uow.repo(Participant).list(workshop_id=proposal.workshop_id)
    vote.present_group_ids = tuple(sorted(present_voting_groups(people)))
    vote.voters = frozen_voters(people)
    vote.rule = workshop.decision_rule
    uow.repo(VoteRound).update(vote)
    audit.append(uow, proposal.workshop_id, "vote_closed",
                 f"The vote (round {vote.round_no}) on proposal {proposal.id} was closed.", rows=[vote])
    return Changes(rounds=frozenset({round_id}), proposals=True)


def reveal_vote(uow: UnitOfWork, round_id: int) -> Changed[Outcome]:
    """Reveal a closed round and return its outcome; the audit entry records totals and outcome."""
    vote, proposal = _round(uow, round_id)
    if vote.closed_at is None:
        raise WorkshopError("Close the vote before revealing its results.")
    outcome = _outcome(uow, vote, proposal.workshop_id)
    if vote.is_revealed:
        return Changed(outcome, Changes())
    vote.revealed_at = utc_now()
    uow.repo(VoteRound).update(vote)
    audit.append(uow, proposal.workshop_id, "vote_revealed",
                 reveal_text(vote.round_no, vote.proposal_id, outcome), rows=[vote])
    return Changed(outcome, Changes(rounds=frozenset({round_id}), proposals=True))


def results(uow: UnitOfWork, round_id: int) -> Outcome:
    """Return a revealed round's outcome; raises ResultsHiddenError before the reveal."""
    vote, proposal = _round(uow, round_id)
    if not vote.is_revealed:
        raise ResultsHiddenError("The results of this vote are hidden until the facilitator reveals them.")
    return _outcome(uow, vote, proposal.workshop_id)


def progress(uow: UnitOfWork, round_id: int) -> VoteProgress:
    """Return who has voted in a round and how many could, never what anyone chose."""
    _, proposal = _round(uow, round_id)
    voters = uow.voters(proposal.workshop_id)
    voted = frozenset(pid for pid in uow.repo(Ballot).column("participant_id", round_id=round_id) if pid in voters)
    eligible = sum(1 for pid, present in voters.items() if present or pid in voted)
    hands = frozenset(uow.repo(HandCount).column("group_id", round_id=round_id))
    return VoteProgress(voted, eligible, hands, round_id)


def latest_outcome(uow: UnitOfWork, proposal_id: int) -> Outcome | None:
    """Return the outcome of a proposal's latest revealed round, or None."""
    revealed = [r for r in rounds_of(uow, proposal_id) if r.is_revealed]
    return results(uow, require_id(revealed[-1])) if revealed else None


def agreed_commitments(uow: UnitOfWork, workshop_id: int) -> list[Proposal]:
    """Return the workshop's proposals agreed by the round that decides each (the charter's rule), oldest first."""
    rounds: dict[int, list[VoteRound]] = {}
    for held, _proposal in uow.rounds_of_workshop(workshop_id):
        rounds.setdefault(held.proposal_id, []).append(held)
    agreed = []
    for proposal in proposals_of(uow, workshop_id):
        mine = rounds.get(require_id(proposal), [])
        if proposal.status == ProposalStatus.WITHDRAWN or not any(r.is_revealed for r in mine):
            continue
        deciding = deciding_round(mine, uow.repo(Amendment).list(proposal_id=proposal.id))
        if deciding is not None and _outcome(uow, deciding, workshop_id).agreed:
            agreed.append(proposal)
    return agreed


def open_round(uow: UnitOfWork, workshop_id: int) -> tuple[VoteRound, Proposal] | None:
    """Return the oldest vote still open in a workshop, with its proposal."""
    return uow.open_round(workshop_id)


def vote_on_show(uow: UnitOfWork, workshop_id: int, principle: str | None) -> tuple[VoteRound, Proposal] | None:
    """Return the vote the room sees: the open one, else the latest under the principle (closed or revealed)."""
    found = uow.open_round(workshop_id)
    if found is not None:
        return found
    rounds = [(vote, proposal) for vote, proposal in uow.rounds_of_workshop(workshop_id)
              if principle is None or proposal.principle == principle]
    return max(rounds, key=lambda pair: (pair[0].opened_at, require_id(pair[0]))) if rounds else None


def round_with_proposal(uow: UnitOfWork, round_id: int) -> tuple[VoteRound, Proposal] | None:
    """Return a round and its proposal by the round's id, or None."""
    vote = uow.repo(VoteRound).get(round_id)
    return (vote, _proposal(uow, vote.proposal_id)) if vote is not None else None


def proposals_of(uow: UnitOfWork, workshop_id: int, principle: str | None = None) -> list[Proposal]:
    """Return a workshop's proposals, oldest first, optionally under one principle."""
    rows = uow.repo(Proposal).list(workshop_id=workshop_id)
    return [p for p in rows if principle is None or p.principle == principle]


def rounds_of(uow: UnitOfWork, proposal_id: int) -> list[VoteRound]:
    """Return every round of a proposal, oldest first."""
    return sorted(uow.repo(VoteRound).list(proposal_id=proposal_id), key=lambda r: r.round_no)


def create_proposal(
    uow: UnitOfWork,
    workshop_id: int,
    principle: str,
    text: str,
    route: str = "",
    party_group_id: int | None = None,
) -> Changed[Proposal]:
    """Draft a commitment under a principle, optionally made by one party only."""
    if uow.repo(Workshop).get(workshop_id) is None:
        raise WorkshopError("That workshop cannot be found; open a workshop first.")
    check_wording(principle, text)
    _check_party(uow, workshop_id, party_group_id)
    proposal = uow.repo(Proposal).add(Proposal(
        workshop_id=workshop_id, principle=principle.strip(), text=text.strip(),
        route=route.strip(), party_group_id=party_group_id,
    ))
    audit.append(uow, workshop_id, "proposal_created",
                 f"Proposal {proposal.id} was drafted under {proposal.principle}: {proposal.text}", rows=[proposal])
    return Changed(proposal, PROPOSALS)


PROPOSALS = Changes(proposals=True)


def edit_proposal(
    uow: UnitOfWork,
    proposal_id: int,
    *,
    text: str | Keep = KEEP,
    principle: str | Keep = KEEP,
    route: str | Keep = KEEP,
    party_group_id: int | None | Keep = KEEP,
) -> Changed[Proposal]:
    """Change a draft freely while no vote has been opened on it (afterwards, amend it)."""
    proposal = _proposal(uow, proposal_id)
    if uow.repo(VoteRound).list(proposal_id=proposal_id):
        raise WorkshopError("This proposal has been voted on, so amend it instead of editing it.")
    proposal.text = proposal.text if isinstance(text, Keep) else text.strip()
    proposal.principle = proposal.principle if isinstance(principle, Keep) else principle.strip()
    proposal.route = proposal.route if isinstance(route, Keep) else route.strip()
    if not isinstance(party_group_id, Keep):
        _check_party(uow, proposal.workshop_id, party_group_id)
        proposal.party_group_id = party_group_id
    check_wording(proposal.principle, proposal.text)
    uow.repo(Proposal).update(proposal)
    audit.append(uow, proposal.workshop_id, "proposal_edited",
                 f"Proposal {proposal_id} was edited: {proposal.text}", rows=[proposal])
    return Changed(proposal, PROPOSALS)


def amend_proposal(uow: UnitOfWork, proposal_id: int, new_text: str, author: str = "") -> Changed[Amendment]:
    """Change a proposal's wording, keeping the old wording; refused while a vote on it is open."""
    proposal = _proposal(uow, proposal_id)
    if proposal.status == ProposalStatus.WITHDRAWN:
        raise WorkshopError("This proposal was withdrawn, so it cannot be amended.")
    if any(r.closed_at is None for r in uow.repo(VoteRound).list(proposal_id=proposal_id)):
        raise WorkshopError("Close the open vote on this proposal before amending it.")
    check_wording(proposal.principle, new_text)
    if new_text.strip() == proposal.text:
        raise WorkshopError("The new wording is the same as the old; change the text to amend it.")
    amendment = uow.repo(Amendment).add(Amendment(
        proposal_id=proposal_id, old_text=proposal.text, new_text=new_text.strip(), author=author.strip(),
    ))
    proposal.text = amendment.new_text
    uow.repo(Proposal).update(proposal)
    by = f" by {amendment.author}" if amendment.author else ""
    audit.append(uow, proposal.workshop_id, "proposal_amended",
                 f"Proposal {proposal_id} was amended{by}: {amendment.new_text}", rows=[amendment, proposal])
    return Changed(amendment, PROPOSALS)


def reword(uow: UnitOfWork, proposal_id: int, text: str, author: str = "") -> Changes:
    """Change a proposal's wording: an edit while no vote has been held on it, an amendment (history kept) after."""
    if uow.repo(VoteRound).list(proposal_id=proposal_id):
        return amend_proposal(uow, proposal_id, text, author).changes
    return edit_proposal(uow, proposal_id, text=text).changes


def withdraw_proposal(uow: UnitOfWork, proposal_id: int) -> Changed[Proposal]:
    """Withdraw a proposal (its history stays); refused while a vote on it is open."""
    proposal = _proposal(uow, proposal_id)
    if any(r.closed_at is None for r in uow.repo(VoteRound).list(proposal_id=proposal_id)):
        raise WorkshopError("Close the open vote on this proposal before withdrawing it.")
    if proposal.status == ProposalStatus.WITHDRAWN:
        return Changed(proposal, Changes())
    proposal.status = ProposalStatus.WITHDRAWN
    uow.repo(Proposal).update(proposal)
    audit.append(uow, proposal.workshop_id, "proposal_withdrawn", f"Proposal {proposal_id} was withdrawn.",
                 rows=[proposal])
    return Changed(proposal, PROPOSALS)


def amendments_of(uow: UnitOfWork, proposal_id: int) -> list[Amendment]:
    """Return a proposal's amendments, oldest first."""
    return uow.repo(Amendment).list(proposal_id=proposal_id)


def check_reason(choice: Choice, reason: str) -> None:
    """Refuse a block without a reason."""
    if choice == Choice.BLOCK and not reason.strip():
        raise WorkshopError("A block needs a short reason; please say why before blocking.")


def check_voter(person: Participant) -> Participant:
    """Refuse a ballot from an observer."""
    if not person.is_voting:
        raise WorkshopError(f"{person.name} is an observer, and observers do not vote.")
    return person


def check_proxy(participant_id: int, holder_id: int | None) -> None:
    """Refuse a proxy held by the voter themselves."""
    if holder_id == participant_id:
        raise WorkshopError("A person cannot hold their own proxy; record their vote directly instead.")


def check_wording(principle: str, text: str) -> None:
    """Refuse an empty principle or text."""
    if not principle.strip():
        raise WorkshopError("Choose the principle this proposal belongs to.")
    if not text.strip():
        raise WorkshopError("Write the proposal's wording before saving it.")


def _check_party(uow: UnitOfWork, workshop_id: int, group_id: int | None) -> None:
    """Refuse a party group that is not part of the workshop."""
    if group_id is None:
        return
    group = uow.repo(StakeholderGroup).get(group_id)
    if group is None or group.workshop_id != workshop_id:
        raise WorkshopError("The party making this proposal must be one of the workshop's groups.")


def _outcome(uow: UnitOfWork, vote: VoteRound, workshop_id: int) -> Outcome:
    """Derive a round's outcome from its stored votes under the workshop's rule."""
    workshop = uow.repo(Workshop).get(workshop_id)
    if workshop is None:
        raise WorkshopError("The workshop of this vote cannot be found; reopen the workshop and try again.")
    return round_outcome(
        workshop.decision_rule,
        vote,
        uow.repo(Ballot).list(round_id=vote.id),
        uow.repo(HandCount).list(round_id=vote.id),
        uow.repo(Participant).list(workshop_id=workshop_id),
        uow.repo(StakeholderGroup).list(workshop_id=workshop_id),
    )


def _proposal(uow: UnitOfWork, proposal_id: int) -> Proposal:
    """Return a proposal or refuse with a sentence."""
    proposal = uow.repo(Proposal).get(proposal_id)
    if proposal is None:
        raise WorkshopError("That proposal cannot be found; choose one from the list.")
    return proposal


def _round(uow: UnitOfWork, round_id: int) -> tuple[VoteRound, Proposal]:
    """Return a round and its proposal, or refuse with a sentence."""
    vote = uow.repo(VoteRound).get(round_id)
    if vote is None:
        raise WorkshopError(NO_ROUND)
    return vote, _proposal(uow, vote.proposal_id)


def _open_round(uow: UnitOfWork, round_id: int) -> tuple[VoteRound, Proposal]:
    """Return a round that is still open, or raise ClosedVoteError."""
    vote, proposal = _round(uow, round_id)
    if vote.closed_at is not None:
        raise ClosedVoteError(CLOSED)
    return vote, proposal


def _voter(person: Participant | None, workshop_id: int) -> Participant:
    """Return a voting participant of the workshop, or refuse with a sentence."""
    if person is None or person.workshop_id != workshop_id:
        raise WorkshopError("That person is not a participant of this workshop; choose a name from the grid.")
    return check_voter(person)


def _proxy_holder(holder: Participant | None, workshop_id: int, participant_id: int,
                  holder_id: int | None) -> Participant | None:
    """Return the proxy holder (a participant of the workshop, not the voter), or None when there is no proxy."""
    if holder_id is None:
        return None
    if holder is None or holder.workshop_id != workshop_id:
        raise WorkshopError("A proxy must be held by a participant of this workshop; choose who holds it.")
    check_proxy(participant_id, holder_id)
    return holder


def _ballot_text(vote: VoteRound, voter: Participant, holder: Participant | None) -> str:
    """Say that a ballot was cast (named: by whom), never what was chosen."""
    where = f"round {vote.round_no} of proposal {vote.proposal_id}"
    if vote.secret:
        return f"A ballot was cast in {where}."
    if holder is not None:
        return f"{holder.name} cast {voter.name}'s vote by proxy in {where}."
    return f"{voter.name} voted in {where}."
