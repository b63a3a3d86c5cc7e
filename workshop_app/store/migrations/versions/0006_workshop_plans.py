"""Keep each workshop's session plan with it, so later edits to plan files never move its stages.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

Existing workshops get the text of the plan file that has their key now (the best that is known);
a workshop whose plan file is gone gets none and keeps reading the file by key, as before.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from workshop_app.core.errors import PlanError
from workshop_app.core.stored_plans import plan_file_text
from workshop_app.store.migration_columns import create_table, integer, text

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create workshop_plan and fill it for every workshop whose plan file can be read."""
    create_table(
        "workshop_plan", integer("workshop_id"), text("plan_key"), text("text"),
        fks={"workshop_id": "workshop"}, unique_on=("workshop_id",),
    )
    bind = op.get_bind()
    texts: dict[str, str | None] = {}
    for workshop_id, plan_key in bind.execute(sa.text("SELECT id, plan_key FROM workshop ORDER BY id")).all():
        if plan_key not in texts:
            try:
                texts[plan_key] = plan_file_text(plan_key)
            except PlanError:
                texts[plan_key] = None
        if texts[plan_key] is not None:
            bind.execute(sa.text("INSERT INTO workshop_plan (workshop_id, plan_key, text) VALUES (:w, :k, :t)"),
                         {"w": workshop_id, "k": plan_key, "t": texts[plan_key]})


def downgrade() -> None:
    """Drop workshop_plan."""
    op.drop_table("workshop_plan")
