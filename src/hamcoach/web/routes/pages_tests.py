"""The strength-tests HTML page: the results so far and a form per test."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hamcoach.domain.assessment import (
    VELOCITIES,
    AssessmentKind,
    BreakAngleEntry,
    Entry,
    HqEntry,
    NordicForceEntry,
    TenRmEntry,
)
from hamcoach.domain.errors import HamcoachError, InvalidInput, excerpt
from hamcoach.services import assessments, reports
from hamcoach.web.deps import CallerDep, StoreDep
from hamcoach.web.routes.html import form_dict, render

router = APIRouter(include_in_schema=False)


@router.get("/tests")
def tests_page(request: Request, store: StoreDep, caller: CallerDep) -> HTMLResponse:
    result = reports.report(store.uow(), caller.athlete_id, caller.today)
    return render(
        request,
        "tests.html",
        report=result,
        unit=caller.unit,
        error=None,
        error_kind=None,
        saved=request.query_params.get("saved"),
    )


def _num(form: dict[str, Any], key: str) -> float | None:
    raw = (form.get(key) or "").strip()
    if not raw:
        return None
    try:
        return float(raw.replace(",", "."))
    except ValueError:
        raise InvalidInput(f"{key.replace('_', ' ')}: {excerpt(raw)} is not a number") from None


def _velocity(raw: str | None) -> int:
    try:
        return int(raw or 60)
    except ValueError:
        *rest, last = (str(v) for v in VELOCITIES)
        speeds = f"{', '.join(rest)} or {last}"
        raise InvalidInput(f"speed {excerpt(raw)}: choose {speeds} deg/s") from None


def _entry(form: dict[str, Any]) -> Entry:
    def need(key: str) -> float:
        value = _num(form, key)
        if value is None:
            raise InvalidInput(f"{key.replace('_', ' ')} is required")
        return value

    kind = form.get("kind", "")
    if kind == AssessmentKind.HQ:
        return HqEntry(
            need("hamstring_con"),
            need("quad_con"),
            _num(form, "hamstring_ecc"),
            form.get("unit") or "Nm",
            None,
            _velocity(form.get("velocity")),
        )
    if kind == AssessmentKind.NORDIC_FORCE:
        return NordicForceEntry(need("left"), need("right"), form.get("unit") or "N")
    if kind == AssessmentKind.BREAK_ANGLE:
        return BreakAngleEntry(need("degrees"))
    if kind == AssessmentKind.TEN_RM:
        return TenRmEntry(form.get("exercise") or "", need("load"))
    raise InvalidInput(f"choose a test: {', '.join(AssessmentKind)}")


@router.post("/tests")
async def tests_save(request: Request, store: StoreDep, caller: CallerDep) -> Response:
    """Record a test. HTMX gets the updated section back; a plain form post is redirected."""
    form = await form_dict(request)
    kind = form.get("kind", "")
    athlete, today = caller.athlete_id, caller.today
    error = None
    try:
        assessments.record(store.uow(), athlete, _entry(form), today, today)
    except HamcoachError as exc:
        error = exc.message
    htmx = request.headers.get("HX-Request") == "true"
    if error is None and not htmx:
        return RedirectResponse(f"/tests?saved={kind}", status_code=303)
    result = reports.report(store.uow(), athlete, today)
    context = {
        "report": result,
        "unit": caller.unit,
        "error": error,
        "error_kind": kind,
        "saved": None if error else kind,
    }
    status = 422 if error else 200
    if htmx and kind in tuple(AssessmentKind):
        return render(request, "tests_section.html", status=status, kind=kind, **context)
    return render(request, "tests.html", status=status, **context)
