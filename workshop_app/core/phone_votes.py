"""What a phone may see and do: the open vote, the person's own choice, and the outcome sentence after reveal.

Nothing else of the workshop reaches a phone: no other person's vote, no counts, no results before reveal.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop_app.core import voting
from workshop_app.core.changes import Changed, Changes
from workshop_app.core.decisions import last_ballots
from workshop_app.core.errors import ClosedVoteError, StoreError, WorkshopError
from workshop_app.core.model import (Ballot, Choice, Participant, PhoneCode, Proposal, VoteRound, Workshop,
                                     WorkshopStatus, require_id)
from workshop_app.core.ports import UnitOfWork


NOT_PRESENT = "You are not marked as here yet; tell the facilitator you have arrived, then try again."


class NotAVoterError(WorkshopError):
    """The phone's participant cannot vote: an observer, removed, or the workshop is closed."""


class NotBoundError(WorkshopError):
    """The phone is no longer bound to the participant by an active code (reissued or revoked)."""


@dataclass(frozen=True)
class PhoneState:
    """The phone's whole view: who it belongs to and the open vote, or the last revealed outcome."""

    name: str
    round_id: int | None = None
    proposal: str = ""
    principle: str = ""
    secret: bool = True
    my_choice: str = ""
    outcome: str = ""
    outcome_proposal: str = ""
    closed_round: int | None = None
    """The last vote, closed and not yet revealed: the phone says results are coming, never an older outcome."""


def phone_states(uow: UnitOfWork, workshop_id: int, participant_ids: list[int]) -> list[PhoneState | NotAVoterError]:
    """Return participants' phone views, read together: the open vote with each one's own choice, or the last
    vote closed (results coming) or revealed (its outcome, worked out once for everyone); NotAVoterError for
    anyone who cannot vote."""
    people = _voters(uow, workshop_id, participant_ids)
    found = uow.open_round(workshop_id)
    if found is not None:
        vote, proposal = found
        mine = last_ballots(uow.repo(Ballot).list(round_id=vote.id)) if participant_ids else {}
        return [p if isinstance(p, NotAVoterError) else PhoneState(
            p.name, vote.id, proposal.text, proposal.principle, vote.secret,
            mine[pid].choice.value if pid in mine else "") for pid, p in zip(participant_ids, people, strict=True)]
    last = _last_closed(uow, workshop_id)
    if last is None:
        return [p if isinstance(p, NotAVoterError) else PhoneState(p.name) for p in people]
    vote, proposal = last
    if not vote.is_revealed:
        return [p if isinstance(p, NotAVoterError) else PhoneState(
            p.name, closed_round=vote.id, proposal=proposal.text, principle=proposal.principle) for p in people]
    outcome = voting.results(uow, require_id(vote)).reason
    return [p if isinstance(p, NotAVoterError) else PhoneState(p.name, outcome=outcome, outcome_proposal=proposal.text)
            for p in people]


def _voters(uow: UnitOfWork, workshop_id: int, participant_ids: list[int]) -> list[Participant | NotAVoterError]:
    """Return each voting participant, or why they cannot vote (the workshop and everyone read once)."""
    workshop = uow.repo(Workshop).get(workshop_id)
    everyone = {p.id: p for p in uow.repo(Participant).list(workshop_id=workshop_id)} if len(participant_ids) > 1 else None
    found: list[Participant | NotAVoterError] = []
    for pid in participant_ids:
        try:
            found.append(_voter(uow, workshop_id, pid, workshop, everyone))
        except NotAVoterError as error:
            found.append(error)
    return found


@dataclass(frozen=True)
class PhoneVote:
    """One phone's vote to cast: whose, from which phone (its device hash), in which round, and the choice."""

    participant_id: int
    device: str
    round_id: int
    choice: str
    reason: str = ""


