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

import sqlalchemy as sa
from alembic import op

from workshop_app.store.migration_columns import boolean, create_table, date, enum, integer, text, unique, when

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AUDIT_TRIGGERS = {
    "audit_entry_no_update": "UPDATE",
    "audit_entry_no_delete": "DELETE",
}


def upgrade() -> None:
    """Create every table, its keys and indexes, and the audit log's guards."""
    create_table(
        "workshop", text("title"), text("partnership"), text("place"), date("date"),
        text("facilitator"), text("plan_key"), enum("decision_rule"), enum("status"),
        text("purpose"), text("scope"), date("next_review", nullable=True), when("created_at"),
        fks={}, indexed=(),
    )
    create_table(
        "stakeholder_group", integer("workshop_id"), text("name"), text("colour"), text("mark"),
        integer("position"), fks={"workshop_id": "workshop"}, indexed=("workshop_id",),
    )
    create_table(
        "participant", integer("workshop_id"), text("name"), integer("group_id"), text("organisation"),
        text("role"), boolean("is_voting"), boolean("present"),
        fks={"group_id": "stakeholder_group", "workshop_id": "workshop"},
        indexed=("group_id", "workshop_id"),
    )
    create_table(
        "stage_progress", integer("workshop_id"), integer("stage_index"), boolean("timer_running"),
        sa.Column("elapsed_seconds", sa.Float(), nullable=False), when("timer_started_at", nullable=True),
        integer("extra_minutes"), when("updated_at"), unique("stage_progress", "workshop_id"),
        fks={"workshop_id": "workshop"}, indexed=(),
    )
    create_table(
        "assessment", integer("workshop_id"), text("principle"), integer("group_id"), integer("score"),
        integer("participant_id", nullable=True), when("created_at"),
        fks={"group_id": "stakeholder_group", "participant_id": "participant", "workshop_id": "workshop"},
        indexed=("group_id", "participant_id", "workshop_id"),
    )
    create_table(
        "note", integer("workshop_id"), integer("stage_index"), text("text"), integer("group_id", nullable=True),
        text("route"), when("created_at"),
        fks={"group_id": "stakeholder_group", "workshop_id": "workshop"}, indexed=("group_id", "workshop_id"),
    )
    create_table(
        "proposal", integer("workshop_id"), text("principle"), text("text"), text("route"),
        integer("party_group_id", nullable=True), enum("status"), when("created_at"),
        fks={"party_group_id": "stakeholder_group", "workshop_id": "workshop"},
        indexed=("party_group_id", "workshop_id"),
    )
    create_table(
        "amendment", integer("proposal_id"), text("old_text"), text("new_text"), text("author"),
        when("created_at"), fks={"proposal_id": "proposal"}, indexed=("proposal_id",),
    )
    create_table(
        "vote_round", integer("proposal_id"), integer("round_no"), boolean("secret"), when("opened_at"),
        when("closed_at", nullable=True), when("revealed_at", nullable=True),
        unique("vote_round", "proposal_id", "round_no"),
        fks={"proposal_id": "proposal"}, indexed=("proposal_id",),
    )
    create_table(
        "ballot", integer("round_id"), integer("participant_id"), enum("choice"), text("reason"),
        integer("proxy_holder_id", nullable=True), when("cast_at"),
        fks={"participant_id": "participant", "proxy_holder_id": "participant", "round_id": "vote_round"},
        indexed=("participant_id", "proxy_holder_id", "round_id"),
    )
    create_table(
        "hand_count", integer("round_id"), integer("group_id"), integer("agree"), integer("abstain"), integer("disagree"),
        integer("block"), text("block_reason"),
        fks={"group_id": "stakeholder_group", "round_id": "vote_round"}, indexed=("group_id", "round_id"),
    )
    create_table(
        "action", integer("workshop_id"), text("principle"), text("what"), enum("owner_kind"), text("owner"),
        date("due", nullable=True), text("measure"), enum("status"), integer("proposal_id", nullable=True),
        when("created_at"),
        fks={"proposal_id": "proposal", "workshop_id": "workshop"}, indexed=("proposal_id", "workshop_id"),
    )
    create_table(
        "charter_version", integer("workshop_id"), integer("version"), enum("status"), date("agreed_on", nullable=True),
        text("changes"), text("sections_json"), when("created_at"),
        unique("charter_version", "workshop_id", "version"),
        fks={"workshop_id": "workshop"}, indexed=("workshop_id",),
    )
    create_table(
        "audit_entry", integer("workshop_id", nullable=True), text("kind"), text("text"), text("prev_hash"),
        text("hash"), when("at"), fks={"workshop_id": "workshop"}, indexed=(),
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
