"""A workshop for phone tests: groups, voting participants, an observer, codes, and an open vote."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from workshop_app.core.changes import perform, read
from workshop_app.core import phone_codes, roster, voting, workshops
from workshop_app.core.model import DecisionRule, Participant, Workshop
from workshop_app.core.ports import UnitOfWorkFactory


@dataclass
class Room:
    """Ids and codes of a prepared workshop."""

    workshop_id: int
    group_ids: list[int]
    voters: list[Participant]
    observer: Participant
    codes: dict[int, str] = field(default_factory=dict)
    round_id: int = 0
    proposal_id: int = 0


def make_room(uow_factory: UnitOfWorkFactory, voters: int = 6, rule: DecisionRule = DecisionRule.MAJORITY) -> Room:
    """Create a workshop with `voters` present voting people over its groups, one observer, codes and a vote."""
    workshop = perform(uow_factory, workshops.create_workshop, Workshop(
        title="Phone vote", partnership="Town", place="Hall", date=dt.date(2026, 5, 1),
        facilitator="Sam", plan_key="charter", decision_rule=rule)).value
    wid = workshop.id or 0
    groups = [g.id or 0 for g in read(uow_factory, workshops.list_groups, wid)]
    people = [perform(uow_factory, roster.add_participant, Participant(wid, f"Voter {i:03d}", groups[i % len(groups)],
                                                              present=True)).value for i in range(voters)]
    observer = perform(uow_factory, roster.add_participant, Participant(wid, "Olive Observer", groups[0], is_voting=False,
                                                               present=True)).value
    issued = perform(uow_factory, phone_codes.issue_missing_codes, wid).value
    codes = {c.participant_id: c.code for c in issued}
    proposal = perform(uow_factory, voting.create_proposal, wid, "trust", "We will publish every decision within a week.").value
    vote = perform(uow_factory, voting.open_vote_in_room, proposal.id or 0, True).value
    return Room(wid, groups, people, observer, codes, vote.id or 0, proposal.id or 0)
