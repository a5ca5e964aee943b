"""Logged sets: what was prescribed kept beside what was done, stored once per client UUID."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from hamcoach.domain.records import LoggedSet
from hamcoach.storage import rows as sqlrows
from hamcoach.storage.repositories._sql import (
    core,
    insert_ignoring_conflicts,
    insert_sets,
    writes,
)
from hamcoach.storage.tables import SessionRow, SetRow


def owners_of(session: Session, set_ids: Collection[str]) -> dict[str, int]:
    """{id: athlete} for the ids already stored, whoever's (set ids are global)."""
    if not set_ids:
        return {}
    rows = core(session, sqlrows.SET_OWNERS, {"set_ids": list(set_ids)})
    return {str(row[0]): int(row[1]) for row in map(tuple, rows)}


def session_head(
    session: Session, session_id: int, exercise: str, side: str | None
) -> tuple[LoggedSet | None, int]:
    """A session's first set of an exercise (and side) and its highest set number; a session
    is one athlete's, so its id scopes the read."""
    statement = sqlrows.SESSION_HEAD_SIDE if side is not None else sqlrows.SESSION_HEAD_BOTH
    params = {"session_id": session_id, "exercise": exercise, "side": side}
    row = core(session, statement, params).first()
    if row is None:
        return None, 0
    return sqlrows.logged_set(tuple(row)[:-1]), int(row[-1])


class SetRepository:
    def __init__(self, session: Session, athlete_id: int) -> None:
        self._s = session
        self._athlete_id = athlete_id

    def get(self, set_id: str) -> LoggedSet | None:
        row = self._s.execute(
            select(SetRow, SessionRow.date)
            .join(SessionRow, SessionRow.id == SetRow.session_id)
            .where(SetRow.id == set_id, SetRow.athlete_id == self._athlete_id)
        ).first()
        return None if row is None else sqlrows.set_from_row(row[0], row[1])

    def owner_of(self, set_id: str) -> int | None:
        """Which athlete a set id belongs to (any athlete: ids are global), or None.

        Only the owner's id comes back, never the set: enough to refuse a UUID already used by
        someone else without showing their data.
        """
        owner: int | None = core(self._s, sqlrows.SET_OWNER, {"set_id": set_id}).scalar()
        return owner

    def first_in_session(
        self, session_id: int, exercise: str, side: str | None
    ) -> LoggedSet | None:
        """The first set of an exercise (and side) in a session: it fixed the session's targets.

        Sessions belong to one athlete (the id comes from this athlete's sessions), so the
        session id scopes the query.
        """
        statement = (
            sqlrows.FIRST_IN_SESSION_SIDE if side is not None else sqlrows.FIRST_IN_SESSION_BOTH
        )
        params = {"session_id": session_id, "exercise": exercise, "side": side}
        row = core(self._s, statement, params).first()
        return None if row is None else sqlrows.logged_set(tuple(row))

    def owners_of(self, set_ids: Collection[str]) -> dict[str, int]:
        """`owner_of` for many ids in one statement: {id: athlete} for the ids already stored."""
        return owners_of(self._s, set_ids)

    def head(
        self, session_id: int, exercise: str, side: str | None
    ) -> tuple[LoggedSet | None, int]:
        """`first_in_session` and `last_number` together, in one statement."""
        return session_head(self._s, session_id, exercise, side)

    def last_number(self, session_id: int, exercise: str, side: str | None) -> int:
        statement = sqlrows.LAST_NUMBER_SIDE if side is not None else sqlrows.LAST_NUMBER_BOTH
        params = {"session_id": session_id, "exercise": exercise, "side": side}
        return int(core(self._s, statement, params).scalar() or 0)

    @writes
    def add(self, record: LoggedSet, session_id: int) -> bool:
        """Insert the set; False when its id is already stored (a retry that raced the first).

        The set's session date is the session's: `record.session_date` is not stored.
        """
        values = sqlrows.set_values(self._athlete_id, record, session_id, dt.datetime.now(dt.UTC))
        return insert_ignoring_conflicts(self._s, SetRow, values)

    @writes
    def add_many(self, records: Sequence[tuple[LoggedSet, int]]) -> set[str]:
        """Insert sets (each with its session id) in one statement; the ids that went in (an id
        already stored, a retry that raced the first, is skipped)."""
        now = dt.datetime.now(dt.UTC)
        return insert_sets(
            self._s, [sqlrows.set_values(self._athlete_id, r, sid, now) for r, sid in records]
        )

    @writes
    def update(self, set_id: str, reps: int, load: float | None, note: str | None) -> bool:
        row = self._s.scalar(
            select(SetRow).where(SetRow.id == set_id, SetRow.athlete_id == self._athlete_id)
        )
        if row is None:
            return False
        row.reps, row.load, row.note = reps, load, note
        return True

    @writes
    def delete(self, set_id: str) -> bool:
        result = self._s.execute(
            delete(SetRow).where(SetRow.id == set_id, SetRow.athlete_id == self._athlete_id)
        )
        return bool(getattr(result, "rowcount", 0))

    def all(
        self,
        exercise: str | None = None,
        since: dt.date | None = None,
        limit: int | None = None,
        before: tuple[dt.datetime, str] | None = None,
        newest_first: bool = False,
        until: dt.date | None = None,
    ) -> list[LoggedSet]:
        """Sets in the order performed (ties broken by set number), optionally a page of them.

        Plain columns, not ORM entities: reports read tens of thousands of sets and building
        mapped instances would cost more than the query.
        """
        # The session's athlete too: with a date bound, PostgreSQL otherwise scans every
        # athlete's sessions for that date range (a hash join over the whole table at 1 000
        # athletes) instead of walking this athlete's (athlete_id, date) index.
        query = (
            select(*sqlrows.SET_COLUMNS, *sqlrows.SET_TAIL)
            .join(
                SessionRow,
                (SessionRow.id == SetRow.session_id) & (SessionRow.athlete_id == self._athlete_id),
            )
            .where(SetRow.athlete_id == self._athlete_id)
        )
        if exercise is not None:
            query = query.where(SetRow.exercise == exercise)
        if since is not None:
            # The time bound lets the (athlete, performed_at) index do the work; the local date
            # of a set can be a day off its UTC time, hence the margin.
            margin_day = max(since, dt.date(1900, 1, 2)) - dt.timedelta(days=1)
            margin = dt.datetime.combine(margin_day, dt.time(), dt.UTC)
            query = query.where(SetRow.performed_at >= margin, SessionRow.date >= since)
        if until is not None:
            query = query.where(SessionRow.date <= until)
        if before is not None:
            query = query.where(
                (SetRow.performed_at < before[0])
                | ((SetRow.performed_at == before[0]) & (SetRow.id < before[1]))
            )
        order = (
            (SetRow.performed_at.desc(), SetRow.id.desc())
            if newest_first
            else (SetRow.performed_at, SetRow.set_number, SetRow.id)
        )
        query = query.order_by(*order)
        if limit is not None:
            query = query.limit(limit)
        return [sqlrows.logged_set(tuple(r)) for r in self._s.execute(query)]

    def count(self) -> int:
        return int(
            self._s.scalar(
                select(func.count())
                .select_from(SetRow)
                .where(SetRow.athlete_id == self._athlete_id)
            )
            or 0
        )
