"""Where runners already are: the calendar feed, runs by upload, exports (issue 5).

- `GET /calendar/{token}.ics`: the plan as a subscribable calendar. The secret token in the URL is
  the only authorization (calendar apps cannot log in); a wrong one is a plain 404.
- `/api/v1/runs`, `/api/v1/runs/import`, `/api/v1/export/{fmt}`, `/api/v1/calendar`: the same
  use-cases and file formats as `hamcoach import runs` / `hamcoach export ...`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, File, Path, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from hamcoach import serialize_runs
from hamcoach.domain.errors import InvalidInput, UnknownChoice
from hamcoach.domain.values import clean_line
from hamcoach.integrations.errors import BadFile
from hamcoach.services import exports, runs, training
from hamcoach.web.deps import AthleteDep, NowDep, StoreDep, local_today
from hamcoach.web.schemas import IsoDate

router = APIRouter()

FEED_WEEKS = 8
FORMATS = ("csv", "json", "ics", "fit")
MAX_UPLOADS = 50
CALENDAR_PAST_DAYS = 365
CALENDAR_AHEAD_DAYS = 183
_ICS = "text/calendar; charset=utf-8"
_FIT = "application/vnd.ant.fit"


def _attachment(data: bytes | str, media_type: str, filename: str) -> Response:
    return Response(
        data,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _ics(store: StoreDep, athlete: int, now: dt.datetime, weeks: int) -> bytes:
    from hamcoach.integrations.ics import plan_to_ics

    cal = exports.calendar_plan(store.uow, athlete, local_today(store, athlete, now), weeks)
    profile = cal.view.profile
    return plan_to_ics(
        cal.view.plan,
        athlete_key=cal.athlete_key,
        tz=profile.timezone,
        session_time=None,
        unit=profile.units.value,
        # One line whatever is stored: a line break in a name would end the property early.
        calendar_name=clean_line(f"Hamstrings - {profile.name}", 200),
        now=now,
    )


@router.get(
    "/calendar/{token}.ics",
    name="calendar_feed",
    tags=["calendar"],
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}, 404: {"description": "Unknown token."}},
)
def calendar_feed(
    token: str,
    store: StoreDep,
    now: NowDep,
    weeks: Annotated[int, Query(ge=1, le=52)] = FEED_WEEKS,
) -> Response:
    """The plan as an iCalendar feed to subscribe to; event UIDs stay put as the plan changes."""
    athlete = exports.athlete_for_calendar(store.uow(), token)
    return Response(
        _ics(store, athlete, now, weeks),
        media_type=_ICS,
        # Private: the URL is a secret. Fifteen minutes spares the server from eager clients.
        headers={
            "Cache-Control": "private, max-age=900",
            "Content-Disposition": 'inline; filename="hamstrings.ics"',
        },
    )


def _calendar_json(request: Request, token: str) -> dict[str, Any]:
    url = str(request.url_for("calendar_feed", token=token))
    return {
        "url": url,
        "webcal": "webcal://" + url.split("://", 1)[1],
        "weeks": FEED_WEEKS,
    }


@router.get("/api/v1/calendar", tags=["calendar"])
def calendar_url(request: Request, store: StoreDep, athlete: AthleteDep) -> dict[str, Any]:
    """The secret address of your plan as a calendar (`url`, and `webcal` for Apple devices)."""
    return _calendar_json(request, exports.calendar_token(store.uow(), athlete))


@router.post("/api/v1/calendar/reset", tags=["calendar"])
def calendar_reset(request: Request, store: StoreDep, athlete: AthleteDep) -> dict[str, Any]:
    """A new secret address; the old one stops working (subscribe again with the new one)."""
    return _calendar_json(request, exports.rotate_calendar_token(store.uow(), athlete))


@router.get("/api/v1/runs", tags=["runs"])
def list_runs(
    store: StoreDep,
    athlete: AthleteDep,
    since: IsoDate | None = None,
    until: IsoDate | None = None,
) -> dict[str, Any]:
    """Imported runs with their inferred type (rest, easy, long, key) and why, week by week.

    `since`/`until` are dates in your time zone (`until` included), 2000-2099.
    """
    end = None if until is None else until + dt.timedelta(days=1)
    return serialize_runs.overview(runs.runs_overview(store.uow(), athlete, since, end))


def _read_upload(upload: UploadFile, limit: int) -> tuple[str, bytes]:
    name = PurePath(upload.filename or "upload").name or "upload"
    data = upload.file.read(limit + 1)
    if len(data) > limit:
        raise BadFile(name, f"too large (over {limit // (1024 * 1024)} MB)")
    return name, data


@router.post("/api/v1/runs/import", status_code=201, tags=["runs"])
def import_runs(
    files: Annotated[list[UploadFile], File(description="FIT, GPX, TCX or ICS files.")],
    store: StoreDep,
    athlete: AthleteDep,
    now: NowDep,
) -> JSONResponse:
    """Upload runs. Every file is read before anything is stored: one bad file, nothing stored
    (422 naming the file and the problem). Runs already stored are counted as duplicates."""
    from hamcoach.integrations.runs_import import MAX_BYTES, parse_runs

    if not files:
        raise InvalidInput("no files uploaded")
    if len(files) > MAX_UPLOADS:
        raise InvalidInput(f"at most {MAX_UPLOADS} files per upload (got {len(files)})")
    with store.uow() as uow:
        tz = uow.athlete(athlete).profile().timezone
    today = local_today(store, athlete, now)
    window = (
        today - dt.timedelta(days=CALENDAR_PAST_DAYS),
        today + dt.timedelta(days=CALENDAR_AHEAD_DAYS + 1),
    )
    parsed = []
    for upload in files:
        name, data = _read_upload(upload, MAX_BYTES)
        parsed.append((name, parse_runs(data, name=name, tz=tz, window=window)))
    results = [
        runs.import_runs(
            store.uow(), athlete, found.runs, name=name, kind=found.kind, skipped=found.skipped
        )
        for name, found in parsed
    ]
    overview = runs.runs_overview(store.uow(), athlete)
    body = {
        "files": [serialize_runs.run_import(r) for r in results],
        "stored": sum(len(r.stored) for r in results),
        "duplicates": sum(len(r.duplicates) for r in results),
        "typical_week": serialize_runs.typical(overview.typical),
    }
    return JSONResponse(body, status_code=201)


@router.get(
    "/api/v1/export/{fmt}",
    tags=["export"],
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
    athlete: AthleteDep,
    now: NowDep,
    weeks: Annotated[int, Query(ge=1, le=52, description="ics: weeks from this week.")] = 4,
    date: Annotated[IsoDate | None, Query(description="fit: the session on this date.")] = None,
    week: Annotated[
        int | None, Query(ge=1, le=52, description="fit: every session of plan week N.")
    ] = None,
) -> Response:
    """Download the plan or the log: csv, json, ics or fit."""
    if fmt not in FORMATS:
        raise UnknownChoice("export format", fmt, FORMATS)
    today = local_today(store, athlete, now)
    stamp = today.isoformat()
    if fmt == "csv":
        from hamcoach.integrations.csv_io import sets_to_csv
        from hamcoach.services.reports import history

        text = sets_to_csv(history(store.uow(), athlete, None, None))
        return _attachment(text, "text/csv; charset=utf-8", f"hamcoach-sets-{stamp}.csv")
    if fmt == "json":
        from hamcoach.integrations.backup import to_json
        from hamcoach.services.backup import export_athlete

        text = to_json(export_athlete(store.uow(), athlete), exported_at=now)
        return _attachment(text, "application/json", f"hamcoach-backup-{stamp}.json")
    if fmt == "ics":
        return _attachment(_ics(store, athlete, now, weeks), _ICS, "hamstrings.ics")
    return _fit(store, athlete, now, today, date, week)


def _fit(
    store: StoreDep,
    athlete: int,
    now: dt.datetime,
    today: dt.date,
    date: dt.date | None,
    week: int | None,
) -> Response:
    from hamcoach.integrations.fit_workout import encode_session, encode_week, session_file_name

    if date is not None and week is not None:
        raise InvalidInput("give date or week, not both")
    with store.uow() as uow:
        unit = uow.athlete(athlete).profile().units.value
    if week is not None:
        _, plan_week = exports.plan_week(store.uow(), athlete, today, week)
        data = encode_week(plan_week.sessions, unit=unit, created=now)
        return _attachment(
            data, "application/zip", f"hamstrings-week-{plan_week.start.isoformat()}.zip"
        )
    if date is None:
        _, session = training.today_session(store.uow(), athlete, today)
    else:
        _, session = exports.session_on(store.uow(), athlete, today, date)
    data = encode_session(session, unit=unit, created=now)
    return _attachment(data, _FIT, session_file_name(session))
