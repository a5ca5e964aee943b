"""The plan and today's session: GET /api/v1/plan, POST /api/v1/plan/moves, GET /api/v1/today."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from hamcoach.services import moves, sessions, training
from hamcoach.views import plan as plan_view
from hamcoach.views import session as session_view
from hamcoach.web.deps import CallerDep, StoreDep
from hamcoach.web.schemas import MoveIn

router = APIRouter(prefix="/api/v1", tags=["plan"])


@router.get("/plan")
def read_plan(
    store: StoreDep, caller: CallerDep, weeks: int = Query(4, ge=1, le=52)
) -> dict[str, Any]:
    """The plan from this week's Monday, with targets from the log."""
    view = training.plan_for(store.uow(), caller.athlete_id, caller.today, weeks)
    data = plan_view.plan(view.plan, view.profile.units.value)
    data["running_week"] = view.profile.week.to_text()
    return data


@router.post("/plan/moves", responses={409: {"description": "The new day holds a session."}})
def move_session(store: StoreDep, caller: CallerDep, body: MoveIn) -> dict[str, Any]:
    """Move a planned session to another day of its week (today or later). The plan keeps
    the move; `warnings` names the rules the new day breaks (the day before the long run or a
    key run, back to back with another session), which are advice, not refusals. Moving it to
    the day the plan chose undoes the move. The calendar feed and the FIT export follow."""
    outcome = moves.move_session(
        store.uow(), caller.athlete_id, caller.today, body.from_, body.to, caller.now
    )
    return {
        "session": plan_view.session(outcome.session, caller.profile.units.value),
        "planned_on": outcome.planned_on.isoformat(),
        "warnings": list(outcome.warnings),
    }


@router.get("/today")
def read_today(store: StoreDep, caller: CallerDep, full: bool = False) -> dict[str, Any]:
    """The session due today, or else the next one (a plan's session), with `state`: where it
    stands on the server (sets per exercise, the current one, started / finished / skipped),
    the same for every device; and `last_time`: each exercise's sets in the latest earlier
    session. `full=true` asks for the full session when today's soreness would lighten it."""
    found = sessions.today(store.uow(), caller.athlete_id, caller.today, full=full)
    return session_view.today(
        found.session,
        found.view.profile.units.value,
        found.state,
        found.last_time,
        found.soreness,
        caller.today,
    )
