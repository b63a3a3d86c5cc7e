"""Finding the workshops in a store that an interchange file already is: its source, or an earlier import of it."""

from __future__ import annotations

from workshop_app.core.audit import GENESIS
from workshop_app.core.model import Workshop
from workshop_app.core.ports import UnitOfWork


def copies_of(uow: UnitOfWork, source_head: str) -> list[Workshop]:
    """Return the workshops whose chain holds the file's fingerprint, or whose import started from it.

    A file's `audit_head` is the hash of its source chain's last entry when it was exported: the
    source workshop's chain still holds that entry (however much happened since), and a workshop
    imported from the file names that head in its first, "imported" entry.
    """
    if source_head == GENESIS:
        return []
    found = []
    for workshop in uow.repo(Workshop).list():
        entries = uow.audit_entries(workshop.id)
        imported = bool(entries) and entries[0].kind == "imported" and source_head in entries[0].text
        if imported or any(e.hash == source_head for e in entries):
            found.append(workshop)
    return found
