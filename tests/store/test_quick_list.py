"""The workshop list read with stdlib sqlite3: the same workshops as the ORM gives, or None to take the full way."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.store.revisions import store_at_revision
from workshop_app.core.changes import perform
from workshop_app.core import workshops
from workshop_app.core.model import DecisionRule, Workshop, WorkshopStatus
from workshop_app.core.workshop_list import listed
from workshop_app.store import migrate, open_store
from workshop_app.store.quick_list import head_revision, store_file, workshops_in_file

ROOT = Path(__file__).resolve().parents[2]


def _store_with_workshops(path: Path) -> list[Workshop]:
    """Make a store with three workshops (one deleted, one with a review date) and return them as the ORM reads them."""
    store = open_store(path)
    try:
        made = [perform(store, workshops.create_workshop, Workshop(
            title=f"Workshop {n} — Gwŷl ŵyl «{n}» 会议", partnership="Northside", place="Hall", date=dt.date(2026, 3, n),
            facilitator="Rhiannon", plan_key="charter", decision_rule=DecisionRule.MAJORITY,
            next_review=dt.date(2027, 1, 2) if n == 2 else None)).value for n in (1, 2, 3)]
        perform(store, workshops.set_status, made[0].id or 0, WorkshopStatus.DELETED)
        with store.reader() as uow:
            return uow.repo(Workshop).list()
    finally:
        store.close()


def test_the_list_read_from_the_file_equals_the_orm_list_field_by_field(db_path: Path) -> None:
    stored = _store_with_workshops(db_path)
    quick = workshops_in_file(db_path)
    assert quick == stored
    assert [w.title for w in listed(quick or [])] == ["Workshop 3 — Gwŷl ŵyl «3» 会议", "Workshop 2 — Gwŷl ŵyl «2» 会议"]


def test_the_head_is_read_from_the_migration_files_as_alembic_reads_it() -> None:
    assert head_revision() == migrate.head_revision()


def test_a_head_found_in_the_files_needs_one_unbroken_chain(tmp_path: Path) -> None:
    (tmp_path / "0001_a.py").write_text('revision: str = "0001"\ndown_revision: str | None = None\n')
    (tmp_path / "0002_b.py").write_text('revision = "0002"\ndown_revision = "0001"\n')
    assert head_revision(tmp_path) == "0002"
    (tmp_path / "0003_c.py").write_text('revision = "0003"\ndown_revision = "0001"\n')
    assert head_revision(tmp_path) is None  # two heads: let Alembic decide


def test_anything_but_a_store_at_the_head_takes_the_full_way(tmp_path: Path) -> None:
    older = tmp_path / "older.sqlite3"
    store_at_revision(older, "0005")
    notes = tmp_path / "notes.sqlite3"
    notes.write_bytes(b"my notes, not a database\n" * 40)
    before = notes.read_bytes()
    assert workshops_in_file(older) is None
    assert workshops_in_file(notes) is None and notes.read_bytes() == before
    assert workshops_in_file(tmp_path / "missing.sqlite3") is None
    assert workshops_in_file(None) is None
    assert not (tmp_path / "missing.sqlite3").exists()


def test_the_store_file_of_a_db_target() -> None:
    assert store_file("postgresql+psycopg://u@h/d") is None
    assert store_file("sqlite:///x.sqlite3") is None
    assert store_file("some/store.sqlite3") == Path("some/store.sqlite3").absolute()
    assert store_file(None) is not None and store_file(None).name == "workshops.sqlite3"  # type: ignore[union-attr]


LIST_AND_MODULES = """
import sys
from workshop_app.cli import main
code = main(["--db", sys.argv[1], "list"])
print("ORM loaded:", any(m.split(".")[0] in ("sqlalchemy", "sqlmodel", "alembic") for m in sys.modules))
sys.exit(code)
"""


def test_list_on_a_store_at_the_head_loads_no_orm_and_prints_what_the_orm_reads(db_path: Path) -> None:
    stored = _store_with_workshops(db_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", LIST_AND_MODULES, str(db_path)], env=env, capture_output=True,
                          text=True, timeout=60, check=True)
    lines = done.stdout.splitlines()
    assert lines[-1] == "ORM loaded: False"
    assert lines[:-1] == [f"{w.id}\t{w.date.isoformat()}\t{w.status}\t{w.title}" for w in stored]


@pytest.mark.slow
def test_list_on_an_older_store_still_migrates_it_the_full_way(tmp_path: Path) -> None:
    older = tmp_path / "older.sqlite3"
    store_at_revision(older, "0005")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WORKSHOP_APP_DATA": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", LIST_AND_MODULES, str(older)], env=env, capture_output=True,
                          text=True, timeout=60, check=True)
    assert done.stdout.splitlines()[-1] == "ORM loaded: True"
    assert workshops_in_file(older) == []  # now at the head, so the next list takes the quick way
