"""Rooms of any size for layout tests: 1-60 present voters in 1-10 groups, short names or 40-character ones, and
a day's worth of record (ratings, votes in each state, notes, actions) written in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

from workshop_app.core import actions, assessment, notes, roster, voting, workshops
from workshop_app.core.changes import perform, read
from workshop_app.core.model import Choice, OwnerKind, Participant, Workshop, require_id
from workshop_app.core.plans import plan_by_key
from workshop_app.core.ports import UnitOfWork, UnitOfWorkFactory

GROUP_NAMES = ("Council", "Provider", "VCS", "Residents", "Health board", "Elected members", "Unions",
               "Housing association", "Tenants' and residents' forum of Northside", "Youth council")
LONG_GROUP_NAMES = ("Cyngor Sir Gâr a Chyngor Tref Llanelli", "Dostawca usług: Spółdzielnia Żółta Łąka",
                    "Gönüllü ve toplum kuruluşları ağı Şişli", "Residents of the Northside and Eastbank",
                    "مجلس الصحة المحلي لمدينة الشمال الجديدة", "当選議員と地域代表の合同委員会グループ",
                    "Elected members of the borough council", "Unions: UNISON, GMB and Unite together",
                    "Housing association: Taff Housing Trust", "Tenants' and residents' forum, Northside")
LONG_NAMES = (
    "Llŷr ap Gwilym ab Ieuan Llywelyn-Ŵynne Rhys Dafydd", "Grzegorz Brzęczyszczykiewicz-Żółtkowski-Wąs",
    "Şükrü Çağlayan Öztürkoğlu-İnönü Gülbahar Ağaoğlu", "عبد الرحمن بن محمد الهاشمي القحطاني العتيبي",
    "欧阳明日司马长风诸葛孔明上官婉儿皇甫嵩令狐冲东方不败独孤求败慕容复段誉王语嫣乔峰虚竹",
    "Olusegun Akinwande-Babatunde Oluwaseun Adeyemi",
    "Maria-Magdalena Fernández de Córdoba y Villanueva", "Siobhán Ní Bhriain-Mhic Giolla Phádraig Ó Sé",
)
SHORT_NAMES = ("Ana", "Tom", "Bea", "Kim", "Cai", "Eli", "Sue", "Raj", "Li", "Mo")
PROPOSAL = ("We will publish one shared risk register each quarter, written in plain words, and invite the "
            "residents' panel to check it before it goes out")
REASON = ("The residents' panel has not seen the costs yet, and the provider's board meets only after the "
          "next quarter starts")
NOTE = "Hold the partnership meetings in the community centre on Eastbank Road, in the evening, with childcare"
ACTION = "Publish the shared risk register on the council's website with a plain summary for residents"
RATED = "collaborative"
"""Everybody has rated it (its results), voted on it (a revealed vote) and noted ideas under it."""
HALF_RATED = "creative"
"""Half the room has rated it (a rating in progress)."""
CLOSED = "adaptable"
"""Its vote is closed, not yet revealed."""
DRAFTED = "accountable"
"""A proposal is drafted, with no vote yet."""
TO_OPEN = "place_based"
"""A proposal the test opens a vote on (half the room votes at once), then closes again."""


def person_name(index: int, long: bool) -> str:
    """Return the index-th name: short ('Ana 3'), or 40 characters in one of several scripts."""
    if not long:
        return f"{SHORT_NAMES[index % len(SHORT_NAMES)]} {index + 1}"
    suffix = f" {index + 1}"
    return LONG_NAMES[(index + index // 7) % len(LONG_NAMES)][:40 - len(suffix)] + suffix


class _SharedUnit:
    """One open unit of work handed out again and again: commit, rollback and close wait for the real end."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def __getattr__(self, name: str) -> Any:
        return getattr(self._uow, name)

    def __enter__(self) -> _SharedUnit:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def commit(self) -> None:
        """Kept for the end of the whole batch."""

    def rollback(self) -> None:
        """A refusal ends the batch instead (the error goes up)."""

    def close(self) -> None:
        """Closed with the batch."""


@contextmanager
def one_transaction(uow_factory: UnitOfWorkFactory) -> Iterator[UnitOfWorkFactory]:
    """Yield a unit-of-work factory whose units all share one transaction, committed once at the end (test data of
    a whole room in one write instead of hundreds)."""
    with uow_factory() as uow:
        shared = _SharedUnit(uow)
        yield lambda: shared  # type: ignore[return-value]
        uow.commit()


def make_room(uow_factory: UnitOfWorkFactory, voters: int, groups: int, long: bool,
              date: dt.date = dt.date(2026, 5, 6)) -> Workshop:
    """Create a charter workshop with `voters` present voters spread over `groups` groups (and one observer)."""
    with one_transaction(uow_factory) as batch:
        return _make_room(batch, voters, groups, long, date)


