"""a load step per exercise (machines differ)

Revision ID: 0009
Revises: 0008

Stored as text, `slug=step,...`, in the profile's units; profiles from before this ('') step
every machine by the profile's increment, as until now.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


# In place, not in batch mode: a batch rebuild of `athlete` on SQLite cascade-deletes its
# children (see 0006).
def upgrade() -> None:
    op.add_column(
        "athlete", sa.Column("exercise_increments", sa.Text(), nullable=False, server_default="")
    )


def downgrade() -> None:
    op.drop_column("athlete", "exercise_increments")
