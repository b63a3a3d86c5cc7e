"""Only an object emits its own signals: no window or controller emits a signal of another object."""

from __future__ import annotations

import re
from pathlib import Path

import workshop_app.ui

FOREIGN_EMIT = re.compile(r"(?<![\w.])(?!self\.\w+\.emit\b)[A-Za-z_]\w*(?:\.\w+)+\.emit\b")
"""`x.signal.emit` or `self.other.signal.emit`; `self.signal.emit` (its own) is fine."""


def test_no_ui_module_emits_another_objects_signal() -> None:
    package = Path(workshop_app.ui.__file__).parent
    found = [f"{path.relative_to(package)}:{number}: {line.strip()}"
             for path in sorted(package.rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if FOREIGN_EMIT.search(line)]
    assert found == []


def test_the_pattern_tells_own_signals_from_anothers() -> None:
    assert FOREIGN_EMIT.search("        self.controller.workshop_changed.emit(workshop)")
    assert FOREIGN_EMIT.search("        controller.operation_failed.emit(sentence)")
    assert not FOREIGN_EMIT.search("        self.vote_closed.emit(round_id)")
    assert not FOREIGN_EMIT.search("        PhoneService(store, wid, self._phone_ballot.emit)")
