"""Run in a subprocess on two simulated screens: open the shared screen and print where it landed as JSON."""

from __future__ import annotations

import json
import sys

from PySide6.QtWidgets import QApplication

from workshop_app.store.database import open_store
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.shared_screen.window import choose_screen, open_shared_screen
from tests.ui.shared_screen.conftest import go_to_kind, make_workshop


def main(db_path: str, preferred: str) -> None:
    """Open a workshop at its first framing stage and show the shared screen."""
    app = QApplication(sys.argv[:1])
    store = open_store(db_path)
    workshop = make_workshop(store)
    room = RoomController(WorkshopController(store))
    room.controller.open_workshop(workshop.id or 0)
    go_to_kind(room, "framing")
    shared = open_shared_screen(room.controller, room, room.votes, room.actions, app, preferred or None)
    app.processEvents()
    geometry = shared.geometry()
    print(json.dumps({
        "screens": [s.name() for s in app.screens()],
        "primary": app.primaryScreen().name(),
        "chosen": (choose_screen(app, preferred or None) or app.primaryScreen()).name(),
        "screen": shared.screen().name(),
        "geometry": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
        "visible": shared.isVisible(),
        "full_screen": shared.isFullScreen(),
        "title": shared.header.title.text(),
        "stage_title": room.stage().title,
        "body_px": shared.sizes.body,
    }))
    room._clock.stop()
    shared.close()
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "")
