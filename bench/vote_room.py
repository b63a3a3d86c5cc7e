"""The vote as a room feels it: the app built as it builds itself on a laptop and a projector, the stylesheet loaded,
every voter casting once a round (plus about 10% changes) by tapping the shared screen or by its keys, with half a
second between their name and their choice; each cast is timed from the choice's input to both screens painted.

`vote_room_figures(folder)` runs each room in fresh processes (two simulated screens need their own Qt platform),
interleaved, and returns each figure as the median of the runs with its spread; bench/run.py prints them.
Run alone: .venv/bin/python bench/vote_room.py [runs]
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
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.figures import Figure, figure, p95  # noqa: E402

EXAMPLES = ROOT / "sessions" / "examples"
ROOMS = {"vote_p95_ms": EXAMPLES / "northside-leisure.json",
         "vote_p95_ms_60": EXAMPLES / "eastbank-wellbeing-large.json"}
"""Each figure's room: 20 voters in 4 groups, and 60 voters in 8 groups with long names."""
LAPTOP = {"name": "Laptop", "x": 0, "y": 0, "width": 1280, "height": 800, "logicalDpi": 96, "logicalBaseDpi": 96,
          "dpr": 1}
PROJECTOR = {"name": "Projector", "x": 1280, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96,
             "logicalBaseDpi": 96, "dpr": 1}
CHANGES = 0.1
"""The share of voters who change their vote once the room has voted."""
PATHS = ("tap", "keys")
THINK_S = 0.5
"""How long a person takes between tapping their name and their choice: the app's deferred work (such as the
console's picture of the projector) runs then, as it does in a room, instead of inside the timed cast."""


# The parent: runs and figures ---------------------------------------------------------------------------------------


def screens_file(folder: Path) -> Path:
    """Write the two simulated screens (a 1280x800 laptop, a 1920x1080 projector) and return the file."""
    path = folder / "screens.json"
    path.write_text(json.dumps({"screens": [LAPTOP, PROJECTOR]}), encoding="utf-8")
    return path.resolve()


def run_room(folder: Path, example: Path, seed: int, profile: Path | None = None) -> dict[str, list[float]]:
    """Run one room in a fresh process on two screens; return each path's cast times in seconds."""
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screens_file(folder)}", "PYTHONPATH": str(ROOT),
           "WORKSHOP_APP_DATA": str(folder / f"data-{seed}")}
    args = [sys.executable, str(Path(__file__).resolve()), "--room", str(example), str(folder / f"room-{seed}.sqlite3"),
            str(seed)]
    if profile is not None:
        args.append(str(profile))
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=900, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the vote room failed:\n{done.stderr[-4000:]}")
    times: dict[str, list[float]] = json.loads(done.stdout.strip().splitlines()[-1])
    return times


def vote_room_figures(folder: Path, runs: int = 5) -> dict[str, Figure]:
    """Return, over interleaved runs of both rooms: vote_p95_ms and vote_p95_ms_60 (taps and keys together), each
    path's own p95 (`_tap`, `_keys`) and each room's median cast (`vote_median_ms`, `vote_median_ms_60`)."""
    values: dict[str, list[float]] = {}
    for run in range(runs):
        for room, (name, example) in enumerate(ROOMS.items()):
            times = run_room(folder, example, seed=run * len(ROOMS) + room)
            every = times["tap"] + times["keys"]
            found = {name: p95(every), name.replace("p95", "median"): statistics.median(every),
                     **{f"{name}_{path}": p95(times[path]) for path in PATHS},
                     name.replace("p95", "p95_cpu"): p95(times["tap_cpu"] + times["keys_cpu"])}
            for key, seconds in found.items():
                values.setdefault(key, []).append(seconds * 1000)
    return {name: figure(name, runs_of, "ms") for name, runs_of in sorted(values.items(), key=figure_order)}


def figure_order(item: tuple[str, list[float]]) -> tuple[int, str]:
    """Order the figures: the two goals first, then medians, each path's p95, and CPU time."""
    name = item[0]
    kind = 0 if name in ROOMS else 1 if "median" in name else 3 if "cpu" in name else 2
    return kind, name


def profile_text(folder: Path, out: Path) -> str:
    """Profile the casts of the 60-person room (both paths), save the stats and return the top 25 by cumulative time,
    with the number of casts they cover (divide by it for one cast)."""
    import io
    import pstats

    times = run_room(folder, ROOMS["vote_p95_ms_60"], seed=0, profile=out)
    casts = len(times["tap"]) + len(times["keys"])
    text = io.StringIO()
    pstats.Stats(str(out), stream=text).sort_stats("cumulative").print_stats(25)
    every = times["tap"] + times["keys"]
    head = (f"{casts} casts in the 60-person room (tap and keys), p95 {p95(every) * 1000:.2f} ms, "
            f"median {statistics.median(every) * 1000:.2f} ms; the profile covers only the timed part of each cast.\n")
    site = str(Path(statistics.__file__).parent)
    return head + text.getvalue().replace(f"{ROOT}/", "").replace(f"{site}/", "")


