"""JSON views of the exercise catalogue (`hamcoach exercises --format json`)."""

from __future__ import annotations

from typing import Any

from hamcoach.domain.catalogue import Exercise, FitCode


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