def _make_room(uow_factory: UnitOfWorkFactory, voters: int, groups: int, long: bool, date: dt.date) -> Workshop:
    names = (LONG_GROUP_NAMES if long else GROUP_NAMES)[:groups]
    title = ("Partnership charter workshop of the Northside and Eastbank leisure and wellbeing alliance"
             if long else "Charter workshop")
    workshop = perform(uow_factory, workshops.create_workshop, Workshop(
        title, "Northside Partnership", "" if long else "Northside", date, "Sam Rivers", "charter"), names).value
    ids = [require_id(g) for g in read(uow_factory, workshops.list_groups, require_id(workshop))]
    for index in range(voters):
        perform(uow_factory, roster.add_participant, Participant(require_id(workshop), person_name(index, long),
                                                        ids[index % len(ids)], present=True))
    perform(uow_factory, roster.add_participant, Participant(require_id(workshop), "Olu Observer", ids[0], is_voting=False,
                                                    present=True))
    return workshop


@dataclass(frozen=True)
class Room:
    """A room with its day's record, and what the test needs to move it on."""

    workshop_id: int
    voters: tuple[Participant, ...]
    to_open: int
    """The proposal (under TO_OPEN) whose vote the test opens."""


@cache
def _stage(kind: str, principle: str | None = None) -> int:
    """Return the charter plan's first stage of a kind (and principle)."""
    stages = plan_by_key("charter").stages
    return next(i for i, s in enumerate(stages) if s.kind == kind and (principle is None or s.principle == principle))


def cast_some(uow_factory: UnitOfWorkFactory, round_id: int, people: tuple[Participant, ...], every: int = 1,
              block: bool = False) -> None:
    """Every `every`-th person votes; with `block`, the first voter of each group blocks with a long reason."""
    seen: set[int] = set()
    for index, person in enumerate(people[::every]):
        blocks = block and person.group_id not in seen
        seen.add(person.group_id)
        choice = Choice.BLOCK if blocks else (Choice.AGREE, Choice.DISAGREE, Choice.ABSTAIN)[index % 3]
        perform(uow_factory, voting.cast, round_id, require_id(person), choice, REASON if blocks else "")


def _vote(uow_factory: UnitOfWorkFactory, workshop_id: int, principle: str, people: tuple[Participant, ...],
          reveal: bool) -> None:
    """Draft a long proposal under a principle and vote on it: everyone (one block a group) and reveal, or a few
    and close."""
    proposal = perform(uow_factory, voting.create_proposal, workshop_id, principle, PROPOSAL).value
    vote = perform(uow_factory, voting.open_vote, require_id(proposal), False).value
    cast_some(uow_factory, require_id(vote), people, every=1 if reveal else 5, block=reveal)
    perform(uow_factory, voting.close_vote, require_id(vote))
    if reveal:
        perform(uow_factory, voting.reveal_vote, require_id(vote))


def make_full_room(uow_factory: UnitOfWorkFactory, voters: int, groups: int, long: bool) -> Room:
    """Create a room (see make_room) with its day so far: everyone has rated RATED and half the room HALF_RATED;
    a revealed vote under RATED, a closed one under CLOSED, a draft under DRAFTED and under TO_OPEN; three long
    notes and three long actions."""
    with one_transaction(uow_factory) as batch:
        workshop = _make_room(batch, voters, groups, long, dt.date(2026, 5, 6))
        wid = require_id(workshop)
        people = tuple(p for p in read(batch, roster.list_participants, wid) if p.is_voting)
        for index, person in enumerate(people):
            score = 1 + (person.group_id + index) % 5
            perform(batch, assessment.record_score, wid, RATED, person.group_id, score, person.id)
            if index % 2 == 0:
                perform(batch, assessment.record_score, wid, HALF_RATED, person.group_id, score, person.id)
        _vote(batch, wid, RATED, people, reveal=True)
        _vote(batch, wid, CLOSED, people, reveal=False)
        for principle in (DRAFTED, TO_OPEN):
            to_open = require_id(perform(batch, voting.create_proposal, wid, principle, PROPOSAL).value)
        group_ids = [require_id(g) for g in read(batch, workshops.list_groups, wid)]
        for index in range(3):
            group = group_ids[index % len(group_ids)]
            perform(batch, notes.add_note, wid, _stage("ideas", RATED), f"{NOTE} ({index + 1})", group)
            owner = next(g.name for g in read(batch, workshops.list_groups, wid) if g.id == group)
            perform(batch, actions.create_action, wid, RATED, f"{ACTION} ({index + 1})", OwnerKind.GROUP, owner,
                    dt.date(2027, 1, 31))
    return Room(wid, people, to_open)
