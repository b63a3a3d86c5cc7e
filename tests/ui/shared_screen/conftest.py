"""Fixtures for the shared screen: a charter workshop with people in four groups, and the room over it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from workshop_app.core.changes import perform, read
from workshop_app.core import roster, workshops
from workshop_app.core.model import Participant, Workshop
from workshop_app.core.ports import UnitOfWorkFactory
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.shared_screen.window import SharedScreen

PEOPLE = {
    "Council": ["Ana Brooks", "Tom Okafor"],
    "Provider": ["Bea Lund", "Karim Haddad"],
    "VCS": ["Cai Morgan", "Dewi Llŷr"],
    "Residents": ["Eli Hart", "Sue Bell"],
}


def make_workshop(uow_factory: UnitOfWorkFactory, date: dt.date = dt.date(2026, 3, 4), people: bool = True) -> Workshop:
    """Create a charter workshop with two present voters per group, an observer and an absent member."""
    workshop = perform(uow_factory, workshops.create_workshop, Workshop(
        f"Charter workshop {date.year}", "Northside Leisure Partnership", "Northside", date, "Sam Rivers", "charter")).value
    groups = {g.name: g.id for g in read(uow_factory, workshops.list_groups, workshop.id)}
    if people:
        for group, names in PEOPLE.items():
            for name in names:
                perform(uow_factory, roster.add_participant, Participant(workshop.id, name, groups[group], present=True))
        perform(uow_factory, roster.add_participant, Participant(workshop.id, "Olu Observer", groups["Council"],
                                                        is_voting=False, present=True))
        perform(uow_factory, roster.add_participant, Participant(workshop.id, "Abe Absent", groups["VCS"]))
    return workshop


@pytest.fixture
def room(store) -> RoomController:  # type: ignore[no-untyped-def]
    """Return the room controller over an open charter workshop."""
    workshop = make_workshop(store)
    controller = WorkshopController(store)
    room = RoomController(controller)
    controller.open_workshop(workshop.id or 0)
    return room


def show_shared(qtbot, room: RoomController, width: int, height: int) -> SharedScreen:  # type: ignore[no-untyped-def]
    """Show the room's shared screen as a normal window of the given size, drawn once."""
    screen = SharedScreen(room.controller, room, room.votes, room.actions)
    qtbot.addWidget(screen)
    screen.setGeometry(0, 0, width, height)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


@pytest.fixture
def shared(qtbot, room: RoomController) -> Iterator[SharedScreen]:  # type: ignore[no-untyped-def]
    """Return the shared screen at 1080p, shown as a normal window."""
    yield show_shared(qtbot, room, 1920, 1080)
    room._clock.stop()


def go_to_kind(room: RoomController, kind: str, principle: str | None = None) -> int:
    """Move the room to the first stage of a kind (and principle); return its index."""
    for index, stage in enumerate(room.stages):
        if stage.kind == kind and (principle is None or stage.principle == principle):
            room.go_to(index)
            return index
    raise AssertionError(f"the plan has no {kind} stage")


def example_vote(qtbot, store, example: str, size: tuple[int, int]) -> tuple[RoomController, SharedScreen]:  # type: ignore[no-untyped-def]
    """Open an example workshop (cli.demo_file name) on a shared screen of a size, with a named vote open on it."""
    from workshop_app import cli

    workshop_id = cli.demo_workshop(store, cli.demo_file(example), at_review=False)
    room = RoomController(WorkshopController(store))
    room.controller.open_workshop(workshop_id)
    screen = show_shared(qtbot, room, *size)
    go_to_kind(room, "commitments")
    assert room.votes.create_proposal(room.stage().principle or "", "We will share one risk register.")
    assert room.votes.open_vote(room.votes.proposals()[-1].id or 0, False)
    return room, screen
