"""Alembic set up in code: where the migrations live, which revisions we know, and upgrading."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """Return an Alembic config for the packaged migrations, bound to a connection if given."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def script_directory() -> ScriptDirectory:
    """Return the packaged migration scripts."""
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """Return the newest revision this version of the app knows."""
    head = script_directory().get_current_head()
    if head is None:
        raise RuntimeError("The packaged migrations have no head revision.")
    return head


def known_revisions() -> set[str]:
    """Return every revision this version of the app knows."""
    return {script.revision for script in script_directory().walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    """Return the revision a database is at, or None if it has none."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection) -> None:
    """Bring the database on this connection to the head revision, in one transaction.

    On SQLite, foreign keys are switched off while tables may be rebuilt, checked afterwards,
    and switched back on.
    """
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        _pragma(connection, "foreign_keys=OFF")
    try:
        with connection.begin():
            command.upgrade(alembic_config(connection), "head")
            if sqlite and connection.execute(text("PRAGMA foreign_key_check")).first() is not None:
                raise RuntimeError("A migration left records pointing at missing records.")
    finally:
        if sqlite:
            _pragma(connection, "foreign_keys=ON")


def _pragma(connection: Connection, setting: str) -> None:
    """Set a SQLite pragma outside any transaction (some pragmas do nothing inside one)."""
    if connection.in_transaction():
        connection.rollback()
    connection.connection.driver_connection.execute(f"PRAGMA {setting}")  # type: ignore[union-attr]
