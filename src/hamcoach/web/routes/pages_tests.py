"""The strength-tests HTML page: the results so far and a form per test."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hamcoach.domain.errors import HamcoachError, InvalidInput, excerpt
from hamcoach.services import reports, strength_tests
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
        raise InvalidInput(f"speed {excerpt(raw)}: choose 60, 180 or 300 deg/s") from None


def _test_values(form: dict[str, Any], units: str) -> list[strength_tests.Measured]:
    def need(key: str) -> float:
        value = _num(form, key)
        if value is None:
            raise InvalidInput(f"{key.replace('_', ' ')} is required")
        return value

    kind = form.get("kind", "")
    if kind == "hq":
        return strength_tests.hq_values(
            need("hamstring_con"),
            need("quad_con"),
            _num(form, "hamstring_ecc"),
            form.get("unit") or "Nm",
            None,
            _velocity(form.get("velocity")),
        )
    if kind == "nordic-force":
        return strength_tests.nordic_force_values(
            need("left"), need("right"), form.get("unit") or "N"
        )
    if kind == "break-angle":
        return strength_tests.break_angle_values(need("degrees"))
    if kind == "10rm":
        return strength_tests.tenrm_values(form.get("exercise") or "", need("load"), units)
    raise InvalidInput("choose a test: hq, nordic-force, break-angle or 10rm")


@router.post("/tests")
async def tests_save(request: Request, store: StoreDep, caller: CallerDep) -> Response:
    """Record a test. HTMX gets the updated section back; a plain form post is redirected."""
    form = await form_dict(request)
    kind = form.get("kind", "")
    athlete, today = caller.athlete_id, caller.today
    error = None
    try:
        values = _test_values(form, caller.unit)
        strength_tests.record_test(store.uow(), athlete, values, today, today)
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
    if htmx and kind in ("hq", "nordic-force", "break-angle", "10rm"):
        return render(request, "tests_section.html", status=status, kind=kind, **context)
    return render(request, "tests.html", status=status, **context)
