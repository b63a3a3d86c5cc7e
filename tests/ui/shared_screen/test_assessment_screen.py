"""Rating on the shared screen by taps and by keys; no individual score shows before the reveal; results."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from workshop_app.core.changes import perform, read
from workshop_app.core import assessment
from workshop_app.core.model import Assessment
from workshop_app.ui.shared_screen.assessment_view import AssessmentView
from workshop_app.ui.shared_screen.results_view import ResultsView
from workshop_app.ui.shared_screen.window import SharedScreen
from tests.ui.shared_screen.conftest import PEOPLE, go_to_kind, make_workshop


def scores(shared: SharedScreen) -> dict[str, int]:
    """Return each person's stored score for the current principle, by name."""
    names = {p.id: p.name for p in shared.room.controller.participants()}
    with shared.room.controller.uow_factory() as uow:
        rows = uow.repo(Assessment).list(workshop_id=shared.room.controller.workshop_id)
    return {names[a.participant_id]: a.score for a in assessment.latest_scores(rows)
            if a.principle == shared.room.stage().principle and a.participant_id is not None}


def results_on_screen(qtbot, room) -> ResultsView:  # type: ignore[no-untyped-def]
    """Show the room's first rating stage with its results revealed on a new shared screen; return the view."""
    screen = SharedScreen(room.controller, room, room.votes, room.actions)
    qtbot.addWidget(screen)
    go_to_kind(room, "assessment")
    room.show_results(True)
    results = screen.current_view()
    assert isinstance(results, ResultsView)
    return results


def view_of(shared: SharedScreen) -> AssessmentView:
    view = shared.current_view()
    assert isinstance(view, AssessmentView)
    return view


def tile(view: AssessmentView, name: str) -> QAbstractButton:
    return next(t for t in view.tiles.values() if t.accessibleName().startswith(name + ","))


def test_tiles_are_the_present_voters_grouped_by_group(shared: SharedScreen) -> None:
    go_to_kind(shared.room, "assessment")
    view = view_of(shared)
    names = sorted(t.accessibleName() for t in view.tiles.values())
    assert names == sorted(f"{n}, {g}, not rated yet" for g, people in PEOPLE.items() for n in people)
    assert view.progress.text() == "0 of 8 have rated"
    assert not any(p.isEnabled() for p in view.scale.points)
    assert view.scale.points[3].accessibleName() == "Score 4 of 5: mostly collaborative"
    assert view.scale.points[0].accessibleName() == "Score 1 of 5: fully territorial"


def test_a_person_rates_by_taps(qtbot, shared: SharedScreen) -> None:  # type: ignore[no-untyped-def]
    go_to_kind(shared.room, "assessment")
    view = view_of(shared)
    qtbot.mouseClick(tile(view, "Bea Lund"), Qt.MouseButton.LeftButton)
    assert view.instruction.text().startswith("Bea Lund: tap a point")
    qtbot.mouseClick(view.scale.points[3], Qt.MouseButton.LeftButton)
    assert scores(shared) == {"Bea Lund": 4}
    assert view.selected is None and not view.scale.points[3].isEnabled()
    assert tile(view, "Bea Lund").accessibleName() == "Bea Lund, Provider, rated"
    assert tile(view, "Bea Lund").text() == "Bea Lund" and tile(view, "Bea Lund").mark == "✓"
    assert view.progress.text() == "1 of 8 have rated"


def test_people_rate_by_keys_and_can_cancel(qtbot, shared: SharedScreen) -> None:  # type: ignore[no-untyped-def]
    go_to_kind(shared.room, "assessment")
    view = view_of(shared)
    tiles = list(view.tiles.values())
    shared.activateWindow()
    tiles[0].setFocus()
    qtbot.keyClick(tiles[0], Qt.Key.Key_Right)
    assert tiles[1].hasFocus()
    qtbot.keyClick(tiles[1], Qt.Key.Key_Return)
    second = tiles[1].accessibleName().split(",")[0]
    assert view.instruction.text().startswith(second)
    qtbot.keyClick(view.scale.points[2], Qt.Key.Key_2)
    assert scores(shared) == {second: 2}
    assert tiles[2].hasFocus()  # ready for the next person at once
    qtbot.keyClick(tiles[2], Qt.Key.Key_Space)
    qtbot.keyClick(view.scale.points[2], Qt.Key.Key_Escape)
    assert view.selected is None and tiles[2].hasFocus() and shared.isVisible()
    qtbot.keyClick(tiles[2], Qt.Key.Key_Enter)
    focused = view.scale.points[2]
    assert focused.hasFocus()
    qtbot.keyClick(focused, Qt.Key.Key_Right)
    qtbot.keyClick(view.scale.points[3], Qt.Key.Key_Return)
    third = tiles[2].accessibleName().split(",")[0]
    assert scores(shared) == {second: 2, third: 4}


