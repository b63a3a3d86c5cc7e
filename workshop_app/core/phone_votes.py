"""What a phone may see and do: the open vote, the person's own choice, and the outcome sentence after reveal.

Nothing else of the workshop reaches a phone: no other person's vote, no counts, no results before reveal.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop_app.core import voting
from workshop_app.core.decisions import last_ballots
from workshop_app.core.errors import ClosedVoteError, WorkshopError
from workshop_app.core.model import (Ballot, Choice, Participant, PhoneCode, Proposal, VoteRound, Workshop,
                                     WorkshopStatus)
from workshop_app.core.ports import UnitOfWork, UnitOfWorkFactory


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


def phone_state(uow_factory: UnitOfWorkFactory, workshop_id: int, participant_id: int) -> PhoneState:
    """Return what this participant's phone may show now."""
    found = voting.open_round_of_workshop(uow_factory, workshop_id)
    with uow_factory() as uow:
        person = _voter(uow, workshop_id, participant_id)
        if found is not None:
            vote, proposal = found
            mine = last_ballots(uow.repo(Ballot).list(round_id=vote.id, participant_id=participant_id))
            chosen = mine[participant_id].choice.value if participant_id in mine else ""
            return PhoneState(person.name, vote.id, proposal.text, proposal.principle, vote.secret, chosen)
        revealed = _last_revealed(uow, workshop_id)
    if revealed is None:
        return PhoneState(person.name)
    outcome = voting.results(uow_factory, revealed.id or 0)
    return PhoneState(person.name, outcome=outcome.reason)


def cast_from_phone(
    uow_factory: UnitOfWorkFactory, workshop_id: int, participant_id: int, round_id: int, choice: str, reason: str,
    device: str = "",
) -> Ballot:
    """Check the phone's vote against the participant, the workshop's open vote and its round; then cast it.

    With `device` (the phone's device hash), the ballot's own transaction also checks that this phone is
    still bound to the participant by an active code, and raises NotBoundError if it is not.
    """
    try:
        chosen = Choice(choice)
    except ValueError:
        raise WorkshopError("Choose agree, abstain, disagree or block.") from None

    def check(uow: UnitOfWork) -> None:
        if device and uow.repo(PhoneCode).column("participant_id", workshop_id=workshop_id, bound_device=device,
                                                 revoked_at=None) != [participant_id]:
            raise NotBoundError("Your code no longer works on this phone; type the code on your badge to join.")
        _voter(uow, workshop_id, participant_id)
        vote = uow.repo(VoteRound).get(round_id)
        proposal = uow.repo(Proposal).get(vote.proposal_id) if vote is not None else None
        if vote is None or proposal is None or proposal.workshop_id != workshop_id or vote.closed_at is not None:
            raise ClosedVoteError("This vote is closed, so your choice was not recorded; reload to see what is open.")

    return voting.cast_ballot(uow_factory, round_id, participant_id, chosen, reason, precheck=check)


def _voter(uow: UnitOfWork, workshop_id: int, participant_id: int) -> Participant:
    """Return a voting participant of an open workshop, or refuse."""
    workshop = uow.repo(Workshop).get(workshop_id)
    if workshop is None or workshop.status == WorkshopStatus.CLOSED:
        raise NotAVoterError("This workshop is closed, so phone voting has ended.")
    person = uow.repo(Participant).get(participant_id)
    if person is None or person.workshop_id != workshop_id:
        raise NotAVoterError("Your code no longer matches a participant; ask the facilitator for a new one.")
    if not person.is_voting:
        raise NotAVoterError("Observers do not vote, so this code cannot be used to vote.")
    return person


def _last_revealed(uow: UnitOfWork, workshop_id: int) -> VoteRound | None:
    """Return the workshop's most recently revealed round, or None."""
    rounds = [r for p in uow.repo(Proposal).list(workshop_id=workshop_id)
              for r in uow.repo(VoteRound).list(proposal_id=p.id) if r.revealed_at is not None]
    return max(rounds, key=lambda r: r.revealed_at) if rounds else None  # type: ignore[arg-type, return-value]
