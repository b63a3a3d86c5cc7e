"""The console's list of one principle's proposals, read together: each with its rounds and the outcome of its latest
revealed round, whether a vote is open, the groups (for "only" proposals) and the room's ideas for the principle."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workshop_app.core import voting, workshops
from workshop_app.core.model import Note, Proposal, StakeholderGroup, VoteRound, require_id
from workshop_app.core.plans import Stage, StageKind
from workshop_app.core.ports import UnitOfWork


@dataclass(frozen=True)
class ListedProposal:
    """One proposal with its rounds (oldest first) and whether its latest revealed round agreed it (None: none)."""

    proposal: Proposal
    rounds: list[VoteRound]
    agreed: bool | None


@dataclass(frozen=True)
class ProposalList:
    """Everything the console's proposals list shows for one principle."""

    proposals: list[ListedProposal]
    voting: bool
    """A vote is open in the workshop (on any proposal)."""
    groups: list[StakeholderGroup]
    ideas: list[Note]
    """The notes of the principle's ideas stages, in agenda order."""


def proposal_list(uow: UnitOfWork, workshop_id: int, principle: str, stages: Sequence[Stage]) -> ProposalList:
    """Return a principle's proposals with their rounds and outcomes, and the rest of the list (the ideas noted at
    the plan's ideas stages about the principle), in one read."""
    rounds: dict[int, list[VoteRound]] = {}
    held = uow.rounds_of_workshop(workshop_id)
    for vote, _proposal in held:
        rounds.setdefault(vote.proposal_id, []).append(vote)
    listed = []
    for proposal in voting.proposals_of(uow, workshop_id, principle):
        mine = sorted(rounds.get(require_id(proposal), []), key=lambda r: r.round_no)
        revealed = [r for r in mine if r.is_revealed]
        agreed = voting.results(uow, require_id(revealed[-1])).agreed if revealed else None
        listed.append(ListedProposal(proposal, mine, agreed))
    ideas = [note for index, stage in enumerate(stages) if stage.kind == StageKind.IDEAS and stage.principle == principle
             for note in uow.repo(Note).list(workshop_id=workshop_id, stage_index=index)]
    return ProposalList(listed, any(vote.closed_at is None for vote, _p in held),
                        workshops.list_groups(uow, workshop_id), ideas)
