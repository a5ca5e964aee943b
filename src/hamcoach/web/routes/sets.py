"""Logged sets: log, list, edit, delete and undo a delete (/api/v1/sets, /api/v1/history)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse

from hamcoach.domain.errors import Unauthorized
from hamcoach.domain.model import Side
from hamcoach.domain.records import SetKind
from hamcoach.domain.set_rules import SetInput
from hamcoach.services import reports, sets
from hamcoach.views import log as log_view
from hamcoach.web.auth import recent_callers
from hamcoach.web.deps import AthleteDep, CallerDep, SetAuthor, SetAuthorDep, StoreDep
from hamcoach.web.openapi import errors
from hamcoach.web.schemas import EXERCISES, IsoDate, SetEdit, SetIn, SetRestore

router = APIRouter(prefix="/api/v1", tags=["sets"])
ExerciseQuery = Annotated[
    str | None,
    Query(description="Only this exercise.", json_schema_extra={"enum": list(EXERCISES)}),
]
SetIdPath = Annotated[
    str, Path(description="The set's UUID.", json_schema_extra={"format": "uuid"})
]


@router.post(
    "/sets",
    status_code=201,
    responses={
        200: {"description": "This id was already stored; nothing new was written."},
        **errors(409, 503),
    },
)
async def create_set(body: SetIn, request: Request, author: SetAuthorDep) -> JSONResponse:
    """Log one set. 201 with the stored set; the same id again answers 200 and stores nothing.

    The answer comes after the set is committed (group commit with other requests' sets).
    """
    return await log_set(request, body, author)


async def log_set(request: Request, body: SetIn, author: SetAuthor) -> JSONResponse:
    """What `create_set` does once its body and caller are known; the set lane
    (web/set_lane.py) calls it too, so both answer alike."""
    # The id only, not the caller: the hot path reads no profile and stays off the thread pool.
    item = SetInput(
        body.exercise,
        body.reps,
        body.load,
        body.variant,
        body.side,
        body.rir,
        None,
        body.note,
        SetKind(body.kind),
        body.hips_up,
    )
    writer = request.app.state.set_writer
    try:
        new, record = await writer.write(
            author.athlete_id,
            str(body.id),
            item,
            body.performed_at,
            credential=author.credential,
            asked_at=author.asked_at,
        )
    except Unauthorized:
        if author.credential is not None:  # died meanwhile: the next request asks the database
            recent_callers(request.app).forget(author.credential)
        raise
    # JSONResponse directly: the dict is already JSON-ready, skip FastAPI's generic encoder.
    return JSONResponse(log_view.logged_set(record), status_code=201 if new else 200)


@router.post("/sets/restore", status_code=201, responses=errors(409))
def restore_set(body: SetRestore, store: StoreDep, caller: CallerDep) -> dict[str, Any]:
    """Undo a delete: send back the set DELETE answered with; it returns exactly as it was."""
    from hamcoach.domain.records import LoggedSet
    from hamcoach.services.set_batch import validate_uuid

    fields = body.model_dump()
    record = LoggedSet(
        **{
            **fields,
            "id": validate_uuid(str(body.id)),
            "side": Side.parse(fields["side"]),
            "kind": SetKind(fields["kind"]),
        }
    )
    restored = sets.restore_set(store.uow(), caller.athlete_id, record, caller.today)
    return log_view.logged_set(restored)


@router.get("/sets")
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
    return [log_view.logged_set(s) for s in reports.history(store.uow(), athlete, exercise, since)]


@router.patch("/sets/{set_id}")
def edit_set(
    set_id: SetIdPath, body: SetEdit, store: StoreDep, caller: CallerDep
) -> dict[str, Any]:
    """Correct reps, load and (when sent) the note; a note left out stays as it was."""
    note = body.note if "note" in body.model_fields_set else sets.KEEP_NOTE
    updated = sets.edit_set(
        store.uow(), caller.athlete_id, str(set_id), body.reps, body.load, note, caller.today
    )
    return log_view.logged_set(updated)


@router.delete("/sets/{set_id}")
def remove_set(set_id: SetIdPath, store: StoreDep, athlete: AthleteDep) -> dict[str, Any]:
    """Delete a set; the answer is the deleted set, so POSTing it back undoes the delete."""
    return log_view.logged_set(sets.delete_set(store.uow(), athlete, str(set_id)))


@router.get("/history")
def read_history(
    store: StoreDep,
    athlete: AthleteDep,
    exercise: ExerciseQuery = None,
    since: IsoDate | None = None,
) -> list[dict[str, Any]]:
    """Same as GET /sets (kept for the CLI's vocabulary)."""
    return list_sets(store, athlete, exercise, since)
