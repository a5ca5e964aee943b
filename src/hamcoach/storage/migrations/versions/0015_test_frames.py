"""the video frame a break-angle test was marked on

Revision ID: 0015
Revises: 0014

A break-angle test measured by hand on a phone video keeps the frame it was marked on (a small
JPEG, capped in size by the API), so the athlete and their coach can see what was measured. One
frame per test, removed with the athlete.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "test_frame",
        sa.Column("group_id", sa.String(36), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("jpeg", sa.LargeBinary(), nullable=False),
        sa.Column("video_time_s", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(["athlete_id"], ["athlete.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("group_id"),
    )


def downgrade() -> None:
    op.drop_table("test_frame")
