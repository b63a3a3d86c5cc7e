"""Phone voting against the app as people run it: the server inside the GUI process, both windows painted.

bench/phone_app_gui.py runs the app on two offscreen screens (laptop and projector) with phone voting started
from the console; this process plays the phones as the page does, each from its own 127.0.x.y address: join
with the code, hold the pushed stream (WebSocket /api/events; poll /api/state every 3 s only while it is
down), then vote once and change it CHANGES times inside a WINDOW_S voting window. Every vote's time from
send to reply is kept; afterwards the store must hold each phone's CHANGES + 1 ballots (none lost or doubled)
with its last choice counting. At 200 phones the facilitator then closes, reveals and opens votes while every
phone holds its stream: push_p95_ms is the time from each click to each phone's page having its new view.
Run: .venv/bin/python bench/phone_app.py [--runs N] [--profile DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHANGES, WINDOW_S, POLL_S, PUSH_WAIT_S = 5, 10.0, 3.0, 20.0
CHOICES = ("agree", "abstain", "disagree")
PUSHES = ("close", "reveal", "open") * 4
GUI = ROOT / "bench" / "phone_app_gui.py"
SCREENS = [{"name": "Laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96,
            "logicalBaseDpi": 96, "dpr": 1},
           {"name": "Projector", "x": 1366, "y": 0, "width": 1280, "height": 720, "logicalDpi": 96,
            "logicalBaseDpi": 96, "dpr": 1}]


def p95(values: list[float]) -> float:
    """Return the 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def make_store(db: Path, phones: int) -> tuple[int, list[int], dict[int, str]]:
    """Create a workshop with `phones` present voters and their codes; return its id, the voters and codes."""
    import datetime as dt

    from workshop_app.core import phone_codes, roster, workshops
    from workshop_app.core.changes import perform, read
    from workshop_app.core.model import Participant, Workshop
    from workshop_app.store.database import open_store

    store = open_store(db)
    workshop = perform(store, workshops.create_workshop, Workshop(
        title="Phone vote", partnership="Town", place="Hall", date=dt.date(2026, 5, 1), facilitator="Sam",
        plan_key="charter")).value
    wid = workshop.id or 0
    groups = [g.id or 0 for g in read(store, workshops.list_groups, wid)]
    voters = [perform(store, roster.add_participant, Participant(wid, f"Voter {i:03d}", groups[i % len(groups)],
                                                        present=True)).value.id or 0 for i in range(phones)]
    issued = perform(store, phone_codes.issue_missing_codes, wid).value
    codes = {c.participant_id: c.code for c in issued}
    store.close()
    return wid, voters, codes


@dataclass
class Tally:
    """What the phones saw: each vote's time, each phone's last choice, failures, polls and pushed views."""

    times: list[float] = field(default_factory=list)
    finals: dict[int, str] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    polls: int = 0
    cpu_s: float = 0.0
    """The app's CPU time (both threads) from just before the phones join to the end of the voting window."""


