"""Downloads of the plan and the log: GET /api/v1/export/{fmt} (csv, json, ics, fit).

The same use-cases and file formats as `hamcoach export ...`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from hamcoach.domain.errors import UnknownChoice
from hamcoach.services import exports
from hamcoach.services.caller import Caller
from hamcoach.storage.store import Store
from hamcoach.web.deps import CallerDep, StoreDep
from hamcoach.web.routes.calendar import ICS, plan_ics
from hamcoach.web.schemas import IsoDate

router = APIRouter(prefix="/api/v1", tags=["export"])

FORMATS = ("csv", "json", "ics", "fit")
_FIT = "application/vnd.ant.fit"


def _attachment(data: bytes | str, media_type: str, filename: str) -> Response:
    return Response(
        data,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get(
    "/export/{fmt}",
    response_class=Response,
    responses={
        200: {
            "description": "csv: every set; json: a complete backup; ics: the plan as a "
            "calendar; fit: a Garmin workout (one session) or a zip (a week).",
            "content": {
                "text/csv": {},
                "application/json": {},
                "text/calendar": {},
                _FIT: {},
                "application/zip": {},
            },
        }
    },
)
def export(
    fmt: Annotated[str, Path(json_schema_extra={"enum": list(FORMATS)})],
    store: StoreDep,
    caller: CallerDep,
    weeks: Annotated[int, Query(ge=1, le=52, description="ics: weeks from this week.")] = 4,
    date: Annotated[IsoDate | None, Query(description="fit: the session on this date.")] = None,
    week: Annotated[
        int | None, Query(ge=1, le=52, description="fit: every session of plan week N.")
    ] = None,
) -> Response:
    """Download the plan or the log: csv, json, ics or fit."""
    if fmt not in FORMATS:
        raise UnknownChoice("export format", fmt, FORMATS)
    athlete = caller.athlete_id
    stamp = caller.today.isoformat()
    if fmt == "csv":
        from hamcoach.integrations.csv_io import sets_to_csv
        from hamcoach.services.reports import history

        text = sets_to_csv(history(store.uow(), athlete, None, None))
        return _attachment(text, "text/csv; charset=utf-8", f"hamcoach-sets-{stamp}.csv")
    if fmt == "json":
        from hamcoach.integrations.backup import to_json
        from hamcoach.services.backup import export_athlete

        text = to_json(export_athlete(store.uow(), athlete), exported_at=caller.now)
        return _attachment(text, "application/json", f"hamcoach-backup-{stamp}.json")
    if fmt == "ics":
        return _attachment(plan_ics(store, caller, weeks), ICS, "hamstrings.ics")
    return _fit(store, caller, date, week)


def _fit(store: Store, caller: Caller, date: dt.date | None, week: int | None) -> Response:
    from hamcoach.integrations.fit_workout import (
        encode_session,
        encode_week,
        session_file_name,
        week_file_name,
    )

    chosen = exports.watch_workouts(store.uow(), caller.athlete_id, caller.today, date, week)
    unit, now = caller.unit, caller.now
    if chosen.week_start is not None:
        data = encode_week(chosen.sessions, unit=unit, created=now)
        return _attachment(data, "application/zip", week_file_name(chosen.week_start))
    session = chosen.sessions[0]
    return _attachment(
        encode_session(session, unit=unit, created=now), _FIT, session_file_name(session)
    )
