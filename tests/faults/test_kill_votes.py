"""SIGKILL a process that is voting through the app's own operations: every acknowledged ballot survives."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.faults.room import Room, ballots, integrity, prepare
from workshop_app.core import audit
from workshop_app.store import open_store

ROOT = Path(__file__).resolve().parents[2]
TRIALS = 20


def _child(db: Path, room: Room, count: int = 0) -> subprocess.Popen[str]:
    """Start a voting child on the store."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [str(db), str(room.round_id), str(room.workshop_id), str(count), *map(str, room.people)]
    return subprocess.Popen([sys.executable, str(ROOT / "tests/faults/vote_child.py"), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _kill_after(child: subprocess.Popen[str], delay: float, after_first: bool) -> dict[int, tuple[int, str]]:
    """Let the child vote (past its first acknowledgement if asked) for delay seconds, SIGKILL it, return its acks."""
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    first = child.stdout.readline() if after_first else ""  # on a loaded machine 0.25 s may pass before any ack
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    rest, _ = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL
    acknowledged = {}
    for line in (first + rest).splitlines():
        _, ballot_id, person, choice = line.split()
        acknowledged[int(ballot_id)] = (int(person), choice)
    return acknowledged


def test_every_acknowledged_ballot_survives_sigkill(tmp_path: Path) -> None:
    db = tmp_path / "votes.sqlite3"
    store = open_store(db)
    room = prepare(store)
    store.close()
    rng = random.Random(int(os.environ.get("FAULT_SEED", time.time_ns() % 100000)))
    total = 0
    for trial in range(TRIALS):
        acknowledged = _kill_after(_child(db, room), rng.uniform(0.0, 0.25), after_first=trial % 2 == 1)
        assert integrity(db) == "ok", f"trial {trial}"
        store = open_store(db)
        stored = ballots(store, room.round_id)
        with store() as uow:
            assert audit.check_chain(uow.audit_entries(room.workshop_id)).ok
        store.close()
        missing = {k: v for k, v in acknowledged.items() if stored.get(k) != v}
        assert missing == {}, f"trial {trial}: acknowledged but not stored {missing}"
        total += len(acknowledged)
    assert total > 0, "the children were killed before acknowledging any ballot"
