"""Add phone_code: each participant's personal join code for phone voting (additive).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26

participant_id has no foreign key on purpose: removing a participant must not be refused because a
badge was once printed for them; the phone server checks that the participant still exists.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from workshop_app.store.migration_columns import create_table, integer, text, when

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the phone_code table and its indexes."""
    create_table(
        "phone_code", integer("workshop_id"), integer("participant_id"), text("code"), when("issued_at"),
        when("revoked_at", nullable=True), text("bound_device"),
        fks={"workshop_id": "workshop"}, indexed=("workshop_id", "participant_id"),
    )


def downgrade() -> None:
    """Drop the phone_code table."""
    op.drop_index(op.f("ix_phone_code_participant_id"), table_name="phone_code")
    op.drop_index(op.f("ix_phone_code_workshop_id"), table_name="phone_code")
    op.drop_table("phone_code")
