"""The Runs page: imported runs newest first with the type each was given and why, the usual
week they make, and a form per run to correct its type (the plan follows it)."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from typing import Any
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hamcoach.domain.errors import InvalidInput, excerpt
from hamcoach.domain.model import RunType
from hamcoach.domain.runs import ClassifiedRun
from hamcoach.domain.values import parse_iso_date
from hamcoach.services import runs
from hamcoach.services.runs import MAX_EXTERNAL_ID
from hamcoach.web.deps import CallerDep, StoreDep
from hamcoach.web.routes.html import form_dict, render
from hamcoach.web.schemas import IsoDate

router = APIRouter(include_in_schema=False)
PAGE = 30  # runs per page: a month of running for most, a fortnight for the keenest
INFERRED = "inferred"  # the form's value for "as inferred": no type of the athlete's
CHOICES = (("easy", "Easy"), ("long", "Long"), ("key", "Key"))


def _anchor(external_id: str) -> str:
    # Ids hold anything a calendar's UID does: a digest makes a safe, stable fragment.
    return "run-" + hashlib.sha256(external_id.encode()).hexdigest()[:16]


def _action(external_id: str) -> str:
    # One path segment, whatever the id holds (the route takes it back whole with `:path`).
    return f"/runs/{quote(external_id, safe=':@')}/type"


def _title(c: ClassifiedRun) -> str:
    return c.run.title.strip() or "Run"


def _row(c: ClassifiedRun, tz: ZoneInfo, inferred: RunType | None) -> dict[str, Any]:
    minutes = round(c.run.duration_s / 60)
    return {
        "anchor": _anchor(c.run.external_id),
        "action": _action(c.run.external_id),
        "start": c.run.start.astimezone(tz),
        "title": _title(c),
        "km": None if not c.run.distance_m else c.run.distance_m / 1000,
        "minutes": minutes or None,
        "type": c.type.value,
        "reason": c.reason,
        "marked": None if c.run.marked is None else c.run.marked.value,
        "inferred": None if inferred is None else inferred.value,
    }


def _notice(c: ClassifiedRun, tz: ZoneInfo) -> str:
    """What the last change did, in words, from what is stored now (never from the address)."""
    when = c.run.start.astimezone(tz).strftime("%a %d %b")
    name = f"{_title(c)} ({when})"
    if c.run.marked is not None:
        return f"Marked {name} as {c.type.value}: the plan now follows it."
    return f"{name} is back to the type the rules give it: {c.type.value}, {c.reason}."


@router.get("/runs")
def runs_page(
    request: Request,
    store: StoreDep,
    caller: CallerDep,
    before: IsoDate | None = None,
    changed: str | None = Query(None, max_length=MAX_EXTERNAL_ID),
) -> HTMLResponse:
    page = runs.runs_page(store.uow(), caller.athlete_id, before=before, limit=PAGE)
    tz = ZoneInfo(page.timezone)
    notice = next(
        (_notice(c, tz) for c in page.runs if changed and c.run.external_id == changed), None
    )
    typical = None
    if page.typical is not None:
        typical = [
            (calendar.day_name[day.value], [t.value for t in types])
            for day, types in page.typical.week
        ]
    return render(
        request,
        "runs.html",
        runs=[_row(c, tz, page.inferred.get(c.run.external_id)) for c in page.runs],
        total=page.total,
        typical=typical,
        reasons=page.typical.reasons if page.typical else (),
        older=page.older,
        before=before,
        notice=notice,
        choices=CHOICES,
        inferred_value=INFERRED,
    )


def _posted_type(raw: object) -> RunType | None:
    if raw == INFERRED:
        return None
    if raw in {value for value, _ in CHOICES}:
        return RunType(str(raw))
    raise InvalidInput(
        f"choose easy, long, key or as inferred for the run's type (got {excerpt(raw or '')})"
    )


@router.post("/runs/{external_id:path}/type")
async def set_run_type(
    request: Request, store: StoreDep, caller: CallerDep, external_id: str
) -> Response:
    """The type the athlete gives a run, or back to the inferred one; back to the same page."""
    form = await form_dict(request)
    marked = _posted_type(form.get("type"))
    raw_before = str(form.get("before") or "")
    before: dt.date | None = parse_iso_date(raw_before, "before") if raw_before else None
    runs.mark_run(store.uow(), caller.athlete_id, external_id, marked)
    query = {"changed": external_id, **({"before": before.isoformat()} if before else {})}
    return RedirectResponse(f"/runs?{urlencode(query)}#{_anchor(external_id)}", status_code=303)
