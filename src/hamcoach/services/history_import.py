"""Storing leg-curl and Nordic history read from other apps' exports (Strong, Hevy).

The edges parse the whole file first (`integrations.strong_hevy`), then hand the sets here: one
file, one transaction. Each set arrives with a UUID derived from its place in the source file, so
importing the same export twice (or a later export that repeats old workouts) stores each set once.

Imported sets carry no prescription (target reps and load are unknown) and loads are converted to
the athlete's unit. A set hamcoach would refuse from `hamcoach log` (reps over 100, a date in the
future, a load above the limit) is skipped with its reason rather than failing the whole file.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import Side
from hamcoach.domain.profile import Units, from_kg, to_kg
from hamcoach.domain.records import LoggedSet, SetKind
from hamcoach.domain.set_rules import SetInput, check_set
from hamcoach.services.ports import SetsPort, UnitOfWorkPort


@dataclass(frozen=True)
class ImportedSet:
    """One set read from another app's export, mapped to a hamcoach exercise."""

    id: str  # a UUID, stable for this set of this file
    row: int  # line in the file, for messages
    exercise: str
    variant: str | None
    stance: str | None
    side: str | None
    reps: int
    load: float | None  # in `unit`; None for body weight
    unit: str  # kg or lb
    rir: int | None
    performed_at: dt.datetime
    note: str | None
    kind: SetKind = SetKind.WORKING


@dataclass(frozen=True)
class HistoryImport:
    stored: tuple[LoggedSet, ...]
    duplicates: int
    skipped: tuple[str, ...]

    @property
    def dates(self) -> tuple[dt.date, ...]:
        return tuple(sorted({s.session_date for s in self.stored}))


def convert(load: float | None, unit: str, to: Units) -> float | None:
    if load is None or unit == to.value:
        return load
    return round(from_kg(to_kg(load, Units(unit)), to), 2)


def _existing_counts(sets: SetsPort, day: dt.date, exercise: str) -> Counter[str | None]:
    """Sets already logged that day per side, so imported ones are numbered after them."""
    return Counter(s.side for s in sets.all(exercise=exercise, since=day) if s.session_date == day)


def import_history(
    uow: UnitOfWorkPort,
    athlete_id: int,
    items: Sequence[ImportedSet],
    now: dt.datetime,
    *,
    skipped: Iterable[str] = (),
) -> HistoryImport:
    """Store the sets of one file, all in one transaction."""
    reasons = list(skipped)
    stored: list[LoggedSet] = []
    duplicates = 0
    with uow:
        scope = uow.athlete(athlete_id)
        profile = scope.profile.get()
        tz = ZoneInfo(profile.timezone)
        today = now.astimezone(tz).date()
        numbers: dict[tuple[dt.date, str], Counter[str | None]] = {}
        for item in items:
            if scope.sets.get(item.id) is not None:
                duplicates += 1
                continue
            day = item.performed_at.astimezone(tz).date()
            load = convert(item.load, item.unit, profile.units)
            try:
                check_set(
                    SetInput(
                        item.exercise,
                        item.reps,
                        load,
                        item.variant,
                        item.side,
                        item.rir,
                        day,
                        item.note,
                    ),
                    CATALOGUE,
                    profile.units,
                    today,
                )
            except InvalidInput as exc:
                reasons.append(f"row {item.row}: {exc.message}")
                continue
            key = (day, item.exercise)
            if key not in numbers:
                numbers[key] = _existing_counts(scope.sets, day, item.exercise)
            numbers[key][item.side] += 1
            record = LoggedSet(
                id=item.id,
                exercise=item.exercise,
                variant=item.variant,
                stance=item.stance,
                side=Side.parse(item.side),
                set_number=numbers[key][item.side],
                target_reps_min=None,
                target_reps_max=None,
                target_load=None,
                reps=item.reps,
                load=load,
                unit=profile.units.value,
                rir=item.rir,
                performed_at=item.performed_at,
                session_date=day,
                note=item.note,
                kind=item.kind,
            )
            if scope.sets.add(record, scope.sessions.id_for(day)):
                stored.append(record)
            else:
                reasons.append(f"row {item.row}: already imported for another athlete")
        uow.commit()
    return HistoryImport(tuple(stored), duplicates, tuple(reasons))
