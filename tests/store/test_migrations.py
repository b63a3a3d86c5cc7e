"""Migrations: empty to head matches the tables exactly, and older stores are backed up before upgrading."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, create_engine

from tests.store.revisions import store_at_revision
from workshop_app.core.changes import perform, read
from workshop_app import paths
from workshop_app.core import model as m
from workshop_app.core import roster, voting, workshops
from workshop_app.store import database, guards, migrate, open_store
from workshop_app.store.tables import metadata


def _diffs(path: Path, target: MetaData) -> list[object]:
    """Return Alembic's differences between the file's schema and target metadata."""
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, target))
    finally:
        engine.dispose()


def test_empty_file_migrates_to_head_and_matches_the_tables(db_path: Path) -> None:
    store = open_store(db_path)
    assert store.revision() == migrate.head_revision() == "0007"
    store.close()
    assert _diffs(db_path, metadata) == []


def test_the_comparison_would_notice_a_difference(db_path: Path) -> None:
    open_store(db_path).close()
    changed = MetaData(naming_convention=metadata.naming_convention)
    for table in metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["note"].append_column(Column("colour", Integer, nullable=True))
    assert len(_diffs(db_path, changed)) == 1


def test_downgrade_to_base_and_back_up_again(db_path: Path) -> None:
    store = open_store(db_path)
    with store._engine.connect() as connection:  # noqa: SLF001 - driving Alembic directly
        connection.rollback()
        config = migrate.alembic_config(connection)
        with connection.begin():
            command.downgrade(config, "base")
        assert migrate.current_revision(connection) is None
        connection.rollback()
        migrate.upgrade(connection)
        assert migrate.current_revision(connection) == migrate.head_revision()
    store.close()
    assert _diffs(db_path, metadata) == []


def _make_base_revision_store(path: Path) -> None:
    """Write a store as an app that had created alembic_version but not yet migrated would leave it."""
    with sqlite3.connect(path) as raw:
        raw.execute(
            "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
            "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
        )
    raw.close()


def test_older_store_is_backed_up_before_it_is_upgraded(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _make_base_revision_store(db_path)
    seen_at_upgrade: list[list[Path]] = []
    real_upgrade = migrate.upgrade

    def watching_upgrade(connection: object) -> None:
        seen_at_upgrade.append(sorted(paths.backups_dir().glob("*.sqlite3")))
        real_upgrade(connection)  # type: ignore[arg-type]

    monkeypatch.setattr(database.migrate, "upgrade", watching_upgrade)
    store = open_store(db_path)
    try:
        assert store.revision() == migrate.head_revision()
        with store() as uow:
            assert uow.repo(m.Workshop).list() == []
    finally:
        store.close()
    backups = sorted(paths.backups_dir().glob("*.sqlite3"))
    assert seen_at_upgrade == [backups] and len(backups) == 1
    assert backups[0].name.startswith("workshops-base-")
    with sqlite3.connect(backups[0]) as copy:
        tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    copy.close()
    assert tables == {"alembic_version"}
    assert _diffs(db_path, metadata) == []


def _backups() -> list[Path]:
    """Return the files in the backups folder (none if it does not exist)."""
    folder = paths.backups_dir()
    return sorted(folder.iterdir()) if folder.exists() else []


def test_new_stores_and_stores_at_head_are_not_backed_up(db_path: Path) -> None:
    open_store(db_path).close()
    assert _backups() == []
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (migrate.head_revision(),)
    raw.close()
    open_store(db_path).close()
    assert _backups() == []


def test_a_0001_store_with_data_is_upgraded_keeping_every_row(db_path: Path) -> None:
    """A store written by the first release gains the 0002 columns, after a backup, with its rows intact."""
    store_at_revision(db_path, "0001")
    with sqlite3.connect(db_path) as raw:
        raw.execute("INSERT INTO workshop (title, partnership, place, date, facilitator, plan_key, decision_rule,"
                    " status, purpose, scope, created_at) VALUES ('Old', 'P', 'X', '2025-01-02', 'F', 'charter',"
                    " 'majority', 'draft', '', '', '2025-01-02 10:00:00.000000')")
        raw.execute("INSERT INTO stage_progress (workshop_id, stage_index, timer_running, elapsed_seconds,"
                    " extra_minutes, updated_at) VALUES (1, 4, 0, 12.5, 0, '2025-01-02 10:00:00.000000')")
    raw.close()
    store = open_store(db_path)
    try:
        assert store.revision() == migrate.head_revision()
        with store() as uow:
            progress = uow.repo(m.StageProgress).list()[0]
            assert [w.title for w in uow.repo(m.Workshop).list()] == ["Old"]
        assert progress.stage_index == 4 and progress.results_shown is False
    finally:
        store.close()
    backups = sorted(paths.backups_dir().glob("workshops-0001-*.sqlite3"))
    assert len(backups) == 1
    assert _diffs(db_path, metadata) == []


def test_rounds_closed_before_0004_are_frozen_with_the_roster_and_rule_of_the_upgrade(db_path: Path) -> None:
    store = open_store(db_path)
    w = perform(store, workshops.create_workshop, m.Workshop("Old", "P", "Hall", dt.date(2026, 3, 4), "Sam",
                                                    "charter", decision_rule=m.DecisionRule.CONSENSUS)).value
    council, provider = (g.id or 0 for g in read(store, workshops.list_groups, w.id or 0)[:2])
    ana = perform(store, roster.add_participant, m.Participant(w.id or 0, "Ana", council, present=True)).value
    ben = perform(store, roster.add_participant, m.Participant(w.id or 0, "Ben", provider, present=True)).value
    perform(store, roster.add_participant, m.Participant(w.id or 0, "Cai", provider, is_voting=False, present=True))
    proposal = perform(store, voting.create_proposal, w.id or 0, "collaborative", "We will meet.").value
    vote = perform(store, voting.open_vote, proposal.id or 0, secret=False).value
    perform(store, voting.close_vote, vote.id or 0)
    with store._engine.connect() as connection:  # noqa: SLF001 - driving Alembic directly
        connection.rollback()
        with connection.begin():
            command.downgrade(migrate.alembic_config(connection), "0003")
        connection.rollback()
        migrate.upgrade(connection)
    with store() as uow:
        frozen = uow.repo(m.VoteRound).get(vote.id or 0)
    assert frozen is not None
    assert (frozen.voters, frozen.rule) == (((ana.id, council), (ben.id, provider)), m.DecisionRule.CONSENSUS)
    assert guards.missing_guards(store._engine) == []  # noqa: SLF001 - the downgrade kept the log's triggers
    store.close()