def print_vote_figures(figures: dict[str, Figure]) -> None:
    """Print each figure as `name: median ms (median of N runs, spread low–high)`."""
    for value in figures.values():
        print(value.line(), flush=True)


# The child: one room on two screens ---------------------------------------------------------------------------------


class Painted:
    """Counts paint events per top-level window, so a cast is timed until both screens are drawn."""

    def __init__(self, app: Any) -> None:
        from PySide6.QtCore import QEvent, QObject

        counts: dict[int, int] = {}
        self.counts = counts

        class Filter(QObject):
            def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 - Qt naming
                if event.type() == QEvent.Type.Paint and hasattr(watched, "window"):
                    for key in (id(watched), id(watched.window())):
                        counts[key] = counts.get(key, 0) + 1
                return False

        self.filter = Filter()
        app.installEventFilter(self.filter)

    def of(self, widget: Any) -> int:
        """Return how many paint events a widget (a window: any of its widgets) has had so far."""
        return self.counts.get(id(widget), 0)


def think(app: Any) -> None:
    """Let THINK_S pass with the event loop running, as between two taps of a person."""
    until = time.perf_counter() + THINK_S
    while time.perf_counter() < until:
        app.processEvents()
        time.sleep(0.005)
    settle(app)


def settle(app: Any) -> None:
    """Deliver every posted event (the screens' update requests paint there) until nothing is left to do."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(3):
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


def build_app(db: Path, example: Path) -> tuple[Any, Any, Any]:
    """Import the example (everyone present), then start the app the way it starts itself; return app, window,
    startup."""
    from workshop_app.core import roster
    from workshop_app.core.changes import perform, read
    from workshop_app.export.json_export import import_json
    from workshop_app.store.database import open_store

    store = open_store(db)
    workshop_id = import_json(store, example)
    for person in read(store, roster.list_participants, workshop_id):
        if not person.present:
            perform(store, roster.set_present, person.id or 0, True)
    store.close()

    from workshop_app.ui.app import load_fonts_and_style, make_application, plan_list
    from workshop_app.ui.main_window import MainWindow
    from workshop_app.ui.startup import Startup

    app = make_application([sys.argv[0]])
    load_fonts_and_style(app)
    window = MainWindow(plan_list)
    window.show()
    startup = Startup(app, window, str(db), workshop_id)
    startup.begin()
    deadline = time.monotonic() + 120
    while not startup.loaded and time.monotonic() < deadline:
        app.processEvents()
    assert startup.loaded, "the app did not finish loading"
    settle(app)
    return app, window, startup


def open_vote(window: Any, app: Any) -> int:
    """Go to the first commitments stage, draft a proposal and open a named vote from the console; return its id."""
    room = window.room
    if room.stage().kind != "commitments":
        room.go_to(next(i for i, s in enumerate(room.stages) if s.kind == "commitments"))
    principle = room.stage().principle or ""
    room.votes.create_proposal(principle, f"We will publish every meeting's papers a week ahead ({time.time()}).")
    proposal = room.votes.proposals(principle)[-1]
    assert room.votes.open_vote(proposal.id, False)
    opened = room.votes.open_round()
    assert opened is not None
    settle(app)
    watch_the_vote(window)
    settle(app)
    return int(opened[0].id)


def watch_the_vote(window: Any) -> None:
    """Scroll the console's stage panel to the vote's progress, as the facilitator keeps it in view."""
    from PySide6.QtWidgets import QScrollArea

    from workshop_app.ui.facilitator.vote_panel import VotePanel

    panel = window.findChild(VotePanel)
    assert panel is not None and panel.isVisible(), "the console shows no vote"
    area = panel.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    if area is not None:
        area.ensureWidgetVisible(panel.progress)
    assert not panel.progress.visibleRegion().isEmpty(), "the vote's progress is not on the console"


def ballots(people: list[int], rng: random.Random) -> list[tuple[int, str]]:
    """Return who votes in what order and with which key: everyone once, then about 10% change their vote."""
    order = list(people)
    rng.shuffle(order)
    choices = "abd"  # agree, abstain, disagree (the keys; taps use the matching buttons)
    casts = [(pid, rng.choice(choices)) for pid in order]
    changers = rng.sample(order, max(1, round(len(order) * CHANGES)))
    return casts + [(pid, rng.choice(choices)) for pid in changers]


def press(button: Any, tap: bool) -> None:
    """Press a button as a person would: a tap, or the keyboard focus on it and Enter."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    if tap:
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    else:
        button.setFocus()
        QTest.keyClick(button, Qt.Key.Key_Return)


def select_voter(view: Any, pid: int, app: Any, tap: bool) -> None:
    """Select a person's tile as they would (first their group's button, when the room takes several pages)."""
    board = view.board
    if board.paged() and board.page != board.page_of(pid):
        if board.page is not None:
            press(board.back, tap)
        press(board.finders[board.page_of(pid)], tap)
        settle(app)
    assert view.tiles[pid].isVisible(), "the voter's tile is not on show"
    press(view.tiles[pid], tap)
    settle(app)
    assert view.selected == pid


