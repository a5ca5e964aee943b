"""The pure domain core of hamcoach: standard library only, no I/O.

Import the public rules and types from here: `from hamcoach.domain import build_plan, ...`.
"""

from hamcoach.domain.catalogue import Catalogue, Exercise, FitCode, Variant
from hamcoach.domain.errors import Conflict, HamcoachError, InvalidInput, NotFound, UnknownChoice
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
from hamcoach.domain.model import Day, Plan, PlannedExercise, PlannedSession, RunningWeek, RunType
from hamcoach.domain.planning import PlanRequest, build_plan, next_monday
from hamcoach.domain.progression import (
    after_break,
    double_progression,
    floor_ladder,
    floor_ladder_rung,
    nordic_ramp_week,
    round_to_increment,
)
from hamcoach.domain.scheduling import ScheduleSettings, schedule_week
from hamcoach.domain.selection import explain_feasibility, select_week

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
    "RunType",
    "RunningWeek",
    "ScheduleSettings",
    "UnknownChoice",
    "Variant",
    "adherence",
    "after_break",
    "asymmetry",
    "break_point_change",
    "build_plan",
    "double_progression",
    "e1rm_brzycki",
    "e1rm_epley",
    "eccentric_force_context",
    "explain_feasibility",
    "floor_ladder",
    "floor_ladder_rung",
    "hq_ratio",
    "next_monday",
    "nordic_ramp_week",
    "round_to_increment",
    "schedule_week",
    "select_week",
    "volume",
]
