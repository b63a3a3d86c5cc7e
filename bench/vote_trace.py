"""Where a slow cast's time goes: one room of bench/vote_room.py run with every Qt event timed inside each cast.

For each cast it records the events delivered while it was timed (type, receiver, time; timers by their owner), the
time in the operation, the commit and the announcement, and prints the slowest casts with their biggest events, and
how often each kind of event lands in slow and in fast casts.
Run: .venv/bin/python bench/vote_trace.py [eastbank-wellbeing-large|northside-leisure] [seed]
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench import vote_room  # noqa: E402

SLOW_MS = 1.0
"""Events (and the work they set off) taking at least this long are listed one by one."""


def describe(receiver: Any, event: Any) -> str:
    """Name an event by its type and receiver (a timer by the class of the object that owns it)."""
    kind = event.type().name
    name = type(receiver).__name__
    if name == "QTimer" and receiver.parent() is not None:
        name = f"QTimer<{type(receiver.parent()).__name__}>"
    elif kind == "Timer":
        name = f"{name}#timer"
    return f"{kind}:{name}"


class Trace:
    """The events of the cast being timed, and the time in the parts of a cast."""

    def __init__(self) -> None:
        self.on = False
        self.depth = 0
        self.events: list[tuple[str, float, int, float]] = []
        self.parts: Counter[str] = Counter()

    def start(self) -> None:
        """Begin a cast."""
        self.events, self.parts, self.on = [], Counter(), True

    def stop(self) -> dict[str, Any]:
        """End a cast and return what it did."""
        self.on = False
        return {"events": self.events, "parts": dict(self.parts)}


TRACE = Trace()


def timed(owner: Any, name: str, label: str) -> None:
    """Wrap a method so the trace adds up the time spent in it during casts."""
    original = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not TRACE.on:
            return original(*args, **kwargs)
        begin, cpu = time.perf_counter(), time.thread_time()
        try:
            return original(*args, **kwargs)
        finally:
            TRACE.parts[label] += (time.perf_counter() - begin) * 1000
            TRACE.parts[label + "_cpu"] += (time.thread_time() - cpu) * 1000

    setattr(owner, name, wrapper)


def instrument() -> None:
    """Create the tracing QApplication and wrap the parts of a cast."""
    from PySide6.QtWidgets import QApplication

    class TracingApp(QApplication):
        def notify(self, receiver: Any, event: Any) -> bool:  # noqa: N802 - Qt naming
            if not TRACE.on:
                return super().notify(receiver, event)
            TRACE.depth += 1
            name = describe(receiver, event)
            begin, cpu = time.perf_counter(), time.thread_time()
            try:
                return super().notify(receiver, event)
            finally:
                TRACE.depth -= 1
                TRACE.events.append((name, (time.perf_counter() - begin) * 1000, TRACE.depth,
                                     (time.thread_time() - cpu) * 1000))

    TracingApp([sys.argv[0]])
    import gc

    began: list[float] = []

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            began[:] = [time.perf_counter()]
        elif TRACE.on and began:
            TRACE.parts[f"gc{info['generation']}"] += (time.perf_counter() - began[0]) * 1000

    gc.callbacks.append(on_gc)
    from workshop_app.core import changes
    from workshop_app.store import unit_of_work
    from workshop_app.ui import controller, vote_controller

    timed(changes, "perform", "perform")
    timed(unit_of_work.SqlUnitOfWork, "commit", "commit")
    timed(unit_of_work.SqlUnitOfWork, "ballot_context", "ballot_context")
    timed(controller.WorkshopController, "announce", "announce")
    timed(controller.WorkshopController, "read", "read")
    timed(vote_controller.VoteController, "_on_changed", "vote_controller")


def traced_round(window: Any, app: Any, painted: Any, tap: bool, rng: random.Random) -> list[dict[str, Any]]:
    """vote_room.vote_round with the trace on around each timed cast."""
    from workshop_app.ui.shared_screen.voting_view import VotingView

    round_id = vote_room.open_vote(window, app)
    view = window.shared_screen.current_view()
    assert isinstance(view, VotingView)
    casts = []
    for pid, key in vote_room.ballots(list(view.tiles), rng):
        vote_room.select_voter(view, pid, app, tap)
        vote_room.think(app)
        TRACE.start()
        start, cpu = time.perf_counter(), time.process_time()
        vote_room.choose(view, key, tap)
        vote_room.settle(app)
        wall, used = time.perf_counter() - start, time.process_time() - cpu
        found = TRACE.stop()
        casts.append({"wall": wall * 1000, "cpu": used * 1000, "path": "tap" if tap else "keys", **found})
    assert window.room.votes.close(round_id)
    vote_room.settle(app)
    return casts


def child(example: Path, db: Path, seed: int) -> None:
    """Run the room traced and print every cast as one JSON line."""
    instrument()
    app, window, startup = vote_room.build_app(db, example)
    painted = vote_room.Painted(app)
    rng = random.Random(seed)
    casts: list[dict[str, Any]] = []
    for path in vote_room.PATHS if seed % 2 == 0 else reversed(vote_room.PATHS):
        casts += traced_round(window, app, painted, path == "tap", rng)
    window.close()
    startup.close()
    print(json.dumps(casts))


def report(casts: list[dict[str, Any]]) -> None:
    """Print the slowest casts' biggest events and which kinds of event come with slow casts."""
    walls = sorted(c["wall"] for c in casts)
    cut = walls[int(len(walls) * 0.8)]
    print(f"{len(casts)} casts: median {statistics.median(walls):.1f} ms, p95 {walls[int(len(walls) * 0.95)]:.1f}, "
          f"slowest fifth from {cut:.1f} ms; median cpu {statistics.median(c['cpu'] for c in casts):.1f}")
    parts = sorted({k for c in casts for k in c["parts"]})
    print("median parts: " + ", ".join(f"{k} {statistics.median(c['parts'].get(k, 0) for c in casts):.2f}"
                                         for k in parts))
    for cast in sorted(casts, key=lambda c: -c["wall"])[:8]:
        top = [e for e in cast["events"] if e[1] >= SLOW_MS]
        print(f"\n{cast['path']} wall {cast['wall']:.1f} cpu {cast['cpu']:.1f} "
              + " ".join(f"{k}={v:.1f}" for k, v in sorted(cast["parts"].items())))
        for name, ms, depth, cpu in top:
            print(f"   {'  ' * depth}{name} {ms:.1f} (cpu {cpu:.1f})")
    print("\nCPU per cast by event (all depths, summed per cast; mean over all casts): ms, share of casts")
    spent: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for cast in casts:
        for kind in {e[0] for e in cast["events"]}:
            seen[kind] += 1
        for name, _ms, _depth, cpu in cast["events"]:
            spent[name] += cpu
    for kind, total in spent.most_common(30):
        print(f"  {kind:60s} {total / len(casts):6.2f}  {seen[kind] / len(casts):4.0%}")
    slow = [c for c in casts if c["wall"] >= cut]
    fast = [c for c in casts if c["wall"] < cut]
    kinds = {e[0] for c in casts for e in c["events"] if e[2] == 0}
    print("\ntop-level event kinds: share of slow casts / fast casts with one, and their median ms in slow casts")
    rows = []
    for kind in kinds:
        in_slow = sum(any(e[0] == kind and e[2] == 0 for e in c["events"]) for c in slow) / max(1, len(slow))
        in_fast = sum(any(e[0] == kind and e[2] == 0 for e in c["events"]) for c in fast) / max(1, len(fast))
        spent = [sum(e[1] for e in c["events"] if e[0] == kind and e[2] == 0) for c in slow]
        rows.append((in_slow - in_fast, kind, in_slow, in_fast, statistics.median(spent) if spent else 0))
    for _gap, kind, in_slow, in_fast, spent in sorted(rows, reverse=True)[:25]:
        print(f"  {kind:60s} {in_slow:4.0%} / {in_fast:4.0%}  {spent:.2f} ms")


def main() -> None:
    """Run one traced room in a child process and print the report."""
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
        return
    example = vote_room.EXAMPLES / f"{sys.argv[1] if len(sys.argv) > 1 else 'northside-leisure'}.json"
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    folder = Path(tempfile.mkdtemp(prefix="vote-trace-"))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={vote_room.screens_file(folder)}",
           "PYTHONPATH": str(ROOT), "WORKSHOP_APP_DATA": str(folder / "data")}
    done = subprocess.run([sys.executable, __file__, "--child", str(example), str(folder / "room.sqlite3"), str(seed)],
                          capture_output=True, text=True, env=env, timeout=900, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the traced room failed:\n{done.stderr[-4000:]}")
    casts = json.loads(done.stdout.strip().splitlines()[-1])
    if len(sys.argv) > 3:
        Path(sys.argv[3]).write_text(json.dumps(casts), encoding="utf-8")
    report(casts)


if __name__ == "__main__":
    main()
