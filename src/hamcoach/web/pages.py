"""HTML pages: onboarding, this week, today (guided), history, progress, tests, settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from hamcoach import serialize, serialize_log
from hamcoach.domain.errors import HamcoachError, InvalidInput, excerpt
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import Day, RunType
from hamcoach.domain.profile import Profile
from hamcoach.services import reports, strength_tests, training
from hamcoach.services.profile import get_profile, save_profile
from hamcoach.web import charts
from hamcoach.web.api import profile_from
from hamcoach.web.deps import AthleteDep, NowDep, StoreDep, local_today
from hamcoach.web.schemas import ProfileIn

router = APIRouter(include_in_schema=False)


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    templates = request.app.state.templates
    context.setdefault("version", request.app.state.static_version)
    context.setdefault("path", request.url.path)
    response: HTMLResponse = templates.TemplateResponse(request, name, context, status_code=status)
    return response


def _has_profile(store: Any) -> bool:
    with store.uow() as uow:
        return uow.athletes.first_id() is not None


@router.get("/")
def home(store: StoreDep) -> RedirectResponse:
    return RedirectResponse("/today" if _has_profile(store) else "/onboarding", status_code=303)


@router.get("/sw.js")
def service_worker() -> FileResponse:
    # Served from the root so its scope covers every page.
    return FileResponse(
        Path(__file__).parent / "static" / "js" / "sw.js",
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


@router.get("/manifest.webmanifest")
def manifest() -> RedirectResponse:
    return RedirectResponse("/static/manifest.webmanifest", status_code=308)


def _profile_form(profile: Profile | None) -> dict[str, Any]:
    data = serialize.profile(profile) if profile else None
    week = {d.slug: (profile.week.label(d) if profile else "rest") for d in Day}
    return {
        "profile": data,
        "week": week,
        "days": [d.slug for d in Day],
        "run_types": [r.value for r in RunType],
        "equipment": CATALOGUE.equipment,
    }


def _profile_from_form(form: dict[str, Any]) -> Profile:
    days = ",".join(f"{d.slug}={form.get('day_' + d.slug) or 'rest'}" for d in Day)
    try:
        body = ProfileIn.model_validate(
            {
                "name": form.get("name") or "",
                "units": form.get("units") or "kg",
                "body_mass": float(form["body_mass"]) if form.get("body_mass") else None,
                "increment": float(form["increment"]) if form.get("increment") else None,
                "equipment": list(form.get("equipment", [])),
                "week": days,
                "sessions": int(form.get("sessions") or 2),
                "per_session": int(form.get("per_session") or 2),
                "nordic_experienced": form.get("nordic_experienced") == "on",
                "keep_rest_days": form.get("keep_rest_days") == "on",
                "timezone": form.get("timezone") or "UTC",
            }
        )
    except ValidationError as exc:
        from hamcoach.web.errors import describe

        raise InvalidInput("please check the form: " + describe(exc.errors()[0])) from None
    except (ValueError, TypeError):  # a number field that is not a number
        raise InvalidInput(
            "please check the form: body mass, step and counts are numbers"
        ) from None
    profile = profile_from(body)
    profile.validate()
    return profile


async def _form_dict(request: Request) -> dict[str, Any]:
    form = await request.form()
    data: dict[str, Any] = {k: v for k, v in form.items() if isinstance(v, str)}
    data["equipment"] = [v for v in form.getlist("equipment") if isinstance(v, str)]
    return data


@router.get("/onboarding")
def onboarding(request: Request, store: StoreDep) -> HTMLResponse:
    profile = None
    with store.uow() as uow:
        first = uow.athletes.first_id()
        if first is not None:
            profile = uow.athlete(first).profile()
    return render(request, "onboarding.html", **_profile_form(profile), error=None)


@router.post("/onboarding")
async def onboarding_save(request: Request, store: StoreDep, now: NowDep) -> Response:
    form = await _form_dict(request)
    with store.uow() as uow:
        first = uow.athletes.first_id()
        old = uow.athlete(first).profile() if first is not None else None
    try:
        profile = _keep_unlisted(_profile_from_form(form), old, form)
        profile.validate()  # before the time zone is used below
    except HamcoachError as exc:
        ctx = _profile_form(None)
        ctx["profile"] = {**form, "equipment": form["equipment"]}
        return render(request, "onboarding.html", status=422, **ctx, error=exc.message)
    save_profile(store.uow(), profile, now.astimezone(ZoneInfo(profile.timezone)).date())
    return RedirectResponse("/week", status_code=303)


def _keep_unlisted(new: Profile, old: Profile | None, form: dict[str, Any]) -> Profile:
    """The form has no inputs for race dates, rest or % jumps: keep what was stored. When only
    the unit changed, the shown body mass and step are the old unit's numbers: convert them."""
    if old is None:
        return new
    kept = replace(new, race_dates=old.race_dates, rest_s=old.rest_s, increase_pct=old.increase_pct)
    if new.units is not old.units:
        converted = old.in_units(new.units)
        shown_mass = "" if old.body_mass is None else f"{old.body_mass:g}"
        shown_step = "" if old.increment is None else f"{old.increment:g}"
        if (form.get("body_mass") or "") == shown_mass:
            kept = replace(kept, body_mass=converted.body_mass)
        if (form.get("increment") or "") == shown_step:
            kept = replace(kept, increment=converted.increment)
    return kept


