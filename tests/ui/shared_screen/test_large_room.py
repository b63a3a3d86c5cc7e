"""The large example (60 people in 8 groups, long and non-Latin names) on a 1280x720 projector: every present
voter rates and votes by walking up and tapping (their group, their name, their choice: three taps at most),
and each is counted exactly once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from workshop_app import cli
from workshop_app.core.decisions import last_ballots
from workshop_app.core.model import Assessment, Ballot, Choice
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.shared_screen.assessment_view import AssessmentView
from workshop_app.ui.shared_screen.person_tiles import TileBoard
from workshop_app.ui.shared_screen.voting_view import VotingView
from workshop_app.ui.shared_screen.window import SharedScreen
from tests.ui.layout_check import problems
from tests.ui.shared_screen.conftest import show_shared

LARGE = "eastbank-wellbeing-large"


@pytest.fixture
def large(qtbot, store) -> Iterator[SharedScreen]:  # type: ignore[no-untyped-def]
    """The large example at its open rating, on a 1280x720 projector."""
    workshop_id = cli.demo_workshop(store, cli.demo_file(LARGE), at_review=False)
    controller = WorkshopController(store)
    room = RoomController(controller)
    controller.open_workshop(workshop_id)
    yield show_shared(qtbot, room, 1280, 720)
    room._clock.stop()


def walk_up(qtbot, board: TileBoard, pid: int, choice: QAbstractButton) -> int:  # type: ignore[no-untyped-def]
    """Tap as a person would: their group (when the finder shows), their name, their choice; return the taps."""
    taps = 0
    if board.page is None:
        qtbot.mouseClick(board.finders[board.page_of(pid)], Qt.MouseButton.LeftButton)
        taps += 1
    assert board.tiles[pid].isVisible(), "the person's name is not on show after tapping their group"
    for button in (board.tiles[pid], choice):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        taps += 1
    return taps


def test_sixty_people_rate_by_taps_and_each_counts_once(qtbot, large: SharedScreen) -> None:  # type: ignore[no-untyped-def]
    view = large.current_view()
    assert isinstance(view, AssessmentView) and view.board.paged()
    assert not problems(large, large.size())
    with large.room.controller.uow_factory() as uow:
        before = len(uow.repo(Assessment).list(workshop_id=large.room.controller.workshop_id))
    taps = {pid: walk_up(qtbot, view.board, pid, view.scale.points[pid % 5]) for pid in list(view.tiles)}
    assert len(taps) >= 55 and max(taps.values()) <= 3
    assert str(large.room.rating_progress("creative")) == f"{len(taps)} of {len(taps)}"
    with large.room.controller.uow_factory() as uow:
        rows = uow.repo(Assessment).list(workshop_id=large.room.controller.workshop_id)
    assert len(rows) == before + len(taps)  # one new score a tap-through, none lost or doubled
    latest = Counter(r.participant_id for r in rows if r.principle == "creative")
    assert set(latest) == set(taps)


def test_sixty_people_vote_by_taps_and_each_counts_once(qtbot, large: SharedScreen) -> None:  # type: ignore[no-untyped-def]
    room = large.room
    room.go_to(next(i for i, s in enumerate(room.stages) if s.kind == "commitments" and s.principle == "creative"))
    assert room.votes.create_proposal("creative", "We will try one new idea from residents every season.")
    assert room.votes.open_vote(room.votes.proposals("creative")[-1].id or 0, True)
    round_id = room.votes.open_round()[0].id or 0  # type: ignore[index]
    view = large.current_view()
    assert isinstance(view, VotingView) and view.board.paged()
    qtbot.wait(50)  # the header's new stage number is laid out
    assert not problems(large, large.size())
    choices = list(view.choices.buttons.values())[:3]
    taps = {pid: walk_up(qtbot, view.board, pid, choices[pid % 3]) for pid in list(view.tiles)}
    assert len(taps) >= 55 and max(taps.values()) <= 3
    assert view.progress.text() == f"{len(taps)} of {len(taps)} have voted"
    with room.controller.uow_factory() as uow:
        ballots = uow.repo(Ballot).list(round_id=round_id)
    assert Counter(b.participant_id for b in ballots) == Counter(set(taps))
    assert {pid: str(b.choice) for pid, b in last_ballots(ballots).items()} == {
        pid: (Choice.AGREE, Choice.ABSTAIN, Choice.DISAGREE)[pid % 3].value for pid in taps}
