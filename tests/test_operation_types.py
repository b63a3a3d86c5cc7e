"""The UI's operation boundary keeps each operation's types: mypy --strict checks it (`make types`), and nothing in
it silences mypy or turns an operation's arguments into Any."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OPERATION_BOUNDARY = ("workshop_app/ui/controller.py", "workshop_app/ui/undoable_edits.py")


def test_the_operation_boundary_is_type_checked_and_erases_no_types() -> None:
    checked = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]["files"]
    for path in OPERATION_BOUNDARY:
        text = (ROOT / path).read_text(encoding="utf-8")
        assert path in checked, f"{path} is not in mypy's files"
        assert "type: ignore" not in text, f"{path} silences mypy"
        assert not re.search(r"\bAny\b", text), f"{path} erases types with Any"


def test_no_signal_carries_an_untyped_object() -> None:
    untyped = [f"{path.relative_to(ROOT)}:{number}" for path in (ROOT / "workshop_app").rglob("*.py")
               for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
               if "Signal(object)" in line]
    assert untyped == []  # PySide6 takes the record's own class (Signal(Voted)), so a listener knows what it gets
