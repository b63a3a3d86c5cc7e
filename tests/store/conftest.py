"""Store test fixtures: a real temporary store (SQLite, and PostgreSQL too) and one record of every type.

Every test that takes `store` runs twice, on SQLite and on a real PostgreSQL server started for the run,
unless it is marked `sqlite_only` (it reads the file's bytes, pragmas, WAL or SQLite triggers directly).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from workshop_app.core import model as m
from workshop_app.store import Store, open_store

PLUS_ONE = dt.timezone(dt.timedelta(hours=1))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Return a path for a new store file."""
    return tmp_path / "workshops.sqlite3"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test that takes `store` on each backend, SQLite-only tests on SQLite alone."""
    if "store" in metafunc.fixturenames:
        sqlite_only = metafunc.definition.get_closest_marker("sqlite_only") is not None
        metafunc.parametrize("backend", ["sqlite"] if sqlite_only else ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """Return which database the `store` fixture is on."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def store(db_path: Path, backend: str, request: pytest.FixtureRequest) -> Iterator[Store]:
    """Open a fresh migrated store (a temporary file, or a new PostgreSQL database) and close it afterwards."""
    target = str(db_path)
    if backend == "postgresql":
        target = request.getfixturevalue("postgres_server").new_database()
    opened = open_store(target)
    yield opened
    opened.close()


def sha256(path: Path) -> str:
    """Return the SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def when(minute: int) -> dt.datetime:
    """Return a distinct aware time, deliberately not in UTC."""
    return dt.datetime(2025, 3, 4, 10, minute, 5, 123456, tzinfo=PLUS_ONE)


def add_everything(uow: Any) -> list[Any]:
    """Add one record of every type, every field set away from its default, and return them in order."""
    w = uow.repo(m.Workshop).add(m.Workshop(
        title="Ŵyl y Bartneriaeth", partnership="Tref", place="Neuadd", date=dt.date(2025, 3, 4),
        facilitator="Siân", plan_key="charter-3h", decision_rule=m.DecisionRule.TWO_THIRDS,
        status=m.WorkshopStatus.IN_PROGRESS, purpose="Agree a charter", scope="Town centre",
        next_review=dt.date(2026, 3, 4), created_at=when(1)))
    g = uow.repo(m.StakeholderGroup).add(m.StakeholderGroup(w.id, "Council", "#1b6ca8", "▲", position=2))
    p = uow.repo(m.Participant).add(m.Participant(
        w.id, "Aled", g.id, organisation="Cyngor", role="Officer", is_voting=False, present=True, ward="Glan-yr-afon",
        publish_name=True, signs=True))
    q = uow.repo(m.Participant).add(m.Participant(w.id, "Bea", g.id))
    sp = uow.repo(m.StageProgress).add(m.StageProgress(
        w.id, stage_index=3, timer_running=True, elapsed_seconds=12.5, timer_started_at=when(2),
        extra_minutes=5, updated_at=when(3)))
    a = uow.repo(m.Assessment).add(m.Assessment(w.id, "trust", g.id, 4, participant_id=p.id, created_at=when(4)))
    n = uow.repo(m.Note).add(m.Note(w.id, 2, "More sessions ŷ", group_id=g.id, route="now", created_at=when(5)))
    pr = uow.repo(m.Proposal).add(m.Proposal(
        w.id, "trust", "We will share data", route="next", party_group_id=g.id,
        status=m.ProposalStatus.WITHDRAWN, created_at=when(6)))
    am = uow.repo(m.Amendment).add(m.Amendment(pr.id, "old", "new", author="Bea", created_at=when(7)))
    r = uow.repo(m.VoteRound).add(m.VoteRound(
        pr.id, 1, True, opened_at=when(8), closed_at=when(9), revealed_at=when(10)))
    b = uow.repo(m.Ballot).add(m.Ballot(
        r.id, p.id, m.Choice.BLOCK, reason="Not yet", proxy_holder_id=q.id, cast_at=when(11)))
    h = uow.repo(m.HandCount).add(m.HandCount(r.id, g.id, 1, 2, 3, 4, block_reason="Cost"))
    ac = uow.repo(m.Action).add(m.Action(
        w.id, "trust", "Publish minutes", m.OwnerKind.GROUP, "Council", due=dt.date(2025, 6, 1),
        measure="Online in 2 weeks", status=m.ActionStatus.DONE, proposal_id=pr.id, created_at=when(12)))
    cv = uow.repo(m.CharterVersion).add(m.CharterVersion(
        w.id, 1, status=m.CharterStatus.AGREED, agreed_on=dt.date(2025, 3, 4), changes="First",
        sections_json='{"a": "é"}', created_at=when(13)))
    facts = uow.repo(m.CharterFacts).add(m.CharterFacts(
        w.id, board="One from each partner", chair="Rotates", quorum="Three partners", conflicts="Declared",
        confidentiality="Agreed in advance", information="FOI ŵ", expenses="Bus fares", amending="By vote",
        indicators="Visits\nWaiting times", reports="Library"))
    contact = uow.repo(m.PartyContact).add(m.PartyContact(
        w.id, g.id, organisation="Cyngor", participant_id=p.id, email="a@example.org", phone="01234 567890"))
    return [w, g, p, q, sp, a, n, pr, am, r, b, h, ac, cv, facts, contact]
