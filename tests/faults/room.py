"""A workshop ready for voting, made through the app's own operations, shared by the fault tests and their children."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from workshop_app.core.changes import perform, read
from workshop_app.core import roster, voting, workshops
from workshop_app.core.model import Ballot, Participant, StageProgress, Workshop
from workshop_app.core.ports import UnitOfWorkFactory


@dataclass(frozen=True)
class Room:
    """The ids a fault test needs: the workshop, its open vote and its voters."""

    workshop_id: int
    round_id: int
    people: tuple[int, ...]


def prepare(store: UnitOfWorkFactory, per_group: int = 3) -> Room:
    """Create a workshop with voters in every group, a proposal and an open named vote."""
    workshop = perform(store, workshops.create_workshop,
        Workshop("Fault test", "Northside", "Northside", dt.date(2026, 3, 4), "Sam", "charter")).value
    wid = workshop.id or 0
    people = []
    for group in read(store, workshops.list_groups, wid):
        for i in range(per_group):
            person = perform(store, roster.add_participant, Participant(wid, f"{group.name} {i}", group.id, present=True)).value
            people.append(person.id or 0)
    proposal = perform(store, voting.create_proposal, wid, "collaborative", "We will meet every month in public.").value
    vote = perform(store, voting.open_vote, proposal.id or 0, secret=False).value
    return Room(wid, vote.id or 0, tuple(people))


def ballots(store: UnitOfWorkFactory, round_id: int) -> dict[int, tuple[int, str]]:
    """Return every stored ballot of a round: id -> (participant id, choice)."""
    with store() as uow:
        return {b.id or 0: (b.participant_id, str(b.choice)) for b in uow.repo(Ballot).list(round_id=round_id)}


def extra_minutes(store: UnitOfWorkFactory, workshop_id: int) -> int:
    """Return the minutes added to the current stage."""
    with store() as uow:
        return sum(p.extra_minutes for p in uow.repo(StageProgress).list(workshop_id=workshop_id))


def integrity(path: Path) -> str:
    """Return SQLite's own verdict on a store file ('ok' when sound)."""
    with sqlite3.connect(path) as raw:
        return str(raw.execute("PRAGMA integrity_check").fetchone()[0])
