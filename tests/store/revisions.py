"""Write a store as an older release left it: migrated to head, then taken back down to a revision."""

from __future__ import annotations

from pathlib import Path

from alembic import command

from workshop_app.store import migrate, open_store


def store_at_revision(db_path: Path, revision: str) -> None:
    """Create a store file at db_path whose schema stops at `revision`."""
    store = open_store(db_path)
    with store._engine.connect() as connection:  # noqa: SLF001 - driving Alembic directly
        connection.rollback()
        with connection.begin():
            command.downgrade(migrate.alembic_config(connection), revision)
    store.close()
