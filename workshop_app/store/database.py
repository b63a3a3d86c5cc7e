"""Opening the workshop store: checks before any write, migrations with a backup first, and the Store."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Dialect, Engine, create_engine, event, exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import sessionmaker

from workshop_app import files, paths
from workshop_app.core.errors import StoreError
from workshop_app.store import backups, guards, migrate, sqlite_file
from workshop_app.store.errors import is_disk_full, translated
from workshop_app.store.unit_of_work import SqlUnitOfWork


READ_ONLY = "workshop_read_only"
"""The execution option that marks a reading unit of work's connections (no write lock at BEGIN)."""
SUPPORTED_BACKENDS = ("sqlite", "postgresql")
"""The databases the app can keep workshops in."""


class Store:
    """An open workshop store: one engine, handing out units of work (so it is a UnitOfWorkFactory)."""

    def __init__(self, engine: Engine, path: Path | None) -> None:
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False, autoflush=True)
        self._readers = sessionmaker(engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False)
        self.path = path
        """The SQLite file, or None for a server database or an in-memory one."""
        self.url: str = engine.url.render_as_string(hide_password=True)
        """The SQLAlchemy URL in use, without its password."""

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    @property
    def name(self) -> str:
        """Return how the store is named in messages: its file, or its URL."""
        return str(self.path) if self.path is not None else self.url

    def unit_of_work(self) -> SqlUnitOfWork:
        """Return a new unit of work (one transaction) on this store."""
        return SqlUnitOfWork(self._sessions, self.name)

    @property
    def dialect(self) -> Dialect:
        """Return the SQLAlchemy dialect of the database (for statements the store prepares itself)."""
        return self._engine.dialect

    def reader(self) -> SqlUnitOfWork:
        """Return a unit of work that only reads: it takes no write lock, so it never holds up a vote."""
        return SqlUnitOfWork(self._readers, self.name, read_only=True)

    def planned(self) -> Any:
        """Return a unit of work for adding a big new workshop: it holds the write lock only while committing.

        On SQLite only (a PostgreSQL server's id sequences must hand out the ids there): elsewhere a normal unit.
        """
        from workshop_app.store.planned import PlannedUnitOfWork

        if self._engine.dialect.name != "sqlite":
            return self.unit_of_work()
        return PlannedUnitOfWork(self)

    def __call__(self) -> SqlUnitOfWork:
        """Return a new unit of work, so a Store can be passed wherever a UnitOfWorkFactory is wanted."""
        return self.unit_of_work()

    def revision(self) -> str | None:
        """Return the schema revision the database is at."""
        with translated(self.name), self._engine.connect() as connection:
            return migrate.current_revision(connection)

    def backup(self, out: str | os.PathLike[str], force: bool = False) -> Path:
        """Write a consistent copy of a SQLite store to out (whole or not at all), safely while the app is using it.

        Never over the store, its journal files or any other SQLite file; over another existing file only with force.
        """
        if self._engine.dialect.name != "sqlite":
            raise StoreError(
                f"The store {self.url} is kept on a database server; use the server's own backup tools to copy it."
            )
        target = files.check_file(Path(out), force=force, protect=[p for p in (self.path,) if p is not None])
        raw = self._engine.raw_connection()
        try:
            source: Any = raw.driver_connection
            return files.write_file(target, lambda temp: sqlite_file.copy_database(source, temp))
        except sqlite3.Error as error:
            if is_disk_full(error):
                raise files.not_written(target, OSError(errno.ENOSPC, "disk full")) from error
            raise StoreError(
                f"The backup could not be written to {target} ({error}); choose a folder you can write to."
            ) from error
        finally:
            raw.close()

    def database_problems(self) -> list[str]:
        """Return what the database itself finds wrong: a damaged file (SQLite's quick_check), removed log guards."""
        reader = self._engine.execution_options(**{READ_ONLY: True})  # checking takes no write lock
        with translated(self.name):
            damage = guards.quick_check(reader)
            missing = guards.missing_guards(reader)
        said = "; ".join(damage[:3])
        problems = [f"The store file is damaged (SQLite's quick_check says: {said})."] if damage else []
        if missing:
            problems.append(f"The audit log's guards were removed ({', '.join(missing)}), so its entries could have "
                            "been changed or deleted.")
        return problems

    def close(self) -> None:
        """Close every connection (on SQLite this also folds the -wal file back into the store)."""
        self._engine.dispose()


