"""Planned sessions the athlete moved to another day: one move per athlete and source date."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hamcoach.storage.repositories._sql import writes
from hamcoach.storage.tables import SessionMoveRow


class MoveRepository:
    def __init__(self, session: Session, athlete_id: int) -> None:
        self._s = session
        self._athlete_id = athlete_id

    def all(self, first: dt.date, last: dt.date) -> dict[dt.date, dt.date]:
        """Source date -> target date, for sessions planned from `first` to `last`."""
        rows = self._s.execute(
            select(SessionMoveRow.from_date, SessionMoveRow.to_date).where(
                SessionMoveRow.athlete_id == self._athlete_id,
                SessionMoveRow.from_date >= first,
                SessionMoveRow.from_date <= last,
            )
        )
        return {source: target for source, target in rows}  # noqa: C416 (rows, not pairs)

    @writes
    def put(self, source: dt.date, target: dt.date, at: dt.datetime) -> None:
        """Move the session planned on `source` to `target` (a later move replaces it)."""
        row = self._s.scalar(
            select(SessionMoveRow)
            .where(
                SessionMoveRow.athlete_id == self._athlete_id,
                SessionMoveRow.from_date == source,
            )
            .with_for_update()
        )
        if row is None:
            self._s.add(
                SessionMoveRow(
                    athlete_id=self._athlete_id, from_date=source, to_date=target, moved_at=at
                )
            )
        else:
            row.to_date, row.moved_at = target, at

    @writes
    def delete(self, source: dt.date) -> bool:
        """Undo the move of the session planned on `source`; False when there was none."""
        result = self._s.execute(
            delete(SessionMoveRow).where(
                SessionMoveRow.athlete_id == self._athlete_id,
                SessionMoveRow.from_date == source,
            )
        )
        return bool(getattr(result, "rowcount", 0))
