"""The in-memory fake store that core tests use keeps the same contract as the real store.

Each test runs on tests/core/fakes.FakeStore and on a real migrated SQLite store (and PostgreSQL through the
`store` fixture's backends in the other store tests), so a core test that passes on the fake means the same there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.fakes import FakeStore
from workshop_app.core import model as m
from workshop_app.core.ports import UnitOfWorkFactory
from workshop_app.store import open_store

T0 = dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(params=["fake", "sqlite"])
def factory(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[UnitOfWorkFactory]:
    """Return a fresh store of each kind."""
    if request.param == "fake":
        yield FakeStore()
        return
    real = open_store(tmp_path / "contract.sqlite3")
    yield real
    real.close()


def _room(factory: UnitOfWorkFactory) -> tuple[int, int]:
    """Store a workshop with one group and return their ids."""
    with factory() as uow:
        workshop = uow.repo(m.Workshop).add(m.Workshop("Review", "Northside", "Hall", dt.date(2026, 3, 4), "Sam", "charter"))
        group = uow.repo(m.StakeholderGroup).add(m.StakeholderGroup(m.require_id(workshop), "Council", "#000000", "▲"))
        uow.commit()
    return m.require_id(workshop), m.require_id(group)


def test_add_gives_fresh_ids_in_order_and_get_returns_a_copy(factory: UnitOfWorkFactory) -> None:
    wid, gid = _room(factory)
    with factory() as uow:
        people = uow.repo(m.Participant).add_all([m.Participant(wid, name, gid) for name in ("Ana", "Bo", "Cy")])
        uow.commit()
    ids = [m.require_id(p) for p in people]
    assert ids == sorted(ids) and len(set(ids)) == 3
    with factory() as uow:
        found = uow.repo(m.Participant).get(ids[1])
        assert found is not None and found.name == "Bo"
        found.name = "changed, not saved"
        again = uow.repo(m.Participant).get(ids[1])
        assert again is not None and again.name == "Bo"
        assert uow.repo(m.Participant).get(max(ids) + 100) is None


def test_nothing_is_kept_without_commit(factory: UnitOfWorkFactory) -> None:
    wid, gid = _room(factory)
    with factory() as uow:
        uow.repo(m.Participant).add(m.Participant(wid, "Ana", gid))
    with factory() as uow:
        assert uow.repo(m.Participant).list(workshop_id=wid) == []


def test_list_and_column_filter_by_equality_in_id_order_and_update_and_delete_write(factory: UnitOfWorkFactory) -> None:
    wid, gid = _room(factory)
    with factory() as uow:
        people = uow.repo(m.Participant).add_all(
            [m.Participant(wid, name, gid, present=name != "Bo") for name in ("Ana", "Bo", "Cy")])
        uow.commit()
    with factory() as uow:
        repo = uow.repo(m.Participant)
        assert [p.name for p in repo.list(workshop_id=wid, present=True)] == ["Ana", "Cy"]
        assert repo.column("name", workshop_id=wid) == ["Ana", "Bo", "Cy"]
        bo = people[1]
        bo.present = True
        repo.update(bo)
        repo.delete(m.require_id(people[0]))
        uow.commit()
    with factory() as uow:
        assert uow.repo(m.Participant).column("name", present=True) == ["Bo", "Cy"]


def test_the_audit_chain_is_kept_per_workshop_in_order(factory: UnitOfWorkFactory) -> None:
    wid, _ = _room(factory)
    with factory() as uow:
        assert uow.last_audit(wid) is None
        for n in range(3):
            uow.add_audit(m.AuditEntry(wid, "note", f"entry {n}", f"prev{n}", f"hash{n}", at=T0))
        uow.add_audit(m.AuditEntry(None, "store", "not this workshop's", "p", "h", at=T0))
        uow.commit()
    with factory() as uow:
        assert [e.text for e in uow.audit_entries(wid)] == ["entry 0", "entry 1", "entry 2"]
        last = uow.last_audit(wid)
        assert last is not None and last.hash == "hash2"


def test_named_queries_answer_the_same(factory: UnitOfWorkFactory) -> None:
    wid, gid = _room(factory)
    with factory() as uow:
        ana, observer = uow.repo(m.Participant).add_all(
            [m.Participant(wid, "Ana", gid, present=True), m.Participant(wid, "Obi", gid, is_voting=False)])
        proposal = uow.repo(m.Proposal).add(m.Proposal(wid, "collaborative", "Meet monthly.", created_at=T0))
        first = uow.repo(m.VoteRound).add(m.VoteRound(m.require_id(proposal), 1, False, opened_at=T0, closed_at=T0))
        second = uow.repo(m.VoteRound).add(m.VoteRound(m.require_id(proposal), 2, False, opened_at=T0))
        uow.commit()
    with factory() as uow:
        assert uow.voters(wid) == {m.require_id(ana): True}
        opened = uow.open_round(wid)
        assert opened is not None and opened[0].id == second.id and opened[1].id == proposal.id
        assert [r.id for r, _ in uow.rounds_of_workshop(wid)] == [first.id, second.id]
        assert uow.open_round(wid + 1) is None and observer.id not in uow.voters(wid)


def test_a_casts_context_is_its_round_workshop_people_and_audit_head(factory: UnitOfWorkFactory) -> None:
    wid, gid = _room(factory)
    other, other_group = _room(factory)
    with factory() as uow:
        ana, bo = uow.repo(m.Participant).add_all([m.Participant(wid, "Ana", gid), m.Participant(wid, "Bo", gid)])
        stranger = uow.repo(m.Participant).add(m.Participant(other, "Cy", other_group))
        proposal = uow.repo(m.Proposal).add(m.Proposal(wid, "collaborative", "Meet monthly.", created_at=T0))
        vote = uow.repo(m.VoteRound).add(m.VoteRound(m.require_id(proposal), 1, True, opened_at=T0))
        uow.add_audit(m.AuditEntry(wid, "note", "first", "p0", "h1", at=T0))
        uow.add_audit(m.AuditEntry(other, "note", "another workshop's", "p0", "elsewhere", at=T0))
        uow.commit()
    ids = [m.require_id(p) for p in (ana, bo, stranger)]
    with factory() as uow:
        found = uow.ballot_context(m.require_id(vote), [ids[0], ids[2], max(ids) + 50])
        assert found is not None and found.vote == vote and found.workshop_id == wid
        assert found.workshop_status == m.WorkshopStatus.DRAFT and found.audit_head == "h1"
        assert {pid: p.name for pid, p in found.people.items()} == {ids[0]: "Ana", ids[2]: "Cy"}
        alone = uow.ballot_context(m.require_id(vote), [])
        assert alone is not None and alone.people == {} and alone.vote == vote
        assert uow.ballot_context(m.require_id(vote) + 50, ids) is None
