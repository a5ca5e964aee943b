"""The week and month pages: runs and sessions day by day, earlier and later weeks, moving a
session to another day (a form on the phone, drag and drop on a laptop, the same POST)."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import Day, Plan
from hamcoach.domain.session_state import SessionState, Status
from hamcoach.domain.values import EARLIEST_DATE, LATEST_DATE, parse_iso_date
from hamcoach.services import moves, sessions, training
from hamcoach.services.caller import Caller
from hamcoach.services.profile import monday_of
from hamcoach.views import plan as plan_view
from hamcoach.web.deps import CallerDep, StoreDep
from hamcoach.web.routes.html import form_dict, render

router = APIRouter(include_in_schema=False)

# What the week page shows at once, and how far ahead it and the month reach.
WEEKS_SHOWN = 2
# A session that has begun (or is done) keeps its day; the others may move.
_MOVABLE = {None, Status.PLANNED, Status.MISSED, Status.SKIPPED}


def _week_start(text: str | None, today: dt.date) -> dt.date:
    if not text:
        return monday_of(today)
    day = parse_iso_date(text, "start")
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise InvalidInput(f"start must be between {EARLIEST_DATE} and {LATEST_DATE}")
    return monday_of(day)


def _plan_from(store: StoreDep, caller: Caller, first: dt.date, weeks: int) -> training.PlanView:
    """The plan as the athlete sees it: built from this week's Monday for this week and later
    (so a move or a rule across the week edge reads the same everywhere), from `first` for the
    weeks already past."""
    this_monday = monday_of(caller.today)
    if first >= this_monday:
        ahead = (first - this_monday).days // 7
        if ahead + weeks > moves.MAX_WEEKS_AHEAD + WEEKS_SHOWN:
            raise InvalidInput(
                f"the plan reaches {moves.MAX_WEEKS_AHEAD} weeks ahead; pick an earlier week"
            )
        return training.plan_for(store.uow(), caller.athlete_id, caller.today, ahead + weeks)
    return training.plan_for(store.uow(), caller.athlete_id, caller.today, weeks, start=first)


def _planned(plan: Plan, caller: Caller) -> dict[str, dict[str, Any]]:
    """Each planned session's view by ISO date, converted once per page."""
    data = plan_view.plan(plan, caller.profile.units.value)
    return {s["date"]: s for w in data["weeks"] for s in w["sessions"]}


def _days(
    plan: Plan,
    planned: dict[str, dict[str, Any]],
    shown: list[dt.date],
    caller: Caller,
    states: dict[dt.date, SessionState],
    runs_by_day: dict[dt.date, list[Any]],
    *,
    read_only: bool = False,
) -> list[dict[str, Any]]:
    profile, today = caller.profile, caller.today
    taken = {s.date for s in plan.sessions()}
    out = []
    for date in shown:
        session = planned.get(date.isoformat())
        status = states[date].status(today) if date in states else None
        movable = not read_only and session is not None and status in _MOVABLE
        week = monday_of(date)
        days = (week + dt.timedelta(days=i) for i in range(7))
        targets = [d for d in days if d >= today and d not in taken and d not in profile.race_dates]
        out.append(
            {
                "date": date,
                "run": profile.week.label(Day.of(date)),
                "runs": runs_by_day.get(date, []),
                "session": session,
                "status": status,
                "today": date == today,
                "past": date < today,
                "race": date in profile.race_dates,
                "moves": targets if movable else [],
                "move_targets": " ".join(t.isoformat() for t in targets) if movable else "",
                "moved_from": None
                if session is None or session["moved_from"] is None
                else dt.date.fromisoformat(session["moved_from"]),
            }
        )
    return out


def _runs_by_day(store: StoreDep, caller: Caller, first: dt.date, end: dt.date) -> dict[Any, Any]:
    from hamcoach.services.runs import runs_overview

    overview = runs_overview(store.uow(), caller.athlete_id, first, end)
    found: dict[dt.date, list[Any]] = {}
    for c in overview.classified():
        found.setdefault(c.date, []).append(c)
    return found


@router.get("/week")
def week(
    request: Request,
    store: StoreDep,
    caller: CallerDep,
    welcome: bool = False,
    start: str | None = None,
    moved: str | None = None,
) -> HTMLResponse:
    context = week_context(store, caller, start)
    plan: Plan = context.pop("plan")
    planned = context["planned"]
    coming = next((s for s in plan.sessions() if s.date >= caller.today), None) if welcome else None
    just_moved = None
    if moved:
        day = parse_iso_date(moved, "moved")
        just_moved = {"date": day, "session": planned.get(day.isoformat())}
    return render(
        request,
        "week.html",
        **context,
        first=planned.get(coming.date.isoformat()) if coming else None,
        first_date=coming.date if coming else None,
        just_moved=just_moved,
    )


