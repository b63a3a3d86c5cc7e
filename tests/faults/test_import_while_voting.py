"""A large command-line import in another process keeps every live vote's commit under a second."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.scaled import scaled_record
from tests.faults.room import ballots, prepare
from workshop_app.core.changes import perform, read
from workshop_app.core import voting
from workshop_app.core.errors import StoreError
from workshop_app.core.model import Choice
from workshop_app.core.workshop_record import read_record, save_record
from workshop_app.export.json_export import export_json
from workshop_app.store import open_store

ROOT = Path(__file__).resolve().parents[2]
SCALE = 12
"""The example at twelve times its size: 240 voters' worth of rounds, 3,360 ballots, about 4,000 rows."""


@pytest.fixture()
def big_file(tmp_path: Path) -> Path:
    """A large workshop file, exported from a store as people make them."""
    source = open_store(tmp_path / "source.sqlite3")
    try:
        return export_json(source, perform(source, save_record, scaled_record(SCALE)).value, tmp_path / "big.json")
    finally:
        source.close()


def test_votes_commit_within_a_second_while_a_large_import_runs(tmp_path: Path, big_file: Path) -> None:
    db = tmp_path / "live.sqlite3"
    store = open_store(db)
    room = prepare(store)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-m", "workshop_app", "--db", str(db), "import", str(big_file)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    times: list[float] = []
    refused: list[str] = []
    n = 0
    while child.poll() is None:
        started = time.perf_counter()
        try:
            perform(store, voting.cast, room.round_id, room.people[n % len(room.people)], Choice.AGREE)
        except StoreError as error:
            refused.append(str(error))
        times.append(time.perf_counter() - started)
        n += 1
        time.sleep(0.01)
    out, err = child.communicate()
    assert child.returncode == 0, err
    imported = read(store, read_record, int(out.strip()))
    store_ballots = ballots(store, room.round_id)
    store.close()
    assert len(imported.ballots) == 280 * SCALE
    assert refused == [] and len(times) >= 20
    assert max(times) < 1.0, f"slowest vote {max(times):.2f} s"
    assert len(store_ballots) == len(times)
