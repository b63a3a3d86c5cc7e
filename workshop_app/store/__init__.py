"""The workshop store: SQLModel tables, Alembic migrations and a SQL unit of work behind core's ports.

The names below load SQLAlchemy when first used, not when the package is imported, so `store.quick_list` (stdlib
sqlite3 only) can answer `list` and the start page before the ORM has loaded.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workshop_app.store.database import Store, open_store
    from workshop_app.store.unit_of_work import SqlRepository, SqlUnitOfWork

__all__ = ["SqlRepository", "SqlUnitOfWork", "Store", "open_store"]
_HOMES = {"Store": "database", "open_store": "database", "SqlRepository": "unit_of_work",
          "SqlUnitOfWork": "unit_of_work"}


def __getattr__(name: str) -> Any:
    """Import a public name's module the first time the name is asked for."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
