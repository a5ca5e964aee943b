"""Recording strength tests (assessments): H:Q torques, Nordic force per side, break angle, 10RM.

The CLI, the API and the Tests page each parse their input into an `Entry` of the domain and
call `record`; the rules for the values live in `domain.assessment`.
"""

from __future__ import annotations

import datetime as dt
import uuid

from hamcoach.domain.assessment import Entry, measured_values
from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.records import Measurement
from hamcoach.domain.values import check_date
from hamcoach.services.ports import UnitOfWorkPort


def record(
    uow: UnitOfWorkPort,
    athlete_id: int,
    entry: Entry,
    tested_on: dt.date,
    today: dt.date,
) -> list[Measurement]:
    """Store one test; a 10RM is in the athlete's load unit. Returns the stored values."""
    check_date(tested_on, "test date")
    with uow:
        scope = uow.athlete(athlete_id)
        unit = scope.profile.get().units.value  # also: the athlete must exist
        values = measured_values(entry, unit, str(uuid.uuid4()), tested_on)
        if tested_on > today:
            raise InvalidInput(f"test date {tested_on.isoformat()} is in the future")
        scope.assessments.add(values)
        uow.commit()
    return values


def history(uow: UnitOfWorkPort, athlete_id: int) -> list[Measurement]:
    """Every stored value, oldest first."""
    with uow:
        return uow.athlete(athlete_id).assessments.all()
