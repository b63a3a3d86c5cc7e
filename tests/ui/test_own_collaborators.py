"""A view talks only to its own collaborators: none reaches through the room to its controller, votes or actions."""

from __future__ import annotations

import ast
from pathlib import Path

import workshop_app.ui

COMPOSITION_ROOT = "main_window.py"
"""The one module that hands each view the objects it talks to."""
ROOMS = {"room", "_room"}
REACHED = {"controller", "votes", "actions"}


def reaches_through(source: str) -> list[int]:
    """Return the lines that use `room.controller`, `room.votes` or `room.actions` (also as `self.room...`)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Attribute) or node.attr not in REACHED:
            continue
        owner = node.value
        name = owner.attr if isinstance(owner, ast.Attribute) else owner.id if isinstance(owner, ast.Name) else ""
        if name in ROOMS:
            found.append(node.lineno)
    return found


def test_no_view_reaches_through_the_room() -> None:
    package = Path(workshop_app.ui.__file__).parent
    found = [f"{path.relative_to(package)}:{line}"
             for path in sorted(package.rglob("*.py")) if path.relative_to(package).as_posix() != COMPOSITION_ROOT
             for line in reaches_through(path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_check_finds_each_way_of_reaching_through() -> None:
    assert reaches_through("room.controller.groups()") == [1]
    assert reaches_through("x = self.room.votes.on_show(None)") == [1]
    assert reaches_through("self._room.controller.change_participants(f, 1)") == [1]
    assert reaches_through("panel = ActionsPanel(room.actions)") == [1]
    assert reaches_through("self.controller.groups()\nroom.stage()\nvotes.cast(1, 2)") == []
