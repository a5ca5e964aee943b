"""The plan and today's session: GET /api/v1/plan, GET /api/v1/today."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from hamcoach.services import training
from hamcoach.views import plan as plan_view
from hamcoach.web.deps import CallerDep, StoreDep

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


@router.get("/today")
def read_today(store: StoreDep, caller: CallerDep) -> dict[str, Any]:
    """The session due today, or else the next one (same shape as a plan's session)."""
    view, session = training.today_session(store.uow(), caller.athlete_id, caller.today)
    return plan_view.session(session, view.profile.units.value)
