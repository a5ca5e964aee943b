"""Plain-data (JSON-ready) views of domain objects, shared by the CLI and the web API.

Key names here are the documented, stable JSON keys; change them only with a CHANGELOG entry.
"""

from __future__ import annotations

from typing import Any

from hamcoach.domain.catalogue import Exercise, FitCode
from hamcoach.domain.model import Plan, PlannedExercise, PlannedSession
from hamcoach.domain.profile import Profile


def fit_code(code: FitCode) -> dict[str, Any]:
    return {
        "category": code.category,
        "name": code.name,
        "category_name": code.category_name,
        "exercise_name": code.exercise_name,
        "step_name": code.step_name,
    }


def exercise(ex: Exercise) -> dict[str, Any]:
    p = ex.prescription
    return {
        "slug": ex.slug,
        "name": ex.name,
        "equipment": [sorted(need) for need in ex.equipment],
        "recommended": sorted(ex.recommended),
        "per_side": ex.per_side,
        "load_type": ex.load_type.value,
        "hip": ex.hip.value,
        "prescription": {
            "sets": p.sets,
            "reps_min": p.reps_min,
            "reps_max": p.reps_max,
            "per_side": p.per_side,
            "rest_s": p.rest_s,
        },
        "cues": {
            "setup": list(ex.cues.setup),
            "movement": list(ex.cues.movement),
            "lowering": list(ex.cues.lowering),
            "faults": list(ex.cues.faults),
        },
        "muscles": list(ex.muscles),
        "why": ex.why,
        "fit": fit_code(ex.fit),
        "variants": [
            {
                "slug": v.slug,
                "name": v.name,
                "equipment": sorted(v.equipment),
                "note": v.note,
                "fit": fit_code(v.fit),
                "fit_single_leg": fit_code(v.fit_single_leg),
            }
            for v in ex.variants
        ],
    }


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


def profile(p: Profile) -> dict[str, Any]:
    """Every field as stored (`increment` null means the unit's default step)."""
    return {
        "name": p.name,
        "units": p.units.value,
        "body_mass": p.body_mass,
        "increment": p.increment,
        "increase_pct": p.increase_pct,
        "equipment": sorted(p.equipment),
        "week": p.week.to_text(),
        "sessions": p.sessions,
        "per_session": p.per_session,
        "nordic_experienced": p.nordic_experienced,
        "race_dates": [d.isoformat() for d in p.race_dates],
        "keep_rest_days": p.keep_rest_days,
        "rest_s": p.rest_s,
        "timezone": p.timezone,
    }
