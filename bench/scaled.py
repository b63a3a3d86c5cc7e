"""The example workshop at N times its size: proposals, their votes and actions repeated N times, in memory."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from workshop_app.core.interchange_import import read_document
from workshop_app.core.records import WorkshopRecord, save_record

EXAMPLE = Path(__file__).resolve().parents[1] / "sessions" / "examples" / "northside-leisure.json"
STEP = 1_000_000


def _shifted(item: Any, k: int, **links: int | None) -> Any:
    """Return a copy of a record item with its id (and the given links) moved into block k."""
    moved = copy.copy(item)
    moved.id = item.id + k * STEP if item.id is not None else None
    for name in links:
        value = getattr(item, name)
        setattr(moved, name, value + k * STEP if value is not None else None)
    return moved


def scaled_record(scale: int) -> WorkshopRecord:
    """Return the example's record with every proposal (its amendments, rounds, ballots, hand counts, actions) x scale."""
    record = read_document(EXAMPLE.read_bytes())
    base = (list(record.proposals), list(record.amendments), list(record.rounds), list(record.ballots),
            list(record.hand_counts), list(record.actions))
    for k in range(1, scale):
        proposals, amendments, rounds, ballots, hands, actions = base
        record.proposals += [_shifted(p, k) for p in proposals]
        record.amendments += [_shifted(a, k, proposal_id=0) for a in amendments]
        record.rounds += [_shifted(r, k, proposal_id=0) for r in rounds]
        record.ballots += [_shifted(b, k, round_id=0) for b in ballots]
        record.hand_counts += [_shifted(h, k, round_id=0) for h in hands]
        record.actions += [_shifted(a, k, proposal_id=0) for a in actions]
    return record


def scaled_store(scale: int) -> tuple[Any, int]:
    """Return an in-memory SQLite store holding the scaled example, and its workshop id."""
    from workshop_app.store.database import open_store

    store = open_store("sqlite://")
    return store, save_record(store, scaled_record(scale))
