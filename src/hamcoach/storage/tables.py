"""Typed SQLAlchemy tables. Schema changes go through Alembic migrations only."""

# (no `from __future__ import annotations`: real annotations spare SQLAlchemy from evaluating
# strings for every mapped column, a few ms of every CLI start)

import datetime as dt
import secrets

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware datetimes stored as naive UTC, the same on SQLite and PostgreSQL."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: times must carry a time zone")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    pass


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_calendar_token() -> str:
    """A secret for the athlete's calendar URL: 192 random bits, URL-safe (32 characters)."""
    return secrets.token_urlsafe(24)


class AthleteRow(Base):
    __tablename__ = "athlete"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    units: Mapped[str] = mapped_column(String(2), default="kg")
    body_mass: Mapped[float | None] = mapped_column(Float)
    increment: Mapped[float | None] = mapped_column(Float)
    increase_pct: Mapped[float | None] = mapped_column(Float)
    equipment: Mapped[str] = mapped_column(Text, default="")  # comma-separated slugs
    running_week: Mapped[str] = mapped_column(Text, default="")  # "mon=rest,tue=key,..."
    sessions_per_week: Mapped[int] = mapped_column(Integer, default=2)
    per_session: Mapped[int] = mapped_column(Integer, default=2)
    nordic_experienced: Mapped[bool] = mapped_column(Boolean, default=False)
    race_dates: Mapped[str] = mapped_column(Text, default="")  # comma-separated ISO dates
    keep_rest_days: Mapped[bool] = mapped_column(Boolean, default=False)
    rest_s: Mapped[int] = mapped_column(Integer, default=90)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    # The race rules (domain/race_rules.py); the defaults fill rows from before migration 0006.
    race_week_sessions: Mapped[int] = mapped_column(Integer, default=2, server_default="2")
    race_week_sets_delta: Mapped[int] = mapped_column(Integer, default=-1, server_default="-1")
    race_quiet_days: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    nordic_before_race_days: Mapped[int] = mapped_column(Integer, default=5, server_default="5")
    nordic_after_race_days: Mapped[int] = mapped_column(Integer, default=2, server_default="2")
    # name=value,... of the progression rules that differ from the defaults ('' = none).
    progression_rules: Mapped[str] = mapped_column(Text, default="", server_default="")
    exercise_increments: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=_now, onupdate=_now)
    # Nullable only because migration 0002 adds it to existing rows (and fills them); every
    # athlete gets one. Secret: whoever knows it can read the plan as a calendar feed.
    calendar_token: Mapped[str | None] = mapped_column(
        String(64), default=new_calendar_token, index=True, unique=True
    )
    # Bumped by every write to the athlete's training data (`UnitOfWork.commit`): a stored
    # roster row counts only for the revision it was computed at (migration 0014).
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The account the athlete belongs to (migration 0011); NULL in local single-user mode, and
    # one athlete per account for now (unique).
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id"), index=True, unique=True
    )


class PlanStateRow(Base):
    """Where the athlete's plan began; targets and ramps are derived from the logged history."""

    __tablename__ = "plan_state"

    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athlete.id", ondelete="CASCADE"), primary_key=True
    )
    start: Mapped[dt.date] = mapped_column(Date)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=_now, onupdate=_now)


