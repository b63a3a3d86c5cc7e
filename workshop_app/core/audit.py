"""The append-only audit log: each entry's hash covers the one before it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, fields
from enum import Enum

from workshop_app.core.errors import WorkshopError
from workshop_app.core.model import (
    LOCKED_STATUSES, Action, Amendment, Assessment, AuditEntry, Ballot, HandCount, Proposal, VoteRound, Workshop,
    WorkshopStatus, utc_now,
)
from workshop_app.core.ports import UnitOfWork

GENESIS = "0" * 64
# Entries a finished workshop may still take: moving it along its life, and the first entry of an imported copy.
LIFE_KINDS = frozenset({"workshop_status", "imported", "result_imported"})
LOCKED = "This workshop is finished, so its record is locked and nothing in it can change."


def iso_utc(at: dt.datetime) -> str:
    """Return a time as a fixed-format UTC string (a naive time is taken as UTC)."""
    if at.tzinfo is not None:
        at = at.astimezone(dt.UTC).replace(tzinfo=None)
    return at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


COVERED: dict[type, str] = {
    Workshop: "workshop", Proposal: "proposal", Amendment: "amendment", VoteRound: "vote_round",
    Ballot: "ballot", HandCount: "hand_count", Assessment: "assessment", Action: "action",
}
"""The record types whose rows each audit entry fingerprints, and their names in row_digests."""


def entry_hash(
    prev_hash: str, workshop_id: int | None, kind: str, text: str, at: dt.datetime, row_digests: str = ""
) -> str:
    """Return the SHA-256 of an entry's fields and the previous hash (entries without row digests hash as before)."""
    fields: list[object] = [prev_hash, workshop_id, kind, text, iso_utc(at)]
    if row_digests:
        fields.append(row_digests)
    payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _plain(value: object) -> object:
    """Return a field value as JSON can hold it, the same whether it came from memory or from the store."""
    if isinstance(value, dt.datetime):
        return iso_utc(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def row_digest(row: object) -> str:
    """Return the SHA-256 of one row's kind and every field, id included."""
    values = [COVERED[type(row)], *(_plain(getattr(row, f.name)) for f in fields(row)  # type: ignore[arg-type]
                                    if not (f.name == "salt" and not getattr(row, f.name)))]  # older ballots: none
    payload = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def digests_text(rows: Iterable[object]) -> str:
    """Return "kind:id:digest" for each fingerprinted row (other kinds are left out), joined by ";"."""
    return ";".join(f"{COVERED[type(r)]}:{getattr(r, 'id')}:{row_digest(r)}" for r in rows if type(r) in COVERED)


def parse_digests(text: str) -> list[tuple[str, int, str]]:
    """Return the (kind, id, digest) items of an entry's row_digests."""
    items = (item.split(":") for item in text.split(";") if item)
    return [(kind, int(row_id), digest) for kind, row_id, digest in items]


def append(uow: UnitOfWork, workshop_id: int | None, kind: str, text: str, rows: Iterable[object] = ()) -> AuditEntry:
    """Append an entry, with a digest of each row the operation wrote, to the workshop's chain (no commit).

    The text must never hold a secret choice or an unrevealed tally (a digest reveals nothing: it is one-way).
    Every change to a workshop writes an entry, so this is also where a finished workshop refuses changes.
    """
    if workshop_id is not None and kind not in LIFE_KINDS:
        workshop = uow.repo(Workshop).get(workshop_id)
        if workshop is not None:
            check_open(workshop.status)
    last = uow.last_audit(workshop_id)
    return append_after(uow, last.hash if last else None, workshop_id, kind, text, rows)


def check_open(status: WorkshopStatus) -> None:
    """Refuse a change to a finished workshop (its record is locked)."""
    if status in LOCKED_STATUSES:
        raise WorkshopError(LOCKED)


def append_after(uow: UnitOfWork, head: str | None, workshop_id: int | None, kind: str, text: str,
                 rows: Iterable[object] = ()) -> AuditEntry:
    """Append an entry after `head`, the hash of the chain's newest entry (None: the first), read by the caller in
    this same unit of work, which has checked the workshop is not finished (see `append`)."""
    return uow.add_audit(_chained(head, workshop_id, kind, [(text, rows)])[0])


def append_all_after(uow: UnitOfWork, head: str | None, workshop_id: int | None, kind: str,
                     items: list[tuple[str, Iterable[object]]]) -> list[AuditEntry]:
    """Append one entry per (text, rows), in order, after `head` (as `append_after`), with one INSERT for all."""
    return uow.add_audits(_chained(head, workshop_id, kind, items))


def _chained(head: str | None, workshop_id: int | None, kind: str,
             items: list[tuple[str, Iterable[object]]]) -> list[AuditEntry]:
    """Return new entries, one per (text, rows), each linked to the one before it and the first to `head`."""
    prev, entries = head or GENESIS, []
    for text, rows in items:
        at = utc_now()
        digests = digests_text(rows)
        entries.append(AuditEntry(
            workshop_id=workshop_id, kind=kind, text=text, prev_hash=prev,
            hash=entry_hash(prev, workshop_id, kind, text, at, digests), at=at, row_digests=digests,
        ))
        prev = entries[-1].hash
    return entries


@dataclass(frozen=True)
class ChainCheck:
    """The result of checking the chain: whole, or the first broken entry."""

    ok: bool
    head: str
    count: int
    broken_id: int | None = None
    problem: str = ""


def check_chain(entries: list[AuditEntry]) -> ChainCheck:
    """Check one workshop's entries' hashes and links, in order; report the first that fails."""
    prev = GENESIS
    for entry in entries:
        if entry.prev_hash != prev:
            return ChainCheck(False, prev, len(entries), entry.id, "does not link to the entry before it")
        expected = entry_hash(entry.prev_hash, entry.workshop_id, entry.kind, entry.text, entry.at, entry.row_digests)
        if entry.hash != expected:
            return ChainCheck(False, prev, len(entries), entry.id, "has been altered since it was written")
        prev = entry.hash
    return ChainCheck(True, prev, len(entries))
