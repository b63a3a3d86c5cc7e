"""Add phone_code: each participant's personal join code for phone voting (additive).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26

participant_id has no foreign key on purpose: removing a participant must not be refused because a
badge was once printed for them; the phone server checks that the participant still exists.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the phone_code table and its indexes."""
    op.create_table(
        "phone_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("bound_device", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshop.id"], name=op.f("fk_phone_code_workshop_id_workshop")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phone_code")),
    )
    op.create_index(op.f("ix_phone_code_workshop_id"), "phone_code", ["workshop_id"], unique=False)
    op.create_index(op.f("ix_phone_code_participant_id"), "phone_code", ["participant_id"], unique=False)


def downgrade() -> None:
    """Drop the phone_code table."""
    op.drop_index(op.f("ix_phone_code_participant_id"), table_name="phone_code")
    op.drop_index(op.f("ix_phone_code_workshop_id"), table_name="phone_code")
    op.drop_table("phone_code")
