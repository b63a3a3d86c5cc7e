"""The example workshop at N times its size: proposals, their votes and actions repeated N times, with the audit
trail a real run leaves (one entry per ballot cast, after the record's own entries)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from workshop_app.core.changes import perform, read
from workshop_app.core import audit
from workshop_app.core.interchange_import import read_document
from workshop_app.core.model import AuditEntry, Participant, VoteRound, utc_now
from workshop_app.core.workshop_record import WorkshopRecord, read_record, save_record

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


def _cast_text(vote: VoteRound, voter: Participant | None) -> str:
    """Say that a ballot was cast, as the app's cast does (named: by whom), never what was chosen."""
    where = f"round {vote.round_no} of proposal {vote.proposal_id}"
    if vote.secret or voter is None:
        return f"A ballot was cast in {where}."
    return f"{voter.name} voted in {where}."


def ballot_entries(record: WorkshopRecord) -> list[AuditEntry]:
    """Return one chained `ballot_cast` entry per ballot of a stored record (with its row digest), after its head."""
    rounds = {r.id: r for r in record.rounds}
    people = {p.id: p for p in record.participants}
    entries, prev = [], record.audit_head
    for ballot in record.ballots:
        vote = rounds[ballot.round_id]
        text, at, digests = _cast_text(vote, people.get(ballot.participant_id)), utc_now(), audit.digests_text([ballot])
        digest = audit.entry_hash(prev, record.workshop.id, "ballot_cast", text, at, digests)
        entries.append(AuditEntry(workshop_id=record.workshop.id, kind="ballot_cast", text=text, prev_hash=prev,
                                  hash=digest, at=at, row_digests=digests))
        prev = digest
    return entries


def scaled_store(scale: int, target: str | Path = "sqlite://") -> tuple[Any, int]:
    """Return a store (in memory unless a file is given) holding the scaled example with its audit trail, and its id."""
    from workshop_app.store.database import open_store

    store = open_store(target)
    workshop_id = perform(store, save_record, scaled_record(scale)).value
    entries = ballot_entries(read(store, read_record, workshop_id))
    with store() as uow:
        for entry in entries:
            uow.add_audit(entry)
        uow.commit()
    return store, workshop_id

