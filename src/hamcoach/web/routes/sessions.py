"""Sessions: the log a session at a time, and marking one done (/api/v1/sessions)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Query

from hamcoach.domain.errors import NotFound
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.prescription import FULL_RAMP_WEEK
from hamcoach.domain.session_summary import summarize
from hamcoach.services import records as records_service
from hamcoach.services import reports, sessions, set_logging, sets, training
from hamcoach.views import log as log_view
from hamcoach.views import plan as plan_view
from hamcoach.views import records as records_view
from hamcoach.views import session as session_view
from hamcoach.web.deps import AthleteDep, NowDep, StoreDep
from hamcoach.web.openapi import errors
from hamcoach.web.schemas import FinishIn, IsoDate, StartIn

# Tagged "sets" as before: to a client a session is the sets logged on one day.
router = APIRouter(prefix="/api/v1", tags=["sets"])


@router.get("/sessions")
def list_sessions(
    store: StoreDep,
    athlete: AthleteDep,
    limit: int = Query(20, ge=1, le=100),
    before: IsoDate | None = Query(
        None, description="Cursor: the `next` date of the previous page."
    ),
) -> dict[str, Any]:
    """Sessions newest first with their sets, whole sessions a page at a time."""
    found, nxt = sets.sessions_with_sets(store.uow(), athlete, limit=limit, before=before)
    held = records_service.records(store.uow(), athlete)
    return {
        "sessions": [
            {
                "date": s.date.isoformat(),
                "finished_at": s.finished_at.isoformat() if s.finished_at else None,
                "note": s.note,
                "sets": [log_view.logged_set(x) for x in s.sets],
                "records": [
                    records_view.record(r, held.unit)
                    for x in s.sets
                    for r in held.by_set.get(x.id, ())
                ],
            }
            for s in found
        ],
        "next": nxt.isoformat() if nxt else None,
    }


@router.post("/sessions/{date}/start", status_code=204, responses=errors(409))
def start(date: IsoDate, body: StartIn, store: StoreDep, athlete: AthleteDep, now: NowDep) -> None:
    """Begin a session as the full or the lighter version before its first set (the first set
    begins it otherwise); from then on the session keeps that plan whatever else changes."""
    sessions.choose_version(store.uow(), athlete, date, now, full=body.full)


@router.post("/sessions/{date}/skip", status_code=204, responses=errors(409))
def skip(date: IsoDate, store: StoreDep, athlete: AthleteDep, now: NowDep) -> None:
    """Mark a due session skipped (a session with working sets is finished instead)."""
    sessions.skip(store.uow(), athlete, date, now)


@router.post("/sessions/{date}/finish")
def finish(
    date: IsoDate, body: FinishIn, store: StoreDep, athlete: AthleteDep, now: NowDep
) -> dict[str, Any]:
    """Mark a session done; answers the next targets and where the Nordic ramp-in stands
    (`nordic_ramp_week` of `nordic_ramp_weeks`; `nordic_full_dose` once it is complete)."""
    # The id and the instant only: the session's date is given, no "today" is needed.
    if not set_logging.finish_session(store.uow(), athlete, date, now, body.note):
        raise NotFound(
            f"no working sets logged on {date:%a %d %b}: nothing to finish; "
            "mark the session skipped instead"
        )
    view = training.plan_for(store.uow(), athlete, date + dt.timedelta(days=1), weeks=2)
    day_sets = [
        s for s in reports.history(store.uow(), athlete, None, date) if s.session_date == date
    ]
    that_day = training.plan_for(store.uow(), athlete, date, weeks=1).plan.sessions()
    planned = next((p for p in that_day if p.date == date), None)
    done = summarize(day_sets, planned, view.profile.units)
    found = records_service.records(store.uow(), athlete, date)
    coming = {e.slug for s in view.plan.sessions() for e in s.exercises}
    return {
        "date": date.isoformat(),
        "summary": {
            "minutes": done.minutes,
            "sets": done.sets,
            "reps": done.reps,
            "volume": done.volume,
            "unit": done.unit,
            "exercises": [
                {
                    "slug": e.slug,
                    "name": CATALOGUE.get(e.slug).short_name,
                    "sets": e.sets,
                    "target_sets": e.target_sets,
                    "reps": list(e.reps),
                    "top_load": e.top_load,
                    "target_reps": list(e.target_reps) if e.target_reps else None,
                    "target_load": e.target_load,
                    "text": session_view.exercise_line(e, done.unit),
                }
                for e in done.exercises
            ],
            "records": [records_view.record(r, found.unit) for r in found.set_on],
        },
        "next_targets": {
            slug: {
                "name": CATALOGUE.get(slug).short_name,
                "load": load,
                "side_loads": plan_view.side_loads(view.targets.side_loads.get(slug, {}).items()),
                "unit": view.profile.units.value,
                "reason": view.targets.reasons.get(slug),
            }
            for slug, load in view.targets.loads.items()
            if slug in coming  # only what the athlete's plan holds (their equipment allows)
        },
        "nordic_ramp_week": view.targets.nordic_ramp_week,
        "nordic_ramp_weeks": FULL_RAMP_WEEK,
        "nordic_full_dose": view.targets.nordic_ramp_week >= FULL_RAMP_WEEK,
        "floor_rung": None
        if view.targets.floor_rung is None
        else {"variant": view.targets.floor_rung.variant, "stance": view.targets.floor_rung.stance},
    }
