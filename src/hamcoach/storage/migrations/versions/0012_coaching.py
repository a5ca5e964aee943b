"""coaching: roles, clubs, invitations, coach-athlete links, comments, programme changes

Revision ID: 0012
Revises: 0011

New tables only: no existing row changes, so every database upgrades in place (no coach, no
link: every athlete sees only their own data, as before).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "account_role",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("account_id", "role"),
    )
    op.create_table(
        "coach_invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("coach_id", sa.Integer(), nullable=False),
        sa.Column("group_name", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        sa.Column("accepted_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["coach_id"], ["account.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["accepted_by"], ["athlete.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("secret_hash"),
    )
    op.create_index("ix_coach_invitation_coach_id", "coach_invitation", ["coach_id"])
    op.create_table(
        "coach_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("coach_id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("group_name", sa.String(length=40), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("ended_by", sa.String(length=7), nullable=True),
        sa.Column("comments_seen_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["coach_id"], ["account.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["athlete_id"], ["athlete.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ux_coach_link_live",
        "coach_link",
        ["coach_id", "athlete_id"],
        unique=True,
        sqlite_where=sa.text("ended_at IS NULL"),
        postgresql_where=sa.text("ended_at IS NULL"),
    )
    op.create_index("ix_coach_link_athlete_id", "coach_link", ["athlete_id"])
    op.create_table(
        "session_comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["athlete_id"], ["athlete.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["author_id"], ["account.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_session_comment_athlete_date", "session_comment", ["athlete_id", "date"])

    op.create_table(
        "programme_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("coach_id", sa.Integer(), nullable=True),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("effective", sa.Date(), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["athlete_id"], ["athlete.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["coach_id"], ["account.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_programme_change_athlete_id", "programme_change", ["athlete_id"])

    op.create_table(
        "club",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "club_member",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("club_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=5), nullable=False),
        sa.Column("joined_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["club_id"], ["club.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("account_id"),
    )
    op.create_index("ix_club_member_club_id", "club_member", ["club_id"])


def downgrade() -> None:
    op.drop_index("ix_club_member_club_id", table_name="club_member")
    op.drop_table("club_member")
    op.drop_table("club")
    op.drop_index("ix_programme_change_athlete_id", table_name="programme_change")
    op.drop_table("programme_change")
    op.drop_index("ix_session_comment_athlete_date", table_name="session_comment")
    op.drop_table("session_comment")
    op.drop_index("ix_coach_link_athlete_id", table_name="coach_link")
    op.drop_index("ux_coach_link_live", table_name="coach_link")
    op.drop_table("coach_link")
    op.drop_index("ix_coach_invitation_coach_id", table_name="coach_invitation")
    op.drop_table("coach_invitation")
    op.drop_table("account_role")