def week_context(
    store: StoreDep, caller: Caller, start: str | None, *, read_only: bool = False
) -> dict[str, Any]:
    """The week page's weeks from `start` (this week by default) for `caller`'s athlete;
    `read_only` (a coach's view) offers no moves."""
    today = caller.today
    first = _week_start(start, today)
    view = _plan_from(store, caller, first, WEEKS_SHOWN)
    plan = view.plan
    states = sessions.outcomes(store.uow(), caller.athlete_id, plan, today)
    end = first + dt.timedelta(days=7 * WEEKS_SHOWN)
    runs_by_day = _runs_by_day(store, caller, first, end)
    planned = _planned(plan, caller)
    weeks = []
    for number in range(WEEKS_SHOWN):
        monday = first + dt.timedelta(days=7 * number)
        shown = [monday + dt.timedelta(days=i) for i in range(7)]
        days = _days(plan, planned, shown, caller, states, runs_by_day, read_only=read_only)
        weeks.append({"number": number + 1, "start": monday, "days": days})
    return {
        "plan": plan,
        "planned": planned,
        "weeks": weeks,
        "warnings": list(plan.warnings),
        "catalogue": CATALOGUE,
        "previous": first - dt.timedelta(days=7),
        "next": first + dt.timedelta(days=7),
        "this_week": first == monday_of(today),
        "can_go_on": (first - monday_of(today)).days // 7 + WEEKS_SHOWN
        < moves.MAX_WEEKS_AHEAD + WEEKS_SHOWN,
        "month": first,
    }


@router.post("/week/move")
async def move(request: Request, store: StoreDep, caller: CallerDep) -> Response:
    """The week page's Move form (and its drag and drop): move, then show the week with the
    new day and what it breaks."""
    form = await form_dict(request)
    source = parse_iso_date(str(form.get("from", "")), "the session's day")
    target = parse_iso_date(str(form.get("to", "")), "the new day")
    outcome = moves.move_session(
        store.uow(), caller.athlete_id, caller.today, source, target, caller.now
    )
    where = outcome.session.date
    start = monday_of(where)
    query = f"moved={where.isoformat()}"
    if start != monday_of(caller.today):
        query += f"&start={start.isoformat()}"
    return RedirectResponse(f"/week?{query}#day-{where.isoformat()}", status_code=303)


@router.get("/month")
def month(
    request: Request, store: StoreDep, caller: CallerDep, month: str | None = None
) -> HTMLResponse:
    """A month of sessions and runs as a calendar; each week links to its week page."""
    today = caller.today
    if month:
        try:
            year, number = (int(part) for part in month.split("-"))
            first_of = dt.date(year, number, 1)
        except ValueError:
            raise InvalidInput(f"month must be YYYY-MM, like {today:%Y-%m}") from None
    else:
        first_of = today.replace(day=1)
    if not EARLIEST_DATE <= first_of <= LATEST_DATE.replace(day=1):
        raise InvalidInput(f"month must be between {EARLIEST_DATE:%Y-%m} and {LATEST_DATE:%Y-%m}")
    last_of = first_of.replace(day=calendar.monthrange(first_of.year, first_of.month)[1])
    grid_first, grid_last = monday_of(first_of), monday_of(last_of) + dt.timedelta(days=6)
    this_monday = monday_of(today)
    plans: list[Plan] = []
    if grid_first < this_monday:  # weeks gone: as they were planned, with what was done
        past = min((this_monday - grid_first).days // 7, (grid_last - grid_first).days // 7 + 1)
        plans.append(_plan_from(store, caller, grid_first, past).plan)
    if grid_last >= this_monday:
        start = max(grid_first, this_monday)
        count = (grid_last - start).days // 7 + 1
        ahead = (start - this_monday).days // 7
        if ahead + count > moves.MAX_WEEKS_AHEAD + WEEKS_SHOWN:
            raise InvalidInput(
                f"the plan reaches {moves.MAX_WEEKS_AHEAD} weeks ahead; pick an earlier month"
            )
        plans.append(_plan_from(store, caller, start, count).plan)
    plan = Plan(tuple(w for p in plans for w in p.weeks if grid_first <= w.start <= grid_last))
    states = sessions.outcomes(store.uow(), caller.athlete_id, plan, today)
    runs_by_day = _runs_by_day(store, caller, grid_first, grid_last + dt.timedelta(days=1))
    planned = _planned(plan, caller)
    rows = []
    monday = grid_first
    while monday <= grid_last:
        shown = [monday + dt.timedelta(days=i) for i in range(7)]
        days = _days(plan, planned, shown, caller, states, runs_by_day)
        rows.append({"start": monday, "days": days})
        monday += dt.timedelta(days=7)
    previous = (first_of - dt.timedelta(days=1)).replace(day=1)
    following = last_of + dt.timedelta(days=1)
    return render(
        request,
        "month.html",
        rows=rows,
        month=first_of,
        previous=previous if previous >= EARLIEST_DATE else None,
        following=following
        if (monday_of(following) - this_monday).days // 7 < moves.MAX_WEEKS_AHEAD
        else None,
        catalogue=CATALOGUE,
        day_names=[d.name.capitalize() for d in Day],
    )
