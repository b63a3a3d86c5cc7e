"""The charter's own facts (governance, indicators, reports, contacts) and each person's charter choices.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

Participants get a ward, a "publish my name" choice and a "signs the charter" choice. Existing people start
not published and not signing: the facilitator chooses, with each person's agreement.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from workshop_app.store.migration_columns import create_table, integer, text

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FACT_COLUMNS = ("board", "chair", "quorum", "conflicts", "confidentiality", "information", "expenses", "amending",
                "indicators", "reports")


def upgrade() -> None:
    """Add the participant columns and the charter_facts and party_contact tables."""
    op.add_column("participant", sa.Column("ward", sa.String(), nullable=False, server_default=""))
    op.add_column("participant", sa.Column("publish_name", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("participant", sa.Column("signs", sa.Boolean(), nullable=False, server_default=sa.false()))
    create_table(
        "charter_facts", integer("workshop_id"), *(text(name) for name in FACT_COLUMNS),
        fks={"workshop_id": "workshop"}, unique_on=("workshop_id",),
    )
    create_table(
        "party_contact", integer("workshop_id"), integer("group_id"), text("organisation"),
        integer("participant_id", nullable=True), text("email"), text("phone"),
        fks={"workshop_id": "workshop"}, indexed=("workshop_id", "group_id"),
    )


def downgrade() -> None:
    """Drop the new tables and columns."""
    op.drop_index(op.f("ix_party_contact_group_id"), table_name="party_contact")
    op.drop_index(op.f("ix_party_contact_workshop_id"), table_name="party_contact")
    op.drop_table("party_contact")
    op.drop_table("charter_facts")
    with op.batch_alter_table("participant") as batch:
        batch.drop_column("signs")
        batch.drop_column("publish_name")
        batch.drop_column("ward")
