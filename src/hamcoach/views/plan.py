"""JSON views of the plan: weeks, planned sessions and their exercises."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hamcoach.domain.model import Plan, PlannedExercise, PlannedSession, Side


def side_loads(pairs: Iterable[tuple[Side, float]]) -> dict[str, float] | None:
    """Each leg's load when the legs progress apart and differ (single-leg curl); else None,
    and `load` is the one load for both."""
    loads = {side.value: load for side, load in pairs}
    return loads if len(set(loads.values())) > 1 else None


def load_label(e: dict[str, Any]) -> str | None:
    """The target load of a planned exercise's view in words: "40 kg", or "left 17.5, right
    20 kg" when the legs have their own loads; None for body weight."""
    unit = f" {e['unit']}" if e.get("unit") else ""
    if e.get("side_loads"):
        legs = ", ".join(f"{side} {load:g}" for side, load in e["side_loads"].items())
        return legs + unit
    return None if e.get("load") is None else f"{e['load']:g}{unit}"


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
        "side_loads": side_loads(pe.side_loads),
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
        # Set when the athlete moved the session from the day the plan chose.
        "moved_from": None if s.moved_from is None else s.moved_from.isoformat(),
        "warnings": list(s.warnings),
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
