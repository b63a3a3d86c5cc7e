"""A workshop built with the core operations, for the charter tests: agreed, refused, blocked and open votes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from workshop_app.core.changes import perform, read
from workshop_app.core import actions, assessment, roster, voting, workshops
from workshop_app.core.model import Choice, OwnerKind, Participant, Workshop
from workshop_app.core.ports import UnitOfWorkFactory

Vote = Choice | tuple[Choice, str]


@dataclass
class CharterRoom:
    """The workshop's id, its group and people ids by name, and the proposals by what happened to them."""

    store: UnitOfWorkFactory
    workshop_id: int
    groups: dict[str, int]
    people: dict[str, int] = field(default_factory=dict)
    proposals: dict[str, int] = field(default_factory=dict)


PEOPLE: tuple[tuple[str, str, str, str], ...] = (
    ("Council", "Aled Ŵyn Jones", "Head of Leisure", "Northside Borough Council"),
    ("Council", "Priya Shah", "Commissioning officer", "Northside Borough Council"),
    ("Council", "Cllr Tom Ridley", "Cabinet member", "Northside Borough Council"),
    ("Provider", "Sam Okafor", "Contract lead", "ActiveLife Leisure Ltd"),
    ("Provider", "Beth Dŷfed", "Centre manager", "ActiveLife Leisure Ltd"),
    ("VCS", "Chloé Durand", "Chair", "Northside Voluntary Action"),
    ("VCS", "Mo Ahmed", "Coordinator", "Friends of Riverside Park"),
    ("VCS", "Gwen Pryce", "Volunteer", "Northside Voluntary Action"),
    ("Residents", "José Martín", "", ""),
    ("Residents", "Anna Kowalska", "", ""),
    ("Residents", "Rhys Llŷr", "Steering group lead", ""),
)

NAMED = {"Rhys Llŷr"}
"""The one resident who agreed to be named (organisation representatives are named anyway)."""
SIGNING = {"Aled Ŵyn Jones", "Sam Okafor", "Chloé Durand", "Mo Ahmed", "Rhys Llŷr"}
"""Who the facilitator chose to sign."""


def build_room(store: UnitOfWorkFactory) -> CharterRoom:
    """Create the workshop with four groups, eleven people, scores, proposals, votes and actions."""
    workshop = perform(store, workshops.create_workshop, Workshop(
        title="Leisure partnership charter workshop", partnership="Northside Leisure",
        place="Northside Town Hall, Council Chamber", date=dt.date(2025, 3, 12), facilitator="Fay Morgan",
        plan_key="charter", scope="The leisure centres, pools and parks run under the Northside leisure contract.",
    )).value
    wid = workshop.id or 0
    room = CharterRoom(store, wid, {g.name: g.id or 0 for g in read(store, workshops.list_groups, wid)})
    for group, name, role, organisation in PEOPLE:
        person = perform(store, roster.add_participant, Participant(wid, name, room.groups[group], organisation, role,
                                                           present=True, publish_name=name in NAMED,
                                                           signs=name in SIGNING)).value
        room.people[name] = person.id or 0
    _scores(room)
    _proposals(room)
    _actions(room)
    return room


def _scores(room: CharterRoom) -> None:
    table = {"Council": (4, 3, 2, 3, 4), "Provider": (3, 4, 2, 2, 3), "VCS": (2, 2, 3, 1, 3), "Residents": (1, 2, 2, 1, 2)}
    keys = ("collaborative", "creative", "adaptable", "accountable", "place_based")
    for group, scores in table.items():
        for key, score in zip(keys, scores, strict=True):
            perform(room.store, assessment.record_score, room.workshop_id, key, room.groups[group], score)


def everyone(room: CharterRoom, choice: Choice = Choice.AGREE, **overrides: Vote) -> dict[int, Vote]:
    """Every person voting one way, except the named (first-name) overrides."""
    votes: dict[int, Vote] = {}
    for name, pid in room.people.items():
        first = name.split()[0].lower()
        votes[pid] = overrides.get(first, choice)
    return votes


