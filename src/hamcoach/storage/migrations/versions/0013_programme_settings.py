"""programme changes beyond sessions per week: exercises, phases, races, rest days, the ramp

Revision ID: 0013
Revises: 0012

Every change so far set sessions per week: those rows become kind 'sessions' and keep their
number; the new kinds leave it empty and use the choice, exercise and last-day columns.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("programme_change") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(length=12), nullable=False, server_default="sessions")
        )
        batch.add_column(sa.Column("choice", sa.String(length=12), nullable=True))
        batch.add_column(sa.Column("exercise", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("until", sa.Date(), nullable=True))
        batch.alter_column("sessions", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    # Only sessions-per-week changes can be written back to the old shape.
    op.execute("DELETE FROM programme_change WHERE kind <> 'sessions'")
    with op.batch_alter_table("programme_change") as batch:
        batch.alter_column("sessions", existing_type=sa.Integer(), nullable=False)
        batch.drop_column("until")
        batch.drop_column("exercise")
        batch.drop_column("choice")
        batch.drop_column("kind")
