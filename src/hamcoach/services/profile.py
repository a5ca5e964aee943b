"""Use-cases around the athlete's profile."""

from __future__ import annotations

import datetime as dt

from hamcoach.domain.errors import NotFound
from hamcoach.domain.profile import Profile
from hamcoach.services.ports import UnitOfWorkPort


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def save_profile(uow: UnitOfWorkPort, profile: Profile, today: dt.date) -> int:
    """Create the local athlete's profile, or update it; the plan starts this week."""
    profile.validate()
    with uow:
        athlete_id = uow.athletes.first_id()
        if athlete_id is None:
            athlete_id = uow.athletes.add(profile)
            uow.athlete(athlete_id).profile.set_plan_start(monday_of(today))
        else:
            uow.athlete(athlete_id).profile.save(profile)
        uow.commit()
        return athlete_id


def local_athlete(uow: UnitOfWorkPort) -> int:
    """The athlete of a single-user install (the first profile)."""
    with uow:
        athlete_id = uow.athletes.first_id()
    if athlete_id is None:
        raise NotFound("no profile yet: run `hamcoach init` first")
    return athlete_id


def get_profile(uow: UnitOfWorkPort, athlete_id: int) -> Profile:
    with uow:
        return uow.athlete(athlete_id).profile.get()
