"""`WorkshopController.perform` runs an operation in one transaction with its own arguments (positional and by
name) after the unit of work, announces what it changed, and says a refusal in one sentence."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.core.fakes import FakeStore
from workshop_app.core.changes import Changed, Changes
from workshop_app.core.errors import WorkshopError
from workshop_app.core.ports import UnitOfWork
from workshop_app.ui.controller import WorkshopController


def _label(uow: UnitOfWork, name: str, *, times: int = 1) -> Changed[str]:
    if not name:
        raise WorkshopError("Type a name first.")
    return Changed(f"{type(uow).__name__}:{name * times}", Changes(roster=True))


def test_perform_passes_arguments_by_position_and_by_name_and_commits_once(qtbot: QtBot) -> None:
    store = FakeStore()
    controller = WorkshopController(store)
    with qtbot.waitSignal(controller.changed) as told:
        done = controller.perform(_label, "ab", times=2)
    assert done.ok and done.value is not None and done.value.value.endswith(":abab")
    assert told.args == [Changes(roster=True)] and store.commits == 1


def test_perform_announces_the_sentence_of_a_refused_operation_and_keeps_nothing(qtbot: QtBot) -> None:
    store = FakeStore()
    controller = WorkshopController(store)
    with qtbot.waitSignal(controller.operation_failed) as said, qtbot.assertNotEmitted(controller.changed):
        done = controller.perform(_label, "", times=3)
    assert not done.ok and done.value is None and said.args == ["Type a name first."] and store.commits == 0
