"""Use-cases of personal records: the current bests, and the records a day's sets set."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hamcoach.domain.personal_records import Record, found
from hamcoach.domain.profile import Units
from hamcoach.services.ports import UnitOfWorkPort


@dataclass(frozen=True)
class RecordsView:
    unit: Units
    bests: tuple[Record, ...]
    set_on: tuple[Record, ...]  # records set on the day asked for (empty without one)
    by_set: dict[str, tuple[Record, ...]]  # every set that set a record, by set id


def records(uow: UnitOfWorkPort, athlete_id: int, day: dt.date | None = None) -> RecordsView:
    with uow:
        scope = uow.athlete(athlete_id)
        unit = scope.profile.get().units
        sets = scope.sets.all()
        tests = scope.assessments.all()
    held, by_set = found(sets, tests)
    days = {s.id: s.session_date for s in sets}
    on_day = tuple(r for set_id, rs in by_set.items() if days[set_id] == day for r in rs)
    return RecordsView(unit, tuple(held), on_day, by_set)
