"""The database's own checks for `verify`: SQLite's quick_check, and whether the audit log's triggers are in place."""

from __future__ import annotations

from sqlalchemy import Engine, text

AUDIT_GUARDS: dict[str, tuple[str, ...]] = {
    "sqlite": ("audit_entry_no_update", "audit_entry_no_delete", "audit_entry_no_replace"),
    "postgresql": ("audit_entry_no_update", "audit_entry_no_delete", "audit_entry_no_truncate"),
}
"""The triggers that keep audit_entry append-only, per database (migrations 0001 and 0004 create them)."""


def quick_check(engine: Engine) -> list[str]:
    """Return what SQLite's `PRAGMA quick_check` finds wrong with the file (nothing for a sound file or a server)."""
    if engine.dialect.name != "sqlite":
        return []
    with engine.connect() as connection:
        found = [str(row[0]) for row in connection.exec_driver_sql("PRAGMA quick_check")]
        connection.rollback()
    return [] if found == ["ok"] else found


def missing_guards(engine: Engine) -> list[str]:
    """Return the names of the audit log's triggers that are no longer in the database."""
    wanted = AUDIT_GUARDS.get(engine.dialect.name, ())
    if not wanted:
        return []
    query = (
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entry'"
        if engine.dialect.name == "sqlite"
        else "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_entry'::regclass AND NOT tgisinternal"
    )
    with engine.connect() as connection:
        present = {str(row[0]) for row in connection.execute(text(query))}
        connection.rollback()
    return [name for name in wanted if name not in present]
