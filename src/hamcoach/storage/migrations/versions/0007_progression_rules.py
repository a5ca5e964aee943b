"""the progression rules of a profile (breaks, their cuts, the drop after short sessions)

Revision ID: 0007
Revises: 0006

Stored as text, `name=value,...`, of the values that differ from the defaults: profiles from
before this ('') keep the defaults the planner used until now.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


# In place, not in batch mode: a batch rebuild of `athlete` on SQLite cascade-deletes its
# children (see 0006).
def upgrade() -> None:
    op.add_column(
        "athlete", sa.Column("progression_rules", sa.Text(), nullable=False, server_default="")
    )


def downgrade() -> None:
    op.drop_column("athlete", "progression_rules")
