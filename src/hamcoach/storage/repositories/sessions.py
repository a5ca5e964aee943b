"""Training sessions: one per athlete and local date, holding that day's sets."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from hamcoach.domain.records import SessionRecord
from hamcoach.storage import rows as sqlrows
from hamcoach.storage.repositories._sql import core, insert_ignoring_conflicts
from hamcoach.storage.tables import SessionRow, SetRow


class SessionRepository:
    def __init__(self, session: Session, athlete_id: int) -> None:
        self._s = session
        self._athlete_id = athlete_id

    def id_for(self, date: dt.date) -> int:
        """The session of that date, created on first use (safe under concurrent requests)."""
        params = {"athlete_id": self._athlete_id, "date": date}
        found = core(self._s, sqlrows.SESSION_ID, params).scalar()
        if found is not None:
            return int(found)
        insert_ignoring_conflicts(self._s, SessionRow, params)
        return int(core(self._s, sqlrows.SESSION_ID, params).scalar_one())

    def _on(self, date: dt.date) -> SessionRow | None:
        return self._s.scalar(
            select(SessionRow).where(
                SessionRow.athlete_id == self._athlete_id, SessionRow.date == date
            )
        )

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
        return [SessionRecord(r.date, r.finished_at, r.note) for r in rows]

    def dates_with_sets(self, before: dt.date | None, limit: int) -> list[dt.date]:
        """Dates of sessions that have sets, newest first (a page of the history)."""
        has_sets = select(SetRow.id).where(SetRow.session_id == SessionRow.id).exists()
        query = select(SessionRow.date).where(SessionRow.athlete_id == self._athlete_id, has_sets)
        if before is not None:
            query = query.where(SessionRow.date < before)
        return list(self._s.scalars(query.order_by(SessionRow.date.desc()).limit(limit)))

    def restore(self, record: SessionRecord) -> None:
        """A session exactly as recorded (finish time and note, even empty ones)."""
        row = self._s.get(SessionRow, self.id_for(record.date))
        assert row is not None
        row.finished_at, row.note = record.finished_at, record.note
