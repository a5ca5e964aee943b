"""The repositories of one athlete, reached through `UnitOfWork.athlete(athlete_id)`.

Every repository is built here with the athlete's id and keeps it: there is no way to reach a
repository of rows that are not this athlete's (authorization is a property of the storage API).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from hamcoach.storage.repositories.assessments import AssessmentRepository
from hamcoach.storage.repositories.comments import CommentRepository
from hamcoach.storage.repositories.moves import MoveRepository
from hamcoach.storage.repositories.profile import ProfileRepository
from hamcoach.storage.repositories.programme import ProgrammeRepository
from hamcoach.storage.repositories.runs import RunRepository
from hamcoach.storage.repositories.sessions import SessionRepository
from hamcoach.storage.repositories.sets import SetRepository
from hamcoach.storage.repositories.soreness import SorenessRepository


class AthleteScope:
    """Everything stored for one athlete, one repository per aggregate."""

    def __init__(self, session: Session, athlete_id: int) -> None:
        self._athlete_id = athlete_id
        self._profile = ProfileRepository(session, athlete_id)
        self._sessions = SessionRepository(session, athlete_id)
        self._sets = SetRepository(session, athlete_id)
        self._assessments = AssessmentRepository(session, athlete_id)
        self._runs = RunRepository(session, athlete_id)
        self._soreness = SorenessRepository(session, athlete_id)
        self._moves = MoveRepository(session, athlete_id)
        self._comments = CommentRepository(session, athlete_id)
        self._programme = ProgrammeRepository(session, athlete_id)

    # Read-only properties: a scope cannot be pointed at another athlete's repositories.
    @property
    def athlete_id(self) -> int:
        return self._athlete_id

    @property
    def profile(self) -> ProfileRepository:
        return self._profile

    @property
    def sessions(self) -> SessionRepository:
        return self._sessions

    @property
    def sets(self) -> SetRepository:
        return self._sets

    @property
    def assessments(self) -> AssessmentRepository:
        return self._assessments

    @property
    def runs(self) -> RunRepository:
        return self._runs

    @property
    def soreness(self) -> SorenessRepository:
        return self._soreness

    @property
    def moves(self) -> MoveRepository:
        return self._moves

    @property
    def comments(self) -> CommentRepository:
        return self._comments

    @property
    def programme(self) -> ProgrammeRepository:
        return self._programme
