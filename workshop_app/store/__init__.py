"""The workshop store: SQLModel tables, Alembic migrations and a SQL unit of work behind core's ports."""

from workshop_app.store.database import Store, open_store
from workshop_app.store.unit_of_work import SqlRepository, SqlUnitOfWork

__all__ = ["SqlRepository", "SqlUnitOfWork", "Store", "open_store"]
