"""JSON view of the progress report (GET /api/v1/report, `hamcoach report --format json`).

Every key is written out here: renaming a field of `domain.report_model` fails this module's
type check instead of changing the API (`tests/views/test_report.py` pins the keys).
"""

from __future__ import annotations

from typing import Any

from hamcoach.domain.report_model import (
    AsymmetryPoint,
    ExercisePoint,
    HQPoint,
    Report,
    WeekAdherence,
)


def week(w: WeekAdherence) -> dict[str, Any]:
    return {"start": w.start.isoformat(), "planned": w.planned, "completed": w.completed}


def exercise_point(p: ExercisePoint) -> dict[str, Any]:
    return {
        "date": p.date.isoformat(),
        "top_load": p.top_load,
        "best_e1rm": p.best_e1rm,
        "volume": p.volume,
        "sets": p.sets,
        "reps": p.reps,
    }


def hq_point(p: HQPoint) -> dict[str, Any]:
    return {
        "date": p.date.isoformat(),
        "kind": p.kind,
        "ratio": p.ratio,
        "reference": p.reference,
        "summary": p.summary,
    }


def asymmetry_point(p: AsymmetryPoint) -> dict[str, Any]:
    return {
        "date": p.date.isoformat(),
        "source": p.source,
        "left": p.left,
        "right": p.right,
        "pct": p.pct,
        "flag": p.flag,
        "stronger": p.stronger,
    }


def report(r: Report) -> dict[str, Any]:
    """The report with dates as ISO strings; `break_points` and `soreness` are [date, value]."""
    return {
        "unit": r.unit,
        "weeks": [week(w) for w in r.weeks],
        "adherence_overall": r.adherence_overall,
        "adherence_summary": r.adherence_summary,
        "exercises": {
            slug: [exercise_point(p) for p in points] for slug, points in r.exercises.items()
        },
        "hq": [hq_point(p) for p in r.hq],
        "asymmetry": [asymmetry_point(p) for p in r.asymmetry],
        "break_points": [[day.isoformat(), degrees] for day, degrees in r.break_points],
        "break_point_summary": r.break_point_summary,
        "force_notes": list(r.force_notes),
        "summary": list(r.summary),
        "soreness": [[day.isoformat(), score] for day, score in r.soreness],
    }
