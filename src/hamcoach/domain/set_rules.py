"""What makes a logged set acceptable; checked before anything is written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hamcoach.domain.catalogue import Catalogue
from hamcoach.domain.errors import InvalidInput, UnknownChoice
from hamcoach.domain.model import Side
from hamcoach.domain.profile import Units
from hamcoach.domain.records import LoggedSet, SetKind
from hamcoach.domain.values import (
    MAX_NOTE,
    check_date,
    check_finite,
    check_moment,
    check_note,
    check_uuid,
)

MAX_REPS = 100
MAX_RIR = 10
MAX_SET_NUMBER = 1000
STANCES = ("both", "two-up-one-down", "single")


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
    kind: SetKind = SetKind.WORKING
    hips_up: bool | None = None  # floor curl: the hips stayed up on every rep


def check_set(item: SetInput, catalogue: Catalogue, units: Units, today: dt.date) -> None:
    """Refuse impossible or inconsistent sets with a message that says what is allowed."""
    ex = catalogue.get(item.exercise)
    if isinstance(item.reps, bool) or not 1 <= item.reps <= MAX_REPS:
        raise InvalidInput(f"reps must be 1-{MAX_REPS} (got {item.reps})")
    if ex.bodyweight and item.load is not None:
        raise InvalidInput(f"{ex.short_name} is a body-weight exercise: log the reps only, no load")
    if not ex.bodyweight:
        if item.load is None:
            raise InvalidInput(
                f"{ex.short_name} needs a load: the reps and the load in {units.value}"
            )
        check_finite(item.load, "load")
        if not 0 < item.load <= units.max_load:
            raise InvalidInput(
                f"load must be above 0 and at most {units.max_load:g} {units.value} "
                f"(got {item.load:g})"
            )
    if item.side is not None:
        if not (ex.per_side or ex.ladder):
            raise InvalidInput(f"{ex.short_name} works both legs together: leave out the side")
        if item.side not in {s.value for s in Side}:
            raise UnknownChoice("side", item.side, (s.value for s in Side))
    elif ex.per_side:
        raise InvalidInput(
            f"{ex.short_name} is done one leg at a time: give the side (left or right)"
        )
    if item.variant is not None:
        if not ex.variants:
            raise InvalidInput(f"{ex.short_name} has no variants: leave out the variant")
        ex.variant(item.variant)
    if item.hips_up is not None and not ex.ladder:
        raise InvalidInput(
            "only the floor curl asks whether the hips stayed up: "
            f"leave it out for the {ex.short_name.lower()}"
        )
    if item.rir is not None and not 0 <= item.rir <= MAX_RIR:
        raise InvalidInput(f"reps in reserve must be 0-{MAX_RIR} (got {item.rir})")
    if item.performed_on is not None:
        check_date(item.performed_on)
    if item.performed_on is not None and item.performed_on > today:
        raise InvalidInput(
            f"date {item.performed_on.isoformat()} is in the future; log sets on or before "
            f"{today.isoformat()}"
        )
    check_note(item.note, max_len=MAX_NOTE)


def check_logged(record: LoggedSet, catalogue: Catalogue, today: dt.date) -> None:
    """The same rules for a set that arrives whole (a backup, an undo) as for one being logged,
    and the rules of what the app itself writes beside it: the prescription, the stance, the
    set number, the session's date. Loads are checked in the set's own unit (a set logged before
    a switch of units keeps its kg or lb)."""
    check_uuid(record.id, "set id")
    if record.unit not in {u.value for u in Units}:
        raise UnknownChoice("unit", record.unit, (u.value for u in Units))
    unit = Units(record.unit)
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
            record.kind,
            record.hips_up,
        ),
        catalogue,
        unit,
        today,
    )
    ex = catalogue.get(record.exercise)
    if not 1 <= record.set_number <= MAX_SET_NUMBER:
        raise InvalidInput(f"set number must be 1-{MAX_SET_NUMBER} (got {record.set_number})")
    low, high = record.target_reps_min, record.target_reps_max
    if (low is None) != (high is None):
        raise InvalidInput("target reps need both ends (fewest and most) or neither")
    if low is not None and high is not None and not 1 <= low <= high <= MAX_REPS:
        raise InvalidInput(f"target reps must be 1-{MAX_REPS}, fewest first (got {low}-{high})")
    if record.target_load is not None:
        if ex.bodyweight:
            raise InvalidInput(f"{ex.short_name} is a body-weight exercise: no target load")
        check_finite(record.target_load, "target load")
        if not 0 < record.target_load <= unit.max_load:
            raise InvalidInput(
                f"target load must be above 0 and at most {unit.max_load:g} {unit.value} "
                f"(got {record.target_load:g})"
            )
    if ex.variants and record.variant is None:
        raise InvalidInput(
            f"{ex.short_name} needs its variant ({', '.join(v.slug for v in ex.variants)})"
        )
    if ex.variants:
        if record.stance not in STANCES:
            raise UnknownChoice("stance", str(record.stance), STANCES)
        # Sets from before the ladder's last rung was logged per leg have no side: allowed.
        if record.side is not None:
            check_stance_side(record.stance, Side(record.side))
    elif record.stance is not None:
        raise InvalidInput(f"{ex.short_name} has no stance: leave it out")
    check_moment(record.performed_at, "performed_at")
    utc_day = record.performed_at.astimezone(dt.UTC).date()
    # Time zones reach 14 h either side of UTC: the local date is within a day of UTC's.
    if abs((record.session_date - utc_day).days) > 1:
        raise InvalidInput(
            f"session date {record.session_date.isoformat()} is not the local date of "
            f"performed_at ({record.performed_at.isoformat()})"
        )


def check_stance_side(stance: str | None, side: Side | None) -> None:
    """A floor-curl set names its leg exactly when it was done on one leg."""
    if stance == "single" and side is None:
        raise InvalidInput(
            "the single-leg floor curl is logged one leg at a time: give the side (left or right)"
        )
    if side is not None and stance != "single":
        raise InvalidInput(f"this floor curl works both legs (stance {stance}): leave out the side")