class SessionRow(Base):
    """All sets of one athlete on one local date form a session."""

    __tablename__ = "session_log"
    __table_args__ = (UniqueConstraint("athlete_id", "date", name="uq_session_athlete_date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    note: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    skipped_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    # The planned session as it was when the session began (JSON, domain.session_snapshot).
    planned: Mapped[str | None] = mapped_column(Text)


class SetRow(Base):
    """One performed set, with what was prescribed kept beside what was done."""

    __tablename__ = "set_log"
    __table_args__ = (
        Index("ix_set_athlete_time", "athlete_id", "performed_at"),
        Index("ix_set_athlete_exercise_time", "athlete_id", "exercise", "performed_at"),
        Index("ix_set_session_exercise", "session_id", "exercise", "side", "set_number"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # client-generated UUID
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"))
    session_id: Mapped[int] = mapped_column(ForeignKey("session_log.id", ondelete="CASCADE"))
    exercise: Mapped[str] = mapped_column(String(40))
    variant: Mapped[str | None] = mapped_column(String(40))
    stance: Mapped[str | None] = mapped_column(String(20))
    side: Mapped[str | None] = mapped_column(String(5))
    set_number: Mapped[int] = mapped_column(Integer)
    target_reps_min: Mapped[int | None] = mapped_column(Integer)
    target_reps_max: Mapped[int | None] = mapped_column(Integer)
    target_load: Mapped[float | None] = mapped_column(Float)
    reps: Mapped[int] = mapped_column(Integer)
    load: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(2))
    rir: Mapped[int | None] = mapped_column(Integer)
    performed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=_now)
    kind: Mapped[str] = mapped_column(String(10), default="working", server_default="working")
    hips_up: Mapped[bool | None] = mapped_column(Boolean)  # floor curl only; None: not said


class AssessmentRow(Base):
    """One measured value; values taken together (an H:Q test) share a group id."""

    __tablename__ = "strength_test"
    __table_args__ = (Index("ix_test_athlete_kind_date", "athlete_id", "kind", "tested_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"))
    group_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(20))
    side: Mapped[str | None] = mapped_column(String(5))
    exercise: Mapped[str | None] = mapped_column(String(40))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(8))
    velocity_deg_s: Mapped[int | None] = mapped_column(Integer)
    tested_on: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=_now)


class TestFrameRow(Base):
    """The video frame a break-angle test was marked on (a small JPEG), kept with the test."""

    __tablename__ = "test_frame"

    group_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"))
    jpeg: Mapped[bytes] = mapped_column(LargeBinary)
    video_time_s: Mapped[float | None] = mapped_column(Float)


class SorenessRow(Base):
    __tablename__ = "soreness"
    __table_args__ = (UniqueConstraint("athlete_id", "date", name="uq_soreness_athlete_date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    score: Mapped[int] = mapped_column(Integer)  # 0 none - 10 worst
    note: Mapped[str | None] = mapped_column(Text)


class RunRow(Base):
    """A run imported from a FIT/GPX/TCX activity or a training-plan calendar."""

    __tablename__ = "run"
    __table_args__ = (
        # Re-importing the same file (or the same run exported twice) stores nothing twice.
        UniqueConstraint("athlete_id", "external_id", name="uq_run_athlete_external"),
        Index("ix_run_athlete_start", "athlete_id", "start"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"))
    start: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    duration_s: Mapped[float] = mapped_column(Float)  # 0 when unknown (an all-day planned run)
    distance_m: Mapped[float | None] = mapped_column(Float)
    title: Mapped[str] = mapped_column(Text, default="")
    avg_hr: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(20))  # fit, gpx, tcx, ics
    external_id: Mapped[str] = mapped_column(String(400))
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=_now)
    # easy / long / key when the athlete corrected the inferred type; NULL: inferred.
    marked: Mapped[str | None] = mapped_column(String(5))


class SessionMoveRow(Base):
    """A planned session the athlete moved to another day of its week (issue 12).

    Keyed by the day the plan put it on: the plan is rebuilt on every read, and the move applies
    while the rebuilt plan still has a session on that day.
    """

    __tablename__ = "session_move"
    __table_args__ = (
        UniqueConstraint("athlete_id", "from_date", name="uq_move_athlete_from"),
        Index("ix_move_athlete_to", "athlete_id", "to_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"))
    from_date: Mapped[dt.date] = mapped_column(Date)
    to_date: Mapped[dt.date] = mapped_column(Date)
    moved_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=_now)


# Accounts (issue 13). Secrets are never stored: sessions, tokens and links keep the SHA-256 of
# theirs (hex, domain.accounts.digest); passwords keep an argon2id hash.


class AccountRow(Base):
    __tablename__ = "account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    password_hash: Mapped[str | None] = mapped_column(Text)  # NULL: to be set by a reset link
    is_operator: Mapped[bool] = mapped_column(Boolean, default=False)
    disabled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=_now)
    password_changed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class AuthSessionRow(Base):
    """A signed-in browser ("session" alone is a training session here: `session_log`)."""

    __tablename__ = "auth_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    user_agent: Mapped[str | None] = mapped_column(String(200))


