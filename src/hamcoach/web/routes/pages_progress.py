"""The progress page: charts of load, e1RM, reps, adherence, H:Q and asymmetry, each with its
numbers in a table, and the personal records (GET /progress)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.metrics import BREAK_POINT_NOISE_DEG, break_point_change
from hamcoach.domain.personal_records import RecordKind
from hamcoach.services import records as records_service
from hamcoach.services import reports
from hamcoach.services.caller import Caller
from hamcoach.storage.store import Store
from hamcoach.views import records as records_view
from hamcoach.web import charts
from hamcoach.web.deps import CallerDep, StoreDep
from hamcoach.web.routes.html import render

router = APIRouter(include_in_schema=False)

RANGES = (
    ("4w", "4 weeks", 28),
    ("12w", "12 weeks", 84),
    ("1y", "A year", 365),
    ("all", "All", None),
)


Range = Literal["4w", "12w", "1y", "all"]


@router.get("/progress")
def progress(
    request: Request,
    store: StoreDep,
    caller: CallerDep,
    range: Range = "all",
) -> HTMLResponse:
    return render(request, "progress.html", **progress_context(store, caller, range))


def progress_context(store: Store, caller: Caller, range: Range) -> dict[str, Any]:
    """The progress page's charts, tables and records of `caller`'s athlete (also what a
    linked coach sees of them)."""
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
    angles = shown([(d, v) for d, v in result.break_points])
    if angles:
        figures.append(_break_angle_figure([(d, v) for d, v in angles if v is not None]))
    records = [
        {**records_view.record(r, held.unit), "when": f"{r.on:%d %b %Y}"} for r in held.bests
    ]
    # A chart whose range holds no point is left out, not drawn empty.
    figures = [f for f in figures if f["svg"]]
    return {
        "report": result,
        "figures": figures,
        "records": records,
        "range": range,
        "ranges": [(key, label) for key, label, _ in RANGES],
    }


def _break_angle_figure(angles: list[tuple[dt.date, float]]) -> dict[str, Any]:
    """The Nordic break-point angle over time, with the band of measurement noise around the
    first test shown: a later test inside it is no change, one above it a real gain."""
    title = "Nordic break-point angle (deg)"
    first, last = angles[0][1], angles[-1][1]
    noise = BREAK_POINT_NOISE_DEG
    band = charts.Band(first - noise, first + noise, f"noise (\u00b1{noise:g} deg of the first)")
    series = [charts.Series("break-point angle", angles)]
    caption = None
    if len(angles) > 1:
        change = break_point_change(first, last)
        verdict = "a real change" if change.meaningful else "no real change yet"
        caption = f"Since {angles[0][0]:%d %b %Y}: {change.summary} ({verdict})."
    return {
        "title": title,
        "svg": charts.line_chart(title, series, "deg", chart_id="c-break", band=band),
        "series": series,
        "unit": "deg",
        "caption": caption,
    }
