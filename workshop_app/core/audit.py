"""The append-only audit log: each entry's hash covers the one before it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from workshop_app.core.model import AuditEntry, utc_now
from workshop_app.core.ports import UnitOfWork

GENESIS = "0" * 64


def iso_utc(at: dt.datetime) -> str:
    """Return a time as a fixed-format UTC string (a naive time is taken as UTC)."""
    if at.tzinfo is not None:
        at = at.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(prev_hash: str, workshop_id: int | None, kind: str, text: str, at: dt.datetime) -> str:
    """Return the SHA-256 of an entry's fields and the previous hash."""
    payload = json.dumps(
        [prev_hash, workshop_id, kind, text, iso_utc(at)], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append(uow: UnitOfWork, workshop_id: int | None, kind: str, text: str) -> AuditEntry:
    """Append an entry to the workshop's chain inside the caller's unit of work.

    The text must never hold a secret choice or an unrevealed tally.
    """
    last = uow.last_audit(workshop_id)
    prev = last.hash if last else GENESIS
    at = utc_now()
    entry = AuditEntry(
        workshop_id=workshop_id, kind=kind, text=text, prev_hash=prev,
        hash=entry_hash(prev, workshop_id, kind, text, at), at=at,
    )
    return uow.add_audit(entry)


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
        expected = entry_hash(entry.prev_hash, entry.workshop_id, entry.kind, entry.text, entry.at)
        if entry.hash != expected:
            return ChainCheck(False, prev, len(entries), entry.id, "has been altered since it was written")
        prev = entry.hash
    return ChainCheck(True, prev, len(entries))
