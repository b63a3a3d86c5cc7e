"""A child process: the real GUI, offscreen, rating in a loop until it is killed; it prints each acknowledged score."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from workshop_app.core.changes import read
from workshop_app.core import workshops  # noqa: E402
from workshop_app.store.database import open_store  # noqa: E402
from workshop_app.ui.app import build_main_window, make_application  # noqa: E402


def main(db: str) -> None:
    """Open the first workshop at its first assessment stage and rate until killed."""
    store = open_store(db)
    app = make_application(sys.argv)
    window = build_main_window(store)
    window.show()
    workshop = read(store, workshops.list_workshops)[0]
    window.controller.open_workshop(workshop.id or 0)
    room = window.room
    room.go_to(next(i for i, s in enumerate(room.stages) if s.kind == "assessment"))
    room.start_timer()
    principle = room.stage().principle or ""
    people = [p for p in window.controller.participants() if p.is_voting]
    print(f"stage {room.stage_index}", flush=True)
    n = 0
    while True:
        person = people[n % len(people)]
        if room.record_score(principle, person.group_id, n % 5 + 1, person.id):
            print(f"scored {person.id} {n % 5 + 1}", flush=True)
        n += 1
        app.processEvents()


if __name__ == "__main__":
    main(sys.argv[1])
