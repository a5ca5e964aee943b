"""runs and calendar token

Revision ID: 0002
Revises: 0001

- `run`: imported runs, unique per athlete and external id (re-imports store nothing twice).
- `athlete.calendar_token`: the secret of the subscribable calendar URL, filled for existing
  athletes here.

The token column stays nullable on purpose: making it NOT NULL on SQLite needs a table rebuild,
and rebuilding `athlete` (DROP TABLE with foreign keys on) would cascade-delete every child row.
Adding a column and an index are done in place by SQLite, so no rebuild happens here.
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.DateTime(), nullable=False),
        sa.Column("duration_s", sa.Float(), nullable=False),
        sa.Column("distance_m", sa.Float(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("avg_hr", sa.Float(), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("external_id", sa.String(length=400), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["athlete_id"], ["athlete.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("athlete_id", "external_id", name="uq_run_athlete_external"),
    )
    with op.batch_alter_table("run", schema=None) as batch_op:
        batch_op.create_index("ix_run_athlete_start", ["athlete_id", "start"], unique=False)

    with op.batch_alter_table("athlete", schema=None) as batch_op:
        batch_op.add_column(sa.Column("calendar_token", sa.String(length=64), nullable=True))
        batch_op.create_index("ix_athlete_calendar_token", ["calendar_token"], unique=True)

    # Existing athletes get their secret now, so the calendar URL works right after upgrading.
    athlete = sa.table("athlete", sa.column("id", sa.Integer), sa.column("calendar_token"))
    conn = op.get_bind()
    ids = conn.execute(sa.select(athlete.c.id).where(athlete.c.calendar_token.is_(None)))
    for athlete_id in [row[0] for row in ids]:
        conn.execute(
            athlete.update()
            .where(athlete.c.id == athlete_id)
            .values(calendar_token=secrets.token_urlsafe(24))
        )


def downgrade() -> None:
    # Not in batch mode: on SQLite that would rebuild `athlete` and cascade-delete its children.
    # SQLite (3.35+) drops an unindexed column in place.
    op.drop_index("ix_athlete_calendar_token", table_name="athlete")
    op.drop_column("athlete", "calendar_token")

    with op.batch_alter_table("run", schema=None) as batch_op:
        batch_op.drop_index("ix_run_athlete_start")

    op.drop_table("run")
