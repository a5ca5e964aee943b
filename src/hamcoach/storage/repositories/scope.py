"""The repositories of one athlete, reached through `UnitOfWork.athlete(athlete_id)`.

Every repository is built here with the athlete's id and keeps it: there is no way to reach a
repository of rows that are not this athlete's (authorization is a property of the storage API).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from hamcoach.domain.profile import Profile
from hamcoach.domain.records import StrengthValue
from hamcoach.storage.repositories.profile import ProfileRepository
from hamcoach.storage.repositories.runs import RunRepository
from hamcoach.storage.repositories.sessions import SessionRepository
from hamcoach.storage.repositories.sets import SetRepository
from hamcoach.storage.repositories.soreness import SorenessRepository
from hamcoach.storage.repositories.strength_tests import StrengthTestRepository


class _EdgeProfile(ProfileRepository):
    # kept for the edges until they go through services (issue 9): `scope.profile()`
    def __call__(self) -> Profile:
        return self.get()


class _EdgeSoreness(SorenessRepository):
    # kept for the edges until they go through services (issue 9): `scope.soreness()`
    def __call__(self) -> list[tuple[dt.date, int, str | None]]:
        return self.all()


class AthleteScope:
    """Everything stored for one athlete, one repository per aggregate."""

    def __init__(self, session: Session, athlete_id: int) -> None:
        self._athlete_id = athlete_id
        self._profile = _EdgeProfile(session, athlete_id)
        self._sessions = SessionRepository(session, athlete_id)
        self._sets = SetRepository(session, athlete_id)
        self._tests = StrengthTestRepository(session, athlete_id)
        self._runs = RunRepository(session, athlete_id)
        self._soreness = _EdgeSoreness(session, athlete_id)

    # Read-only properties: a scope cannot be pointed at another athlete's repositories.
    @property
    def athlete_id(self) -> int:
        return self._athlete_id

    @property
    def profile(self) -> _EdgeProfile:
        return self._profile

    @property
    def sessions(self) -> SessionRepository:
        return self._sessions

    @property
    def sets(self) -> SetRepository:
        return self._sets

    @property
    def tests(self) -> StrengthTestRepository:
        return self._tests

    @property
    def runs(self) -> RunRepository:
        return self._runs

    @property
    def soreness(self) -> _EdgeSoreness:
        return self._soreness

    # kept for the edges until they go through services (issue 9)
    def test_values(self, kind: str | None = None) -> list[StrengthValue]:
        return self._tests.all(kind)

    # kept for the edges until they go through services (issue 9)
    def count_sets(self) -> int:
        return self._sets.count()

    # kept for the edges until they go through services (issue 9)
    def count_runs(self) -> int:
        return self._runs.count()
