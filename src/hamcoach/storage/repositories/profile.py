"""The athlete's own record: profile, plan start and calendar secret (the aggregate's root)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from hamcoach.domain.errors import NoProfile
from hamcoach.domain.profile import Profile
from hamcoach.storage import rows as sqlrows
from hamcoach.storage.repositories._sql import core, writes
from hamcoach.storage.tables import AthleteRow, PlanStateRow, new_calendar_token

_GET = select(*sqlrows.PROFILE_COLUMNS).where(AthleteRow.id == bindparam("athlete_id"))


class ProfileRepository:
    def __init__(self, session: Session, athlete_id: int) -> None:
        self._s = session
        self._athlete_id = athlete_id

    def _row(self) -> AthleteRow:
        row = self._s.get(AthleteRow, self._athlete_id)
        if row is None:
            raise NoProfile
        return row

    def get(self) -> Profile:
        if self._s.dirty or self._s.new or self._s.deleted:
            return sqlrows.profile_from_row(self._row())  # changes not yet flushed count
        # Below the ORM: every set-writer batch and every page read the profile, and the ORM's
        # identity-mapped load took several times the query itself.
        values = core(self._s, _GET, {"athlete_id": self._athlete_id}).first()
        if values is None:
            raise NoProfile
        return sqlrows.profile_from_values(tuple(values))

    @writes
    def save(self, profile: Profile) -> None:
        sqlrows.fill_row(self._row(), profile)

    def plan_start(self) -> dt.date | None:
        row = self._s.get(PlanStateRow, self._athlete_id)
        return None if row is None else row.start

    @writes
    def set_plan_start(self, start: dt.date) -> None:
        row = self._s.get(PlanStateRow, self._athlete_id)
        if row is None:
            self._s.add(PlanStateRow(athlete_id=self._athlete_id, start=start))
        else:
            row.start = start

    def calendar_token(self) -> str:
        """The secret of the calendar URL, created on first use (needs a commit then)."""
        row = self._row()
        if row.calendar_token is None:
            row.calendar_token = new_calendar_token()
        return row.calendar_token

    def set_calendar_token(self, token: str) -> None:
        self._row().calendar_token = token

    @writes
    def delete_athlete(self) -> None:
        """Remove the athlete and, by cascade, everything stored for them."""
        self._s.execute(delete(AthleteRow).where(AthleteRow.id == self._athlete_id))
        self._s.expire_all()
