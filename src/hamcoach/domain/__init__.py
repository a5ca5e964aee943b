"""The pure domain core of hamcoach: standard library only, no I/O.

Import the public rules and types from here: `from hamcoach.domain import build_plan, ...`.

Names load on first use, so importing one module (e.g. `hamcoach.domain.errors` on the CLI's
start-up path) does not pay for the whole domain.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_PUBLIC: dict[str, str] = {
    "CATALOGUE": "hamcoach.domain.exercises",
    "Catalogue": "hamcoach.domain.catalogue",
    "Conflict": "hamcoach.domain.errors",
    "Day": "hamcoach.domain.model",
    "Exercise": "hamcoach.domain.catalogue",
    "FitCode": "hamcoach.domain.catalogue",
    "HamcoachError": "hamcoach.domain.errors",
    "InvalidInput": "hamcoach.domain.errors",
    "NotFound": "hamcoach.domain.errors",
    "Plan": "hamcoach.domain.model",
    "PlanRequest": "hamcoach.domain.planning",
    "PlannedExercise": "hamcoach.domain.model",
    "PlannedSession": "hamcoach.domain.model",
    "Profile": "hamcoach.domain.profile",
    "Run": "hamcoach.domain.runs",
    "RunType": "hamcoach.domain.model",
    "RunningWeek": "hamcoach.domain.model",
    "ScheduleSettings": "hamcoach.domain.scheduling",
    "SetInput": "hamcoach.domain.set_rules",
    "Units": "hamcoach.domain.profile",
    "UnknownChoice": "hamcoach.domain.errors",
    "Variant": "hamcoach.domain.catalogue",
    "adherence": "hamcoach.domain.metrics",
    "after_break": "hamcoach.domain.progression",
    "asymmetry": "hamcoach.domain.metrics",
    "break_point_change": "hamcoach.domain.metrics",
    "build_plan": "hamcoach.domain.planning",
    "check_set": "hamcoach.domain.set_rules",
    "compute_targets": "hamcoach.domain.targets",
    "double_progression": "hamcoach.domain.progression",
    "e1rm_brzycki": "hamcoach.domain.metrics",
    "e1rm_epley": "hamcoach.domain.metrics",
    "eccentric_force_context": "hamcoach.domain.metrics",
    "explain_feasibility": "hamcoach.domain.catalogue",
    "floor_ladder": "hamcoach.domain.progression",
    "floor_ladder_rung": "hamcoach.domain.progression",
    "hq_ratio": "hamcoach.domain.metrics",
    "infer_running_weeks": "hamcoach.domain.runs",
    "next_monday": "hamcoach.domain.planning",
    "nordic_ramp_week": "hamcoach.domain.progression",
    "round_to_increment": "hamcoach.domain.progression",
    "schedule_week": "hamcoach.domain.scheduling",
    "select_week": "hamcoach.domain.selection",
    "typical_week": "hamcoach.domain.runs",
    "volume": "hamcoach.domain.metrics",
    "week_overrides": "hamcoach.domain.runs",
}

if TYPE_CHECKING:
    from hamcoach.domain.catalogue import Catalogue, Exercise, FitCode, Variant, explain_feasibility
    from hamcoach.domain.errors import (
        Conflict,
        HamcoachError,
        InvalidInput,
        NotFound,
        UnknownChoice,
    )
    from hamcoach.domain.exercises import CATALOGUE
    from hamcoach.domain.metrics import (
        adherence,
        asymmetry,
        break_point_change,
        e1rm_brzycki,
        e1rm_epley,
        eccentric_force_context,
        hq_ratio,
        volume,
    )
    from hamcoach.domain.model import (
        Day,
        Plan,
        PlannedExercise,
        PlannedSession,
        RunningWeek,
        RunType,
    )
    from hamcoach.domain.planning import PlanRequest, build_plan, next_monday
    from hamcoach.domain.profile import Profile, Units
    from hamcoach.domain.progression import (
        after_break,
        double_progression,
        floor_ladder,
        floor_ladder_rung,
        nordic_ramp_week,
        round_to_increment,
    )
    from hamcoach.domain.runs import Run, infer_running_weeks, typical_week, week_overrides
    from hamcoach.domain.scheduling import ScheduleSettings, schedule_week
    from hamcoach.domain.selection import select_week
    from hamcoach.domain.set_rules import SetInput, check_set
    from hamcoach.domain.targets import compute_targets


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'hamcoach.domain' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "CATALOGUE",
    "Catalogue",
    "Conflict",
    "Day",
    "Exercise",
    "FitCode",
    "HamcoachError",
    "InvalidInput",
    "NotFound",
    "Plan",
    "PlanRequest",
    "PlannedExercise",
    "PlannedSession",
    "Profile",
    "Run",
    "RunType",
    "RunningWeek",
    "ScheduleSettings",
    "SetInput",
    "Units",
    "UnknownChoice",
    "Variant",
    "adherence",
    "after_break",
    "asymmetry",
    "break_point_change",
    "build_plan",
    "check_set",
    "compute_targets",
    "double_progression",
    "e1rm_brzycki",
    "e1rm_epley",
    "eccentric_force_context",
    "explain_feasibility",
    "floor_ladder",
    "floor_ladder_rung",
    "hq_ratio",
    "infer_running_weeks",
    "next_monday",
    "nordic_ramp_week",
    "round_to_increment",
    "schedule_week",
    "select_week",
    "typical_week",
    "volume",
    "week_overrides",
]
