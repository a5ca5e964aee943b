"""The history pages: sessions a page at a time (one line each, opened on tap), filtered by
exercise; one exercise's sessions with their top set and e1RM; adding a set to an earlier day."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.exercise_history import exercise_sessions
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.set_rules import SetInput
from hamcoach.domain.values import parse_iso_date
from hamcoach.services import comments, reports, set_logging
from hamcoach.services import records as records_service
from hamcoach.services.sets import SessionSummary, sessions_with_sets
from hamcoach.views import log as log_view
from hamcoach.views import records as records_view
from hamcoach.web.deps import CallerDep, StoreDep
from hamcoach.web.routes.html import form_dict, render
from hamcoach.web.schemas import EXERCISES, IsoDate

router = APIRouter(include_in_schema=False)
PAGE = 10  # sessions per page: a page stays under two screens with the sessions folded


def session_line(s: SessionSummary, records: int) -> str:
    """ "Lying leg curl 3, Nordic 3 · top 42.5 kg · 1 record": the session in one line."""
    counts: dict[str, int] = {}
    for x in s.sets:
        if x.kind.counts_as_work:
            counts[x.exercise] = counts.get(x.exercise, 0) + 1
    parts = [", ".join(f"{CATALOGUE.get(slug).short_name} {n}" for slug, n in counts.items())]
    loads = [(x.load, x.unit) for x in s.sets if x.load is not None and x.kind.counts_as_work]
    if loads:
        top, unit = max(loads)
        parts.append(f"top {top:g} {unit}")
    if records:
        parts.append("1 record" if records == 1 else f"{records} records")
    return " · ".join(p for p in parts if p) or "warm-up sets only"


@router.get("/history")
def history_page(
    request: Request,
    store: StoreDep,
    caller: CallerDep,
    before: IsoDate | None = None,
    exercise: str | None = Query(None, max_length=40),
    added: IsoDate | None = None,
) -> HTMLResponse:
    slug = CATALOGUE.get(exercise).slug if exercise else None
    found, nxt = sessions_with_sets(
        store.uow(), caller.athlete_id, limit=PAGE, before=before, exercise=slug
    )
    held = records_service.records(store.uow(), caller.athlete_id)
    shown = {x.id for s in found for x in s.sets}  # words only for the sets on this page
    marks = {
        set_id: ", ".join(
            records_view.record(r, held.unit)["text"].split(": ", 1)[-1] for r in records
        )
        for set_id, records in held.by_set.items()
        if set_id in shown
    }
    sessions = [
        {
            "date": s.date,
            "sets": [log_view.logged_set(x) for x in s.sets],
            "line": session_line(s, sum(1 for x in s.sets if x.id in marks)),
        }
        for s in found
    ]
    # Comments need accounts (who wrote what): none in local single-user mode.
    identity = getattr(request.state, "identity", None)
    said = (
        {}
        if identity is None
        else comments.threads(
            store.uow(), identity.account_id, caller.athlete_id, [s.date for s in found]
        )
    )
    return render(
        request,
        "history.html",
        sessions=sessions,
        threads=said,
        commenting=identity is not None,
        catalogue=CATALOGUE,
        marks=marks,
        exercise=slug,
        older=nxt,
        # Every session folded to its line (a page stays under two phone screens); the day a
        # set was just added to opens, to show it.
        opened=added,
        today=caller.today,
        exercises=[CATALOGUE.get(e) for e in EXERCISES],
    )


@router.get("/history/{slug}")
def exercise_history(
    request: Request, store: StoreDep, caller: CallerDep, slug: str
) -> HTMLResponse:
    ex = CATALOGUE.get(slug)
    sets = reports.history(store.uow(), caller.athlete_id, ex.slug, None)
    rows = exercise_sessions(sets, caller.profile.units)
    return render(
        request,
        "exercise_history.html",
        exercise=ex,
        rows=rows,
        unit=caller.profile.units.value,
    )


def _number(form: dict[str, Any], name: str, parse: Any) -> Any:
    raw = str(form.get(name) or "").strip().replace(",", ".")
    if not raw:
        return None
    try:
        return parse(raw)
    except ValueError:
        raise InvalidInput(f"{name} must be a number (got {raw[:20]!r})") from None


@router.post("/history/comments")
async def comment(request: Request, store: StoreDep, caller: CallerDep) -> Response:
    """The athlete's comment on one of their sessions (accounts mode)."""
    identity = getattr(request.state, "identity", None)
    if identity is None:
        raise InvalidInput("comments need accounts: this is the local single-user app")
    form = await form_dict(request)
    day = parse_iso_date(str(form.get("date") or ""), "date")
    comments.post_comment(
        store.uow(),
        identity.account_id,
        caller.athlete_id,
        day,
        str(form.get("body", "")),
        caller.now,
    )
    if form.get("back") == "today":  # sent from the Today page's session summary
        return RedirectResponse("/today#comments", 303)
    after = day + dt.timedelta(days=1)
    return RedirectResponse(f"/history?before={after.isoformat()}&added={day.isoformat()}", 303)


@router.post("/history/sets")
async def add_earlier_set(request: Request, store: StoreDep, caller: CallerDep) -> Response:
    """A set done on an earlier day (logged at noon of that day, in the athlete's zone)."""
    form = await form_dict(request)
    day = parse_iso_date(str(form.get("date") or ""), "date")
    reps = _number(form, "reps", int)
    if reps is None:
        raise InvalidInput("reps is required")
    item = SetInput(
        str(form.get("exercise") or ""),
        reps,
        _number(form, "load", float),
        side=str(form["side"]) if form.get("side") else None,
    )
    at = dt.datetime.combine(day, dt.time(12), ZoneInfo(caller.profile.timezone))
    set_logging.log_sets(
        store.uow(), caller.athlete_id, [(str(uuid.uuid4()), item, at)], caller.now
    )
    # The page that starts with that day, however far back it is, with it open.
    after = (day + dt.timedelta(days=1)).isoformat()
    return RedirectResponse(f"/history?before={after}&added={day.isoformat()}", status_code=303)
