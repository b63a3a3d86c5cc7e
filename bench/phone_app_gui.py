"""The app as people run it, for the in-app phone benchmark: both windows, phone voting started from the console.

Usage: phone_app_gui.py STORE WORKSHOP_ID [PROFILE_DIR]. Run it with QT_QPA_PLATFORM=offscreen:configfile=<JSON of
two screens>, so the console sits on the laptop and the shared screen is painted on the projector. It opens the
workshop, goes to the first commitments stage, opens a named vote there (the shared screen shows it), starts phone
voting on 127.0.0.1 and prints `PORT ROUND_ID`. Then each line on standard input is one facilitator click, done
on the GUI thread as the console's buttons do it: `close`, `reveal` or `open` (a new proposal and its vote);
each is answered `at <time.time() just before the click>`; `cpu` is answered `cpu <seconds of CPU the app has
used so far>`. `quit` (or the end of input) closes the app,
which then prints `cpu <seconds of CPU it used>`.
With PROFILE_DIR, the GUI thread and the phone server's thread are each profiled (cProfile) and their
summaries written there when the app quits.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QObject, Qt, Signal  # noqa: E402

from bench.workshop_gui import open_a_vote  # noqa: E402


class Facilitator(QObject):
    """Runs the commands read from standard input on the GUI thread, as the facilitator's clicks."""

    command = Signal(str)

    def __init__(self, app: Any, window: Any, round_id: int) -> None:
        super().__init__()
        self.app, self.window, self.round_id = app, window, round_id
        self.opened = 0
        self.command.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def _run(self, line: str) -> None:
        """Do one click and answer with the moment it started."""
        command, votes, started = line.strip(), self.window.room.votes, time.time()
        if command == "close":
            assert votes.close(self.round_id)
        elif command == "reveal":
            assert votes.reveal(self.round_id)
        elif command == "open":
            self.opened += 1
            principle = self.window.room.stage().principle or ""
            assert votes.create_proposal(principle, f"We will report back to the room ({self.opened}).")
            assert votes.open_vote(votes.proposals(principle)[-1].id, False)
            found = votes.open_round()
            assert found is not None
            self.round_id = int(found[0].id)
        elif command == "cpu":
            print(f"cpu {time.process_time():.6f}", flush=True)  # the whole app's CPU so far (both threads)
            return
        elif command in ("quit", ""):
            self.window.close()
            self.app.quit()
            return
        else:
            raise SystemExit(f"unknown command {command!r}")
        print(f"at {started:.6f}", flush=True)


def read_commands(facilitator: Facilitator) -> None:
    """Pass each line of standard input to the GUI thread; the end of input quits."""
    for line in sys.stdin:
        facilitator.command.emit(line)
    facilitator.command.emit("quit")


def write_profile(profile: cProfile.Profile, out: Path) -> None:
    """Write a profile's summary: the top functions by total time with callees, and by own time."""
    text = io.StringIO()
    stats = pstats.Stats(profile, stream=text)
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(30)
    out.write_text(text.getvalue(), encoding="utf-8")


def main() -> None:
    """Open the workshop in both windows, start phone voting and serve the facilitator's commands."""
    from workshop_app.store.database import open_store
    from workshop_app.ui.app import build_main_window, load_fonts_and_style, make_application

    profile_dir = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    app = make_application([sys.argv[0]])
    load_fonts_and_style(app)
    store = open_store(sys.argv[1])
    window = build_main_window(store)
    window.show()
    window.open_workshop(int(sys.argv[2]))
    app.processEvents()
    assert window.shared_screen is not None and window.shared_screen.isVisible(), "the shared screen is not shown"
    assert window.shared_screen.screen() is not window.screen(), "the shared screen is not on the second screen"
    round_id = open_a_vote(window)
    app.processEvents()
    assert window.phone_voting.start("127.0.0.1", 0), "phone voting did not start"
    server = window.phone_voting.server
    gui_profile, server_profile = cProfile.Profile(), cProfile.Profile()
    if profile_dir is not None:
        gui_profile.enable()
        server._loop.call_soon_threadsafe(server_profile.enable)  # noqa: SLF001 - the bench profiles its thread
    facilitator = Facilitator(app, window, round_id)
    threading.Thread(target=read_commands, args=(facilitator,), daemon=True).start()
    print(server.address[1], round_id, flush=True)
    app.exec()
    print(f"cpu {time.process_time():.3f}", flush=True)  # the whole app's CPU time (both threads), load or not
    if profile_dir is not None:
        gui_profile.disable()
        write_profile(gui_profile, profile_dir / "gui_thread.txt")
        write_profile(server_profile, profile_dir / "server_thread.txt")
    store.close()


if __name__ == "__main__":
    main()