@router.get("/settings")
def settings_page(request: Request, store: StoreDep, athlete: AthleteDep) -> HTMLResponse:
    from hamcoach.services.exports import calendar_token

    profile = get_profile(store.uow(), athlete)
    token = calendar_token(store.uow(), athlete)
    calendar_url = str(request.url_for("calendar_feed", token=token))
    return render(
        request,
        "onboarding.html",
        **_profile_form(profile),
        error=None,
        settings=True,
        calendar_url=calendar_url,
    )


@router.get("/week")
def week(request: Request, store: StoreDep, athlete: AthleteDep, now: NowDep) -> HTMLResponse:
    from hamcoach.services.runs import runs_overview

    today = local_today(store, athlete, now)
    view = training.plan_for(store.uow(), athlete, today, weeks=2)
    data = serialize.plan(view.plan, view.profile.units.value)
    sessions = {s["date"]: s for w in data["weeks"] for s in w["sessions"]}
    first = view.plan.weeks[0].start
    overview = runs_overview(store.uow(), athlete, first, first + dt.timedelta(days=14))
    runs_by_day: dict[dt.date, list[Any]] = {}
    for c in overview.classified():
        runs_by_day.setdefault(c.date, []).append(c)
    weeks = []
    for w in view.plan.weeks:
        days = []
        for offset in range(7):
            date = w.start + dt.timedelta(days=offset)
            days.append(
                {
                    "date": date,
                    "run": view.profile.week.label(Day.of(date)),
                    "runs": runs_by_day.get(date, []),
                    "session": sessions.get(date.isoformat()),
                    "today": date == today,
                }
            )
        weeks.append({"number": w.number, "start": w.start, "days": days})
    return render(request, "week.html", weeks=weeks, warnings=data["warnings"], catalogue=CATALOGUE)


@router.get("/today")
def today_page(request: Request, store: StoreDep, athlete: AthleteDep, now: NowDep) -> HTMLResponse:
    today = local_today(store, athlete, now)
    view, session = training.today_session(store.uow(), athlete, today)
    data = serialize.session(session, view.profile.units.value)
    steps = []
    for e in data["exercises"]:
        ex = CATALOGUE.get(e["slug"])
        sides = ["left", "right"] if e["per_side"] else [None]
        steps.append({"plan": e, "exercise": ex, "sides": sides})
    return render(
        request,
        "today.html",
        session=data,
        steps=steps,
        is_today=session.date == today,
        date=session.date,
        unit=view.profile.units.value,
    )


@router.get("/history")
def history_page(request: Request, store: StoreDep, athlete: AthleteDep) -> HTMLResponse:
    from hamcoach.services.sets import sessions_with_sets

    found, _ = sessions_with_sets(store.uow(), athlete, limit=30)
    sessions = [
        {"date": s.date, "sets": [serialize_log.logged_set(x) for x in s.sets]} for s in found
    ]
    return render(request, "history.html", sessions=sessions, catalogue=CATALOGUE)


