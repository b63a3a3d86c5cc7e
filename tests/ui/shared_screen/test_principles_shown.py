"""The report's content on the shared screen: routes and examples when a principle is framed, the big picture."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from workshop_app.core.about import load_about
from workshop_app.core.principles import case_study_for
from workshop_app.ui.shared_screen.window import SharedScreen
from tests.ui.shared_screen.conftest import go_to_kind


def shown(widget: QWidget, shared: SharedScreen) -> list[str]:
    """Return the text of every label a person can see in a view."""
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(shared) and label.text()]


def cut_off(widget: QWidget, shared: SharedScreen) -> list[str]:
    """Return the labels whose wrapped text needs more height than they got, or that end below the view."""
    bottom = widget.height()
    return [label.text()[:40] for label in widget.findChildren(QLabel) if label.isVisibleTo(shared) and label.text()
            and (label.height() < label.heightForWidth(label.width())
                 or label.mapTo(widget, label.rect().bottomLeft()).y() > bottom)]


def test_framing_turns_over_to_each_route_with_what_it_means(shared: SharedScreen) -> None:
    room = shared.room
    go_to_kind(room, "framing", "adaptable")
    assert shared.view_key() == "framing"
    room.show_results(True)
    assert shared.view_key() == "routes" and shared.body.currentWidget() is shared.current_view()
    words = shown(shared.current_view(), shared)
    assert "Ways to get there: Rigid → Adaptable" in words
    for route in room.principles["adaptable"].routes:
        assert route.name in words and route.description in words
    assert any("It is a trade-off" in text for text in words)
    room.next_stage()
    assert shared.view_key() == "assessment"  # the next stage starts on its own view


def test_framing_shows_this_workshops_example_and_what_else_it_shows(shared: SharedScreen) -> None:
    room = shared.room
    go_to_kind(room, "framing", "creative")
    view = shared.current_view()
    case = case_study_for(room.principles["creative"], room.workshop.id or 0)
    assert case is not None and case.also_relevant_to
    assert view.case_name.text() == case.name  # type: ignore[attr-defined]
    names = ", ".join(room.principles[key].name for key in case.also_relevant_to)
    assert view.case_also.text() == f"Also shows: {names}"  # type: ignore[attr-defined]
    assert view.case_also.isVisibleTo(shared)  # type: ignore[attr-defined]


def test_the_big_picture_sets_the_scene(shared: SharedScreen) -> None:
    go_to_kind(shared.room, "overview")
    assert shared.view_key() == "overview"
    words = "\n".join(shown(shared.current_view(), shared))
    overview = load_about().overview
    assert overview.heading in words and overview.not_enough in words
    assert all(shift in words for shift in overview.shifts)
    assert all(question in words for question in overview.context)


def test_framing_and_the_big_picture_fit_a_small_projector(shared: SharedScreen) -> None:
    shared.resize(1280, 720)
    framings = [("framing", key, shown_routes) for key in shared.room.principles for shown_routes in (False, True)]
    for kind, principle, routes in [("overview", None, False), *framings]:
        go_to_kind(shared.room, kind, principle)
        shared.room.show_results(routes)
        view = shared.current_view()
        view.layout().activate()  # type: ignore[union-attr]
        assert cut_off(view, shared) == [], (kind, principle)
