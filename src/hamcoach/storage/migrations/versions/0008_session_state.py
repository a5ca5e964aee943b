"""a session's state on the server: when it began, the plan it began with, whether it was skipped

Revision ID: 0008
Revises: 0007

Sessions from before this have none of these (NULL): they show against today's plan, as they
did until now.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


# In place, both ways: a batch rebuild of `session_log` on SQLite cascade-deletes its sets
# (see 0006); SQLite drops a plain column in place since 3.35.
def upgrade() -> None:
    op.add_column("session_log", sa.Column("started_at", sa.DateTime(), nullable=True))
    op.add_column("session_log", sa.Column("skipped_at", sa.DateTime(), nullable=True))
    op.add_column("session_log", sa.Column("planned", sa.Text(), nullable=True))


def downgrade() -> None:
    for name in ("planned", "skipped_at", "started_at"):
        op.drop_column("session_log", name)
