"""index sets by session and exercise

Revision ID: 0003
Revises: 0002

Logging a set looks up the first set and the last set number of the same exercise in its
session; without this index both scan every set of the athlete.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_set_session_exercise",
        "set_log",
        ["session_id", "exercise", "side", "set_number"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_set_session_exercise", table_name="set_log")
