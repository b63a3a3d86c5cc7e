"""Turning database failures into one sentence a person can act on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc

from workshop_app.core.errors import StoreError


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
    except exc.OperationalError as error:
        if is_locked(error):
            raise locked_error(store) from error
        raise StoreError(
            f"The workshop store {store} could not be used ({error.orig}); "
            "check that it exists, can be written and has space, then try again."
        ) from error