class ApiTokenRow(Base):
    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(60))
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scope: Mapped[str] = mapped_column(String(5))  # read, write
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class LoginFailureRow(Base):
    """A failed sign-in, kept for the rate limit's window (in the database, so every worker
    sees every failure)."""

    __tablename__ = "login_failure"
    __table_args__ = (
        Index("ix_login_failure_account_at", "account_key", "at"),
        Index("ix_login_failure_address_at", "address", "at"),
        Index("ix_login_failure_at", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The user name tried (normalised; NULL when it could not be one), known or not, so an
    # unknown name is limited exactly as a real one and the limit tells nothing.
    account_key: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class OneTimeLinkRow(Base):
    __tablename__ = "one_time_link"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[str] = mapped_column(String(5))  # reset, pair
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class AccountRoleRow(Base):
    """A role an account holds beyond training (domain.coaching.Role): `coach`."""

    __tablename__ = "account_role"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(16), primary_key=True)


class CoachInvitationRow(Base):
    """A coach's one-time invitation, stored by the SHA-256 of its secret."""

    __tablename__ = "coach_invitation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    coach_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    group_name: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    accepted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    accepted_by: Mapped[int | None] = mapped_column(ForeignKey("athlete.id", ondelete="SET NULL"))


class CoachLinkRow(Base):
    """A coach's view of an athlete while live (ended_at NULL); ended ones stay as history."""

    __tablename__ = "coach_link"
    __table_args__ = (
        # One live link per coach and athlete: two acceptances at once cannot make two.
        Index(
            "ux_coach_link_live",
            "coach_id",
            "athlete_id",
            unique=True,
            sqlite_where=text("ended_at IS NULL"),
            postgresql_where=text("ended_at IS NULL"),
        ),
        Index("ix_coach_link_athlete_id", "athlete_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    coach_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"))
    group_name: Mapped[str | None] = mapped_column(String(40))
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    ended_by: Mapped[str | None] = mapped_column(String(7))  # athlete, coach
    # The coach read the athlete's comments up to here (the roster's "new comment").
    comments_seen_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class SessionCommentRow(Base):
    """A comment on one of an athlete's sessions (by date), by the athlete or a linked coach."""

    __tablename__ = "session_comment"
    __table_args__ = (Index("ix_session_comment_athlete_date", "athlete_id", "date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athlete.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class ProgrammeChangeRow(Base):
    """A coach's change of an athlete's programme, from a Monday on (a race: its day); which
    columns are used depends on the kind (`domain/programme.py::Setting`)."""

    __tablename__ = "programme_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athlete.id", ondelete="CASCADE"), index=True
    )
    coach_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(12), server_default="sessions")
    choice: Mapped[str | None] = mapped_column(String(12))
    exercise: Mapped[str | None] = mapped_column(String(40))
    until: Mapped[dt.date | None] = mapped_column(Date)
    sessions: Mapped[int | None] = mapped_column(Integer)
    effective: Mapped[dt.date] = mapped_column(Date)
    made_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class RosterRowRow(Base):
    """An athlete's roster row as last computed (JSON), for a revision and a local day."""

    __tablename__ = "roster_row"

    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athlete.id", ondelete="CASCADE"), primary_key=True
    )
    revision: Mapped[int] = mapped_column(Integer)
    computed_on: Mapped[dt.date] = mapped_column(Date)
    body: Mapped[str] = mapped_column(Text)


class ClubRow(Base):
    __tablename__ = "club"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)


class ClubMemberRow(Base):
    """A coach in a club (one club per coach), as `coach` or `head`."""

    __tablename__ = "club_member"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), primary_key=True
    )
    club_id: Mapped[int] = mapped_column(ForeignKey("club.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(5))
    joined_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
