"""The report's content in the console: routes explained where they are chosen, starters, focus stages, the source."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from workshop_app.core.changes import perform, read
from workshop_app.core import assessment, roster, workshops
from workshop_app.core.principles import principle_by_key
from workshop_app.core.model import Participant, Workshop
from workshop_app.ui.app import build_main_window
from workshop_app.ui.facilitator.about_dialog import AboutDialog
from workshop_app.ui.facilitator.proposal_dialog import ProposalDialog


def test_choosing_a_starter_sets_its_route_and_explains_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    principle = principle_by_key("adaptable")
    dialog = ProposalDialog(principle, [], None, amending=False)
    qtbot.addWidget(dialog)
    index = next(i for i, s in enumerate(principle.starters) if s.route == "contract_phases")
    dialog.starter.setCurrentIndex(index + 1)  # after "Write our own"
    dialog.starter.activated.emit(index + 1)
    draft = dialog.draft()
    assert draft.text == principle.starters[index].text and draft.route == "contract_phases"
    description = principle.route_by_key("contract_phases").description
    assert dialog.route_help.text() == description and "trade-off" in description
    for row in range(1, dialog.route.count()):
        route = principle.route_by_key(dialog.route.itemData(row))
        assert dialog.route.itemData(row, Qt.ItemDataRole.ToolTipRole) == route.description
    none = next(i for i, s in enumerate(principle.starters) if not s.route)
    dialog.starter.setCurrentIndex(none + 1)
    dialog.starter.activated.emit(none + 1)
    assert dialog.draft().route == ""  # a starter without a route clears the one chosen before


def test_where_this_comes_from_names_the_report(qtbot) -> None:  # type: ignore[no-untyped-def]
    from workshop_app.core.about import load_about

    dialog = AboutDialog(load_about())
    qtbot.addWidget(dialog)
    text = dialog.page.toPlainText()
    assert "Trinley Walker and Sarah Lawson" in text and "New Local Government Network (NLGN)" in text
    assert "October 2018" in text and "Territorial → Collaborative" in text
    assert "Do we have the skills to make it work in practice?" in text


def test_the_help_menu_opens_where_this_comes_from(qtbot, store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = build_main_window(store)
    qtbot.addWidget(window)
    shown: list[object] = []
    monkeypatch.setattr(AboutDialog, "show_for", classmethod(lambda cls, parent: shown.append(parent)))
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert "&Where this comes from…" in [a.text() for a in help_menu.actions()]
    window.about_action.trigger()
    assert shown == [window]


def test_a_short_workshop_goes_deep_where_the_groups_differ_most(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    workshop = perform(store, workshops.create_workshop,
        Workshop("Short", "Northside", "Northside", dt.date(2026, 3, 4), "Sam", "short")).value
    council, provider = read(store, workshops.list_groups, workshop.id)[:2]
    scores = {"collaborative": (3, 3), "creative": (2, 3), "adaptable": (3, 3), "accountable": (1, 5),
              "place_based": (2, 4)}
    for principle, (low, high) in scores.items():
        perform(store, assessment.record_score, workshop.id, principle, council.id, low)
        perform(store, assessment.record_score, workshop.id, principle, provider.id, high)
    perform(store, roster.add_participant, Participant(workshop.id, "Ana", council.id, present=True))
    window = build_main_window(store)
    qtbot.addWidget(window)
    window.controller.open_workshop(workshop.id)
    room = window.room
    focus = [(s.kind, s.principle) for s in room.stages if s.focus]
    assert focus == [("framing", "accountable"), ("commitments", "accountable"),
                     ("framing", "place_based"), ("commitments", "place_based")]
    room.go_to(next(i for i, s in enumerate(room.stages) if s.focus == 2 and s.kind == "framing"))
    assert room.principle() is not None and room.principle().key == "place_based"  # type: ignore[union-attr]
    console = window.workshop_page.console
    assert console.stage.shift.text().startswith("Place-based: ")
    assert not console.stage.show_routes.isHidden()
    assert console.agenda.progress.text().endswith("· 9 min spare")


def test_choosing_a_plan_shows_its_spare_time_or_its_warning(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from workshop_app.core.plans import load_plan, plan_by_key
    from workshop_app.ui.facilitator.new_workshop_dialog import NewWorkshopDialog

    tight = tmp_path / "tight.toml"
    tight.write_text('title = "Tight"\nsession_minutes = 20\n[[stages]]\nkind = "welcome"\ntitle = "Hi"\n'
                     'minutes = 20\n', encoding="utf-8")
    dialog = NewWorkshopDialog([plan_by_key("charter"), load_plan(tight)])
    qtbot.addWidget(dialog)
    assert dialog.plan.itemText(0) == "Partnership charter workshop (4 h)"
    assert dialog.plan_help.text() == "Its stages take 3 h 43 min, leaving 17 min spare."
    dialog.plan.setCurrentIndex(1)
    assert "leaving no spare time" in dialog.plan_help.text()
    assert dialog.plan.currentIndex() == 1  # a warning, not a refusal: the plan can still be chosen


def test_the_ideas_route_choice_explains_each_route(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    workshop = perform(store, workshops.create_workshop,
        Workshop("Ideas", "Northside", "Northside", dt.date(2026, 3, 4), "Sam", "charter")).value
    window = build_main_window(store)
    qtbot.addWidget(window)
    window.controller.open_workshop(workshop.id)
    room = window.room
    room.go_to(next(i for i, s in enumerate(room.stages) if s.kind == "ideas" and s.principle == "accountable"))
    combo = window.workshop_page.console.stage.notes.route
    tips = {combo.itemData(row): combo.itemData(row, Qt.ItemDataRole.ToolTipRole) for row in range(1, combo.count())}
    assert tips == {r.key: r.description for r in principle_by_key("accountable").routes}


def test_focus_stages_keep_their_principle_once_reached(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    workshop = perform(store, workshops.create_workshop,
        Workshop("Short", "Northside", "Northside", dt.date(2026, 3, 4), "Sam", "short")).value
    council, provider = read(store, workshops.list_groups, workshop.id)[:2]
    for principle, (low, high) in {"creative": (1, 5), "adaptable": (2, 3)}.items():
        perform(store, assessment.record_score, workshop.id, principle, council.id, low)
        perform(store, assessment.record_score, workshop.id, principle, provider.id, high)
    window = build_main_window(store)
    qtbot.addWidget(window)
    window.controller.open_workshop(workshop.id)
    room = window.room
    first = next(i for i, s in enumerate(room.stages) if s.focus == 1)
    room.go_to(first)
    assert room.stage().principle == "creative"
    perform(store, assessment.record_score, workshop.id, "creative", provider.id, 1)  # the groups now agree on creative
    room.go_to(first + 1)
    assert room.stage().principle == "creative"  # the room goes on with what it started
    room.go_to(first - 1)
    room.go_to(first)
    assert room.stage().principle == "adaptable"  # back before the focus: today's scores decide again
