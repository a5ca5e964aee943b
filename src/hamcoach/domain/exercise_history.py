"""One exercise's sessions at a glance: the top set and the best estimated 1RM of each (pure;
the per-exercise history page)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from hamcoach.domain.metrics import MAX_E1RM_REPS, e1rm_epley
from hamcoach.domain.profile import Units, from_kg, to_kg
from hamcoach.domain.records import LoggedSet


@dataclass(frozen=True)
class ExerciseSession:
    date: dt.date
    sets: int  # working (and failure) sets
    top_reps: int
    top_load: float | None  # in the athlete's unit; None for body weight
    best_e1rm: float | None


def _load(s: LoggedSet, unit: Units) -> float | None:
    return None if s.load is None else round(from_kg(to_kg(s.load, Units(s.unit)), unit), 2)


def exercise_sessions(sets: Iterable[LoggedSet], unit: Units) -> list[ExerciseSession]:
    """Newest first: per session, the top set (heaviest, then most reps) and the best e1RM."""
    by_day: dict[dt.date, list[LoggedSet]] = {}
    for s in sets:
        if s.kind.counts_as_work:
            by_day.setdefault(s.session_date, []).append(s)
    out = []
    for day in sorted(by_day, reverse=True):
        work = by_day[day]
        top = max(work, key=lambda s: (_load(s, unit) or 0.0, s.reps))
        e1rms = [
            e1rm_epley(load, s.reps)
            for s in work
            if (load := _load(s, unit)) and load > 0 and s.reps <= MAX_E1RM_REPS
        ]
        out.append(
            ExerciseSession(
                day,
                len(work),
                top.reps,
                _load(top, unit),
                round(max(e1rms), 1) if e1rms else None,
            )
        )
    return out
