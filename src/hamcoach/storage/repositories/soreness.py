"""Daily soreness check-ins: one per athlete and date, a later one replaces it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from hamcoach.storage.repositories._sql import writes
from hamcoach.storage.tables import SorenessRow


class SorenessRepository:
    def __init__(self, session: Session, athlete_id: int) -> None:
        self._s = session
        self._athlete_id = athlete_id

    @writes
    def record(self, date: dt.date, score: int, note: str | None) -> None:
        row = self._s.scalar(
            select(SorenessRow).where(
                SorenessRow.athlete_id == self._athlete_id, SorenessRow.date == date
            )
        )
        if row is None:
            self._s.add(SorenessRow(athlete_id=self._athlete_id, date=date, score=score, note=note))
        else:
            row.score, row.note = score, note

    def all(self) -> list[tuple[dt.date, int, str | None]]:
        rows = self._s.scalars(
            select(SorenessRow)
            .where(SorenessRow.athlete_id == self._athlete_id)
            .order_by(SorenessRow.date)
        )
        return [(r.date, r.score, r.note) for r in rows]
