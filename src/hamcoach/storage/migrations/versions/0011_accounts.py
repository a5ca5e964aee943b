"""accounts: users, signed-in sessions, API tokens, one-time links, failed sign-ins

Revision ID: 0011
Revises: 0010

A database from before this has no account, and so stays in local single-user mode; its
athlete becomes the first account's when `hamcoach users add` adds one (services/accounts.py),
not here: a migration cannot ask for a user name.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _secret_table(name: str, *columns: sa.Column[object]) -> None:
    """A table of hashed secrets belonging to an account (dropped with it)."""
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        *columns,
        sa.ForeignKeyConstraint(["account_id"], ["account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("secret_hash"),
    )
    op.create_index(f"ix_{name}_account_id", name, ["account_id"])


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("is_operator", sa.Boolean(), nullable=False),
        sa.Column("disabled_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    # In place, not in batch mode: a batch rebuild of `athlete` on SQLite cascade-deletes its
    # children (see 0006). SQLite adds a nullable column with an inline REFERENCES in place.
    op.add_column(
        "athlete",
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("account.id"), nullable=True),
        inline_references=True,
    )
    op.create_index("ix_athlete_account_id", "athlete", ["account_id"], unique=True)

    _secret_table(
        "auth_session",
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("user_agent", sa.String(length=200), nullable=True),
    )
    _secret_table(
        "api_token",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("scope", sa.String(length=5), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
    )
    _secret_table(
        "one_time_link",
        sa.Column("purpose", sa.String(length=5), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
    )

    op.create_table(
        "login_failure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_key", sa.String(length=40), nullable=True),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_login_failure_account_at", "login_failure", ["account_key", "at"])
    op.create_index("ix_login_failure_address_at", "login_failure", ["address", "at"])
    op.create_index("ix_login_failure_at", "login_failure", ["at"])


def downgrade() -> None:
    op.drop_table("login_failure")
    for name in ("one_time_link", "api_token", "auth_session"):
        op.drop_index(f"ix_{name}_account_id", table_name=name)
        op.drop_table(name)
    # In place (SQLite 3.35+ drops a column in place once its index is gone); the column's
    # REFERENCES goes with it.
    op.drop_index("ix_athlete_account_id", table_name="athlete")
    op.drop_column("athlete", "account_id")
    op.drop_table("account")
