"""`WorkshopController.run` passes an operation its own arguments (positional and by name) after the store."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.core.fakes import FakeStore
from workshop_app.core.errors import WorkshopError
from workshop_app.core.ports import UnitOfWorkFactory
from workshop_app.ui.controller import WorkshopController


def _label(store: UnitOfWorkFactory, name: str, *, times: int = 1) -> str:
    if not name:
        raise WorkshopError("Type a name first.")
    return f"{type(store).__name__}:{name * times}"


def test_run_passes_arguments_by_position_and_by_name(qtbot: QtBot) -> None:
    controller = WorkshopController(FakeStore())
    done = controller.run(_label, "ab", times=2)
    assert done.ok and done.value == "FakeStore:abab"


def test_run_announces_the_sentence_of_a_refused_operation(qtbot: QtBot) -> None:
    controller = WorkshopController(FakeStore())
    with qtbot.waitSignal(controller.operation_failed) as said:
        done = controller.run(_label, "", times=3)
    assert not done.ok and said.args == ["Type a name first."]