@router.get("/progress")
def progress(request: Request, store: StoreDep, athlete: AthleteDep, now: NowDep) -> HTMLResponse:
    result = reports.report(store.uow(), athlete, local_today(store, athlete, now))
    figures = []
    for slug, points in result.exercises.items():
        name = CATALOGUE.get(slug).name.split(" (")[0]
        if any(p.top_load for p in points):
            series = [
                charts.Series("top load", [(p.date, p.top_load) for p in points]),
                charts.Series("e1RM (Epley)", [(p.date, p.best_e1rm) for p in points]),
            ]
            title, unit = f"{name}: load and estimated 1RM", result.unit
        else:
            series = [charts.Series("reps", [(p.date, float(p.reps)) for p in points])]
            title, unit = f"{name}: reps per session", "reps"
        figures.append(
            {
                "title": title,
                "svg": charts.line_chart(title, series, unit, chart_id=f"c-{slug}"),
                "series": series,
                "unit": unit,
            }
        )
    if result.weeks:
        series = [
            charts.Series("planned", [(w.start, float(w.planned)) for w in result.weeks]),
            charts.Series("done", [(w.start, float(w.completed)) for w in result.weeks]),
        ]
        figures.append(
            {
                "title": "Adherence: sessions per week",
                "svg": charts.line_chart(
                    "Adherence: sessions per week", series, "sessions", chart_id="c-adherence"
                ),
                "series": series,
                "unit": "sessions",
            }
        )
    balance = [
        charts.Series(f"H:Q {k}", [(p.date, p.ratio) for p in result.hq if p.kind == k])
        for k in ("conventional", "functional")
        if any(p.kind == k for p in result.hq)
    ]
    if balance:
        figures.append(
            {
                "title": "H:Q ratio",
                "svg": charts.line_chart("H:Q ratio", balance, "", chart_id="c-hq"),
                "series": balance,
                "unit": "",
            }
        )
    if result.asymmetry:
        series = [charts.Series("left/right gap", [(a.date, a.pct) for a in result.asymmetry])]
        figures.append(
            {
                "title": "Left/right asymmetry (%)",
                "svg": charts.line_chart("Left/right asymmetry", series, "%", chart_id="c-asym"),
                "series": series,
                "unit": "%",
            }
        )
    return render(request, "progress.html", report=result, figures=figures)


@router.get("/tests")
def tests_page(request: Request, store: StoreDep, athlete: AthleteDep, now: NowDep) -> HTMLResponse:
    result = reports.report(store.uow(), athlete, local_today(store, athlete, now))
    profile = get_profile(store.uow(), athlete)
    return render(
        request,
        "tests.html",
        report=result,
        unit=profile.units.value,
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
async def tests_save(
    request: Request, store: StoreDep, athlete: AthleteDep, now: NowDep
) -> Response:
    """Record a test. HTMX gets the updated section back; a plain form post is redirected."""
    form = await _form_dict(request)
    kind = form.get("kind", "")
    today = local_today(store, athlete, now)
    profile = get_profile(store.uow(), athlete)
    error = None
    try:
        values = _test_values(form, profile.units.value)
        strength_tests.record_test(store.uow(), athlete, values, today, today)
    except HamcoachError as exc:
        error = exc.message
    htmx = request.headers.get("HX-Request") == "true"
    if error is None and not htmx:
        return RedirectResponse(f"/tests?saved={kind}", status_code=303)
    result = reports.report(store.uow(), athlete, today)
    context = {
        "report": result,
        "unit": profile.units.value,
        "error": error,
        "error_kind": kind,
        "saved": None if error else kind,
    }
    status = 422 if error else 200
    if htmx and kind in ("hq", "nordic-force", "break-angle", "10rm"):
        return render(request, "tests_section.html", status=status, kind=kind, **context)
    return render(request, "tests.html", status=status, **context)
