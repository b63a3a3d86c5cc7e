"""Phone test fixtures: a real temporary store, a prepared room, and the phone server running on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.phone.room import Room, make_room
from workshop_app.core.changes import Voted
from workshop_app.store.database import Store, open_store
from workshop_app.phone.server import PhoneServer
from workshop_app.phone.service import PhoneService


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """Open a migrated store in a temporary file."""
    opened = open_store(tmp_path / "workshops.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def room(store: Store) -> Room:
    """A workshop with six voters, an observer, their codes and an open secret vote."""
    return make_room(store)


@pytest.fixture
def ballots_seen() -> list[Voted]:
    """Who the server reported as having voted, in which round."""
    return []


@pytest.fixture
def server(store: Store, room: Room, ballots_seen: list[Voted]) -> Iterator[PhoneServer]:
    """The phone server for the room's workshop, listening on 127.0.0.1 (any free port)."""
    running = PhoneServer(PhoneService(store, room.workshop_id, ballots_seen.append))
    running.start("127.0.0.1", 0)
    yield running
    running.stop()
