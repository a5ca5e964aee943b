"""JSON views of the plan: weeks, planned sessions and their exercises."""

from __future__ import annotations

from typing import Any

from hamcoach.domain.model import Plan, PlannedExercise, PlannedSession


def planned_exercise(pe: PlannedExercise, unit: str | None = None) -> dict[str, Any]:
    return {
        "slug": pe.slug,
        "variant": pe.variant,
        "sets": pe.sets,
        "reps_min": pe.reps_min,
        "reps_max": pe.reps_max,
        "per_side": pe.per_side,
        "rest_s": pe.rest_s,
        "load": pe.load,
        "unit": unit,
        "stance": pe.stance,
        "note": pe.note,
    }


def session(s: PlannedSession, unit: str | None = None) -> dict[str, Any]:
    return {
        "date": s.date.isoformat(),
        "day": s.day.slug,
        "exercises": [planned_exercise(e, unit) for e in s.exercises],
        "reasons": list(s.reasons),
    }


def plan(p: Plan, unit: str | None = None) -> dict[str, Any]:
    return {
        "weeks": [
            {
                "week": w.number,
                "start": w.start.isoformat(),
                "sessions": [session(s, unit) for s in w.sessions],
            }
            for w in p.weeks
        ],
        "warnings": list(p.warnings),
    }
