"""HTML pages: home, today (guided), progress; the service worker.

The week and month are in `pages_week.py`, history in `pages_history.py`, onboarding and
settings in `pages_profile.py`, the tests page in `pages_tests.py`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.personal_records import RecordKind
from hamcoach.domain.readiness import is_sore
from hamcoach.services import records as records_service
from hamcoach.services import reports, sessions
from hamcoach.views import plan as plan_view
from hamcoach.views import records as records_view
from hamcoach.views import session as session_view
from hamcoach.web import charts
from hamcoach.web.deps import CallerDep, MaybeCallerDep, StoreDep
from hamcoach.web.routes.html import form_dict, render

router = APIRouter(include_in_schema=False)
SERVICE_WORKER = Path(__file__).resolve().parent.parent / "static" / "js" / "sw.js"


@router.get("/")
def home(caller: MaybeCallerDep) -> RedirectResponse:
    return RedirectResponse("/today" if caller is not None else "/onboarding", status_code=303)


@router.get("/sw.js")
def service_worker() -> FileResponse:
    # Served from the root so its scope covers every page.
    return FileResponse(
        SERVICE_WORKER,
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


@router.get("/manifest.webmanifest")
def manifest() -> RedirectResponse:
    return RedirectResponse("/static/manifest.webmanifest", status_code=308)


@router.get("/today")
def today_page(
    request: Request, store: StoreDep, caller: CallerDep, full: bool = False
) -> HTMLResponse:
    found = sessions.today(store.uow(), caller.athlete_id, caller.today, full=full)
    unit = found.view.profile.units
    data = plan_view.session(found.session, unit.value)
    state = found.state
    steps = []
    for e, progress in zip(data["exercises"], state.exercises, strict=True):
        forms = []
        for side, done in zip(progress.sides, progress.done, strict=True):
            last = found.last_time.get((e["slug"], side), ())
            forms.append(
                {
                    "side": side.value if side else None,
                    "done": done,
                    "last": [session_view.set_label(s) for s in last],
                    "line": session_view.set_line(done, e["sets"], last),
                }
            )
        steps.append(
            {
                "plan": e,
                "exercise": CATALOGUE.get(e["slug"]),
                "forms": forms,
                "done": progress.sets_done,
                "count_text": session_view.count_text(progress.sets_done, progress.sets_target),
                "first_time": e["slug"] in found.new_exercises,
                "increment": found.view.profile.increment_for(e["slug"]),
            }
        )
    current = state.current if state.current is not None else max(0, len(steps) - 1)
    summary = None
    if state.finished_at is not None:
        summary = session_view.finished_summary(
            found.sets, found.session, unit, state.finished_at, found.view.profile.timezone
        )
        summary["records"] = [
            records_view.record(r, unit)["text"]
            for r in records_service.records(
                store.uow(), caller.athlete_id, found.session.date
            ).set_on
        ]
    return render(
        request,
        "today.html",
        session=data,
        state=session_view.state(state, caller.today),
        steps=steps,
        current=current,
        summary=summary,
        begun=state.started_at is not None,
        is_today=found.session.date == caller.today,
        date=found.session.date,
        unit=unit.value,
        finest_step=unit.finest_step,
        soreness=found.soreness,
        sore=is_sore(found.soreness) and found.session.date == caller.today,
        # The lighter version leads its reasons with the soreness (domain/readiness.py).
        lighter=bool(found.session.reasons) and found.session.reasons[0].startswith("soreness "),
        can_switch=state.work_sets == 0,
    )


@router.post("/today/version")
async def today_version(request: Request, store: StoreDep, caller: CallerDep) -> Response:
    """The Today page's choice of the full or the lighter (sore) session: it begins today's
    session with that version, so every device and the first set keep it."""
    form = await form_dict(request)
    full = str(form.get("full", "")) == "true"
    sessions.choose_version(store.uow(), caller.athlete_id, caller.today, caller.now, full=full)
    return RedirectResponse("/today", status_code=303)


@router.post("/today/soreness")
async def today_soreness(request: Request, store: StoreDep, caller: CallerDep) -> Response:
    """The Today page's soreness check: record it, then show the session it leads to."""
    from hamcoach.services.soreness import check_in

    form = await form_dict(request)
    try:
        score = int(str(form.get("soreness", "")))
    except ValueError:
        raise InvalidInput("soreness is a whole number from 0 (none) to 10 (worst)") from None
    check_in(store.uow(), caller.athlete_id, caller.today, score, None, caller.today)
    return RedirectResponse("/today", status_code=303)


RANGES = (
    ("4w", "4 weeks", 28),
    ("12w", "12 weeks", 84),
    ("1y", "A year", 365),
    ("all", "All", None),
)


@router.get("/progress")
def progress(
    request: Request,
    store: StoreDep,
    caller: CallerDep,
    range: Literal["4w", "12w", "1y", "all"] = "all",
) -> HTMLResponse:
    days = next(d for key, _, d in RANGES if key == range)
    since = None if days is None else caller.today - dt.timedelta(days=days)

    def shown(points: list[tuple[dt.date, float | None]]) -> list[tuple[dt.date, float | None]]:
        return [p for p in points if since is None or p[0] >= since]

    result = reports.report(store.uow(), caller.athlete_id, caller.today)
    held = records_service.records(store.uow(), caller.athlete_id)
    record_days: dict[tuple[str, RecordKind], set[dt.date]] = {}
    for found in held.by_set.values():
        for r in found:
            record_days.setdefault((r.key.exercise, r.key.kind), set()).add(r.on)
    figures = []
    for slug, points in result.exercises.items():
        name = CATALOGUE.get(slug).short_name
        if any(p.top_load for p in points):
            e1rm_days = frozenset(record_days.get((slug, RecordKind.E1RM), ()))
            series = [
                charts.Series("top load", shown([(p.date, p.top_load) for p in points])),
                charts.Series(
                    "e1RM (Epley)", shown([(p.date, p.best_e1rm) for p in points]), e1rm_days
                ),
            ]
            title, unit = f"{name}: load and estimated 1RM", result.unit
        else:
            reps_days = frozenset(record_days.get((slug, RecordKind.REPS), ()))
            series = [
                charts.Series("reps", shown([(p.date, float(p.reps)) for p in points]), reps_days)
            ]
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
            charts.Series("planned", shown([(w.start, float(w.planned)) for w in result.weeks])),
            charts.Series("done", shown([(w.start, float(w.completed)) for w in result.weeks])),
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
        charts.Series(f"H:Q {k}", shown([(p.date, p.ratio) for p in result.hq if p.kind == k]))
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
        series = [
            charts.Series("left/right gap", shown([(a.date, a.pct) for a in result.asymmetry]))
        ]
        figures.append(
            {
                "title": "Left/right asymmetry (%)",
                "svg": charts.line_chart("Left/right asymmetry", series, "%", chart_id="c-asym"),
                "series": series,
                "unit": "%",
            }
        )
    records = [
        {**records_view.record(r, held.unit), "when": f"{r.on:%d %b %Y}"} for r in held.bests
    ]
    # A chart whose range holds no point is left out, not drawn empty.
    figures = [f for f in figures if f["svg"]]
    return render(
        request,
        "progress.html",
        report=result,
        figures=figures,
        records=records,
        range=range,
        ranges=[(key, label) for key, label, _ in RANGES],
    )
