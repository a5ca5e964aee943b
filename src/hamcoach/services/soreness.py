"""Soreness check-ins: how the hamstrings feel (0 none - 10 worst), one per day."""

from __future__ import annotations

import datetime as dt

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.readiness import is_sore
from hamcoach.domain.values import check_date, check_note
from hamcoach.services.ports import SorenessEntry, UnitOfWorkPort


def check_in(
    uow: UnitOfWorkPort,
    athlete_id: int,
    day: dt.date,
    score: int,
    note: str | None,
    today: dt.date,
) -> None:
    """Record (or correct) the day's soreness."""
    if not 0 <= score <= 10:
        raise InvalidInput(f"soreness is 0 (none) to 10 (worst) (got {score})")
    if day > today:
        raise InvalidInput(f"date {day.isoformat()} is in the future")
    check_date(day)
    note = check_note(note)
    with uow:
        scope = uow.athlete(athlete_id)
        scope.profile.get()  # the athlete must exist
        scope.soreness.record(day, score, note)
        uow.commit()


def history(uow: UnitOfWorkPort, athlete_id: int) -> list[SorenessEntry]:
    """Every check-in, oldest first: (date, score, note)."""
    with uow:
        return uow.athlete(athlete_id).soreness.all()


def advice(score: int) -> str:
    if is_sore(score):
        return (
            f"soreness {score}/10: keep the next session light (one set fewer, no Nordic) "
            "or move it a day"
        )
    return f"soreness {score}/10: train as planned"
