"""the race rules of a profile (taper, quiet days, no Nordic around a race)

Revision ID: 0006
Revises: 0005

Profiles from before this get the defaults the planner used until now.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

COLUMNS = (
    ("race_week_sessions", "2"),
    ("race_week_sets_delta", "-1"),
    ("race_quiet_days", "3"),
    ("nordic_before_race_days", "5"),
    ("nordic_after_race_days", "2"),
)


# Not in batch mode: on SQLite a batch rebuilds `athlete`, and dropping the old table
# cascade-deletes every child row (sets, sessions, tests). SQLite adds a column with a constant
# default, and (3.35+) drops an unindexed one, in place.
def upgrade() -> None:
    for name, default in COLUMNS:
        op.add_column(
            "athlete", sa.Column(name, sa.Integer(), nullable=False, server_default=default)
        )


def downgrade() -> None:
    for name, _ in reversed(COLUMNS):
        op.drop_column("athlete", name)
