"""Moving a planned session to another day of its week, and putting it back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hamcoach.domain.errors import Conflict, InvalidInput
from hamcoach.domain.model import PlannedSession
from hamcoach.domain.planning import move_rules
from hamcoach.domain.session_moves import check_move, refuse_race_day
from hamcoach.domain.values import check_date
from hamcoach.services import training
from hamcoach.services.ports import UnitOfWorkPort
from hamcoach.services.profile import monday_of

# Moves reach this far ahead: the week page and the calendar feed show about this much.
MAX_WEEKS_AHEAD = 8


@dataclass(frozen=True)
class MoveOutcome:
    session: PlannedSession  # on its new day, with the rules that day breaks
    planned_on: dt.date  # the day the plan chose for it

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.session.warnings


def _weeks_to(today: dt.date, day: dt.date) -> int:
    """How many plan weeks, from this week's Monday, reach the week after `day`'s."""
    ahead = (monday_of(day) - monday_of(today)).days // 7
    if ahead < 0:
        raise InvalidInput(f"the week of {day:%a %d %b} has passed: its sessions stay as they were")
    if ahead >= MAX_WEEKS_AHEAD:
        raise InvalidInput(
            f"sessions can be moved up to {MAX_WEEKS_AHEAD} weeks ahead; {day:%a %d %b} is further"
        )
    return ahead + 2  # the following week too: a move to Sunday is checked against its Monday


def move_session(
    uow: UnitOfWorkPort,
    athlete_id: int,
    today: dt.date,
    source: dt.date,
    target: dt.date,
    at: dt.datetime,
) -> MoveOutcome:
    """Move the session shown on `source` to `target` (moving it back to the day the plan
    chose undoes the move). Refused when `target` cannot hold it; the rules it breaks there are
    returned as warnings, not refused."""
    check_date(source, "the session's day")
    check_date(target, "the new day")
    weeks = _weeks_to(today, source)
    view = training.plan_for(uow, athlete_id, today, weeks)
    session = check_move(view.plan, source, target, today)
    with uow:
        scope = uow.athlete(athlete_id)
        begun = scope.sessions.get(source)
        if begun is not None and begun.started_at is not None:
            raise Conflict(f"the session on {source:%a %d %b} has begun: it stays on its day")
        refuse_race_day(target, move_rules(view.request))
        planned_on = session.moved_from or source
        if target == planned_on:
            scope.moves.delete(planned_on)
        else:
            scope.moves.put(planned_on, target, at)
        uow.commit()
    after = training.plan_for(uow, athlete_id, today, weeks)
    now = next((s for s in after.plan.sessions() if s.date == target), None)
    if now is None:  # the plan could not keep it there: say so rather than pretend
        raise Conflict(f"the session could not be moved to {target:%a %d %b}; see the plan")
    return MoveOutcome(now, planned_on)
