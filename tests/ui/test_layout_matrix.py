"""Both screens in real rooms: 1-60 voters in 1-10 groups, short or 40-character names, on a 1920x1080 or 1280x720
projector beside a 1366x768 or 1280x800 laptop. Every view of the shared screen and every stage panel of the console
is shown, and every visible label and button is checked (see layout_check.py); a failure names the view, the
room and the widget.

It stays quick enough for every `make test`: each room's day (ratings, votes in every state, notes, actions) is
written in one transaction and reused by both screen sizes; the two windows are built once per screen size and never
resized; they are laid out without being painted (nothing in the checks needs pixels), and nothing waits on a clock.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication

from workshop_app.core import voting
from workshop_app.core.changes import Changes, perform
from workshop_app.core.model import Choice, require_id
from workshop_app.store.database import Store, open_store
from workshop_app.ui.app import build_main_window, load_fonts_and_style
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.main_window import MainWindow
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.shared_screen.voting_view import VotingView
from workshop_app.ui.shared_screen.window import SharedScreen
from tests.ui.layout_check import problems
from tests.ui.rooms import CLOSED, DRAFTED, HALF_RATED, RATED, TO_OPEN, Room, cast_some, make_full_room, \
    one_transaction

SHOTS = os.environ.get("LAYOUT_SHOTS", "")
"""LAYOUT_SHOTS=folder keeps a picture of both windows at every step, to look at."""
VOTERS = (1, 8, 20, 40, 60)
GROUPS = (1, 4, 8, 10)
NAMES = ("short", "long")
SCREENS = {"1920x1080": (QSize(1920, 1080), QSize(1366, 768)), "1280x720": (QSize(1280, 720), QSize(1280, 800))}
"""Each projector size with the laptop it is checked beside."""
SETTLE_PASSES = 8
"""A wrapped label's new height climbs one parent layout per pass of the event loop."""


@dataclass
class Rig:
    """The console and its shared screen at one pair of screen sizes, reused for every room."""

    store: Store
    rooms: dict[tuple[int, int, str], Room]
    controller: WorkshopController
    room: RoomController
    window: MainWindow
    projector: QSize
    laptop: QSize
    shared: SharedScreen | None = None
    round_ids: list[int] = field(default_factory=list)

    def open(self, voters: int, groups: int, names: str) -> Room:
        """Open a room (its day is written the first time any screen size asks for it)."""
        key = (voters, groups, names)
        if key not in self.rooms:
            self.rooms[key] = make_full_room(self.store, voters, groups, names == "long")
        self.controller.open_workshop(self.rooms[key].workshop_id)
        if self.shared is None:  # the console makes its shared screen when the first workshop opens
            self.shared = self.window.shared_screen
            assert self.shared is not None
            show_unpainted(self.shared, self.projector)
        return self.rooms[key]

    def go(self, kind: str, principle: str | None = None) -> None:
        """Move the room to the first stage of a kind (and principle)."""
        self.room.go_to(next(i for i, s in enumerate(self.room.stages)
                             if s.kind == kind and (principle is None or s.principle == principle)))


def show_unpainted(widget: MainWindow | SharedScreen, size: QSize) -> None:
    """Show a window at a size, laid out as on screen but never painted (no platform window)."""
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    widget.setGeometry(0, 0, size.width(), size.height())
    widget.show()


