"""Issue 12's findings on tiles and results, each as the room would see them: a voted or rated tile differs from
the others by its mark and by at least 3:1 (never a near-white tint), its ✓ whole beside a 40-character name; the
call-out names the biggest gap of the principle on screen (not of the whole day), in plain words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from workshop_app.core import assessment
from workshop_app.core.changes import perform
from workshop_app.core.model import Choice, require_id
from workshop_app.ui.app import load_fonts_and_style
from workshop_app.ui.controller import WorkshopController
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.shared_screen import theme
from workshop_app.ui.shared_screen.assessment_view import AssessmentView
from workshop_app.ui.shared_screen.big_tile import DONE_MARK, BigTile
from workshop_app.ui.shared_screen.results_view import ResultsView
from workshop_app.ui.shared_screen.voting_view import VotingView
from workshop_app.ui.shared_screen.window import SharedScreen
from tests.ui.layout_check import tile_fits
from tests.ui.rooms import make_room
from tests.ui.shared_screen.conftest import go_to_kind, show_shared


@pytest.fixture
def long_names(qtbot, qapp, store) -> Iterator[SharedScreen]:  # type: ignore[no-untyped-def]
    """Four people with 40-character names in two groups, on a 1280x720 projector with the app's stylesheet."""
    style = qapp.styleSheet()
    load_fonts_and_style(qapp)
    workshop = make_room(store, 4, 2, long=True)
    room = RoomController(WorkshopController(store))
    room.controller.open_workshop(require_id(workshop))
    yield show_shared(qtbot, room, 1280, 720)
    room._clock.stop()
    qapp.setStyleSheet(style)


def commonest(image: QImage, rect: QRect) -> QColor:
    """Return the commonest colour in a rectangle of a picture (a tile's background)."""
    pixels = Counter(image.pixel(x, y) for x in range(rect.left(), rect.right(), 2)
                     for y in range(rect.top(), rect.bottom(), 2))
    return QColor.fromRgb(pixels.most_common(1)[0][0])


def inked(image: QImage, rect: QRect, ground: QColor) -> int:
    """Count the pixels of a rectangle that stand out from its ground by 3:1 or more (something painted there)."""
    return sum(1 for x in range(rect.left(), rect.right()) for y in range(rect.top(), rect.bottom())
               if theme.contrast_ratio(QColor.fromRgb(image.pixel(x, y)), ground) >= 3)


def mark_zone(tile: BigTile, screen: QWidget) -> QRect:
    """Return where a tile keeps its mark: left of its words, inside its border, in screen coordinates."""
    words = tile.text_rect()
    return QRect(tile.mapTo(screen, QPoint(words.left() - tile.zone_width(), words.top())),
                 QSize(tile.zone_width(), words.height()))


@pytest.mark.parametrize("kind", ["voting", "rating"])
def test_a_voted_or_rated_tile_has_its_mark_and_3_to_1_against_the_others(qtbot, long_names: SharedScreen,
                                                                           kind: str) -> None:  # type: ignore[no-untyped-def]
    room = long_names.room
    people = [p for p in room.controller.participants() if p.is_voting]
    done, waiting = people[0], people[1]
    if kind == "rating":
        go_to_kind(room, "assessment")
        assert room.record_score(room.stage().principle or "", done.group_id, 4, done.id)
    else:
        go_to_kind(room, "commitments")
        assert room.votes.create_proposal(room.stage().principle or "", "We will meet in the evening.")
        assert room.votes.open_vote(require_id(room.votes.proposals()[-1]), False)
        found = room.votes.open_round()
        assert found is not None and room.votes.cast(require_id(found[0]), require_id(done), Choice.AGREE)
    view = long_names.current_view()
    assert isinstance(view, VotingView if kind == "voting" else AssessmentView)
    QApplication.processEvents()
    image = long_names.grab().toImage()
    tiles = {pid: view.tiles[require_id(p)] for pid, p in (("done", done), ("waiting", waiting))}
    assert not view.board.paged() and all(t.isVisible() for t in tiles.values())
    grounds = {pid: commonest(image, QRect(t.mapTo(long_names, QPoint(0, 0)), t.size()).adjusted(6, 6, -6, -6))
               for pid, t in tiles.items()}
    assert theme.contrast_ratio(grounds["done"], grounds["waiting"]) >= 3  # not a near-white tint (was 1.1:1)
    assert tiles["done"].mark == DONE_MARK and tiles["waiting"].mark == ""
    assert inked(image, mark_zone(tiles["done"], long_names), grounds["done"]) >= 20  # the ✓ is painted, whole
    assert inked(image, mark_zone(tiles["waiting"], long_names), grounds["waiting"]) == 0
    assert len(done.name) == 40 and all(tile_fits(t) for t in tiles.values())  # the name beside it is whole too
    assert tiles["done"].accessibleName().endswith("has voted" if kind == "voting" else ", rated")


def test_the_callout_names_the_biggest_gap_of_the_principle_on_screen(qtbot, shared: SharedScreen) -> None:  # type: ignore[no-untyped-def]
    room = shared.room
    groups = {g.name: require_id(g) for g in room.controller.groups()}
    wid = room.controller.workshop_id
    for principle, council, provider in (("collaborative", 3, 2), ("creative", 5, 1)):
        perform(room.controller.uow_factory, assessment.record_score, wid, principle, groups["Council"], council)
        perform(room.controller.uow_factory, assessment.record_score, wid, principle, groups["Provider"], provider)
    go_to_kind(room, "assessment", "collaborative")
    room.show_results(True)
    results = shared.current_view()
    assert isinstance(results, ResultsView)
    # Creative has the day's biggest gap, but Collaborative is on screen: its own two groups are only one apart.
    assert results.callout.text() == "On Collaborative the groups are close: from 2.0 to 3.0."
    go_to_kind(room, "assessment", "creative")
    room.show_results(True)
    results = shared.current_view()
    assert isinstance(results, ResultsView)
    assert results.callout.text() == "Talk about this: on Creative, Council (5.0) and Provider (1.0) are far apart."
    words = [w.text() for w in results.findChildren(QWidget) if hasattr(w, "text") and isinstance(w.text(), str)]
    assert not [w for w in words if "spread" in w.lower() or "standard deviation" in w.lower()]


def test_group_results_say_how_far_apart_its_people_are_in_plain_words() -> None:
    from workshop_app.ui.widgets.assessment_results import stats_sentence

    close = assessment.score_stats([3, 4, 3])
    far = assessment.score_stats([1, 5, 2])
    assert stats_sentence(close) == "average 3.3 from 3 scores; its people are close (3 to 4)"
    assert stats_sentence(far) == "average 2.7 from 3 scores; its people are far apart (1 to 5)"
    assert "spread" not in stats_sentence(close) + stats_sentence(far)

