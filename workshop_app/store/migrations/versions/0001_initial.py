"""The initial schema: every core record type, and an append-only audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-25

Times are stored as naive UTC (the store's UTCDateTime type adds the zone back); enums as their
string values. Triggers refuse UPDATE and DELETE on audit_entry (on SQLite and on PostgreSQL), so the
log stays append-only even against mistakes in the app; a test that tampers with the log must drop them first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AUDIT_TRIGGERS = {
    "audit_entry_no_update": "UPDATE",
    "audit_entry_no_delete": "DELETE",
}


def _id() -> sa.Column[Any]:
    """Return the integer primary key column."""
    return sa.Column("id", sa.Integer(), nullable=False)


def _text(name: str) -> sa.Column[Any]:
    """Return a required text column."""
    return sa.Column(name, sa.String(), nullable=False)


def _enum(name: str) -> sa.Column[Any]:
    """Return a required enum column holding the member's string value."""
    return sa.Column(name, sa.String(length=32), nullable=False)


def _int(name: str, nullable: bool = False) -> sa.Column[Any]:
    """Return an integer column."""
    return sa.Column(name, sa.Integer(), nullable=nullable)


def _when(name: str, nullable: bool = False) -> sa.Column[Any]:
    """Return a UTC datetime column."""
    return sa.Column(name, sa.DateTime(), nullable=nullable)


def _bool(name: str) -> sa.Column[Any]:
    """Return a required boolean column."""
    return sa.Column(name, sa.Boolean(), nullable=False)


def _date(name: str, nullable: bool = False) -> sa.Column[Any]:
    """Return a date column."""
    return sa.Column(name, sa.Date(), nullable=nullable)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    """Return a foreign key from table.column to target.id (no cascade: used rows cannot be deleted)."""
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"))


