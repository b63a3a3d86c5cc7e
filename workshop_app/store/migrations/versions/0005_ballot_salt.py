"""Give each ballot a random salt kept only in the store, so its row digest cannot be guessed from an export.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

A secret ballot has few possible values (who, which choice, about when), so an unsalted digest in the
exported audit chain could be found by trying them all. Ballots stored before this revision keep an
empty salt, and their digests leave it out.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add ballot.salt."""
    op.add_column("ballot", sa.Column("salt", sa.String(), nullable=False, server_default=""))


def downgrade() -> None:
    """Drop ballot.salt."""
    op.execute("ALTER TABLE ballot DROP COLUMN salt")