def vote(room: CharterRoom, proposal_id: int, votes: Mapping[int, Vote], secret: bool = False,
         reveal: bool = True) -> None:
    """Open a round, cast the votes, close it and (normally) reveal it."""
    rnd = perform(room.store, voting.open_vote, proposal_id, secret=secret).value
    for pid, cast in votes.items():
        choice, reason = cast if isinstance(cast, tuple) else (cast, "")
        perform(room.store, voting.cast, rnd.id or 0, pid, choice, reason)
    if reveal:
        perform(room.store, voting.close_vote, rnd.id or 0)
        perform(room.store, voting.reveal_vote, rnd.id or 0)


def propose(room: CharterRoom, label: str, principle: str, text: str, party: str | None = None,
            route: str = "") -> int:
    """Draft a proposal and remember its id under a label."""
    gid = room.groups[party] if party else None
    made = perform(room.store, voting.create_proposal, room.workshop_id, principle, text, route, gid).value
    room.proposals[label] = made.id or 0
    return made.id or 0


def _proposals(room: CharterRoom) -> None:
    pid = propose(room, "shared", "collaborative", "We will share one risk register and review it together.",
                  route="managing_risk")
    vote(room, pid, everyone(room, gwen=Choice.ABSTAIN, anna=Choice.DISAGREE))
    pid = propose(room, "provider", "accountable", "ActiveLife will publish its open-book accounts every year.",
                  party="Provider", route="open_book_accounting")
    vote(room, pid, everyone(room), secret=True)
    pid = propose(room, "council", "place_based", "The council will involve ward members in every review.",
                  party="Council")
    vote(room, pid, everyone(room, josé=Choice.ABSTAIN))
    pid = propose(room, "refused", "creative", "We will replace the contract with a grant scheme.")
    vote(room, pid, everyone(room, Choice.DISAGREE, chloé=Choice.AGREE))
    pid = propose(room, "blocked", "adaptable", "We will add a break clause after year one.")
    vote(room, pid, everyone(room, sam=(Choice.BLOCK, "It would stop the provider from investing in the pools.")))
    pid = propose(room, "second_round", "adaptable", "We will split the contract into phases.")
    vote(room, pid, everyone(room, Choice.DISAGREE))
    perform(room.store, voting.amend_proposal, pid, "We will review the contract's phases every two years.", "Priya")
    vote(room, pid, everyone(room))
    pid = propose(room, "amended_since", "accountable", "We will publish the business case.")
    vote(room, pid, everyone(room))
    perform(room.store, voting.amend_proposal, pid, "We will publish a summary of the business case.", "Sam")
    pid = propose(room, "unrevealed", "accountable", "We will livestream every partnership meeting.")
    vote(room, pid, everyone(room), reveal=False)
    pid = propose(room, "withdrawn", "creative", "We will run a hackathon.")
    perform(room.store, voting.withdraw_proposal, pid)
    propose(room, "draft", "place_based", "We will buy from local firms first.")


def _actions(room: CharterRoom) -> None:
    wid = room.workshop_id
    perform(room.store, actions.create_action, wid, "collaborative", "Set up the shared risk register", OwnerKind.GROUP,
                          "Council", dt.date(2025, 6, 30), "The register is online and reviewed each quarter",
                          room.proposals["shared"])
    perform(room.store, actions.create_action, wid, "accountable", "Publish the 2024 open-book accounts",
                          OwnerKind.ORGANISATION, "ActiveLife Leisure Ltd", dt.date(2025, 9, 1),
                          "Accounts on the council website", room.proposals["provider"])
    perform(room.store, actions.create_action, wid, "place_based", "Invite ward members to the next review",
                          OwnerKind.PARTICIPANT, "Cllr Tom Ridley", None, "")
