"""the kind of a logged set (warm-up, working, drop, failure)

Revision ID: 0004
Revises: 0003

Sets logged before this are working sets, as the progression read them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("set_log") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(length=10), nullable=False, server_default="working")
        )


def downgrade() -> None:
    with op.batch_alter_table("set_log") as batch:
        batch.drop_column("kind")
