"""The store on a real PostgreSQL server: schema, append-only audit log, the CLI and GUI by URL, laptop to archive."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from tests.core.interchange_fixtures import EXAMPLE
from tests.store.conftest import add_everything
from tests.store.postgres_server import PostgresServer
from workshop_app import cli
from workshop_app.core import audit
from workshop_app.core import model as m
from workshop_app.export.json_export import workshop_document
from workshop_app.store import migrate, open_store
from workshop_app.store.tables import metadata

REPO = Path(__file__).resolve().parents[2]


def _raw(url: str) -> psycopg.Connection[Any]:
    """Connect to a test database with plain psycopg, outside the app."""
    return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)


def test_a_new_database_migrates_to_head_and_matches_the_tables(postgres_server: PostgresServer) -> None:
    url = postgres_server.new_database()
    store = open_store(url)
    assert store.revision() == migrate.head_revision()
    assert store.path is None and store.name == url
    store.close()
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()


def test_downgrade_to_base_and_back_up_again(postgres_server: PostgresServer) -> None:
    store = open_store(postgres_server.new_database())
    with store._engine.connect() as connection:  # noqa: SLF001 - driving Alembic directly
        connection.rollback()
        with connection.begin():
            command.downgrade(migrate.alembic_config(connection), "base")
        assert migrate.current_revision(connection) is None
        connection.rollback()
        migrate.upgrade(connection)
        assert migrate.current_revision(connection) == migrate.head_revision()
    store.close()


def test_postgresql_refuses_changing_or_deleting_audit_entries(postgres_server: PostgresServer) -> None:
    url = postgres_server.new_database()
    store = open_store(url)
    with store.unit_of_work() as uow:
        workshop = add_everything(uow)[0]
        audit.append(uow, workshop.id, "event", "vote closed: 5 agree")
        uow.commit()
    with _raw(url) as raw:
        for sql in ("UPDATE audit_entry SET text = 'changed'", "DELETE FROM audit_entry"):
            with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
                raw.execute(sql)
        raw.execute("DROP TRIGGER audit_entry_no_update ON audit_entry")
        raw.execute("UPDATE audit_entry SET text = 'vote closed: 9 agree'")
    with store.unit_of_work() as uow:
        assert not audit.check_chain(uow.audit_entries(workshop.id)).ok
    store.close()


def test_enums_are_stored_as_values_and_times_as_utc(postgres_server: PostgresServer) -> None:
    url = postgres_server.new_database()
    store = open_store(url)
    with store.unit_of_work() as uow:
        add_everything(uow)
        uow.commit()
    store.close()
    with _raw(url) as raw:
        row = raw.execute("SELECT decision_rule, status, created_at FROM workshop").fetchone()
    assert row is not None and row[:2] == ("two_thirds", "in_progress")
    assert row[2].tzinfo is None and (row[2].hour, row[2].minute) == (9, 1)


def test_cli_imports_and_lists_by_url(postgres_server: PostgresServer, capsys: pytest.CaptureFixture[str]) -> None:
    url = postgres_server.new_database()
    assert cli.main(["--db", url, "import", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out.strip() == "1"
    assert cli.main(["--db", url, "list"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and "Northside Leisure Partnership" in lines[0]


def test_a_workshop_exported_from_sqlite_imports_into_postgresql(
    postgres_server: PostgresServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop = tmp_path / "laptop.sqlite3"
    assert cli.main(["--db", str(laptop), "import", str(EXAMPLE)]) == 0
    exported = tmp_path / "from-laptop.json"
    assert cli.main(["--db", str(laptop), "export", "1", "--out", str(exported)]) == 0
    archive = postgres_server.new_database()
    assert cli.main(["--db", archive, "import", str(exported)]) == 0
    capsys.readouterr()
    documents = []
    for target in (str(laptop), archive):
        store = open_store(target)
        document = workshop_document(store, 1)
        with store() as uow:
            ballots = len(uow.repo(m.Ballot).list())
        store.close()
        for each_import_its_own in ("exported_at", "audit", "audit_head"):
            document.pop(each_import_its_own)
        for proposal in document["proposals"]:
            proposal.pop("audit_id")  # the proposal's id in its own store, which its audit entries name
        documents.append((json.dumps(document, sort_keys=True), ballots))
    assert documents[1][1] > 0
    assert documents[0] == documents[1]


def test_the_gui_opens_a_postgresql_store(postgres_server: PostgresServer, tmp_path: Path) -> None:
    url = postgres_server.new_database()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO),
           "WORKSHOP_APP_QUIT_AFTER_SHOWN": "1", "WORKSHOP_APP_DATA": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "workshop_app", "--db", url], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "window shown at" in done.stdout
    store = open_store(url)
    assert store.revision() == migrate.head_revision()
    store.close()
