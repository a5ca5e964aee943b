"""Use-cases of one day's session: where it stands (the same on every device and in the CLI),
beginning it with the lighter or the full version, skipping it, and each planned day's outcome.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hamcoach.domain.errors import Conflict, InvalidInput
from hamcoach.domain.model import Plan, PlannedSession, Side
from hamcoach.domain.records import LoggedSet, SessionRecord
from hamcoach.domain.session_state import SessionState, session_state
from hamcoach.domain.values import check_date
from hamcoach.services import training
from hamcoach.services.ports import AthleteScopePort, UnitOfWorkPort

# How far back "last time" looks for an exercise (sets, newest first): a few sessions' worth.
LAST_TIME_SETS = 60

LegKey = tuple[str, Side | None]


@dataclass(frozen=True)
class TodayView:
    view: training.PlanView
    session: PlannedSession  # as it began when it has, else as planned now
    state: SessionState
    record: SessionRecord | None
    sets: tuple[LoggedSet, ...]  # the day's sets, in the order logged
    soreness: int | None
    last_time: dict[LegKey, tuple[LoggedSet, ...]]  # the latest earlier session's working sets
    new_exercises: frozenset[str]  # exercises of this session never logged before


def _last_time(
    scope: AthleteScopePort, session: PlannedSession
) -> tuple[dict[LegKey, tuple[LoggedSet, ...]], frozenset[str]]:
    last: dict[LegKey, tuple[LoggedSet, ...]] = {}
    new = set()
    for e in session.exercises:
        earlier = [
            s
            for s in scope.sets.all(exercise=e.slug, newest_first=True, limit=LAST_TIME_SETS)
            if s.session_date < session.date
        ]
        if not earlier:
            new.add(e.slug)
        sides: tuple[Side | None, ...] = (Side.LEFT, Side.RIGHT) if e.per_side else (None,)
        for side in sides:
            mine = [
                s for s in earlier if s.kind.counts_as_work and (side is None or s.side == side)
            ]
            if mine:
                day = mine[0].session_date
                last[(e.slug, side)] = tuple(
                    sorted((s for s in mine if s.session_date == day), key=lambda s: s.set_number)
                )
    return last, frozenset(new)


def today(uow: UnitOfWorkPort, athlete_id: int, day: dt.date, *, full: bool = False) -> TodayView:
    """Today's session (or else the next) with where it stands and what was done last time."""
    view, session = training.today_session(uow, athlete_id, day, full=full)
    soreness = training.todays_soreness(uow, athlete_id, day)
    with uow:
        scope = uow.athlete(athlete_id)
        record = scope.sessions.get(session.date)
        sets = tuple(
            s
            for s in scope.sets.all(since=session.date, until=session.date)
            if s.session_date == session.date
        )
        last, new = _last_time(scope, session)
    state = session_state(session.date, session, sets, record)
    return TodayView(view, session, state, record, sets, soreness, last, new)


def choose_version(
    uow: UnitOfWorkPort, athlete_id: int, day: dt.date, now: dt.datetime, *, full: bool
) -> None:
    """Begin `day`'s session as the full or the lighter (sore) version. Once a set is logged
    the session keeps the version it began with."""
    check_date(day, "session date")
    with uow:
        scope = uow.athlete(athlete_id)
        profile = scope.profile.get()
        if any(s.session_date == day for s in scope.sets.all(since=day, until=day)):
            raise Conflict(
                f"the session of {day:%a %d %b} has sets logged: it keeps the version it began with"
            )
        planned = training.planned_on(scope, profile, day, full=full)
        scope.sessions.start(day, now, planned, again=True)
        uow.commit()


def skip(uow: UnitOfWorkPort, athlete_id: int, day: dt.date, now: dt.datetime) -> None:
    """Mark `day`'s session skipped; a session with working sets is finished, not skipped."""
    check_date(day, "session date")
    with uow:
        scope = uow.athlete(athlete_id)
        if day > training.local_date(now, scope.profile.get()):
            raise InvalidInput(
                f"{day:%a %d %b %Y} is in the future: only a session that is due can be skipped"
            )
        if any(
            s.session_date == day and s.kind.counts_as_work
            for s in scope.sets.all(since=day, until=day)
        ):
            raise Conflict(
                f"the session of {day:%a %d %b} has sets logged: finish it instead of skipping it"
            )
        scope.sessions.skip(day, now)
        uow.commit()


def outcomes(
    uow: UnitOfWorkPort, athlete_id: int, plan: Plan, day: dt.date
) -> dict[dt.date, SessionState]:
    """Each planned day's state (done, partly done, missed, skipped, ...) up to `day`."""
    dates = [s.date for s in plan.sessions()]
    if not dates:
        return {}
    first, last = min(dates), max(dates)
    with uow:
        scope = uow.athlete(athlete_id)
        sets = scope.sets.all(since=first, until=last)
        records = {r.date: r for r in scope.sessions.all(since=first) if r.date <= last}
    by_day: dict[dt.date, list[LoggedSet]] = {}
    for s in sets:
        by_day.setdefault(s.session_date, []).append(s)
    return {
        s.date: session_state(s.date, s, by_day.get(s.date, ()), records.get(s.date))
        for s in plan.sessions()
    }