def cast_from_phones(uow: UnitOfWork, workshop_id: int, votes: list[PhoneVote]) -> Changed[list[Ballot | WorkshopError]]:
    """Check and cast phones' votes, in order, in the caller's one transaction.

    Each vote is checked on its own (its phone still bound by an active code, its person a voter who is here,
    its round open in this workshop), and a refused one is returned as its WorkshopError while the others go
    ahead; a StoreError is raised, so the boundary keeps none of them.
    """
    results: list[Ballot | WorkshopError] = []
    codes = uow.repo(PhoneCode).list(workshop_id=workshop_id, revoked_at=None)
    bound = {c.bound_device: c.participant_id for c in codes if c.bound_device}  # one read for the batch
    voters = dict(zip((v.participant_id for v in votes), _voters(uow, workshop_id, [v.participant_id for v in votes])))
    for vote in votes:
        try:
            chosen = _choice(vote.choice)
            _check(uow, workshop_id, vote, bound, voters[vote.participant_id])
            results.append(voting.cast(uow, vote.round_id, vote.participant_id, chosen, vote.reason).value)
        except StoreError:
            raise
        except WorkshopError as error:  # every check runs before anything of this vote is written
            results.append(error)
    return Changed(results, Changes(ballots=frozenset(b.round_id for b in results if isinstance(b, Ballot))))


def _choice(choice: str) -> Choice:
    """Return the choice a phone sent, or refuse."""
    try:
        return Choice(choice)
    except ValueError:
        raise WorkshopError("Choose agree, abstain, disagree or block.") from None


def check_phone(uow: UnitOfWork, workshop_id: int, participant_id: int, device: str,
                bound: dict[str, int] | None = None, voter: Participant | NotAVoterError | None = None) -> Participant:
    """Return the phone's voting participant; refuse unless the phone (its device hash) is still bound to them.

    `bound` (device hash -> participant) and `voter` (the participant or why not), read in this same transaction,
    save reads per phone in a batch.
    """
    if device and _held(uow, workshop_id, device, bound) != [participant_id]:
        raise NotBoundError("Your code no longer works on this phone; type the code on your badge to join.")
    if isinstance(voter, NotAVoterError):
        raise voter
    return voter if voter is not None else _voter(uow, workshop_id, participant_id)


def _held(uow: UnitOfWork, workshop_id: int, device: str, bound: dict[str, int] | None) -> list[int]:
    """Return the participant(s) a device is bound to by an active code."""
    if bound is not None:
        return [bound[device]] if device in bound else []
    return uow.repo(PhoneCode).column("participant_id", workshop_id=workshop_id, bound_device=device, revoked_at=None)


def _check(uow: UnitOfWork, workshop_id: int, vote: PhoneVote, bound: dict[str, int] | None = None,
           voter: Participant | NotAVoterError | None = None) -> None:
    """Refuse a phone's vote unless its phone is still bound, its person votes, and its round is open here."""
    check_phone(uow, workshop_id, vote.participant_id, vote.device, bound, voter)
    found = uow.repo(VoteRound).get(vote.round_id)
    proposal = uow.repo(Proposal).get(found.proposal_id) if found is not None else None
    if found is None or proposal is None or proposal.workshop_id != workshop_id or found.closed_at is not None:
        raise ClosedVoteError("This vote is closed, so your choice was not recorded; reload to see what is open.")


def _voter(uow: UnitOfWork, workshop_id: int, participant_id: int, workshop: Workshop | None = None,
           everyone: dict[int | None, Participant] | None = None) -> Participant:
    """Return a voting participant of an open workshop, or refuse (`workshop` and `everyone`: already read)."""
    workshop = workshop or uow.repo(Workshop).get(workshop_id)
    if workshop is None or workshop.status == WorkshopStatus.CLOSED:
        raise NotAVoterError("This workshop is closed, so phone voting has ended.")
    person = everyone.get(participant_id) if everyone is not None else uow.repo(Participant).get(participant_id)
    if person is None or person.workshop_id != workshop_id:
        raise NotAVoterError("Your code no longer matches a participant; ask the facilitator for a new one.")
    if not person.is_voting:
        raise NotAVoterError("Observers do not vote, so this code cannot be used to vote.")
    if not person.present:
        raise NotAVoterError(NOT_PRESENT)
    return person


def _last_closed(uow: UnitOfWork, workshop_id: int) -> tuple[VoteRound, Proposal] | None:
    """Return the workshop's most recently closed round (revealed or not) and its proposal, or None."""
    rounds = [(r, p) for r, p in uow.rounds_of_workshop(workshop_id) if r.closed_at is not None]
    return max(rounds, key=lambda pair: (pair[0].closed_at, require_id(pair[0]))) if rounds else None
