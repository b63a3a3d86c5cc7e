"""Phone voting under load: N phones each vote and then change their vote 5 times within 10 s; then pushes.

The server runs in its own process exactly as in the app (PhoneServer on a real SQLite store, bound to
127.0.0.1); this process plays the phones with real HTTP clients, each from its own 127.0.x.y address.
Checks that no vote is lost or doubled (N x 6 ballots, each phone's last choice counts) and returns the
95th percentile time of a vote request. With push, every phone then holds its WebSocket while the
facilitator closes, reveals and opens votes; push_p95_ms is the time from the start of that operation to the
moment each phone has its new view. Run: .venv/bin/python bench/phone_load.py
"""

from __future__ import annotations

import asyncio
import json
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
from typing import IO

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHANGES, WINDOW_S = 5, 10.0
CHOICES = ("agree", "abstain", "disagree")
SERVE = ROOT / "bench" / "phone_server.py"
PUSHES = ("close", "reveal", "open") * 4


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _phone(port: int, index: int, code: str, start: float, times: list[float], finals: dict[int, str],
           failures: list[str], cookies: dict[int, str]) -> None:
    """Join, then vote once and change it CHANGES times at evenly spaced moments inside the window."""
    from tests.phone.client import Phone, source_address

    rng = random.Random(index)
    phone = Phone("127.0.0.1", port, source_address(index), timeout=10)
    try:
        time.sleep(max(0.0, start + rng.uniform(0, 0.8) - time.perf_counter()))
        if phone.join(code).status != 200:
            failures.append(f"phone {index} could not join")
            return
        cookies[index] = phone.cookie
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


async def _pushes(port: int, cookies: dict[int, str], orders: IO[str], answers: IO[str]) -> list[float]:
    """Hold every phone's WebSocket, run the facilitator's commands, and return each phone's wait per push."""
    import aiohttp

    from tests.phone.client import source_address

    origin = f"http://127.0.0.1:{port}"
    sessions = [aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(source_address(i), 0)))
                for i in cookies]
    try:
        sockets = await asyncio.gather(*(session.ws_connect(f"{origin}/api/events", headers={
            "Cookie": cookie, "Origin": origin}) for session, cookie in zip(sessions, cookies.values(), strict=True)))
        await asyncio.gather(*(socket.receive(timeout=10) for socket in sockets))  # the view on connecting
        loop = asyncio.get_running_loop()
        waits: list[float] = []
        for command in PUSHES:
            arrivals = [loop.create_task(_arrival(socket)) for socket in sockets]
            orders.write(command + "\n")
            orders.flush()
            started = float((await loop.run_in_executor(None, answers.readline)).split()[1])
            waits += [at - started for at in await asyncio.gather(*arrivals)]
        await asyncio.gather(*(socket.close() for socket in sockets))
        return waits
    finally:
        await asyncio.gather(*(session.close() for session in sessions))


async def _arrival(socket: object) -> float:
    """Return the wall-clock time the next pushed view arrived (and check it is a view)."""
    message = await socket.receive(timeout=10)  # type: ignore[attr-defined]
    arrived = time.time()
    assert json.loads(message.data)["status"] == 200, message.data
    return arrived


def run(folder: Path, phones: int = 200, push: bool = False) -> dict[str, float]:
    """Run the load and return its figures; raises AssertionError if a vote was lost or doubled."""
    from tests.phone.room import make_room
    from workshop_app.core.decisions import last_ballots
    from workshop_app.core.model import Ballot
    from workshop_app.store.database import open_store

    db = folder / f"phones-{phones}.sqlite3"
    store = open_store(db)
    room = make_room(store, voters=phones)
    store.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, str(SERVE), str(db), str(room.workshop_id),
                               str(room.round_id)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=env)
    waits: list[float] = []
    try:
        assert server.stdout is not None and server.stdin is not None
        port = int(server.stdout.readline())
        times: list[float] = []
        finals: dict[int, str] = {}
        failures: list[str] = []
        cookies: dict[int, str] = {}
        start = time.perf_counter()
        threads = [threading.Thread(target=_phone, args=(port, i, room.codes[p.id or 0], start, times, finals,
                                                         failures, cookies)) for i, p in enumerate(room.voters)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        elapsed = time.perf_counter() - start
        if push and not failures:
            waits = asyncio.run(_pushes(port, cookies, server.stdin, server.stdout))
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
    assert len(cast) == phones * (CHANGES + 1) and set(per_person.values()) == {CHANGES + 1}, "lost or doubled"
    last = {pid: b.choice.value for pid, b in last_ballots(cast).items()}
    assert last == {room.voters[i].id: choice for i, choice in finals.items()}, "a last choice does not count"
    figures = {"phone_p95_ms": _p95(times) * 1000, "phone_median_ms": sorted(times)[len(times) // 2] * 1000,
               "phone_votes": float(len(times)), "phone_window_s": elapsed}
    if waits:
        figures["push_p95_ms"] = _p95(waits) * 1000
        figures["push_count"] = float(len(waits))
    return figures


def phone_figures(folder: Path) -> dict[str, float]:
    """Return phone_p95_ms and push_p95_ms at 200 phones and phone_p95_ms_400 at 400 phones."""
    at_200 = run(folder, 200, push=True)
    at_400 = run(folder, 400)
    return {**at_200, "phone_p95_ms_400": at_400["phone_p95_ms"], "phone_votes_400": at_400["phone_votes"]}


def main() -> None:
    """Run the loads once and print their figures."""
    os.environ.setdefault("WORKSHOP_APP_DATA", tempfile.mkdtemp(prefix="phone-bench-data-"))
    figures = phone_figures(Path(tempfile.mkdtemp(prefix="phone-bench-")))
    print_figures(figures)


def print_figures(figures: dict[str, float]) -> None:
    """Print the phone figures, one `name: value unit` line each."""
    print(f"phone_votes: {figures['phone_votes']:.0f} votes at 200 phones and {figures['phone_votes_400']:.0f} at "
          f"400, none lost or doubled, in {figures['phone_window_s']:.1f} s", flush=True)
    print(f"phone_median_ms: {figures['phone_median_ms']:.1f} ms", flush=True)
    print(f"phone_p95_ms: {figures['phone_p95_ms']:.1f} ms", flush=True)
    print(f"phone_p95_ms_400: {figures['phone_p95_ms_400']:.1f} ms", flush=True)
    print(f"push_p95_ms: {figures['push_p95_ms']:.1f} ms ({figures['push_count']:.0f} pushed views)", flush=True)


if __name__ == "__main__":
    main()
