"""Remember whether a stage's results are on screen, and which groups were present when a vote closed.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add stage_progress.results_shown and vote_round.present_group_ids."""
    with op.batch_alter_table("stage_progress") as batch:
        batch.add_column(sa.Column("results_shown", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("vote_round") as batch:
        batch.add_column(sa.Column("present_group_ids", sa.String(), nullable=False, server_default=""))


def downgrade() -> None:
    """Drop the two columns."""
    with op.batch_alter_table("vote_round") as batch:
        batch.drop_column("present_group_ids")
    with op.batch_alter_table("stage_progress") as batch:
        batch.drop_column("results_shown")
