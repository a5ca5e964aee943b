"""the roster's stored rows: an athlete's revision, and each athlete's row as last computed

Revision ID: 0014
Revises: 0013

A coach's roster reads one stored row per athlete instead of reading every athlete's history
(1 000 athletes: milliseconds, not seconds). Every write to an athlete's training data bumps
`athlete.revision` in the same transaction; a stored row counts only for the revision and the
athlete's local day it was computed for. Existing athletes start at revision 0 with no row:
the first roster computes them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN, not batch mode: rebuilding `athlete` on SQLite would cascade-delete
    # every child row (foreign keys are on).
    op.add_column(
        "athlete", sa.Column("revision", sa.Integer(), nullable=False, server_default="0")
    )
    op.create_table(
        "roster_row",
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("computed_on", sa.Date(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["athlete_id"], ["athlete.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("athlete_id"),
    )


def downgrade() -> None:
    op.drop_table("roster_row")
    op.drop_column("athlete", "revision")