def open_store(target: str | os.PathLike[str] | None = None, create: bool = True) -> Store:
    """Open (creating or upgrading if needed) the store at a file path or SQLAlchemy URL; None is the default file.

    A SQLite file is checked read-only first; a file that cannot be used is refused with a StoreError
    and left exactly as it was. With create=False a missing file is refused too, and nothing is made.
    Before an existing file is migrated, a copy goes to paths.backups_dir() (once while it keeps failing).
    """
    url = _url_for(target)
    path = _sqlite_path(url)
    if path is not None and not create and not path.is_file():
        raise StoreError(f"There is no workshop store at {path}; check the name and folder given to --db.")
    state = sqlite_file.inspect_file(path) if path is not None else None
    if state is not None:
        _refuse_unusable(state)
    name = str(path) if path is not None else url.render_as_string(hide_password=True)
    engine = _create_engine(url)
    taken: list[Path] = []
    try:
        with translated(name):
            _migrate(engine, state, name, taken)
    except BaseException:
        engine.dispose()
        if state is not None and taken:
            backups.remember_failed_migration(state.path, state.revision, taken[0])
        raise
    return Store(engine, path)


def _url_for(target: str | os.PathLike[str] | None) -> URL:
    """Return the SQLAlchemy URL for a target: None, a file path, or a URL."""
    if target is None:
        target = paths.default_db_path()
    text = os.fspath(target)
    if "://" in text:
        try:
            url = make_url(text)
        except exc.ArgumentError as error:
            raise StoreError(f"{text} is not a database address; give a file path or a SQLAlchemy URL.") from error
        if url.get_backend_name() not in SUPPORTED_BACKENDS:
            raise StoreError(f"The app cannot keep workshops in a {url.get_backend_name()} database; give a file "
                             "path, or an address starting sqlite:// or postgresql://.")
        return url
    return URL.create("sqlite", database=str(Path(text).expanduser().absolute()))


def _sqlite_path(url: URL) -> Path | None:
    """Return the file of a SQLite URL, or None for an in-memory or server database."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    if url.database.startswith("file:"):
        return None
    return Path(url.database).absolute()


def _refuse_unusable(state: sqlite_file.FileState) -> None:
    """Raise StoreError if the file belongs to another program or to a newer version of this app."""
    if not state.is_workshop_store:
        raise StoreError(
            f"{state.path} is a SQLite database but not a workshop store; choose another file."
        )
    unknown = state.revisions - migrate.known_revisions()
    if unknown or len(state.revisions) > 1:
        raise StoreError(
            f"{state.path} was written by a newer version of the app (schema {', '.join(sorted(state.revisions))}); "
            "install the newest version to open it."
        )


def _migrate(engine: Engine, state: sqlite_file.FileState | None, name: str, taken: list[Path]) -> None:
    """Upgrade the database to head, first copying an existing SQLite file into the backups folder (added to taken)."""
    head = migrate.head_revision()
    with engine.execution_options(**{READ_ONLY: True}).connect() as reader:  # no write lock when nothing to do
        current = migrate.current_revision(reader)
        reader.rollback()
    if current == head:
        return
    with engine.connect() as connection:
        current = migrate.current_revision(connection)
        connection.rollback()
        if current is not None and current not in migrate.known_revisions():
            raise StoreError(
                f"{name} was written by a newer version of the app (schema {current}); "
                "install the newest version to open it."
            )
        if state is not None and state.has_content:
            taken.append(backups.backup_before_migration(state.path, current, paths.backups_dir()))
        migrate.upgrade(connection)


def _create_engine(url: URL) -> Engine:
    """Return the one engine for this store; SQLite connections get WAL, FULL sync, foreign keys and a timeout."""
    try:
        engine = create_engine(url)
    except (exc.NoSuchModuleError, ImportError) as error:
        raise StoreError(f"The database driver for {url.drivername} is not installed; use sqlite:// or "
                         "postgresql:// (the app comes with their drivers).") from error
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "connect", _on_postgresql_connect)
        event.listen(engine, "begin", _on_postgresql_begin)
    return engine


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """Set the pragmas on every new SQLite connection and let SQLAlchemy control transactions."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {int(sqlite_file.BUSY_TIMEOUT_S * 1000)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _on_sqlite_begin(connection: Any) -> None:
    """Start each writing transaction holding the write lock, so a read-then-write unit never meets a stale read.

    A reading unit starts a plain (deferred) transaction: in WAL mode it sees one snapshot and blocks nobody.
    """
    read_only = connection.get_execution_options().get(READ_ONLY)
    connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


POSTGRESQL_WRITE_LOCK = 73052026
"""The advisory lock every PostgreSQL unit of work holds, so units run one at a time as on SQLite."""


def _on_postgresql_connect(dbapi_connection: Any, _record: Any) -> None:
    """Give up waiting for another program's lock after the same time as on SQLite."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"SET lock_timeout = {int(sqlite_file.BUSY_TIMEOUT_S * 1000)}")
    finally:
        cursor.close()
    dbapi_connection.commit()


def _on_postgresql_begin(connection: Any) -> None:
    """Hold the store's write lock for a writing transaction (PostgreSQL's stand-in for BEGIN IMMEDIATE)."""
    if connection.get_execution_options().get(READ_ONLY):
        connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        return
    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({POSTGRESQL_WRITE_LOCK})")
