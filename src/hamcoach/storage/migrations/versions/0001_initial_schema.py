"""initial schema

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "athlete",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("units", sa.String(length=2), nullable=False),
        sa.Column("body_mass", sa.Float(), nullable=True),
        sa.Column("increment", sa.Float(), nullable=True),
        sa.Column("increase_pct", sa.Float(), nullable=True),
        sa.Column("equipment", sa.Text(), nullable=False),
        sa.Column("running_week", sa.Text(), nullable=False),
        sa.Column("sessions_per_week", sa.Integer(), nullable=False),
        sa.Column("per_session", sa.Integer(), nullable=False),
        sa.Column("nordic_experienced", sa.Boolean(), nullable=False),
        sa.Column("race_dates", sa.Text(), nullable=False),
        sa.Column("keep_rest_days", sa.Boolean(), nullable=False),
        sa.Column("rest_s", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "plan_state",
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["athlete_id"], ["athlete.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("athlete_id"),
    )
    op.create_table(
        "session_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["athlete_id"], ["athlete.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("athlete_id", "date", name="uq_session_athlete_date"),
    )
    op.create_table(
        "soreness",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["athlete_id"], ["athlete.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("athlete_id", "date", name="uq_soreness_athlete_date"),
    )
    op.create_table(
        "strength_test",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("side", sa.String(length=5), nullable=True),
        sa.Column("exercise", sa.String(length=40), nullable=True),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=8), nullable=False),
        sa.Column("velocity_deg_s", sa.Integer(), nullable=True),
        sa.Column("tested_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["athlete_id"], ["athlete.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("strength_test", schema=None) as batch_op:
        batch_op.create_index(
            "ix_test_athlete_kind_date", ["athlete_id", "kind", "tested_on"], unique=False
        )

    op.create_table(
        "set_log",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("exercise", sa.String(length=40), nullable=False),
        sa.Column("variant", sa.String(length=40), nullable=True),
        sa.Column("stance", sa.String(length=20), nullable=True),
        sa.Column("side", sa.String(length=5), nullable=True),
        sa.Column("set_number", sa.Integer(), nullable=False),
        sa.Column("target_reps_min", sa.Integer(), nullable=True),
        sa.Column("target_reps_max", sa.Integer(), nullable=True),
        sa.Column("target_load", sa.Float(), nullable=True),
        sa.Column("reps", sa.Integer(), nullable=False),
        sa.Column("load", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=2), nullable=False),
        sa.Column("rir", sa.Integer(), nullable=True),
        sa.Column("performed_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["athlete_id"], ["athlete.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["session_log.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("set_log", schema=None) as batch_op:
        batch_op.create_index(
            "ix_set_athlete_exercise_time", ["athlete_id", "exercise", "performed_at"], unique=False
        )
        batch_op.create_index("ix_set_athlete_time", ["athlete_id", "performed_at"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("set_log", schema=None) as batch_op:
        batch_op.drop_index("ix_set_athlete_time")
        batch_op.drop_index("ix_set_athlete_exercise_time")

    op.drop_table("set_log")
    with op.batch_alter_table("strength_test", schema=None) as batch_op:
        batch_op.drop_index("ix_test_athlete_kind_date")

    op.drop_table("strength_test")
    op.drop_table("soreness")
    op.drop_table("session_log")
    op.drop_table("plan_state")
    op.drop_table("athlete")
