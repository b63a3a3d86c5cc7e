"""Fixtures for GUI tests: a real store in a temporary file and a main window over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workshop_app.store.database import Store, open_store


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    """Return the path of a store file that does not exist yet."""
    return tmp_path / "workshops.sqlite3"


@pytest.fixture
def store(db_file: Path) -> Iterator[Store]:
    """Open a migrated store in a temporary file."""
    opened = open_store(db_file)
    yield opened
    opened.close()


@pytest.fixture
def replies(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Capture every error message box instead of showing it."""
    shown: list[str] = []
    monkeypatch.setattr("workshop_app.ui.errors.show_error", lambda parent, sentence: shown.append(sentence))
    monkeypatch.setattr("workshop_app.ui.errors.confirm", lambda parent, question, action: True)
    return shown