def visible_words(widget: QWidget) -> list[str]:
    """Return every text, tooltip and accessible name or description a person or screen reader could meet."""
    found: list[str] = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisibleTo(widget) and child is not widget:
            continue
        text = child.text() if isinstance(child, (QLabel, QAbstractButton)) else ""
        found += [text, child.toolTip(), child.accessibleName(), child.accessibleDescription()]
    return [words for words in found if words]


def test_no_individual_score_is_visible_before_the_reveal(qtbot, shared: SharedScreen) -> None:  # type: ignore[no-untyped-def]
    room = shared.room
    go_to_kind(room, "assessment")
    view = view_of(shared)
    for name, score in (("Ana Brooks", 5), ("Karim Haddad", 1), ("Dewi Llŷr", 3)):
        qtbot.mouseClick(tile(view, name), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(view.scale.points[score - 1], Qt.MouseButton.LeftButton)
    people = [n for names in PEOPLE.values() for n in names]
    about_people = [w for w in visible_words(shared) if any(n in w for n in people)]
    assert len(about_people) >= 8
    assert not [w for w in about_people if re.search(r"[0-9]", w)]
    assert not shared.views["results"].isVisible()
    assert "3 of 8 have rated" in visible_words(shared)

    room.show_results(True)
    results = shared.current_view()
    assert isinstance(results, ResultsView) and results.isVisible()
    # The callout names the biggest difference on the principle on screen, in plain words (no "spread").
    assert results.callout.text() == "Talk about this: on Collaborative, Council (5.0) and Provider (1.0) are far apart."
    texts = [w for w in visible_words(results) if w.startswith("average")]
    assert "average 5.0 from 1 score" in texts
    assert not [w for w in visible_words(results) if "spread" in w]
    room.show_results(False)
    assert shared.current_view() is view and not results.isVisible()


def test_results_show_the_change_since_the_last_workshop(store, qtbot) -> None:  # type: ignore[no-untyped-def]
    from workshop_app.ui.controller import WorkshopController
    from workshop_app.ui.room_controller import RoomController

    before = make_workshop(store, dt.date(2025, 3, 4), people=False)
    council = next(g for g in store_groups(store, before.id))
    perform(store, assessment.record_score, before.id, "collaborative", council.id, 2)
    now = make_workshop(store)
    council_now = next(g for g in store_groups(store, now.id))
    perform(store, assessment.record_score, now.id, "collaborative", council_now.id, 4)
    room = RoomController(WorkshopController(store))
    room.controller.open_workshop(now.id)
    results = results_on_screen(qtbot, room)
    words = [lab.text() for lab in results.findChildren(QLabel)]
    assert "average 4.0 from 1 score\nup 2.0 since last time (2.0 → 4.0)" in words
    assert results.since.text() == "Last time: Charter workshop 2025, 4 March 2025."
    assert results.radar.series_names() == ["Council", "Provider", "VCS", "Residents"]
    room._clock.stop()


def store_groups(store, workshop_id):  # type: ignore[no-untyped-def]
    from workshop_app.core.workshops import list_groups
    return read(store, list_groups, workshop_id)



def test_eight_groups_get_a_table_of_averages_instead_of_a_tangled_radar(store, qtbot) -> None:  # type: ignore[no-untyped-def]
    from workshop_app.ui.controller import WorkshopController
    from workshop_app.ui.room_controller import RoomController
    from workshop_app.ui.shared_screen.results_view import MeansTable
    from tests.ui.rooms import make_room

    workshop = make_room(store, 16, 8, long=False)
    room = RoomController(WorkshopController(store))
    room.controller.open_workshop(workshop.id or 0)
    for index, person in enumerate(p for p in room.controller.participants() if p.is_voting):
        room.record_score("collaborative", person.group_id, 1 + index % 8 // 2, person.id)
    results = results_on_screen(qtbot, room)
    assert results.chart.currentWidget() is results.table and isinstance(results.table, MeansTable)
    cells = {lab.accessibleName() for lab in results.table.findChildren(QLabel) if lab.accessibleName()}
    assert "Council, Collaborative: average 1.0" in cells and "Youth council, Collaborative: no scores" not in cells
    assert "Housing association, Collaborative: average 4.0" in cells
    assert results.callout.text() == "Talk about this: on Collaborative, Unions (4.0) and Council (1.0) are far apart."
    room._clock.stop()
