"""Write a workshop to a JSON interchange file, and add a workshop from one to the store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workshop_app import files
from workshop_app.core import interchange
from workshop_app.core.copies import copies_of
from workshop_app.core.errors import WorkshopError
from workshop_app.core.interchange_import import read_document
from workshop_app.core.ports import UnitOfWorkFactory
from workshop_app.core.records import load_record, save_record


def workshop_document(uow_factory: UnitOfWorkFactory, workshop_id: int) -> dict[str, Any]:
    """Return the interchange document of one stored workshop."""
    return interchange.to_document(load_record(uow_factory, workshop_id))


def export_json(uow_factory: UnitOfWorkFactory, workshop_id: int, out: Path) -> Path:
    """Write one workshop's complete record to a JSON file (whole or not at all) and return its path."""
    write_json(uow_factory, workshop_id, out)
    return out


def write_json(uow_factory: UnitOfWorkFactory, workshop_id: int, out: Path) -> int:
    """Write one workshop's complete record to a JSON file; return how many of its votes are not revealed yet."""
    document = workshop_document(uow_factory, workshop_id)
    files.write_text(out, interchange.dumps(document))
    return sum(1 for r in document["vote_rounds"] if r["results"] == "sealed")


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
    record = read_document(data)
    same = [] if allow_duplicate else copies_of(uow_factory, record.audit_head)
    if same:
        listed = ", ".join(f'{w.id} ("{" ".join(w.title.split())[:50]}")' for w in same)
        raise WorkshopError(f"This file's workshop is already in the store as workshop {listed}, with the same "
                            "fingerprint; to add a second copy anyway, import it again with --allow-duplicate.")
    return save_record(uow_factory, record)
