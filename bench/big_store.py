"""A store that has seen years of use: the example workshop saved 500 times, each complete, with its own title and date.

Built once per bench folder through the app's own save (rows, audit chain, kept plan) in memory, then copied to a
file; the list, command-line and memory figures all read the same file.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from workshop_app.core.changes import perform

WORKSHOPS = 500


def workshop_store(folder: Path, count: int = WORKSHOPS) -> Path:
    """Return the path of a store holding `count` complete workshops (built the first time it is asked for)."""
    path = folder / f"store-{count}.sqlite3"
    if path.exists():
        return path
    from bench.scaled import scaled_record
    from workshop_app.core.workshop_record import save_record
    from workshop_app.store.database import open_store

    store = open_store("sqlite://")
    first = dt.date(2020, 1, 6)
    for n in range(count):
        record = scaled_record(1)
        record.workshop.title = f"{record.workshop.title} ({n + 1})"
        record.workshop.date = first + dt.timedelta(days=3 * n)
        perform(store, save_record, record)
    temp = folder / f"store-{count}.building.sqlite3"
    store.backup(temp)
    store.close()
    shutil.move(temp, path)
    return path


def store_copy(folder: Path, name: str, count: int = WORKSHOPS) -> Path:
    """Return a fresh copy of the shared big store (for a run that may write to it, such as opening the app)."""
    copy = folder / name
    shutil.copyfile(workshop_store(folder, count), copy)
    return copy
