"""Killing the app mid-assessment loses no acknowledged score; a restart resumes at the same stage, timer paused."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from workshop_app.core.changes import perform, read
from workshop_app.core import roster, workshops
from workshop_app.core.model import Assessment, Participant, Workshop
from workshop_app.store.database import open_store
from workshop_app.ui.app import build_main_window

ROOT = Path(__file__).resolve().parents[2]


def _prepare(db: Path) -> int:
    store = open_store(db)
    workshop = perform(store, workshops.create_workshop,
        Workshop("Kill test", "Northside", "Northside", dt.date(2026, 3, 4), "Sam", "charter")).value
    for group in read(store, workshops.list_groups, workshop.id):
        for i in range(3):
            perform(store, roster.add_participant, Participant(workshop.id, f"{group.name} {i}", group.id, present=True))
    store.close()
    return workshop.id or 0


def _run_and_kill(db: Path, scores_before_kill: int) -> tuple[int, list[tuple[int, int]]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, str(ROOT / "tests/e2e/assess_child.py"), str(db)],
                             stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    stage = int(child.stdout.readline().split()[1])
    acknowledged: list[tuple[int, int]] = []
    while len(acknowledged) < scores_before_kill:
        _, person, score = child.stdout.readline().split()
        acknowledged.append((int(person), int(score)))
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    return stage, acknowledged


def test_sigkill_mid_assessment_then_resume(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "kill.sqlite3"
    workshop_id = _prepare(db)
    stage, acknowledged = _run_and_kill(db, 40)
    store = open_store(db)
    with store() as uow:
        stored = [(a.participant_id, a.score) for a in uow.repo(Assessment).list(workshop_id=workshop_id)]
    assert stored[: len(acknowledged)] == acknowledged
    window = build_main_window(store)
    qtbot.addWidget(window)
    window.controller.open_workshop(workshop_id)
    assert window.room.stage_index == stage and window.room.stage().kind == "assessment"
    assert not window.room.timer().running
    assert window.workshop_page.console.stage.title.text() == window.room.stage().title
    store.close()
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    raw.close()
