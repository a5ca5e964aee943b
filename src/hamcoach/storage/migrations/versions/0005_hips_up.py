"""whether the hips stayed up on a floor-curl set

Revision ID: 0005
Revises: 0004

Sets logged before this have no answer (NULL): the floor-curl ladder waits for a yes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("set_log") as batch:
        batch.add_column(sa.Column("hips_up", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("set_log") as batch:
        batch.drop_column("hips_up")
