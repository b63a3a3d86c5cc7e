"""The roster's table model: each person shown with their group, searched by it, and ticked present by request."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from workshop_app.core.model import Participant, StakeholderGroup
from workshop_app.ui.models.participant_table_model import PRESENT, ParticipantFilterModel, ParticipantTableModel

GROUPS = [StakeholderGroup(1, "Council", "#0072B2", "circle", id=10),
          StakeholderGroup(1, "Residents", "#D55E00", "star", id=20)]


def _model() -> ParticipantTableModel:
    """Return a model over three people: one in each group and one whose group is gone."""
    model = ParticipantTableModel()
    model.set_data([Participant(1, "Ana Silva", 10, organisation="Town hall", id=1),
                    Participant(1, "Llŷr Evans", 20, ward="North", signs=True, id=2),
                    Participant(1, "Sam Lee", 99, present=True, id=3)], GROUPS)
    return model


def test_each_row_shows_its_own_group(qtbot: QtBot) -> None:
    model = _model()
    assert [model.data(model.index(r, 2)) for r in range(3)] == ["Council", "Residents", ""]
    assert isinstance(model.data(model.index(1, 2), Qt.ItemDataRole.DecorationRole), QIcon)
    assert model.data(model.index(2, 2), Qt.ItemDataRole.DecorationRole) is None
    assert model.data(model.index(1, 6)) == "Not named · signs"
    assert model.participant_at(1).name == "Llŷr Evans"


def test_search_finds_people_by_their_group(qtbot: QtBot) -> None:
    model = _model()
    proxy = ParticipantFilterModel()
    proxy.setSourceModel(model)
    proxy.set_query("resid")
    assert [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())] == ["Llŷr Evans"]
    proxy.set_query("town")
    assert [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())] == ["Ana Silva"]


def test_ticking_present_asks_and_changes_nothing(qtbot: QtBot) -> None:
    model = _model()
    asked: list[tuple[int, bool]] = []
    model.presence_toggled.connect(lambda pid, here: asked.append((pid, here)))
    assert model.setData(model.index(0, PRESENT), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert asked == [(1, True)]
    assert model.data(model.index(0, PRESENT), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.data(model.index(2, PRESENT), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
