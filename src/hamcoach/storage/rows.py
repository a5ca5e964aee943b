"""Row <-> record conversion and the prebuilt statements the repositories run."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import fields
from typing import Any

from sqlalchemy import ColumnElement, bindparam, func, select
from sqlalchemy.sql.expression import Executable

from hamcoach.domain.model import RunningWeek, Side
from hamcoach.domain.profile import (
    Profile,
    Units,
    exercise_increments_text,
    parse_exercise_increments,
)
from hamcoach.domain.progression_rules import ProgressionRules
from hamcoach.domain.race_rules import RaceRules
from hamcoach.domain.records import LoggedSet, SetKind
from hamcoach.storage.tables import AthleteRow, SessionRow, SetRow

# The columns a profile is made of, in the order `profile_from_values` takes them.
PROFILE_COLUMNS = (
    AthleteRow.name,
    AthleteRow.units,
    AthleteRow.body_mass,
    AthleteRow.increment,
    AthleteRow.increase_pct,
    AthleteRow.equipment,
    AthleteRow.running_week,
    AthleteRow.sessions_per_week,
    AthleteRow.per_session,
    AthleteRow.nordic_experienced,
    AthleteRow.race_dates,
    AthleteRow.keep_rest_days,
    AthleteRow.rest_s,
    AthleteRow.timezone,
    AthleteRow.race_week_sessions,
    AthleteRow.race_week_sets_delta,
    AthleteRow.race_quiet_days,
    AthleteRow.nordic_before_race_days,
    AthleteRow.nordic_after_race_days,
    AthleteRow.progression_rules,
    AthleteRow.exercise_increments,
)


def profile_from_row(row: AthleteRow) -> Profile:
    return profile_from_values(tuple(getattr(row, c.key) for c in PROFILE_COLUMNS))


@functools.lru_cache(maxsize=1024)
def profile_from_values(values: tuple[Any, ...]) -> Profile:
    """The profile of one athlete row's PROFILE_COLUMNS values.

    Cached by the values themselves: the set writer and every page read the profile, and
    parsing its texts (week, rules, increments) cost more than the read. A changed row is a
    new key, so a cached profile is never stale; Profile is frozen, so sharing one is safe.
    """
    (
        name,
        units,
        body_mass,
        increment,
        increase_pct,
        equipment,
        running_week,
        sessions,
        per_session,
        nordic_experienced,
        race_dates,
        keep_rest_days,
        rest_s,
        timezone,
        week_sessions,
        week_sets_delta,
        quiet_days,
        nordic_before_days,
        nordic_after_days,
        progression_rules,
        exercise_increments,
    ) = values
    return Profile(
        name=name,
        units=Units(units),
        body_mass=body_mass,
        increment=increment,
        increase_pct=increase_pct,
        equipment=frozenset(e for e in equipment.split(",") if e),
        week=RunningWeek.parse(running_week),
        sessions=sessions,
        per_session=per_session,
        nordic_experienced=nordic_experienced,
        race_dates=tuple(dt.date.fromisoformat(d) for d in race_dates.split(",") if d),
        keep_rest_days=keep_rest_days,
        rest_s=rest_s,
        timezone=timezone,
        race_rules=RaceRules(
            week_sessions=week_sessions,
            week_sets_delta=week_sets_delta,
            quiet_days=quiet_days,
            nordic_before_days=nordic_before_days,
            nordic_after_days=nordic_after_days,
        ),
        progression_rules=ProgressionRules().with_text(progression_rules),
        exercise_increments=parse_exercise_increments(exercise_increments),
    )


def fill_row(row: AthleteRow, p: Profile) -> None:
    row.name = p.name
    row.units = p.units.value
    row.body_mass = p.body_mass
    row.increment = p.increment
    row.increase_pct = p.increase_pct
    row.equipment = ",".join(sorted(p.equipment))
    row.running_week = p.week.to_text()
    row.sessions_per_week = p.sessions
    row.per_session = p.per_session
    row.nordic_experienced = p.nordic_experienced
    row.race_dates = ",".join(d.isoformat() for d in sorted(p.race_dates))
    row.keep_rest_days = p.keep_rest_days
    row.rest_s = p.rest_s
    row.timezone = p.timezone
    row.race_week_sessions = p.race_rules.week_sessions
    row.race_week_sets_delta = p.race_rules.week_sets_delta
    row.race_quiet_days = p.race_rules.quiet_days
    row.nordic_before_race_days = p.race_rules.nordic_before_days
    row.nordic_after_race_days = p.race_rules.nordic_after_days
    row.progression_rules = p.progression_rules.to_text()
    row.exercise_increments = exercise_increments_text(p.exercise_increments)


def set_values(
    athlete_id: int, record: LoggedSet, session_id: int, now: dt.datetime
) -> dict[str, object]:
    """A set's row: `record.session_date` is not stored (the session's date is)."""
    return {
        "id": record.id,
        "athlete_id": athlete_id,
        "session_id": session_id,
        "exercise": record.exercise,
        "variant": record.variant,
        "stance": record.stance,
        "side": record.side,
        "set_number": record.set_number,
        "target_reps_min": record.target_reps_min,
        "target_reps_max": record.target_reps_max,
        "target_load": record.target_load,
        "reps": record.reps,
        "load": record.load,
        "unit": record.unit,
        "rir": record.rir,
        "performed_at": record.performed_at,
        "note": record.note,
        "created_at": now,
        "kind": record.kind.value,
        "hips_up": record.hips_up,
    }


def side_of(stored: str | None) -> Side | None:
    return None if stored is None else Side(stored)


_FIELDS = [f.name for f in fields(LoggedSet)]
_SIDE, _KIND = _FIELDS.index("side"), _FIELDS.index("kind")


def logged_set(columns: tuple[Any, ...]) -> LoggedSet:
    """A set from a row of the core queries (columns in the order of `LoggedSet`'s fields).

    The enums are put in place before the one constructor call: building the set and then
    replacing two fields cost twice the time, and the records read every set of an athlete.
    """
    values = list(columns)
    if values[_SIDE] is not None:
        values[_SIDE] = Side(values[_SIDE])
    values[_KIND] = SetKind(values[_KIND])
    return LoggedSet(*values)


def set_from_row(row: SetRow, session_date: dt.date) -> LoggedSet:
    return LoggedSet(
        id=row.id,
        exercise=row.exercise,
        variant=row.variant,
        stance=row.stance,
        side=side_of(row.side),
        set_number=row.set_number,
        target_reps_min=row.target_reps_min,
        target_reps_max=row.target_reps_max,
        target_load=row.target_load,
        reps=row.reps,
        load=row.load,
        unit=row.unit,
        rir=row.rir,
        performed_at=row.performed_at,
        session_date=session_date,
        note=row.note,
        kind=SetKind(row.kind),
        hips_up=row.hips_up,
    )


# Statements of the set-logging hot path, built once: constructing a select() per request costs
# more than running it on SQLite.
# max(set_number) reads one index entry; count(*) would walk every set of the session.
LAST_NUMBER_BOTH = (
    select(func.coalesce(func.max(SetRow.set_number), 0))
    .select_from(SetRow)
    .where(
        SetRow.session_id == bindparam("session_id"),
        SetRow.exercise == bindparam("exercise"),
        SetRow.side.is_(None),
    )
)
LAST_NUMBER_SIDE = (
    select(func.coalesce(func.max(SetRow.set_number), 0))
    .select_from(SetRow)
    .where(
        SetRow.session_id == bindparam("session_id"),
        SetRow.exercise == bindparam("exercise"),
        SetRow.side == bindparam("side"),
    )
)
# In LoggedSet's field order; the session date and the note follow in the queries.
SET_COLUMNS = (
    SetRow.id,
    SetRow.exercise,
    SetRow.variant,
    SetRow.stance,
    SetRow.side,
    SetRow.set_number,
    SetRow.target_reps_min,
    SetRow.target_reps_max,
    SetRow.target_load,
    SetRow.reps,
    SetRow.load,
    SetRow.unit,
    SetRow.rir,
    SetRow.performed_at,
)
# The fields after the performed time, in LoggedSet's order: the session date comes by a join.
SET_TAIL = (SessionRow.date, SetRow.note, SetRow.kind, SetRow.hips_up)


def _same_key(same_side: ColumnElement[bool]) -> tuple[ColumnElement[bool], ...]:
    return (
        SetRow.session_id == bindparam("session_id"),
        SetRow.exercise == bindparam("exercise"),
        same_side,
    )


def _first_in_session(same_side: ColumnElement[bool], *extra: ColumnElement[Any]) -> Executable:
    # Ordered by side, then set number, so the (session, exercise, side, set_number) index
    # hands over the first row directly instead of sorting the session's sets. The side is one
    # value here, but PostgreSQL does not count `side IS NULL` as fixing the column: ordered by
    # set number alone it sorted every set of the exercise (EXPLAIN ANALYZE, bench/api_accounts).
    return (
        select(*SET_COLUMNS, *SET_TAIL, *extra)
        .join(SessionRow, SessionRow.id == SetRow.session_id)
        .where(*_same_key(same_side))
        .order_by(SetRow.side, SetRow.set_number)
        .limit(1)
    )


FIRST_IN_SESSION_BOTH = _first_in_session(SetRow.side.is_(None))
FIRST_IN_SESSION_SIDE = _first_in_session(SetRow.side == bindparam("side"))


def _session_head(same_side: ColumnElement[bool]) -> Executable:
    # The first set and the highest set number in one statement (both walk the same index):
    # a logged set needs both, and each statement costs more in the driver than in SQLite.
    # The last row in index order rather than max(): max() read every row (see above).
    last = (
        select(SetRow.set_number)
        .where(*_same_key(same_side))
        .order_by(SetRow.side.desc(), SetRow.set_number.desc())
        .limit(1)
        .scalar_subquery()
    )
    return _first_in_session(same_side, last)


SESSION_HEAD_BOTH = _session_head(SetRow.side.is_(None))
SESSION_HEAD_SIDE = _session_head(SetRow.side == bindparam("side"))
SET_OWNER = select(SetRow.athlete_id).where(SetRow.id == bindparam("set_id"))
SET_OWNERS = select(SetRow.id, SetRow.athlete_id).where(
    SetRow.id.in_(bindparam("set_ids", expanding=True))
)
SESSION_IDS = select(SessionRow.date, SessionRow.id).where(
    SessionRow.athlete_id == bindparam("athlete_id"),
    SessionRow.date.in_(bindparam("dates", expanding=True)),
)
SESSION_ID = select(SessionRow.id).where(
    SessionRow.athlete_id == bindparam("athlete_id"), SessionRow.date == bindparam("date")
)


@functools.cache
def insert_ignoring_conflicts(table: type[SessionRow] | type[SetRow], dialect: str) -> Executable:
    """Built once per table and dialect; the values come as parameters.

    RETURNING tells whether a row went in: rowcount is not reliable for this on every driver
    (psycopg reports -1 for a skipped row).
    """
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing().returning(table.id)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing().returning(table.id)


@functools.cache
def insert_sets_as_columns() -> Executable:
    """PostgreSQL: a batch of sets as one array per column, `unnest`ed into rows.

    The statement's text stays the same however many sets a batch holds, so psycopg parses it
    once and the server keeps it prepared; a multi-row VALUES list is new text for every batch
    size and, past a few KiB, is parsed again on every run (a fifth of the set writer's time on
    PostgreSQL, bench/api_accounts.py). Each array is bound with its column's type, so values
    are converted as for any other insert (aware times to naive UTC).
    """
    from sqlalchemy.dialects.postgresql import ARRAY
    from sqlalchemy.dialects.postgresql import insert as pg_insert

    columns = list(SetRow.__table__.columns)
    names = [c.name for c in columns]
    arrays = [bindparam(c.name, type_=ARRAY(c.type)) for c in columns]
    batch = func.unnest(*arrays).table_valued(*names).render_derived(name="batch")
    return (
        pg_insert(SetRow)
        .from_select(names, select(*[batch.c[n] for n in names]))
        .on_conflict_do_nothing()
        .returning(SetRow.id)
    )
