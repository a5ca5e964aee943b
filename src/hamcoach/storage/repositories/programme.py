"""One athlete's programme changes made by coaches, in the order they were made."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from hamcoach.domain.programme import Choice, Kind, ProgrammeChange, Setting
from hamcoach.storage.repositories._sql import writes
from hamcoach.storage.tables import AccountRow, ProgrammeChangeRow


class ProgrammeRepository:
    def __init__(self, session: Session, athlete_id: int) -> None:
        self._s = session
        self._athlete_id = athlete_id

    @writes
    def add(self, coach_id: int, setting: Setting, effective: dt.date, at: dt.datetime) -> int:
        setting.check()
        row = ProgrammeChangeRow(
            athlete_id=self._athlete_id,
            coach_id=coach_id,
            kind=setting.kind.value,
            choice=None if setting.choice is None else setting.choice.value,
            exercise=setting.exercise,
            until=setting.until,
            sessions=setting.sessions,
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
                ProgrammeChangeRow.kind,
                ProgrammeChangeRow.choice,
                ProgrammeChangeRow.sessions,
                ProgrammeChangeRow.exercise,
                ProgrammeChangeRow.until,
                ProgrammeChangeRow.effective,
                ProgrammeChangeRow.made_at,
            )
            .outerjoin(AccountRow, AccountRow.id == ProgrammeChangeRow.coach_id)
            .where(ProgrammeChangeRow.athlete_id == self._athlete_id)
            .order_by(ProgrammeChangeRow.made_at, ProgrammeChangeRow.id)
        )
        return [
            ProgrammeChange(
                i,
                name or "(a removed account)",
                Setting(Kind(kind), None if choice is None else Choice(choice), n, ex, until),
                eff,
                at,
            )
            for i, name, kind, choice, n, ex, until, eff, at in rows
        ]
