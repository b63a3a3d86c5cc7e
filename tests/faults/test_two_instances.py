"""Two app instances on one store at once: both work, and no update is lost (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from tests.faults.room import ballots, extra_minutes, prepare
from tests.faults.test_kill_votes import _child
from workshop_app.core import audit
from workshop_app.core.model import Participant
from workshop_app.store import open_store

ROUNDS = 40


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_processes_vote_and_update_the_same_person_without_losing_anything(
    backend: str, tmp_path, request: pytest.FixtureRequest  # type: ignore[no-untyped-def]
) -> None:
    target = str(tmp_path / "shared.sqlite3")
    if backend == "postgresql":
        target = request.getfixturevalue("postgres_server").new_database()
    store = open_store(target)
    room = prepare(store)
    before = extra_minutes(store, room.workshop_id)
    store.close()
    shared, rest = room.people[0], room.people[1:]
    halves = ((shared, *rest[::2]), (shared, *rest[1::2]))  # both toggle the shared person's presence
    children = []
    for people in halves:
        children.append(_child(target, type(room)(room.workshop_id, room.round_id, people), ROUNDS))  # type: ignore[arg-type]
    outputs = [child.communicate(timeout=300) for child in children]
    for child, (_, err) in zip(children, outputs):
        assert child.returncode == 0, err
    lines = [line.split() for out, _ in outputs for line in out.splitlines()]
    acknowledged = {int(w[1]): (int(w[2]), w[3]) for w in lines if w[0] == "ballot"}
    extended = sum(1 for w in lines if w[0] == "extended")
    assert len(acknowledged) == extended == 2 * ROUNDS
    store = open_store(target)
    assert ballots(store, room.round_id) == acknowledged
    assert extra_minutes(store, room.workshop_id) - before == extended, "a timer extension was lost"
    with store() as uow:
        entries = uow.audit_entries(room.workshop_id)
        assert audit.check_chain(entries).ok
        person = uow.repo(Participant).get(shared)
    store.close()
    presence = [e.text for e in entries if e.kind == "presence"]
    assert sum(1 for w in lines if w[0] == "presence") == len(presence) == 2 * ROUNDS
    assert person is not None
    assert presence[-1].endswith("present" if person.present else "absent"), "the stored presence is not the last one"
