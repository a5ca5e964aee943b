"""One athlete's programme changes made by coaches, in the order they were made."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from hamcoach.domain.programme import ProgrammeChange
from hamcoach.storage.tables import AccountRow, ProgrammeChangeRow


class ProgrammeRepository:
    def __init__(self, session: Session, athlete_id: int) -> None:
        self._s = session
        self._athlete_id = athlete_id

    def add(self, coach_id: int, sessions: int, effective: dt.date, at: dt.datetime) -> int:
        row = ProgrammeChangeRow(
            athlete_id=self._athlete_id,
            coach_id=coach_id,
            sessions=sessions,
            effective=effective,
            made_at=at,
        )
        self._s.add(row)
        self._s.flush()
        return row.id

    def all(self) -> list[ProgrammeChange]:
        rows = self._s.execute(
            select(
                ProgrammeChangeRow.id,
                AccountRow.username,
                ProgrammeChangeRow.sessions,
                ProgrammeChangeRow.effective,
                ProgrammeChangeRow.made_at,
            )
            .outerjoin(AccountRow, AccountRow.id == ProgrammeChangeRow.coach_id)
            .where(ProgrammeChangeRow.athlete_id == self._athlete_id)
            .order_by(ProgrammeChangeRow.made_at, ProgrammeChangeRow.id)
        )
        return [
            ProgrammeChange(i, name or "(a removed account)", n, eff, at)
            for i, name, n, eff, at in rows
        ]
