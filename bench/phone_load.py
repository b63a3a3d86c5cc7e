"""Phone voting under load: 200 phones each vote and then change their vote 5 times within 10 s.

The server runs in its own process exactly as in the app (PhoneServer on a real SQLite store, bound to
127.0.0.1); this process plays the phones with real HTTP clients, each from its own 127.0.x.y address.
Checks that no vote is lost or doubled (1,200 ballots, each phone's last choice counts) and prints
phone_p95_ms, the 95th percentile time of a vote request. Run: .venv/bin/python bench/phone_load.py
"""

from __future__ import annotations

import math
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PHONES, CHANGES, WINDOW_S = 200, 5, 10.0
CHOICES = ("agree", "abstain", "disagree")
SERVE = """
import sys
from workshop_app.store.database import open_store
from workshop_app.phone.server import PhoneServer
from workshop_app.phone.service import PhoneService
store = open_store(sys.argv[1])
server = PhoneServer(PhoneService(store, int(sys.argv[2])))
server.start("127.0.0.1", 0)
print(server.address[1], flush=True)
sys.stdin.read()
server.stop()
store.close()
"""


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _phone(port: int, index: int, code: str, start: float, times: list[float], finals: dict[int, str],
           failures: list[str]) -> None:
    """Join, then vote once and change it CHANGES times at evenly spaced moments inside the window."""
    from tests.phone.client import Phone, source_address

    rng = random.Random(index)
    phone = Phone("127.0.0.1", port, source_address(index), timeout=10)
    try:
        time.sleep(max(0.0, start + rng.uniform(0, 0.8) - time.perf_counter()))
        if phone.join(code).status != 200:
            failures.append(f"phone {index} could not join")
            return
        step = (WINDOW_S - 1.5) / (CHANGES + 1)
        for k in range(CHANGES + 1):
            time.sleep(max(0.0, start + 1.0 + k * step + rng.uniform(0, step * 0.8) - time.perf_counter()))
            choice = CHOICES[(index + k) % len(CHOICES)]
            sent = time.perf_counter()
            answer = phone.vote(choice)
            times.append(time.perf_counter() - sent)
            if answer.status != 200 or answer.data["mine"] != choice:
                failures.append(f"phone {index} vote {k}: {answer.status} {answer.data.get('error', '')}")
            finals[index] = choice
    except OSError as error:
        failures.append(f"phone {index}: {error}")
    finally:
        phone.close()


def run(folder: Path) -> dict[str, float]:
    """Run the load and return its figures; raises AssertionError if a vote was lost or doubled."""
    from tests.phone.room import make_room
    from workshop_app.core.decisions import last_ballots
    from workshop_app.core.model import Ballot
    from workshop_app.store.database import open_store

    db = folder / "phones.sqlite3"
    store = open_store(db)
    room = make_room(store, voters=PHONES)
    store.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, "-c", SERVE, str(db), str(room.workshop_id)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=env)
    try:
        port = int(server.stdout.readline()) if server.stdout else 0
        times: list[float] = []
        finals: dict[int, str] = {}
        failures: list[str] = []
        start = time.perf_counter()
        threads = [threading.Thread(target=_phone, args=(port, i, room.codes[p.id or 0], start, times, finals,
                                                         failures)) for i, p in enumerate(room.voters)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        elapsed = time.perf_counter() - start
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(timeout=30)
    store = open_store(db)
    with store() as uow:
        cast = uow.repo(Ballot).list(round_id=room.round_id)
    store.close()
    if failures:
        print(f"phone failures: {len(failures)}; p95 {_p95(times) * 1000:.0f} ms; {failures[:3]}", file=sys.stderr)
    assert not failures, failures[:5]
    per_person = Counter(b.participant_id for b in cast)
    assert len(cast) == PHONES * (CHANGES + 1) and set(per_person.values()) == {CHANGES + 1}, "lost or doubled"
    last = {pid: b.choice.value for pid, b in last_ballots(cast).items()}
    assert last == {room.voters[i].id: choice for i, choice in finals.items()}, "a last choice does not count"
    return {"phone_p95_ms": _p95(times) * 1000, "phone_median_ms": sorted(times)[len(times) // 2] * 1000,
            "phone_votes": float(len(times)), "phone_window_s": elapsed}


def phone_p95_ms(folder: Path) -> float:
    """Run the load in a folder and return the 95th percentile vote time in milliseconds."""
    return run(folder)["phone_p95_ms"]


def main() -> None:
    """Run the load once and print its figures."""
    os.environ.setdefault("WORKSHOP_APP_DATA", tempfile.mkdtemp(prefix="phone-bench-data-"))
    figures = run(Path(tempfile.mkdtemp(prefix="phone-bench-")))
    print(f"phone_votes: {figures['phone_votes']:.0f} votes, none lost or doubled, in {figures['phone_window_s']:.1f} s")
    print(f"phone_median_ms: {figures['phone_median_ms']:.1f} ms")
    print(f"phone_p95_ms: {figures['phone_p95_ms']:.1f} ms")


if __name__ == "__main__":
    main()
