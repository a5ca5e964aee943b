"""What a finished session amounted to: time, sets, reps, volume, and each exercise against its
target (pure; the summary at the end of the guided session)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hamcoach.domain.model import PlannedSession
from hamcoach.domain.profile import Units, from_kg, to_kg
from hamcoach.domain.records import LoggedSet


@dataclass(frozen=True)
class ExerciseDone:
    slug: str
    sets: int  # working (and failure) sets logged
    target_sets: int | None  # the plan's sets (both legs counted), None when not planned


@dataclass(frozen=True)
class SessionSummary:
    minutes: int  # from the first set to the last
    sets: int
    reps: int
    volume: float  # reps x load of the working sets, in `unit`
    unit: str
    exercises: tuple[ExerciseDone, ...]


def summarize(
    sets: Sequence[LoggedSet], planned: PlannedSession | None, unit: Units
) -> SessionSummary:
    """The session's working sets summed up; warm-ups and drop sets are not its work."""
    work = [s for s in sets if s.kind.counts_as_work]
    times = sorted(s.performed_at for s in sets)
    minutes = round((times[-1] - times[0]).total_seconds() / 60) if times else 0
    volume = sum(
        s.reps * from_kg(to_kg(s.load, Units(s.unit)), unit) for s in work if s.load is not None
    )
    targets = {
        e.slug: e.sets * (2 if e.per_side else 1) for e in (planned.exercises if planned else ())
    }
    order = list(dict.fromkeys([*targets, *(s.exercise for s in work)]))
    return SessionSummary(
        minutes=minutes,
        sets=len(work),
        reps=sum(s.reps for s in work),
        volume=round(volume, 1),
        unit=unit.value,
        exercises=tuple(
            ExerciseDone(slug, sum(1 for s in work if s.exercise == slug), targets.get(slug))
            for slug in order
        ),
    )
