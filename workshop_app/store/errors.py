"""Turning database failures into one sentence a person can act on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc

from workshop_app.core.errors import StoreError


SQLITE_CORRUPT, SQLITE_FULL, SQLITE_NOTADB = 11, 13, 26
"""SQLite's primary result codes for a damaged file, a full disk and a file that is not a database."""
POSTGRESQL_DISK_FULL = "53100"


def is_disk_full(error: BaseException) -> bool:
    """Return True if a database error (SQLite's or PostgreSQL's, raw or wrapped) says the disk is full."""
    raw = getattr(error, "orig", None) or error
    return _sqlite_code(raw) == SQLITE_FULL or getattr(raw, "sqlstate", None) == POSTGRESQL_DISK_FULL


def is_damaged(error: BaseException) -> bool:
    """Return True if a SQLite error (raw or wrapped) says the file is damaged or not a database."""
    return _sqlite_code(getattr(error, "orig", None) or error) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def _sqlite_code(error: BaseException) -> int | None:
    """Return SQLite's primary result code carried by an error, or None."""
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def disk_full_error(store: str) -> StoreError:
    """Return the error for a write refused because the disk is full (the store itself is fine)."""
    return StoreError(
        f"The disk is full, so nothing was saved to {store}; free some space and try again "
        "(the store is not damaged)."
    )


def is_locked(error: BaseException) -> bool:
    """Return True if a database error means another program holds the lock."""
    text = str(error).lower()
    return "database is locked" in text or "database table is locked" in text or "lock timeout" in text


def locked_error(store: str) -> StoreError:
    """Return the error for a store that another program holds locked."""
    return StoreError(
        f"The workshop store {store} is locked by another program; close other copies of the app and try again."
    )


@contextmanager
def translated(store: str, refused: str | None = None) -> Iterator[None]:
    """Re-raise database errors inside the block as StoreError sentences naming the store."""
    try:
        yield
    except exc.IntegrityError as error:
        raise StoreError(
            refused
            or f"The change was refused by {store} because it clashes with or refers to missing records; "
            "check the records involved and try again."
        ) from error
    except exc.DatabaseError as error:
        if is_locked(error):
            raise locked_error(store) from error
        if is_disk_full(error):
            raise disk_full_error(store) from error
        if is_damaged(error):
            raise StoreError(
                f"The workshop store {store} is damaged ({error.orig}); restore it from a backup or choose another file."
            ) from error
        if isinstance(error, exc.OperationalError):
            raise StoreError(
                f"The workshop store {store} could not be used ({error.orig}); "
                "check that it exists, can be written and has space, then try again."
            ) from error
        raise
