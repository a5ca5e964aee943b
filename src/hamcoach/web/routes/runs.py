"""Runs: the imported ones by week, uploading more, and giving one its type (/api/v1/runs).

The same use-cases and file formats as `hamcoach import runs`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, File, Path, UploadFile
from fastapi.responses import JSONResponse

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.model import RunType
from hamcoach.integrations.errors import BadFile
from hamcoach.services import runs
from hamcoach.views import runs as runs_view
from hamcoach.web.deps import AthleteDep, CallerDep, StoreDep
from hamcoach.web.schemas import _LINE_PATTERN, IsoDate, RunTypeIn

router = APIRouter(prefix="/api/v1", tags=["runs"])

MAX_UPLOADS = 50


@router.get("/runs")
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
    return runs_view.overview(runs.runs_overview(store.uow(), athlete, since, end))


# `:path`: calendar UIDs may hold slashes, so an id is the rest of the path up to `/type`.
@router.put("/runs/{external_id:path}/type")
def mark_run_type(
    external_id: Annotated[
        str,
        Path(
            max_length=runs.MAX_EXTERNAL_ID,
            description="The run's `external_id` as GET /api/v1/runs lists it, URL-encoded.",
            # Documented, not enforced: ids are stored as one clean line, so any other is
            # simply no run of the athlete's (404), and a control character is refused (400).
            json_schema_extra={"pattern": _LINE_PATTERN},
        ),
    ],
    body: RunTypeIn,
    store: StoreDep,
    athlete: AthleteDep,
) -> dict[str, Any]:
    """Give an imported run its type (easy, long or key) when the inferred one is wrong, or
    `null` to go back to the inferred type. The plan, the calendar feed and the exports follow
    it. Answers the run with its type and reason now; 404 when no imported run has that id."""
    marked = None if body.type is None else RunType(body.type)
    return runs_view.classified(runs.mark_run(store.uow(), athlete, external_id, marked))


def _read_upload(upload: UploadFile, limit: int) -> tuple[str, bytes]:
    name = PurePath(upload.filename or "upload").name or "upload"
    data = upload.file.read(limit + 1)
    if len(data) > limit:
        raise BadFile(name, f"too large (over {limit // (1024 * 1024)} MB)")
    return name, data


@router.post("/runs/import", status_code=201)
def import_runs(
    files: Annotated[list[UploadFile], File(description="FIT, GPX, TCX or ICS files.")],
    store: StoreDep,
    caller: CallerDep,
) -> JSONResponse:
    """Upload runs. Every file is read before anything is stored: one bad file, nothing stored
    (422 naming the file and the problem). Runs already stored are counted as duplicates."""
    from hamcoach.integrations.runs_import import MAX_BYTES, parse_runs

    if not files:
        raise InvalidInput("no files uploaded")
    if len(files) > MAX_UPLOADS:
        raise InvalidInput(f"at most {MAX_UPLOADS} files per upload (got {len(files)})")
    window = runs.calendar_window(caller.today)
    parsed = []
    for upload in files:
        name, data = _read_upload(upload, MAX_BYTES)
        parsed.append(
            (name, parse_runs(data, name=name, tz=caller.profile.timezone, window=window))
        )
    summary = runs.import_files(store.uow, caller.athlete_id, parsed)
    return JSONResponse(runs_view.import_summary(summary), status_code=201)
