"""Write a workshop to a JSON interchange file, and add a workshop from one to the store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workshop_app import files
from workshop_app.core import changes, interchange, workshop_life
from workshop_app.core.changes import Changed
from workshop_app.core.copies import copies_of
from workshop_app.core.errors import WorkshopError
from workshop_app.core.interchange_import import read_document
from workshop_app.core.model import Workshop
from workshop_app.core.ports import UnitOfWork, UnitOfWorkFactory
from workshop_app.core.workshop_record import WorkshopRecord, read_record, save_record


def workshop_document(uow_factory: UnitOfWorkFactory, workshop_id: int) -> dict[str, Any]:
    """Return the interchange document of one stored workshop."""
    return interchange.to_document(changes.read(uow_factory, read_record, workshop_id))


def export_json(uow_factory: UnitOfWorkFactory, workshop_id: int, out: Path) -> Path:
    """Write one workshop's complete record to a JSON file (whole or not at all) and return its path.

    Refused, with a sentence, while a vote is open or not revealed yet: its choices must not leave the app.
    """
    document = workshop_document(uow_factory, workshop_id)
    refuse_unrevealed(document)
    files.write_text(out, interchange.dumps(document))
    return out


def write_json(uow_factory: UnitOfWorkFactory, workshop_id: int, out: Path) -> int:
    """Write a private copy of one workshop, hidden votes sealed in; return how many votes are not revealed yet.

    Only for the facilitator's own copies (the backup taken before a workshop is deleted), never for export.
    """
    return changes.read(uow_factory, write_copy, workshop_id, out)


def write_copy(uow: UnitOfWork, workshop_id: int, out: Path) -> int:
    """Write a private copy of one workshop read in the caller's unit of work (see write_json); return how many
    votes are not revealed yet."""
    document = interchange.to_document(read_record(uow, workshop_id))
    files.write_text(out, interchange.dumps(document))
    return len(sealed_rounds(document))


def delete_keeping_a_copy(uow: UnitOfWork, workshop_id: int, out: Path) -> Changed[Workshop]:
    """Write a private copy of a workshop to `out`, then delete it, in one transaction: without the copy, it stays."""
    write_copy(uow, workshop_id, out)
    return workshop_life.delete(uow, workshop_id)


def sealed_rounds(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the document's vote rounds that are open or closed and not revealed yet."""
    return [r for r in document["vote_rounds"] if r["results"] == "sealed"]


def refuse_unrevealed(document: dict[str, Any]) -> None:
    """Raise a one-sentence error naming the first vote that is open or not revealed yet, if there is one."""
    sealed = sealed_rounds(document)
    if not sealed:
        return
    texts = {p["ref"]: p.get("text", "") for p in document.get("proposals", [])}
    text = texts.get(sealed[0]["proposal_ref"], "")
    short = text if len(text) <= 60 else text[:57].rstrip() + "…"
    state = "still open" if sealed[0]["closed_at"] is None else "closed but not revealed"
    raise WorkshopError(f"The vote on \"{short}\" is {state}, and its choices must not leave the app: close and "
                        "reveal it (or use `workshop-app backup` for a private copy of the whole store), "
                        "then export again.")


def import_json(uow_factory: UnitOfWorkFactory, source: Path, allow_duplicate: bool = False) -> int:
    """Check a JSON interchange file and add its workshop with new ids in one transaction; return the new id.

    A workshop already in the store (the file's source, or an earlier import of the same file) is
    refused with a sentence unless `allow_duplicate` says to add a second copy.
    """
    try:
        data = source.read_bytes()
    except OSError as error:
        raise WorkshopError(f"The file {source} could not be read ({error.strerror}); check its name and "
                            "try again.") from None
    return changes.perform(uow_factory, add_copy, read_document(data), allow_duplicate).value


def add_copy(uow: UnitOfWork, record: WorkshopRecord, allow_duplicate: bool = False) -> Changed[int]:
    """Add a read record's workshop with new ids, refusing one already in the store unless told to add a second
    copy (checked in the same transaction, so two imports of one file at once cannot both pass the check)."""
    same = [] if allow_duplicate else copies_of(uow, record.audit_head)
    if same:
        listed = ", ".join(f'{w.id} ("{" ".join(w.title.split())[:50]}")' for w in same[:3])
        if len(same) > 3:
            listed += f" and {len(same) - 3} more"
        raise WorkshopError(f"This file's workshop is already in the store as workshop {listed}, with the same "
                            "fingerprint; to add a second copy anyway, import it again with --allow-duplicate.")
    return save_record(uow, record)
