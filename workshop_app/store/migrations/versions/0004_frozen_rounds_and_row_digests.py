"""Freeze who counted in each closed round, fingerprint the rows each audit entry vouches for, guard the log more.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

vote_round.voters and vote_round.rule hold, from the moment a round closes, each voter's group and the
decision rule that counted, so later roster or rule edits never re-decide it. Rounds closed before this
revision get them from the roster and rule as they stand now (the best that is known).
audit_entry.row_digests holds a digest of each row an operation wrote. Two more guards keep the log
append-only: on SQLite, `INSERT OR REPLACE` of an existing entry (its hidden DELETE fires no trigger);
on PostgreSQL, `TRUNCATE` (row triggers do not see it).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GUARDS = {"sqlite": "audit_entry_no_replace", "postgresql": "audit_entry_no_truncate"}


def upgrade() -> None:
    """Add the frozen facts and the row digests, fill the frozen facts of closed rounds, add the guards."""
    op.add_column("vote_round", sa.Column("voters", sa.String(), nullable=False, server_default=""))
    op.add_column("vote_round", sa.Column("rule", sa.String(length=32), nullable=True))
    op.add_column("audit_entry", sa.Column("row_digests", sa.String(), nullable=False, server_default=""))
    _freeze_closed_rounds()
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(
            f"CREATE TRIGGER {GUARDS['sqlite']} BEFORE INSERT ON audit_entry "
            "WHEN EXISTS (SELECT 1 FROM audit_entry WHERE id = NEW.id) "
            "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END"
        )
    elif dialect == "postgresql":
        op.execute(
            f"CREATE TRIGGER {GUARDS['postgresql']} BEFORE TRUNCATE ON audit_entry "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()"
        )


def _freeze_closed_rounds() -> None:
    """Give every closed round the voters and rule of its workshop as they are now."""
    bind = op.get_bind()
    rounds = bind.execute(sa.text(
        "SELECT r.id, p.workshop_id, w.decision_rule FROM vote_round r JOIN proposal p ON p.id = r.proposal_id "
        "JOIN workshop w ON w.id = p.workshop_id WHERE r.closed_at IS NOT NULL"
    )).all()
    for round_id, workshop_id, rule in rounds:
        people = bind.execute(sa.text(
            "SELECT id, group_id FROM participant WHERE workshop_id = :w AND is_voting ORDER BY id"
        ), {"w": workshop_id}).all()
        voters = ",".join(f"{pid}:{gid}" for pid, gid in people)
        bind.execute(sa.text("UPDATE vote_round SET voters = :v, rule = :r WHERE id = :id"),
                     {"v": voters, "r": rule, "id": round_id})


def downgrade() -> None:
    """Drop the guards and the three columns."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(f"DROP TRIGGER IF EXISTS {GUARDS['sqlite']}")
    elif dialect == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {GUARDS['postgresql']} ON audit_entry")
    for table, column in (("audit_entry", "row_digests"), ("vote_round", "rule"), ("vote_round", "voters")):
        # Plain ALTER TABLE (SQLite 3.35+): a batch copy would drop the audit log's triggers with its table.
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