def _table(name: str, *items: sa.Column[Any] | sa.Constraint, fks: dict[str, str], indexed: Sequence[str]) -> None:
    """Create a table with an id key, its foreign keys, and single-column indexes."""
    constraints = [_fk(name, column, target) for column, target in fks.items()]
    op.create_table(name, _id(), *items, *constraints, sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")))
    for column in indexed:
        op.create_index(op.f(f"ix_{name}_{column}"), name, [column], unique=False)


def _unique(table: str, *columns: str) -> sa.UniqueConstraint:
    """Return a named unique constraint."""
    return sa.UniqueConstraint(*columns, name=op.f(f"uq_{table}_{'_'.join(columns)}"))


def upgrade() -> None:
    """Create every table, its keys and indexes, and the audit log's guards."""
    _table(
        "workshop", _text("title"), _text("partnership"), _text("place"), _date("date"),
        _text("facilitator"), _text("plan_key"), _enum("decision_rule"), _enum("status"),
        _text("purpose"), _text("scope"), _date("next_review", nullable=True), _when("created_at"),
        fks={}, indexed=(),
    )
    _table(
        "stakeholder_group", _int("workshop_id"), _text("name"), _text("colour"), _text("mark"),
        _int("position"), fks={"workshop_id": "workshop"}, indexed=("workshop_id",),
    )
    _table(
        "participant", _int("workshop_id"), _text("name"), _int("group_id"), _text("organisation"),
        _text("role"), _bool("is_voting"), _bool("present"),
        fks={"group_id": "stakeholder_group", "workshop_id": "workshop"},
        indexed=("group_id", "workshop_id"),
    )
    _table(
        "stage_progress", _int("workshop_id"), _int("stage_index"), _bool("timer_running"),
        sa.Column("elapsed_seconds", sa.Float(), nullable=False), _when("timer_started_at", nullable=True),
        _int("extra_minutes"), _when("updated_at"), _unique("stage_progress", "workshop_id"),
        fks={"workshop_id": "workshop"}, indexed=(),
    )
    _table(
        "assessment", _int("workshop_id"), _text("principle"), _int("group_id"), _int("score"),
        _int("participant_id", nullable=True), _when("created_at"),
        fks={"group_id": "stakeholder_group", "participant_id": "participant", "workshop_id": "workshop"},
        indexed=("group_id", "participant_id", "workshop_id"),
    )
    _table(
        "note", _int("workshop_id"), _int("stage_index"), _text("text"), _int("group_id", nullable=True),
        _text("route"), _when("created_at"),
        fks={"group_id": "stakeholder_group", "workshop_id": "workshop"}, indexed=("group_id", "workshop_id"),
    )
    _table(
        "proposal", _int("workshop_id"), _text("principle"), _text("text"), _text("route"),
        _int("party_group_id", nullable=True), _enum("status"), _when("created_at"),
        fks={"party_group_id": "stakeholder_group", "workshop_id": "workshop"},
        indexed=("party_group_id", "workshop_id"),
    )
    _table(
        "amendment", _int("proposal_id"), _text("old_text"), _text("new_text"), _text("author"),
        _when("created_at"), fks={"proposal_id": "proposal"}, indexed=("proposal_id",),
    )
    _table(
        "vote_round", _int("proposal_id"), _int("round_no"), _bool("secret"), _when("opened_at"),
        _when("closed_at", nullable=True), _when("revealed_at", nullable=True),
        _unique("vote_round", "proposal_id", "round_no"),
        fks={"proposal_id": "proposal"}, indexed=("proposal_id",),
    )
    _table(
        "ballot", _int("round_id"), _int("participant_id"), _enum("choice"), _text("reason"),
        _int("proxy_holder_id", nullable=True), _when("cast_at"),
        fks={"participant_id": "participant", "proxy_holder_id": "participant", "round_id": "vote_round"},
        indexed=("participant_id", "proxy_holder_id", "round_id"),
    )
    _table(
        "hand_count", _int("round_id"), _int("group_id"), _int("agree"), _int("abstain"), _int("disagree"),
        _int("block"), _text("block_reason"),
        fks={"group_id": "stakeholder_group", "round_id": "vote_round"}, indexed=("group_id", "round_id"),
    )
    _table(
        "action", _int("workshop_id"), _text("principle"), _text("what"), _enum("owner_kind"), _text("owner"),
        _date("due", nullable=True), _text("measure"), _enum("status"), _int("proposal_id", nullable=True),
        _when("created_at"),
        fks={"proposal_id": "proposal", "workshop_id": "workshop"}, indexed=("proposal_id", "workshop_id"),
    )
    _table(
        "charter_version", _int("workshop_id"), _int("version"), _enum("status"), _date("agreed_on", nullable=True),
        _text("changes"), _text("sections_json"), _when("created_at"),
        _unique("charter_version", "workshop_id", "version"),
        fks={"workshop_id": "workshop"}, indexed=("workshop_id",),
    )
    _table(
        "audit_entry", _int("workshop_id", nullable=True), _text("kind"), _text("text"), _text("prev_hash"),
        _text("hash"), _when("at"), fks={"workshop_id": "workshop"}, indexed=(),
    )
    op.create_index("ix_audit_entry_workshop_id_id", "audit_entry", ["workshop_id", "id"], unique=False)
    _create_audit_triggers()


def _create_audit_triggers() -> None:
    """Make the audit log refuse changes and deletions (SQLite and PostgreSQL)."""
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        _create_postgresql_audit_triggers()
    if dialect != "sqlite":
        return
    for name, event in AUDIT_TRIGGERS.items():
        op.execute(
            f"CREATE TRIGGER {name} BEFORE {event} ON audit_entry "
            "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END"
        )


def _create_postgresql_audit_triggers() -> None:
    """On PostgreSQL, one trigger function raises for UPDATE and DELETE on audit_entry."""
    op.execute(
        "CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'audit entries are append-only'; END $$"
    )
    for name, event in AUDIT_TRIGGERS.items():
        op.execute(
            f"CREATE TRIGGER {name} BEFORE {event} ON audit_entry "
            "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()"
        )


def downgrade() -> None:
    """Drop everything this revision created."""
    dialect = op.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        for name in AUDIT_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}" + (" ON audit_entry" if dialect == "postgresql" else ""))
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS audit_entry_append_only()")
    for table in (
        "audit_entry", "charter_version", "action", "hand_count", "ballot", "vote_round", "amendment",
        "proposal", "note", "assessment", "stage_progress", "participant", "stakeholder_group", "workshop",
    ):
        op.drop_table(table)