def choose(view: Any, key: str, tap: bool) -> None:
    """Give the selected person's choice: a tap on the choice pad, or its key on the focused button."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from workshop_app.core.model import Choice
    from workshop_app.ui.shared_screen.vote_choices import choice_for_key

    qt_key = {"a": Qt.Key.Key_A, "b": Qt.Key.Key_B, "d": Qt.Key.Key_D}[key]
    choice = choice_for_key(qt_key)
    assert choice is not None and choice != Choice.BLOCK
    if tap:
        QTest.mouseClick(view.choices.buttons[choice], Qt.MouseButton.LeftButton)
    else:
        target = app_focus() or view
        QTest.keyClick(target, qt_key)


def app_focus() -> Any:
    """Return the widget with keyboard focus, if any."""
    from PySide6.QtWidgets import QApplication

    return QApplication.focusWidget()


def console_progress(window: Any) -> Any:
    """Return the console's label that counts who has voted."""
    from workshop_app.ui.facilitator.vote_panel import VotePanel

    panel = window.findChild(VotePanel)
    return panel.progress


def check_painted(painted: Painted, widgets: tuple[Any, Any, Any], before: tuple[int, ...],
                  shown: tuple[str, str]) -> None:
    """Refuse a cast whose tile (or the finder that replaced it), or whose changed count on either screen, was not
    painted by the time it was timed."""
    tile, count, console = widgets
    board = tile.parentWidget()
    assert painted.of(tile) > before[0] or not tile.isVisible() and painted.of(board) > before[3], \
        "the voter's tile was not painted"
    for widget, was, paints in ((count, shown[0], before[1]), (console, shown[1], before[2])):
        if widget.text() != was:
            assert painted.of(widget) > paints, f"{widget.text()!r} changed but was not painted"


def vote_round(window: Any, app: Any, painted: Painted, tap: bool, rng: random.Random,
               profiler: Any = None) -> dict[str, list[float]]:
    """Open a vote, let every present voter cast (plus changes) by one path; return each cast's seconds, on the
    clock ("wall") and of this process's CPU ("cpu"); the profiler, when given, sees only the timed part."""
    from workshop_app.ui.shared_screen.voting_view import VotingView

    round_id = open_vote(window, app)
    screen = window.shared_screen
    view = screen.current_view()
    assert isinstance(view, VotingView) and view.round is not None and view.round.id == round_id
    progress = console_progress(window)
    times: dict[str, list[float]] = {"wall": [], "cpu": []}
    for pid, key in ballots(list(view.tiles), rng):
        select_voter(view, pid, app, tap)
        think(app)
        tile, shown = view.tiles[pid], (view.progress.text(), progress.text())
        before = (painted.of(tile), painted.of(view.progress), painted.of(progress), painted.of(view.board))
        if profiler is not None:
            profiler.enable()
        start, cpu = time.perf_counter(), time.process_time()
        choose(view, key, tap)
        settle(app)
        times["wall"].append(time.perf_counter() - start)
        times["cpu"].append(time.process_time() - cpu)
        if profiler is not None:
            profiler.disable()
        check_painted(painted, (tile, view.progress, progress), before, shown)
    assert window.room.votes.close(round_id)
    settle(app)
    return times


def room_times(example: Path, db: Path, seed: int, profile: Path | None = None) -> dict[str, list[float]]:
    """Run the room: a round by taps and a round by keys (in an order the seed picks); return their cast times
    (`tap`, `keys`) and CPU times (`tap_cpu`, `keys_cpu`)."""
    app, window, startup = build_app(db, example)
    screen = window.shared_screen
    assert screen is not None and screen.isVisible() and screen.screen().name() == PROJECTOR["name"]
    painted = Painted(app)
    rng = random.Random(seed)
    order = list(PATHS) if seed % 2 == 0 else list(reversed(PATHS))
    times: dict[str, list[float]] = {}
    profiler = None
    if profile is not None:
        import cProfile

        profiler = cProfile.Profile()
    for path in order:
        found = vote_round(window, app, painted, path == "tap", rng, profiler)
        times[path], times[f"{path}_cpu"] = found["wall"], found["cpu"]
    if profiler is not None and profile is not None:
        profiler.dump_stats(str(profile))
    window.close()
    startup.close()
    return times


def main() -> None:
    """In a child: run one room and print its times as JSON; alone: print the figures."""
    if len(sys.argv) > 1 and sys.argv[1] == "--room":
        sys.path.insert(0, str(ROOT))
        profile = Path(sys.argv[5]) if len(sys.argv) > 5 else None
        print(json.dumps(room_times(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]), profile)))
        return
    folder = Path(tempfile.mkdtemp(prefix="vote-room-"))
    if len(sys.argv) > 2 and sys.argv[1] == "--profile":
        print(profile_text(folder, Path(sys.argv[2])))
        return
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print_vote_figures(vote_room_figures(folder, runs))


if __name__ == "__main__":
    main()
