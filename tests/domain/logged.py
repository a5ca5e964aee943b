"""Logged sets for the domain tests, built in one line with the fields that matter."""

from __future__ import annotations

import datetime as dt
import uuid

from hamcoach.domain.model import Side
from hamcoach.domain.records import LoggedSet, SetKind

_IDS = uuid.UUID("7b0c6a4e-2a53-4f3e-9f0e-1d6d2c0f5a11")


def logged(
    exercise: str,
    day: dt.date,
    n: int,
    reps: int,
    load: float | None = None,
    *,
    side: Side | None = None,
    variant: str | None = None,
    stance: str | None = None,
    kind: SetKind = SetKind.WORKING,
    hips_up: bool | None = None,
) -> LoggedSet:
    """Set `n` of `exercise` on `day` (at 18:00 + n minutes UTC), prescribed 10-12 at `load`."""
    return LoggedSet(
        id=str(uuid.uuid5(_IDS, f"{exercise}/{day}/{n}/{side}/{kind}")),
        exercise=exercise,
        variant=variant,
        stance=stance,
        side=side,
        set_number=n,
        target_reps_min=10,
        target_reps_max=12,
        target_load=load,
        reps=reps,
        load=load,
        unit="kg",
        rir=None,
        performed_at=dt.datetime.combine(day, dt.time(18, n), dt.UTC),
        session_date=day,
        kind=kind,
        hips_up=hips_up,
    )
