"""Sets, reps and rest for a planned exercise, including the Nordic ramp-in.

The ramp follows Petersen et al. 2011: low volume for newcomers, reaching the programme's
3 x 10-12 in week 5.
"""

from __future__ import annotations

from dataclasses import dataclass

from hamcoach.domain.catalogue import Exercise
from hamcoach.domain.model import PlannedExercise, Side

FULL_RAMP_WEEK = 5


@dataclass(frozen=True)
class RampStep:
    week: int
    sets: int
    reps_min: int
    reps_max: int
    max_sessions: int | None  # None: as many as selection puts it in


NORDIC_RAMP: tuple[RampStep, ...] = (
    RampStep(1, 2, 5, 5, 1),
    RampStep(2, 2, 6, 6, 2),
    RampStep(3, 3, 6, 8, None),
    RampStep(4, 3, 8, 10, None),
    RampStep(5, 3, 10, 12, None),
)


# Petersen 2011 is a sequence of exposures: a step is done when it was trained, not when a
# calendar week passed. One session at a step completes it (team default: the protocol's
# first weeks hold one or "up to two" sessions, and a week of the plan often holds one).
EXPOSURES_PER_STEP = 1


def exposures_to_finish(ramp_week: int) -> int:
    """How many Nordic sessions complete this ramp step."""
    return EXPOSURES_PER_STEP


def nordic_ramp_step(ramp_week: int) -> RampStep:
    """The ramp step for a ramp week (1-based); week 5 and later is the full prescription."""
    index = min(max(ramp_week, 1), FULL_RAMP_WEEK) - 1
    return NORDIC_RAMP[index]


def prescribe(
    exercise: Exercise,
    *,
    variant: str | None = None,
    nordic_ramp_week: int | None = None,
    rest_s: int | None = None,
    load: float | None = None,
    stance: str | None = None,
    sets_delta: int = 0,
    side_loads: tuple[tuple[Side, float], ...] = (),
) -> PlannedExercise:
    """Turn an exercise into a target: seed dose, or the ramp step for a Nordic newcomer.

    `sets_delta` is negative after a long break (volume one step back).
    """
    base = exercise.prescription
    sets, reps_min, reps_max = base.sets, base.reps_min, base.reps_max
    note = None
    if exercise.slug == "nordic-curl" and nordic_ramp_week is not None:
        # The ramp is the Nordic's step back after a break: no set comes off on top of it.
        sets_delta = 0
        step = nordic_ramp_step(nordic_ramp_week)
        sets, reps_min, reps_max = step.sets, step.reps_min, step.reps_max
        if step.week < FULL_RAMP_WEEK:
            note = (
                f"ramp-in week {step.week} of {FULL_RAMP_WEEK}: lower slowly, "
                "stop before form fails"
            )
    return PlannedExercise(
        slug=exercise.slug,
        variant=variant,
        sets=max(1, sets + sets_delta),
        reps_min=reps_min,
        reps_max=reps_max,
        # The floor curl's single-leg rung is done, and logged, one leg at a time.
        per_side=base.per_side or stance == "single",
        rest_s=base.rest_s if rest_s is None else rest_s,
        load=load,
        stance=stance,
        note=note,
        side_loads=side_loads,
    )