class PagePhone:
    """One phone's page: joins, holds the pushed stream (polling only while it is down) and votes."""

    def __init__(self, origin: str, index: int, participant_id: int, tally: Tally) -> None:
        import aiohttp

        from tests.phone.client import source_address

        self.origin, self.index, self.participant_id, self.tally = origin, index, participant_id, tally
        self.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(source_address(index), 0)),
                                             timeout=aiohttp.ClientTimeout(total=20))
        self.cookie, self.nonce, self.round = "", "", 0
        self.views: asyncio.Queue[tuple[float, dict[str, Any]]] = asyncio.Queue()
        self.stream: Any = None

    def _headers(self) -> dict[str, str]:
        return {"Origin": self.origin, **({"Cookie": self.cookie} if self.cookie else {})}

    def _remember(self, data: dict[str, Any]) -> None:
        self.nonce = data.get("nonce") or self.nonce
        self.round = (data.get("vote") or {}).get("round", self.round)

    async def post(self, path: str, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """POST JSON as the page's fetch does and return the status and the unpadded answer."""
        async with self.session.post(self.origin + path, json=payload, headers=self._headers()) as response:
            data = json.loads(await response.read())
            cookie = response.headers.get("Set-Cookie")
            if cookie:
                self.cookie = cookie.split(";", 1)[0]
        self._remember(data)
        return response.status, data

    async def join(self, code: str) -> bool:
        """Join with the code, then open the pushed stream and take its first view."""
        status, _data = await self.post("/api/join", {"code": code})
        if status != 200:
            self.tally.failures.append(f"phone {self.index} could not join: {status}")
            return False
        self.stream = await self.session.ws_connect(self.origin.replace("http", "ws") + "/api/events",
                                                    headers=self._headers())
        asyncio.get_running_loop().create_task(self._listen())
        _at, view = await asyncio.wait_for(self.views.get(), 20)
        return view["status"] == 200

    async def _listen(self) -> None:
        """Take each pushed view as it arrives; when the stream drops, poll /api/state as the page does."""
        import aiohttp

        async for message in self.stream:
            if message.type != aiohttp.WSMsgType.TEXT:
                break
            data = json.loads(message.data)
            self._remember(data)
            self.views.put_nowait((time.time(), data))
        while not self.session.closed:
            await asyncio.sleep(POLL_S)
            if self.session.closed:
                break
            self.tally.polls += 1
            async with self.session.get(self.origin + "/api/state", headers=self._headers()) as response:
                data = json.loads(await response.read())
            self._remember(data)
            self.views.put_nowait((time.time(), {**data, "status": response.status}))

    async def vote(self, choice: str) -> None:
        """Vote as the page's Send does and keep the time to its answer."""
        sent = time.perf_counter()
        status, data = await self.post("/api/vote", {"round": self.round, "choice": choice, "reason": "",
                                                     "nonce": self.nonce})
        self.tally.times.append(time.perf_counter() - sent)
        if status != 200 or data.get("mine") != choice:
            self.tally.failures.append(f"phone {self.index}: {status} {data.get('error', '')}")
        self.tally.finals[self.participant_id] = choice

    async def close(self) -> None:
        if self.stream is not None:
            await self.stream.close()
        await self.session.close()


async def play(origin: str, voters: list[int], codes: dict[int, str], tally: Tally) -> list[PagePhone]:
    """Join every phone, then have each vote and change its vote at spread moments inside the window."""
    phones = [PagePhone(origin, i, pid, tally) for i, pid in enumerate(voters)]
    start = time.perf_counter()

    async def one(phone: PagePhone) -> None:
        rng = random.Random(phone.index)
        await asyncio.sleep(rng.uniform(0, 0.8))
        if not await phone.join(codes[phone.participant_id]):
            return
        step = (WINDOW_S - 1.5) / (CHANGES + 1)
        for k in range(CHANGES + 1):
            await asyncio.sleep(max(0.0, start + 1.0 + k * step + rng.uniform(0, step * 0.8) - time.perf_counter()))
            await phone.vote(CHOICES[(phone.index + k) % len(CHOICES)])

    outcomes = await asyncio.gather(*(one(phone) for phone in phones), return_exceptions=True)
    tally.failures += [f"phone {i}: {error!r}" for i, error in enumerate(outcomes) if isinstance(error, BaseException)]
    return phones


async def pushes(phones: list[PagePhone], orders: IO[str], answers: IO[str]) -> list[float]:
    """Run the facilitator's clicks and return each phone's wait from each click to its new view."""
    loop, waits = asyncio.get_running_loop(), []
    for command in PUSHES:
        for phone in phones:  # nothing stale is taken for this click's view
            while not phone.views.empty():
                phone.views.get_nowait()
        arrivals = [loop.create_task(asyncio.wait_for(phone.views.get(), PUSH_WAIT_S)) for phone in phones]
        orders.write(command + "\n")
        orders.flush()
        started = float((await loop.run_in_executor(None, answers.readline)).split()[1])
        for arrived in await asyncio.gather(*arrivals, return_exceptions=True):
            if isinstance(arrived, asyncio.TimeoutError):
                waits.append(math.inf)  # never arrived: counted, and the p95 says so when they are many
                continue
            assert not isinstance(arrived, BaseException), arrived
            at, view = arrived
            assert view["status"] == 200, view
            waits.append(at - started)
    return waits


async def app_cpu(orders: IO[str], answers: IO[str]) -> float:
    """Return the seconds of CPU the app (both threads) has used so far."""
    orders.write("cpu\n")
    orders.flush()
    line = await asyncio.get_running_loop().run_in_executor(None, answers.readline)
    return float(line.split()[1])


async def drive(port: int, voters: list[int], codes: dict[int, str], push: bool,
                orders: IO[str], answers: IO[str]) -> tuple[Tally, list[float], float]:
    """Play the phones against the app; return the tally, the push waits and the voting window's length."""
    tally = Tally()
    before = await app_cpu(orders, answers)
    started = time.perf_counter()
    phones = await play(f"http://127.0.0.1:{port}", voters, codes, tally)
    elapsed = time.perf_counter() - started
    tally.cpu_s = await app_cpu(orders, answers) - before
    try:
        waits = await pushes(phones, orders, answers) if push and not tally.failures else []
    finally:
        await asyncio.gather(*(phone.close() for phone in phones), return_exceptions=True)
    return tally, waits, elapsed


def check_ballots(db: Path, round_id: int, tally: Tally, phones: int) -> None:
    """Raise AssertionError unless every phone's CHANGES + 1 votes are stored once each, its last one counting."""
    from workshop_app.core.decisions import last_ballots
    from workshop_app.core.model import Ballot
    from workshop_app.store.database import open_store

    store = open_store(db)
    with store.reader() as uow:
        cast = uow.repo(Ballot).list(round_id=round_id)
    store.close()
    per_person = Counter(b.participant_id for b in cast)
    assert len(cast) == phones * (CHANGES + 1) and set(per_person.values()) == {CHANGES + 1}, "lost or doubled"
    assert {pid: b.choice.value for pid, b in last_ballots(cast).items()} == tally.finals, "a last choice is wrong"


def run(folder: Path, phones: int, push: bool = False, profile: Path | None = None) -> dict[str, float]:
    """Run the app and the phones once and return the figures; AssertionError if a vote was lost or doubled."""
    db = folder / f"app-phones-{phones}-{time.time_ns()}.sqlite3"
    wid, voters, codes = make_store(db, phones)
    screens = folder / "screens.json"
    screens.write_text(json.dumps({"screens": SCREENS}), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": f"offscreen:configfile={screens}",
           "WORKSHOP_APP_DATA": str(folder / f"data-{db.stem}")}
    args = [sys.executable, str(GUI), str(db), str(wid)] + ([str(profile)] if profile else [])
    gui = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    assert gui.stdin is not None and gui.stdout is not None
    try:
        port, round_id = (int(x) for x in gui.stdout.readline().split())
        tally, waits, elapsed = asyncio.run(drive(port, voters, codes, push, gui.stdin, gui.stdout))
    finally:
        gui.stdin.close()
        gui.stdout.read()  # the rest of its answers (the cpu line at quit)
        gui.wait(timeout=60)
    assert not tally.failures, tally.failures[:5]
    check_ballots(db, round_id, tally, phones)
    figures = {"p95_ms": p95(tally.times) * 1000, "median_ms": statistics.median(tally.times) * 1000,
               "votes": float(len(tally.times)), "window_s": elapsed, "polls": float(tally.polls),
               "cpu_ms_per_vote": tally.cpu_s * 1000 / max(1, len(tally.times))}
    if waits:
        figures |= {"push_p95_ms": p95(waits) * 1000, "pushed": float(len(waits)),
                    "push_missed": float(sum(1 for w in waits if w == math.inf))}
    return figures


def spread(values: list[float]) -> str:
    """Return 'median (min-max over n runs)'."""
    return f"{statistics.median(values):.1f} ms (runs {min(values):.1f}-{max(values):.1f}, n={len(values)})"


def app_figures(folder: Path, runs: int = 3, profile: Path | None = None) -> dict[str, list[float]]:
    """Run 200 and 400 phones in turn `runs` times each; return every run's figures by name."""
    found: dict[str, list[float]] = {}
    for n in range(runs):
        for phones in (200, 400):
            where = profile / f"{phones}" if profile and n == 0 else None
            if where:
                where.mkdir(parents=True, exist_ok=True)
            figures = run(folder, phones, push=phones == 200, profile=where)
            for name, value in figures.items():
                found.setdefault(f"{name}_{phones}", []).append(value)
    return found


def print_figures(found: dict[str, list[float]]) -> None:
    """Print the in-app phone figures, one `name: value unit` line each, every one with its spread."""
    votes = f"{sum(found['votes_200']):.0f} + {sum(found['votes_400']):.0f}"
    print(f"phone_app_votes: {votes} votes at 200 and 400 phones, none lost or doubled "
          f"(windows {max(found['window_s_200']):.1f} s and {max(found['window_s_400']):.1f} s at most; "
          f"{sum(found['polls_200']) + sum(found['polls_400']):.0f} polls)", flush=True)
    print(f"phone_median_ms: {spread(found['median_ms_200'])}", flush=True)
    print(f"phone_p95_ms: {spread(found['p95_ms_200'])}", flush=True)
    print(f"phone_p95_ms_400: {spread(found['p95_ms_400'])}", flush=True)
    for phones in (200, 400):
        print(f"phone_app_cpu_ms_{phones}: {spread(found[f'cpu_ms_per_vote_{phones}'])} of the app's CPU per vote "
              "(both threads, joins and the voting window; about the same on a busy machine)", flush=True)
    print(f"push_p95_ms: {spread(found['push_p95_ms_200'])}; {sum(found['pushed_200']):.0f} pushed views, "
          f"{sum(found['push_missed_200']):.0f} not received within {PUSH_WAIT_S:.0f} s", flush=True)


def main() -> None:
    """Measure the in-app phone figures and print them."""
    parser = argparse.ArgumentParser(description="Phone voting against the app with its server inside the GUI.")
    parser.add_argument("--runs", type=int, default=3, help="runs at each size (the median is printed)")
    parser.add_argument("--profile", type=Path, help="write the first runs' profiles (GUI and server thread) here")
    options = parser.parse_args()
    os.environ.setdefault("WORKSHOP_APP_DATA", tempfile.mkdtemp(prefix="phone-app-data-"))
    print_figures(app_figures(Path(tempfile.mkdtemp(prefix="phone-app-")), options.runs, options.profile))


if __name__ == "__main__":
    main()
