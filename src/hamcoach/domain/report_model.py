"""The progress report's result types (built by `services.reports`, shown by `views.report`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class WeekAdherence:
    start: dt.date
    planned: int
    completed: int


@dataclass(frozen=True)
class ExercisePoint:
    date: dt.date
    top_load: float | None
    best_e1rm: float | None
    volume: float
    sets: int
    reps: int


@dataclass(frozen=True)
class HQPoint:
    date: dt.date
    kind: str
    ratio: float
    reference: float | None
    summary: str


@dataclass(frozen=True)
class AsymmetryPoint:
    date: dt.date
    source: str
    left: float
    right: float
    pct: float
    flag: str
    stronger: str


@dataclass(frozen=True)
class Report:
    unit: str
    weeks: list[WeekAdherence]
    adherence_overall: float | None
    adherence_summary: str
    exercises: dict[str, list[ExercisePoint]]
    hq: list[HQPoint]
    asymmetry: list[AsymmetryPoint]
    break_points: list[tuple[dt.date, float]]
    break_point_summary: str | None
    force_notes: list[str]
    summary: list[str] = field(default_factory=list)
    soreness: list[tuple[dt.date, int]] = field(default_factory=list)
