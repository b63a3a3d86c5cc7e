"""Benchmark helpers that drive the real GUI offscreen: opening an example and a vote, and a whole workshop run."""

from __future__ import annotations

import os
import resource
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

EXAMPLE = ROOT / "sessions" / "examples" / "northside-leisure.json"


def open_example(db: Path, example: Path = EXAMPLE) -> tuple[Any, Any, Any]:
    """Import an example into a new store (everyone on its roster present) and open it in the facilitator window;
    return app, window, store."""
    from workshop_app.core import roster
    from workshop_app.core.changes import perform, read
    from workshop_app.export.json_export import import_json
    from workshop_app.store.database import open_store
    from workshop_app.ui.app import build_main_window, load_fonts_and_style, make_application

    store = open_store(db)
    workshop_id = import_json(store, example, allow_duplicate=True)
    if example != EXAMPLE:
        for person in read(store, roster.list_participants, workshop_id):
            if not person.present:
                perform(store, roster.set_present, person.id or 0, True)
    app = make_application([sys.argv[0]])
    load_fonts_and_style(app)
    window = build_main_window(store)
    window.show()
    window.controller.open_workshop(workshop_id)
    app.processEvents()
    return app, window, store


def open_a_vote(window: Any) -> int:
    """Go to the first commitments stage, draft a proposal and open a named vote; return its round id."""
    room = window.room
    room.go_to(next(i for i, s in enumerate(room.stages) if s.kind == "commitments"))
    principle = room.stage().principle or ""
    room.votes.create_proposal(principle, "We will publish every meeting's papers a week ahead.")
    proposal = room.votes.proposals(principle)[-1]
    assert room.votes.open_vote(proposal.id, False)
    opened = room.votes.open_round()
    assert opened is not None
    return int(opened[0].id)


def run_through(db: Path, out: Path) -> float:
    """Run the example workshop through: every stage on both screens, a vote, the charter; return peak RSS in MiB."""
    from workshop_app.core.model import Choice
    from workshop_app.export.charter_pdf import write_charter

    app, window, store = open_example(db)
    assert window.shared_screen is not None and window.shared_screen.isVisible(), "give Qt two screens"
    room = window.room
    for index in range(len(room.stages)):
        room.go_to(index)
        app.processEvents()
    round_id = open_a_vote(window)
    for person in [p.id for p in window.controller.participants() if p.is_voting]:
        room.votes.cast(round_id, person, Choice.AGREE)
        app.processEvents()
    room.votes.close(round_id)
    room.votes.reveal(round_id)
    app.processEvents()
    write_charter(store, window.controller.workshop_id, out)
    window.close()
    store.close()
    return peak_rss_mib()


def peak_rss_mib() -> float:
    """Return this process's peak resident memory in MiB.

    Linux's VmHWM belongs to this program alone; ru_maxrss also keeps the parent's peak when the parent
    started us with vfork (as subprocess does), which made the figure depend on what the bench ran before.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    print(f"peak_rss_mb {run_through(Path(sys.argv[1]), Path(sys.argv[2])):.1f}")
