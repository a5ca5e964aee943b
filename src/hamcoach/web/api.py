"""The JSON API under /api/v1, used by the pages' scripts and by anyone scripting hamcoach."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from hamcoach import serialize, serialize_log
from hamcoach.domain.errors import InvalidInput, NotFound
from hamcoach.domain.model import RunningWeek
from hamcoach.domain.profile import Profile, Units
from hamcoach.domain.set_rules import SetInput
from hamcoach.services import reports, sets, strength_tests, training
from hamcoach.services.profile import get_profile, save_profile
from hamcoach.web.deps import AthleteDep, NowDep, StoreDep, local_today
from hamcoach.web.openapi import errors
from hamcoach.web.schemas import (
    EXERCISES,
    BreakAngleTestIn,
    FinishIn,
    HqTestIn,
    IsoDate,
    NordicForceTestIn,
    ProfileIn,
    SetEdit,
    SetIn,
    SetRestore,
    SorenessIn,
    TenRmTestIn,
    TestIn,
)

router = APIRouter(prefix="/api/v1")
ExerciseQuery = Annotated[
    str | None,
    Query(description="Only this exercise.", json_schema_extra={"enum": list(EXERCISES)}),
]
SetIdPath = Annotated[
    str, Path(description="The set's UUID.", json_schema_extra={"format": "uuid"})
]


@router.get("/health", tags=["meta"], responses=errors(503))
def health(store: StoreDep) -> JSONResponse:
    """200 when the database answers, 503 otherwise."""
    try:
        with store.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        return JSONResponse({"status": "unavailable", "detail": type(exc).__name__}, 503)
    return JSONResponse({"status": "ok"})


def profile_json(p: Profile) -> dict[str, Any]:
    """The profile with the machine step resolved (what the athlete's machines use)."""
    return {**serialize.profile(p), "increment": p.machine_increment}


def profile_from(body: ProfileIn) -> Profile:
    from hamcoach.domain.exercises import CATALOGUE
    from hamcoach.domain.values import check_race_dates

    equipment = CATALOGUE.parse_equipment(body.equipment)
    if not CATALOGUE.feasible(equipment):
        raise InvalidInput("no exercise fits that equipment; a towel on a smooth floor is enough")
    profile = Profile(
        name=body.name.strip(),
        units=Units(body.units),
        body_mass=body.body_mass,
        increment=body.increment,
        equipment=equipment,
        week=RunningWeek.parse(body.week),
        sessions=body.sessions,
        per_session=body.per_session,
        nordic_experienced=body.nordic_experienced,
        race_dates=check_race_dates(tuple(body.race_dates)),
        keep_rest_days=body.keep_rest_days,
        rest_s=body.rest_s,
        timezone=body.timezone.strip(),
    )
    profile.validate()
    return profile


@router.get("/profile", tags=["profile"])
def read_profile(store: StoreDep, athlete: AthleteDep) -> dict[str, Any]:
    return profile_json(get_profile(store.uow(), athlete))


@router.put("/profile", tags=["profile"])
def write_profile(body: ProfileIn, store: StoreDep, now: NowDep) -> dict[str, Any]:
    """Create or replace the profile."""
    from zoneinfo import ZoneInfo

    profile = profile_from(body)
    save_profile(store.uow(), profile, now.astimezone(ZoneInfo(profile.timezone)).date())
    return profile_json(profile)


@router.get("/plan", tags=["plan"])
def read_plan(
    store: StoreDep, athlete: AthleteDep, now: NowDep, weeks: int = Query(4, ge=1, le=52)
) -> dict[str, Any]:
    """The plan from this week's Monday, with targets from the log."""
    view = training.plan_for(store.uow(), athlete, local_today(store, athlete, now), weeks)
    data = serialize.plan(view.plan, view.profile.units.value)
    data["running_week"] = view.profile.week.to_text()
    return data


@router.get("/today", tags=["plan"])
def read_today(store: StoreDep, athlete: AthleteDep, now: NowDep) -> dict[str, Any]:
    """The session due today, or else the next one (same shape as a plan's session)."""
    view, session = training.today_session(store.uow(), athlete, local_today(store, athlete, now))
    return serialize.session(session, view.profile.units.value)


@router.post(
    "/sets",
    status_code=201,
    tags=["sets"],
    responses={
        200: {"description": "This id was already stored; nothing new was written."},
        **errors(409, 503),
    },
)
async def create_set(body: SetIn, request: Request, athlete: AthleteDep) -> JSONResponse:
    """Log one set. 201 with the stored set; the same id again answers 200 and stores nothing.

    The answer comes after the set is committed (group commit with other requests' sets).
    """
    item = SetInput(
        body.exercise, body.reps, body.load, body.variant, body.side, body.rir, None, body.note
    )
    writer = request.app.state.set_writer
    new, record = await asyncio.wrap_future(
        writer.submit(athlete, str(body.id), item, body.performed_at)
    )
    # JSONResponse directly: the dict is already JSON-ready, skip FastAPI's generic encoder.
    return JSONResponse(serialize_log.logged_set(record), status_code=201 if new else 200)


@router.post("/sets/restore", status_code=201, tags=["sets"], responses=errors(409))
def restore_set(
    body: SetRestore, store: StoreDep, athlete: AthleteDep, now: NowDep
) -> dict[str, Any]:
    """Undo a delete: send back the set DELETE answered with; it returns exactly as it was."""
    from hamcoach.domain.records import LoggedSet
    from hamcoach.services.training import validate_uuid

    record = LoggedSet(**{**body.model_dump(), "id": validate_uuid(str(body.id))})
    restored = sets.restore_set(store.uow(), athlete, record, local_today(store, athlete, now))
    return serialize_log.logged_set(restored)


@router.get("/sets", tags=["sets"])
def list_sets(
    store: StoreDep,
    athlete: AthleteDep,
    exercise: ExerciseQuery = None,
    since: IsoDate | None = None,
) -> list[dict[str, Any]]:
    """Logged sets, oldest first; filter by exercise slug and first date."""
    if exercise is not None:
        from hamcoach.domain.exercises import CATALOGUE

        exercise = CATALOGUE.get(exercise).slug
    return [
        serialize_log.logged_set(s) for s in reports.history(store.uow(), athlete, exercise, since)
    ]


@router.patch("/sets/{set_id}", tags=["sets"])
def edit_set(
    set_id: SetIdPath, body: SetEdit, store: StoreDep, athlete: AthleteDep, now: NowDep
) -> dict[str, Any]:
    today = local_today(store, athlete, now)
    updated = sets.edit_set(
        store.uow(), athlete, str(set_id), body.reps, body.load, body.note, today
    )
    return serialize_log.logged_set(updated)


@router.delete("/sets/{set_id}", tags=["sets"])
def remove_set(set_id: SetIdPath, store: StoreDep, athlete: AthleteDep) -> dict[str, Any]:
    """Delete a set; the answer is the deleted set, so POSTing it back undoes the delete."""
    return serialize_log.logged_set(sets.delete_set(store.uow(), athlete, str(set_id)))


@router.get("/sessions", tags=["sets"])
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
    return {
        "sessions": [
            {
                "date": s.date.isoformat(),
                "finished_at": s.finished_at.isoformat() if s.finished_at else None,
                "note": s.note,
                "sets": [serialize_log.logged_set(x) for x in s.sets],
            }
            for s in found
        ],
        "next": nxt.isoformat() if nxt else None,
    }


@router.post("/sessions/{date}/finish", tags=["sets"])
def finish(
    date: IsoDate, body: FinishIn, store: StoreDep, athlete: AthleteDep, now: NowDep
) -> dict[str, Any]:
    """Mark a session done; answers the next targets."""
    if not training.finish_session(store.uow(), athlete, date, now, body.note):
        raise NotFound(f"no sets logged on {date.isoformat()}: nothing to finish")
    view = training.plan_for(store.uow(), athlete, date + dt.timedelta(days=1), weeks=1)
    return {
        "date": date.isoformat(),
        "next_targets": {
            slug: {
                "load": load,
                "unit": view.profile.units.value,
                "reason": view.targets.reasons.get(slug),
            }
            for slug, load in view.targets.loads.items()
        },
        "nordic_ramp_week": view.targets.nordic_ramp_week,
        "floor_rung": None
        if view.targets.floor_rung is None
        else {"variant": view.targets.floor_rung.variant, "stance": view.targets.floor_rung.stance},
    }


@router.get("/history", tags=["sets"])
def read_history(
    store: StoreDep,
    athlete: AthleteDep,
    exercise: ExerciseQuery = None,
    since: IsoDate | None = None,
) -> list[dict[str, Any]]:
    """Same as GET /sets (kept for the CLI's vocabulary)."""
    return list_sets(store, athlete, exercise, since)


def _measured(body: TestIn, units: str) -> list[strength_tests.Measured]:
    if isinstance(body, HqTestIn):
        return strength_tests.hq_values(
            body.hamstring_con,
            body.quad_con,
            body.hamstring_ecc,
            body.unit,
            body.side,
            body.velocity_deg_s,
        )
    if isinstance(body, NordicForceTestIn):
        return strength_tests.nordic_force_values(body.left, body.right, body.unit)
    if isinstance(body, BreakAngleTestIn):
        return strength_tests.break_angle_values(body.degrees)
    assert isinstance(body, TenRmTestIn)
    return strength_tests.tenrm_values(body.exercise, body.load, units)


@router.post("/tests", status_code=201, tags=["tests"])
def create_test(
    body: TestIn, store: StoreDep, athlete: AthleteDep, now: NowDep
) -> list[dict[str, Any]]:
    """Record a strength test (hq, nordic-force, break-angle, 10rm)."""
    profile = get_profile(store.uow(), athlete)
    today = local_today(store, athlete, now)
    values = _measured(body, profile.units.value)
    stored = strength_tests.record_test(
        store.uow(), athlete, values, body.tested_on or today, today
    )
    return [serialize_log.strength_value(v) for v in stored]


@router.get("/tests", tags=["tests"])
def list_tests(store: StoreDep, athlete: AthleteDep) -> list[dict[str, Any]]:
    with store.uow() as uow:
        values = uow.athlete(athlete).test_values()
    return [serialize_log.strength_value(v) for v in values]


@router.post("/soreness", status_code=201, tags=["soreness"])
def record_soreness(
    body: SorenessIn, store: StoreDep, athlete: AthleteDep, now: NowDep
) -> dict[str, Any]:
    """Check in how sore the hamstrings are (one per day; sending again corrects it)."""
    from hamcoach.services.soreness import advice, check_in

    today = local_today(store, athlete, now)
    day = body.date or today
    check_in(store.uow(), athlete, day, body.score, body.note, today)
    return {"date": day.isoformat(), "score": body.score, "advice": advice(body.score)}


@router.get("/soreness", tags=["soreness"])
def list_soreness(store: StoreDep, athlete: AthleteDep) -> list[dict[str, Any]]:
    with store.uow() as uow:
        rows = uow.athlete(athlete).soreness()
    return [{"date": d.isoformat(), "score": score, "note": note} for d, score, note in rows]


@router.get("/report", tags=["report"])
def read_report(store: StoreDep, athlete: AthleteDep, now: NowDep) -> dict[str, Any]:
    """Adherence, per-exercise trends, H:Q, asymmetry, break point and a summary."""
    return serialize_log.report(
        reports.report(store.uow(), athlete, local_today(store, athlete, now))
    )
