"""Training sessions: one per athlete and local date, holding that day's sets."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import PlannedSession
from hamcoach.domain.records import SessionRecord
from hamcoach.domain.session_snapshot import from_data, to_data
from hamcoach.storage import rows as sqlrows
from hamcoach.storage.repositories._sql import core, insert_ignoring_conflicts, writes
from hamcoach.storage.tables import SessionRow, SetRow


def _planned(text: str | None) -> PlannedSession | None:
    return None if text is None else from_data(json.loads(text), CATALOGUE)


def _record(row: SessionRow) -> SessionRecord:
    return SessionRecord(
        row.date, row.finished_at, row.note, row.started_at, row.skipped_at, _planned(row.planned)
    )


class SessionRepository:
    def __init__(self, session: Session, athlete_id: int) -> None:
        self._s = session
        self._athlete_id = athlete_id

    @writes
    def id_for(self, date: dt.date) -> int:
        """The session of that date, created on first use (safe under concurrent requests)."""
        params = {"athlete_id": self._athlete_id, "date": date}
        found = core(self._s, sqlrows.SESSION_ID, params).scalar()
        if found is not None:
            return int(found)
        insert_ignoring_conflicts(self._s, SessionRow, params)
        return int(core(self._s, sqlrows.SESSION_ID, params).scalar_one())

    def known_ids(self, dates: Collection[dt.date]) -> dict[dt.date, int]:
        """The ids of the sessions on these dates that exist already (none are created)."""
        if not dates:
            return {}
        params = {"athlete_id": self._athlete_id, "dates": list(dates)}
        rows = core(self._s, sqlrows.SESSION_IDS, params)
        return {row[0]: int(row[1]) for row in map(tuple, rows)}

    def _on(self, date: dt.date) -> SessionRow | None:
        return self._s.scalar(
            select(SessionRow).where(
                SessionRow.athlete_id == self._athlete_id, SessionRow.date == date
            )
        )

    def get(self, date: dt.date) -> SessionRecord | None:
        row = self._on(date)
        return None if row is None else _record(row)

    @writes
    def start(
        self,
        date: dt.date,
        at: dt.datetime,
        planned: PlannedSession | None,
        *,
        again: bool = False,
    ) -> bool:
        """Mark the session begun with the plan it begins with; a session already begun keeps
        its plan unless `again` (the athlete chose another version before any set). True when
        this call set the plan."""
        row = self._s.get(SessionRow, self.id_for(date), with_for_update=True)
        assert row is not None
        if row.started_at is not None and not again:
            return False
        row.started_at = row.started_at or at
        row.planned = None if planned is None else json.dumps(to_data(planned))
        row.skipped_at = None
        return True

    @writes
    def skip(self, date: dt.date, at: dt.datetime) -> None:
        row = self._s.get(SessionRow, self.id_for(date))
        assert row is not None
        row.skipped_at = at

    def started(self, first: dt.date, last: dt.date) -> dict[dt.date, PlannedSession]:
        """The plans that sessions from `first` to `last` began with (begun sessions only)."""
        rows = self._s.execute(
            select(SessionRow.date, SessionRow.planned).where(
                SessionRow.athlete_id == self._athlete_id,
                SessionRow.date >= first,
                SessionRow.date <= last,
                SessionRow.planned.is_not(None),
            )
        )
        found = {date: _planned(text) for date, text in rows}
        return {d: p for d, p in found.items() if p is not None}

    @writes
    def finish(self, date: dt.date, at: dt.datetime, note: str | None) -> bool:
        row = self._on(date)
        if row is None:
            return False
        row.finished_at = at
        if note:
            row.note = note
        return True

    def all(self, since: dt.date | None = None) -> list[SessionRecord]:
        query = select(SessionRow).where(SessionRow.athlete_id == self._athlete_id)
        if since is not None:
            query = query.where(SessionRow.date >= since)
        rows = self._s.scalars(query.order_by(SessionRow.date))
        return [_record(r) for r in rows]

    def dates_with_sets(
        self, before: dt.date | None, limit: int, exercise: str | None = None
    ) -> list[dt.date]:
        """Dates of sessions that have sets (of `exercise`), newest first (a page of the
        history)."""
        sets = select(SetRow.id).where(SetRow.session_id == SessionRow.id)
        if exercise is not None:
            sets = sets.where(SetRow.exercise == exercise)
        has_sets = sets.exists()
        query = select(SessionRow.date).where(SessionRow.athlete_id == self._athlete_id, has_sets)
        if before is not None:
            query = query.where(SessionRow.date < before)
        return list(self._s.scalars(query.order_by(SessionRow.date.desc()).limit(limit)))

    @writes
    def restore(self, record: SessionRecord) -> None:
        """A session exactly as recorded (finish time and note, even empty ones)."""
        row = self._s.get(SessionRow, self.id_for(record.date))
        assert row is not None
        row.finished_at, row.note = record.finished_at, record.note
        row.started_at, row.skipped_at = record.started_at, record.skipped_at
        row.planned = None if record.planned is None else json.dumps(to_data(record.planned))
