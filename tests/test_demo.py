"""`workshop-app demo`: the example is imported once, put at its charter review stage, and opened in the window."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from workshop_app.core.changes import perform, read
from workshop_app import cli
from workshop_app.core import stage_progress
from workshop_app.core.errors import WorkshopError
from workshop_app.core.plans import plan_by_key
from workshop_app.core.workshops import list_workshops
from workshop_app.store.database import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
TITLE = "Northside Leisure Partnership: charter workshop (a fictional example)"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "demo.sqlite3")
    yield opened
    opened.close()


def demo(db: Path, data: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m workshop_app demo --db DB` with a private data folder."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WORKSHOP_APP_DATA": str(data), **extra}
    return subprocess.run([sys.executable, "-m", "workshop_app", "demo", "--db", str(db)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)


def test_the_example_is_imported_once_and_put_at_charter_review(store: Store) -> None:
    first = cli.demo_workshop(store, cli.demo_file())
    stages = plan_by_key("charter").stages
    review = next(i for i, s in enumerate(stages) if s.kind == "charter_review")
    perform(store, stage_progress.go_to_stage, first, 2, len(stages), stages[2].title)
    again = cli.demo_workshop(store, cli.demo_file())
    assert again == first
    assert [w.title for w in read(store, list_workshops)] == [TITLE]
    assert perform(store, stage_progress.resume, first).value.stage_index == review


def test_a_missing_example_gives_a_sentence(store: Store, tmp_path: Path) -> None:
    with pytest.raises(WorkshopError, match="reinstall the app"):
        cli.demo_workshop(store, tmp_path / "gone.json")
    assert read(store, list_workshops) == []


def test_demo_opens_the_window_twice_with_one_import(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    for _ in range(2):
        done = demo(db, tmp_path / "data", QT_QPA_PLATFORM="offscreen", WORKSHOP_APP_QUIT_AFTER_MS="1500")
        assert done.returncode == 0, done.stderr
    listed = subprocess.run([sys.executable, "-m", "workshop_app", "list", "--db", str(db)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "WORKSHOP_APP_DATA": str(tmp_path / "data")},
                            capture_output=True, text=True, timeout=120)
    rows = listed.stdout.splitlines()
    assert len(rows) == 1 and rows[0].endswith(TITLE)


def test_demo_without_a_display_says_so_and_writes_nothing(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    db = tmp_path / "demo.sqlite3"
    done = subprocess.run([sys.executable, "-m", "workshop_app", "demo", "--db", str(db)], cwd=ROOT,
                          env={**env, "PYTHONPATH": str(ROOT), "WORKSHOP_APP_DATA": str(tmp_path / "data")},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stderr.strip() == cli.NO_DISPLAY and not db.exists()


LARGE = "eastbank-wellbeing-large"


def test_the_large_example_is_a_real_room_left_at_an_open_rating(store: Store) -> None:
    from workshop_app.core import roster, workshops
    from workshop_app.core.model import VoteRound
    from workshop_app.core.workshop_record import read_record

    workshop_id = cli.demo_workshop(store, cli.demo_file(LARGE), at_review=False)
    workshop = next(w for w in read(store, list_workshops) if w.id == workshop_id)
    assert "fictional" in workshop.title and "made-up" in workshop.place
    groups = read(store, workshops.list_groups, workshop_id)
    people = read(store, roster.list_participants, workshop_id)
    assert len(groups) == 8 and 55 <= len(people) <= 65
    assert len({p.group_id for p in people}) == 8
    names = " ".join(p.name for p in people)
    for letter in ("ŷ", "ł", "ş", "ı", "ع", "王", "高"):  # Welsh, Polish, Turkish, Arabic, Chinese, Japanese
        assert letter in names
    assert max(len(p.name) for p in people) >= 38
    stage = plan_by_key(workshop.plan_key).stages[perform(store, stage_progress.resume, workshop_id).value.stage_index]
    assert stage.kind == "assessment" and not perform(store, stage_progress.resume, workshop_id).value.results_shown
    with store() as uow:
        rounds = uow.repo(VoteRound).list()
    assert len(rounds) >= 3 and all(r.revealed_at is not None for r in rounds)
    assert read(store, read_record, workshop_id) is not None


def test_an_unknown_example_name_is_one_sentence_naming_the_examples() -> None:
    with pytest.raises(WorkshopError) as raised:
        cli.demo_file("nowhere")
    message = str(raised.value)
    assert "\n" not in message and LARGE in message and "northside-leisure" in message
    with pytest.raises(WorkshopError):
        cli.demo_file("../examples/northside-leisure")
