"""One table (ui/stage_kinds.py) says, for every stage kind, its words, its console controls and its projector view."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from workshop_app.core.plans import STAGE_KINDS, StageKind, plan_by_key
from workshop_app.ui.facilitator.stage_panel import StagePanel
from workshop_app.ui.room_controller import RoomController
from workshop_app.ui.shared_screen.window import SharedScreen
from workshop_app.ui.stage_kinds import STAGE_SCREENS, kind_words


def test_every_stage_kind_has_one_row_and_plans_read_kinds_as_the_enum() -> None:
    assert set(STAGE_SCREENS) == set(StageKind) and STAGE_KINDS == tuple(kind.value for kind in StageKind)
    assert all(isinstance(stage.kind, StageKind) for stage in plan_by_key("charter").stages)
    assert kind_words("assessment") == "Where are we now?"


def test_each_row_names_real_console_controls_and_real_shared_screen_views(qtbot: QtBot, room: RoomController,
                                                                          shared: SharedScreen) -> None:
    panel = StagePanel(room.controller, room, room.votes, room.actions)
    qtbot.addWidget(panel)
    for kind, screens in STAGE_SCREENS.items():
        assert panel.controls.indexOf(getattr(panel, screens.controls)) >= 0, kind
        assert {screens.view, screens.shown_view or screens.view} <= set(shared.views), kind


def test_the_console_shows_the_controls_the_table_names_for_each_stage(qtbot: QtBot, room: RoomController) -> None:
    panel = StagePanel(room.controller, room, room.votes, room.actions)
    qtbot.addWidget(panel)
    for index, stage in enumerate(room.stages):
        room.go_to(index)
        assert panel.controls.currentWidget() is getattr(panel, STAGE_SCREENS[stage.kind].controls), stage.title
