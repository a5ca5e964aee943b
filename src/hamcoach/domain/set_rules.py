"""What makes a logged set acceptable; checked before anything is written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hamcoach.domain.catalogue import Catalogue
from hamcoach.domain.errors import InvalidInput, UnknownChoice
from hamcoach.domain.model import Side
from hamcoach.domain.profile import Units
from hamcoach.domain.records import LoggedSet

MAX_REPS = 100
MAX_RIR = 10


@dataclass(frozen=True)
class SetInput:
    exercise: str
    reps: int
    load: float | None
    variant: str | None = None
    side: str | None = None
    rir: int | None = None
    performed_on: dt.date | None = None
    note: str | None = None


def check_set(item: SetInput, catalogue: Catalogue, units: Units, today: dt.date) -> None:
    """Refuse impossible or inconsistent sets with a message that says what is allowed."""
    ex = catalogue.get(item.exercise)
    if not 1 <= item.reps <= MAX_REPS:
        raise InvalidInput(f"reps must be 1-{MAX_REPS} (got {item.reps})")
    if ex.bodyweight and item.load is not None:
        raise InvalidInput(
            f"{ex.slug} is a body-weight exercise: log reps only (e.g. --set 8), no load"
        )
    if not ex.bodyweight:
        if item.load is None:
            raise InvalidInput(
                f"{ex.slug} needs a load: reps x load in {units.value} (e.g. --set 12x40)"
            )
        if not 0 < item.load <= units.max_load:
            raise InvalidInput(
                f"load must be above 0 and at most {units.max_load:g} {units.value} "
                f"(got {item.load:g})"
            )
    if item.side is not None:
        if not ex.per_side:
            raise InvalidInput(f"{ex.slug} works both legs together: leave out the side")
        if item.side not in {s.value for s in Side}:
            raise UnknownChoice("side", item.side, (s.value for s in Side))
    elif ex.per_side:
        raise InvalidInput(f"{ex.slug} is done one leg at a time: give the side (left or right)")
    if item.variant is not None:
        if not ex.variants:
            raise InvalidInput(f"{ex.slug} has no variants: leave out the variant")
        ex.variant(item.variant)
    if item.rir is not None and not 0 <= item.rir <= MAX_RIR:
        raise InvalidInput(f"reps in reserve must be 0-{MAX_RIR} (got {item.rir})")
    if item.performed_on is not None and item.performed_on > today:
        raise InvalidInput(
            f"date {item.performed_on.isoformat()} is in the future; log sets on or before "
            f"{today.isoformat()}"
        )
    if item.note is not None and len(item.note) > 500:
        raise InvalidInput("a note can be at most 500 characters")


def check_logged(record: LoggedSet, catalogue: Catalogue, today: dt.date) -> None:
    """The same rules for a set that arrives whole (a backup, an undo) as for one being logged."""
    check_set(
        SetInput(
            record.exercise,
            record.reps,
            record.load,
            record.variant,
            record.side,
            record.rir,
            record.session_date,
            record.note,
        ),
        catalogue,
        Units(record.unit),
        today,
    )
