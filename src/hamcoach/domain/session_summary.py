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
    reps: tuple[int, ...] = ()  # of each working set, in the order done
    top_load: float | None = None  # the heaviest working set, in the summary's unit
    target_reps: tuple[int, int] | None = None  # the plan's range
    target_load: float | None = None  # the plan's load (the lighter leg's for per-leg loads)


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
    plan = {e.slug: e for e in (planned.exercises if planned else ())}
    targets = {slug: e.sets * (2 if e.per_side else 1) for slug, e in plan.items()}
    order = list(dict.fromkeys([*targets, *(s.exercise for s in work)]))

    def done(slug: str) -> ExerciseDone:
        mine = sorted((s for s in work if s.exercise == slug), key=lambda s: s.performed_at)
        loads = [from_kg(to_kg(s.load, Units(s.unit)), unit) for s in mine if s.load is not None]
        e = plan.get(slug)
        return ExerciseDone(
            slug,
            len(mine),
            targets.get(slug),
            tuple(s.reps for s in mine),
            round(max(loads), 2) if loads else None,
            (e.reps_min, e.reps_max) if e else None,
            e.load if e else None,
        )

    return SessionSummary(
        minutes=minutes,
        sets=len(work),
        reps=sum(s.reps for s in work),
        volume=round(volume, 1),
        unit=unit.value,
        exercises=tuple(done(slug) for slug in order),
    )
