"""Write a workshop to a JSON interchange file, and add a workshop from one to the store."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from workshop_app.core import interchange
from workshop_app.core.errors import WorkshopError
from workshop_app.core.interchange_import import read_document
from workshop_app.core.ports import UnitOfWorkFactory
from workshop_app.core.records import load_record, save_record


def workshop_document(uow_factory: UnitOfWorkFactory, workshop_id: int) -> dict[str, Any]:
    """Return the interchange document of one stored workshop."""
    return interchange.to_document(load_record(uow_factory, workshop_id))


def write_text_atomically(out: Path, text: str, newline: str = "\n") -> None:
    """Write UTF-8 text to a file by way of a temporary file beside it, so a failure leaves no half file."""
    folder = out.parent if str(out.parent) else Path(".")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=folder)
    except OSError as error:
        raise WorkshopError(f"The file {out} could not be written ({error.strerror}); choose a folder you can "
                            "write to.") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline=newline) as stream:
            stream.write(text)
        os.replace(temp, out)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise WorkshopError(f"The file {out} could not be written ({error.strerror}); choose a folder you can "
                            "write to.") from None


def export_json(uow_factory: UnitOfWorkFactory, workshop_id: int, out: Path) -> Path:
    """Write one workshop's complete record to a JSON file and return its path."""
    write_json(uow_factory, workshop_id, out)
    return out


def write_json(uow_factory: UnitOfWorkFactory, workshop_id: int, out: Path) -> int:
    """Write one workshop's complete record to a JSON file; return how many of its votes are not revealed yet."""
    document = workshop_document(uow_factory, workshop_id)
    write_text_atomically(out, interchange.dumps(document))
    return sum(1 for r in document["vote_rounds"] if r["results"] == "sealed")


def import_json(uow_factory: UnitOfWorkFactory, source: Path) -> int:
    """Check a JSON interchange file and add its workshop with new ids in one transaction; return the new id."""
    try:
        data = source.read_bytes()
    except OSError as error:
        raise WorkshopError(f"The file {source} could not be read ({error.strerror}); check its name and "
                            "try again.") from None
    return save_record(uow_factory, read_document(data))
