"""What the exports need: the plan to put in a calendar or on a watch, the calendar secret.

The file formats themselves are written by `integrations` (ics, fit_workout, csv_io, backup);
these use-cases only pick the data, so the CLI and the web app export the same thing.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from hamcoach.domain.errors import InvalidInput, NotFound
from hamcoach.domain.model import PlannedSession, PlanWeek
from hamcoach.services.ports import UnitOfWorkPort
from hamcoach.services.profile import monday_of
from hamcoach.services.training import PlanView, plan_for

MAX_WEEKS_AHEAD = 52


@dataclass(frozen=True)
class CalendarPlan:
    view: PlanView
    token: str

    @property
    def athlete_key(self) -> str:
        # Event UIDs derive from the (secret, backed-up) token through a one-way hash: stable
        # across plan changes and restores, never revealing the token itself.
        return f"calendar:{self.token}"


def calendar_token(uow: UnitOfWorkPort, athlete_id: int) -> str:
    """The secret of the athlete's calendar URL (created on first use)."""
    with uow:
        token = uow.athlete(athlete_id).profile.calendar_token()
        uow.commit()
    return token


def rotate_calendar_token(uow: UnitOfWorkPort, athlete_id: int) -> str:
    """A new secret: the old calendar URL stops working at once.

    Event UIDs follow the token, so a calendar subscribed anew gets new events (the old
    subscription, now dead, is the one to remove).
    """
    token = secrets.token_urlsafe(24)  # as storage makes them: 192 random bits
    with uow:
        uow.athlete(athlete_id).profile.set_calendar_token(token)
        uow.commit()
    return token


def athlete_for_calendar(uow: UnitOfWorkPort, token: str) -> int:
    with uow:
        athlete_id = uow.athletes.by_calendar_token(token)
    if athlete_id is None:
        raise NotFound("no calendar at this address (the link may have been reset)")
    return athlete_id


def calendar_plan(
    uow_factory: Callable[[], UnitOfWorkPort], athlete_id: int, today: dt.date, weeks: int
) -> CalendarPlan:
    """The plan from this week's Monday for `weeks` weeks, with the athlete's calendar key."""
    _check_weeks(weeks)
    token = calendar_token(uow_factory(), athlete_id)
    return CalendarPlan(plan_for(uow_factory(), athlete_id, today, weeks), token)


def session_on(
    uow: UnitOfWorkPort, athlete_id: int, today: dt.date, date: dt.date
) -> tuple[PlanView, PlannedSession]:
    """The session planned on `date` (this week or later)."""
    first = monday_of(today)
    if date < first:
        raise InvalidInput(
            f"{date.isoformat()} is before this week; the plan starts {first.isoformat()}"
        )
    weeks = (date - first).days // 7 + 1
    if weeks > MAX_WEEKS_AHEAD:
        last = first + dt.timedelta(weeks=MAX_WEEKS_AHEAD) - dt.timedelta(days=1)
        raise InvalidInput(
            f"{date.isoformat()} is beyond the plan, which reaches {MAX_WEEKS_AHEAD} weeks "
            f"ahead (to {last.isoformat()})"
        )
    view = plan_for(uow, athlete_id, today, weeks)
    found = [s for s in view.plan.sessions() if s.date == date]
    if not found:
        week = view.plan.weeks[-1]
        planned = ", ".join(s.date.isoformat() for s in week.sessions) or "none"
        raise InvalidInput(
            f"no session planned on {date.isoformat()}; that week's sessions: {planned}"
        )
    return view, found[0]


def plan_week(
    uow: UnitOfWorkPort, athlete_id: int, today: dt.date, number: int
) -> tuple[PlanView, PlanWeek]:
    """Week `number` of the plan, 1 being this week."""
    _check_weeks(number)
    view = plan_for(uow, athlete_id, today, number)
    week = view.plan.weeks[number - 1]
    if not week.sessions:
        raise InvalidInput(f"no sessions planned in week {number} (from {week.start.isoformat()})")
    return view, week


@dataclass(frozen=True)
class WatchWorkouts:
    """What goes on the watch: one session, or every session of one plan week."""

    sessions: tuple[PlannedSession, ...]
    week_start: dt.date | None  # set when a whole week was asked for


def watch_workouts(
    uow: UnitOfWorkPort,
    athlete_id: int,
    today: dt.date,
    date: dt.date | None = None,
    week: int | None = None,
) -> WatchWorkouts:
    """The session on `date`, every session of plan week `week`, or (neither) the next one."""
    from hamcoach.services.training import today_session

    if date is not None and week is not None:
        raise InvalidInput("give date or week, not both")
    if week is not None:
        _, chosen_week = plan_week(uow, athlete_id, today, week)
        return WatchWorkouts(tuple(chosen_week.sessions), chosen_week.start)
    if date is None:
        _, session = today_session(uow, athlete_id, today)
    else:
        _, session = session_on(uow, athlete_id, today, date)
    return WatchWorkouts((session,), None)


def _check_weeks(weeks: int) -> None:
    if not 1 <= weeks <= MAX_WEEKS_AHEAD:
        raise InvalidInput(f"weeks must be 1-{MAX_WEEKS_AHEAD} (got {weeks})")
