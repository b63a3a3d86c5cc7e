"""What a phone may see and do: the open vote, the person's own choice, and the outcome sentence after reveal.

Nothing else of the workshop reaches a phone: no other person's vote, no counts, no results before reveal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from workshop_app.core import phone_codes, voting
from workshop_app.core.changes import Changed, Changes
from workshop_app.core.decisions import last_ballots
from workshop_app.core.errors import ClosedVoteError, StoreError, WorkshopError
from workshop_app.core.model import (Ballot, Choice, Participant, PhoneCode, Proposal, VoteRound, Workshop,
                                     WorkshopStatus, require_id)
from workshop_app.core.ports import UnitOfWork


CLOSED = "This vote is closed, so your choice was not recorded; reload to see what is open."
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
    everyone = {require_id(p): p for p in uow.repo(Participant).list_in("id", participant_ids)} if participant_ids else {}
    return _each_voter(workshop_id, workshop.status if workshop is not None else None, everyone, participant_ids)


def _each_voter(workshop_id: int, status: WorkshopStatus | None, everyone: Mapping[int, Participant],
                participant_ids: list[int]) -> list[Participant | NotAVoterError]:
    """Return each voting participant among those already read, or why they cannot vote."""
    found: list[Participant | NotAVoterError] = []
    for pid in participant_ids:
        try:
            found.append(_voter_of(everyone.get(pid), workshop_id, status))
        except NotAVoterError as error:
            found.append(error)
    return found


@dataclass(frozen=True)
class PhoneVote:
    """One phone's vote to cast: from which phone (its device hash; whose it is, the cast reads), in which round,
    and the choice."""

    device: str
    round_id: int
    choice: str
    reason: str = ""


def cast_from_phones(uow: UnitOfWork, workshop_id: int, votes: list[PhoneVote]) -> Changed[list[Ballot | WorkshopError]]:
    """Check and cast phones' votes, in order, in the caller's one transaction.

    Each vote is checked on its own (its phone bound by an active code, which says whose vote it is, its person
    a voter who is here, its round open in this workshop), and a refused one is returned as its WorkshopError
    while the others go ahead; a StoreError is raised, so the boundary keeps none of them. However many votes,
    the batch reads its phones' codes once and each round's context (round, workshop, people, audit head) once,
    and writes its ballots and their audit entries with one INSERT each.
    """
    bound = phone_codes.codes_for_devices(uow, workshop_id, sorted({v.device for v in votes if v.device}))
    pids = sorted({bound[v.device] for v in votes if v.device in bound})
    contexts = {rid: uow.ballot_context(rid, pids) for rid in sorted({v.round_id for v in votes})}
    here = next((c for c in contexts.values() if c is not None and c.workshop_id == workshop_id), None)
    voters = dict(zip(pids, _each_voter(workshop_id, here.workshop_status, here.people, pids) if here is not None
                      else _voters(uow, workshop_id, pids), strict=True))
    checked: list[WorkshopError | tuple[VoteRound, Participant, Choice, str]] = []
    for vote in votes:
        try:
            chosen = _choice(vote.choice)
            person = check_phone(uow, workshop_id, vote.device, bound, voters)
            found = contexts[vote.round_id]
            if found is None or found.workshop_id != workshop_id or found.vote.closed_at is not None:
                raise ClosedVoteError(CLOSED)
            voting.check_reason(chosen, vote.reason)
            checked.append((found.vote, person, chosen, vote.reason))
        except StoreError:
            raise
        except WorkshopError as error:  # every check runs before anything is written
            checked.append(error)
    casts = [c for c in checked if isinstance(c, tuple)]
    ballots = iter(voting.cast_checked(uow, here, casts).value if here is not None and casts else [])
    results = [next(ballots) if isinstance(c, tuple) else c for c in checked]
    return Changed(results, Changes(ballots=frozenset(b.round_id for b in results if isinstance(b, Ballot))))


def _choice(choice: str) -> Choice:
    """Return the choice a phone sent, or refuse."""
    try:
        return Choice(choice)
    except ValueError:
        raise WorkshopError("Choose agree, abstain, disagree or block.") from None


def check_phone(uow: UnitOfWork, workshop_id: int, device: str, bound: dict[str, int] | None = None,
                voters: Mapping[int, Participant | NotAVoterError] | None = None) -> Participant:
    """Return the voting participant this phone (its device hash) is bound to by an active code; refuse when it is
    bound to nobody (NotBoundError) or they cannot vote (NotAVoterError).

    `bound` (device hash -> participant) and `voters` (each participant or why not), read in this same
    transaction, save reads per phone in a batch.
    """
    held = _held(uow, workshop_id, device, bound) if device else []
    if len(held) != 1:
        raise NotBoundError("Your code no longer works on this phone; type the code on your badge to join.")
    voter = voters.get(held[0]) if voters is not None else None
    if isinstance(voter, NotAVoterError):
        raise voter
    return voter if voter is not None else _voter(uow, workshop_id, held[0])


def _held(uow: UnitOfWork, workshop_id: int, device: str, bound: dict[str, int] | None) -> list[int]:
    """Return the participant(s) a device is bound to by an active code."""
    if bound is not None:
        return [bound[device]] if device in bound else []
    return uow.repo(PhoneCode).column("participant_id", workshop_id=workshop_id, bound_device=device, revoked_at=None)


def _voter(uow: UnitOfWork, workshop_id: int, participant_id: int) -> Participant:
    """Return a voting participant of an open workshop, or refuse."""
    workshop = uow.repo(Workshop).get(workshop_id)
    return _voter_of(uow.repo(Participant).get(participant_id), workshop_id,
                     workshop.status if workshop is not None else None)


def _voter_of(person: Participant | None, workshop_id: int, status: WorkshopStatus | None) -> Participant:
    """Return the person when they vote, are here and belong to this workshop, which is open (`status`: None
    when there is no such workshop); else refuse."""
    if status is None or status == WorkshopStatus.CLOSED:
        raise NotAVoterError("This workshop is closed, so phone voting has ended.")
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
