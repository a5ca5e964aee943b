"""planned sessions moved to another day; run types corrected by the athlete

Revision ID: 0010
Revises: 0009

Both start empty: databases from before this have no moves and every run's type inferred.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


# `run` gets its column in place, not in batch mode (see 0006 on batch rebuilds on SQLite).
def upgrade() -> None:
    op.add_column("run", sa.Column("marked", sa.String(length=5), nullable=True))
    op.create_table(
        "session_move",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("from_date", sa.Date(), nullable=False),
        sa.Column("to_date", sa.Date(), nullable=False),
        sa.Column("moved_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["athlete_id"], ["athlete.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("athlete_id", "from_date", name="uq_move_athlete_from"),
    )
    op.create_index("ix_move_athlete_to", "session_move", ["athlete_id", "to_date"])


def downgrade() -> None:
    op.drop_index("ix_move_athlete_to", table_name="session_move")
    op.drop_table("session_move")
    op.drop_column("run", "marked")