@pytest.fixture(scope="module")
def styled(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Use the app's own fonts and stylesheet for the whole module."""
    style = qapp.styleSheet()
    load_fonts_and_style(qapp)
    yield
    qapp.setStyleSheet(style)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One store gathers every room, each written once and used by both screen sizes."""
    opened = open_store(tmp_path_factory.mktemp("matrix") / "rooms.sqlite3")
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def rooms() -> dict[tuple[int, int, str], Room]:
    """The rooms written so far, by (voters, groups, names)."""
    return {}


@pytest.fixture(scope="module", params=list(SCREENS))
def rig(request: pytest.FixtureRequest, styled: None, store: Store,
        rooms: dict[tuple[int, int, str], Room]) -> Iterator[Rig]:
    """Build the console (and so its shared screen) once for a pair of screen sizes."""
    projector, laptop = SCREENS[request.param]
    window = build_main_window(store)
    controller, room = window.controller, window.room
    show_unpainted(window, laptop)
    built = Rig(store, rooms, controller, room, window, projector, laptop)
    yield built
    room._clock.stop()
    if built.shared is not None:
        built.shared.close()
    window.close()


def settle() -> None:
    """Let every pending layout and resize happen."""
    for _ in range(SETTLE_PASSES):
        QApplication.processEvents()


def open_half(rig: Rig, room: Room) -> None:
    """Open the vote under TO_OPEN and let a third of the room vote at once (as phones would), then show it."""
    with one_transaction(rig.store) as batch:
        opened = perform(batch, voting.open_vote_in_room, room.to_open, False).value
        cast_some(batch, require_id(opened), room.voters, every=3)
    round_id = require_id(opened)
    rig.round_ids.append(round_id)
    rig.controller.announce(Changes(rounds=frozenset({round_id}), ballots=frozenset({round_id})))
    rig.go("commitments", TO_OPEN)


def pick_someone(rig: Rig) -> None:
    """Walk up as the last person: find their group (when the room is paged), tap their name, tap Block."""
    assert rig.shared is not None
    view = rig.shared.current_view()
    assert isinstance(view, VotingView)
    last = list(view.tiles)[-1]
    if view.board.paged():
        view.board.finders[view.board.page_of(last)].click()
    view.tiles[last].click()
    view.choices.buttons[Choice.BLOCK].click()


def close_vote(rig: Rig) -> None:
    """Take the reason field away and close the vote opened by open_half (the next screen size opens another)."""
    assert rig.shared is not None
    view = rig.shared.current_view()
    assert isinstance(view, VotingView)
    view.choices.cancel_block()
    perform(rig.store, voting.close_vote, rig.round_ids.pop())


def steps(rig: Rig, room: Room) -> list[tuple[str, Callable[[], object]]]:
    """Return each view to check, with what brings the room to it."""
    return [
        ("welcome", lambda: rig.go("welcome")),
        ("parties", lambda: rig.go("parties")),
        ("overview", lambda: rig.go("overview")),
        ("framing", lambda: rig.go("framing", HALF_RATED)),
        ("routes", lambda: (rig.go("framing", RATED), rig.room.show_results(True))),
        ("rating", lambda: rig.go("assessment", HALF_RATED)),
        ("results", lambda: (rig.go("assessment", RATED), rig.room.show_results(True))),
        ("ideas", lambda: rig.go("ideas", RATED)),
        ("proposal drafted", lambda: rig.go("commitments", DRAFTED)),
        ("vote closed", lambda: rig.go("commitments", CLOSED)),
        ("vote revealed", lambda: rig.go("commitments", RATED)),
        ("break", lambda: rig.go("break")),
        ("actions", lambda: rig.go("actions")),
        ("charter review", lambda: rig.go("charter_review")),
        ("sign-off", lambda: rig.go("signoff")),
        ("close", lambda: rig.go("close")),
        ("voting", lambda: open_half(rig, room)),
        ("block reason", lambda: pick_someone(rig)),
    ]


@pytest.mark.parametrize("names", NAMES)
@pytest.mark.parametrize("groups", GROUPS)
@pytest.mark.parametrize("voters", VOTERS)
def test_every_view_fits_the_room(rig: Rig, voters: int, groups: int, names: str) -> None:
    room_words = (f"{voters} voters in {groups} groups, {names} names, projector {rig.projector.width()}x"
                  f"{rig.projector.height()}, laptop {rig.laptop.width()}x{rig.laptop.height()}")
    room = rig.open(voters, groups, names)
    assert rig.shared is not None
    failures = []
    try:
        for step, bring in steps(rig, room):
            bring()
            settle()
            view = f"{step} ({rig.shared.view_key()} view)"
            failures += [f"shared screen, {view}, {room_words}: {p}" for p in problems(rig.shared, rig.projector)]
            failures += [f"console, {step} stage, {room_words}: {p}" for p in problems(rig.window, rig.laptop)]
            if SHOTS:
                stem = f"{SHOTS}/{voters}-{groups}-{names}-{rig.projector.width()}-{step.replace(' ', '_')}"
                rig.shared.grab().save(f"{stem}-shared.png")
                rig.window.grab().save(f"{stem}-console.png")
    finally:
        if rig.round_ids:
            close_vote(rig)
    assert not failures, "\n".join(failures[:40])
