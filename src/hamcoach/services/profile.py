"""Use-cases around the athlete's profile."""

from __future__ import annotations

import datetime as dt

from hamcoach.domain.errors import Conflict, InvalidInput, NoProfile
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.profile import Profile
from hamcoach.services.ports import UnitOfWorkPort


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def check_profile(profile: Profile) -> None:
    """What every stored profile obeys, from `init`, the API, the pages or a backup."""
    profile.validate()
    if not CATALOGUE.feasible(profile.equipment):
        raise InvalidInput(
            "no exercise fits that equipment; a towel on a smooth floor is enough (add: towel)"
        )


def save_profile(
    uow: UnitOfWorkPort,
    profile: Profile,
    today: dt.date,
    *,
    account_id: int | None = None,
    athlete_id: int | None = None,
) -> int:
    """Create the athlete's profile, or update it; the plan starts this week.

    Local mode (no `account_id`): the install's single athlete. Accounts mode: the account's
    athlete (`athlete_id`), created for the account on its first onboarding."""
    check_profile(profile)
    try:
        return _save(uow, profile, today, account_id, athlete_id)
    except Conflict:
        # Two first onboardings of one account at once (two tabs, a retry): the other one
        # created the athlete; this one updates it.
        return _save(uow, profile, today, account_id, None)


def _save(
    uow: UnitOfWorkPort,
    profile: Profile,
    today: dt.date,
    account_id: int | None,
    athlete_id: int | None,
) -> int:
    with uow:
        if account_id is None:
            athlete_id = uow.athletes.first_id()
        elif athlete_id is None:  # read here, in the transaction, not when the caller was found
            account = uow.accounts.users.get(account_id)
            athlete_id = None if account is None else account.athlete_id
        if athlete_id is None:
            athlete_id = uow.athletes.add(profile)
            uow.athlete(athlete_id).profile.set_plan_start(monday_of(today))
            if account_id is not None:
                uow.accounts.users.attach_athlete(account_id, athlete_id)
        else:
            uow.athlete(athlete_id).profile.save(profile)
        uow.commit()
        return athlete_id


def local_profile(uow: UnitOfWorkPort) -> Profile | None:
    """The single-user install's profile, or None before `init`."""
    with uow:
        athlete_id = uow.athletes.first_id()
        return None if athlete_id is None else uow.athlete(athlete_id).profile.get()


def local_athlete(uow: UnitOfWorkPort) -> int:
    """The athlete of a single-user install (the first profile)."""
    with uow:
        athlete_id = uow.athletes.first_id()
    if athlete_id is None:
        raise NoProfile
    return athlete_id


def get_profile(uow: UnitOfWorkPort, athlete_id: int) -> Profile:
    with uow:
        return uow.athlete(athlete_id).profile.get()


def time_zone(uow: UnitOfWorkPort, athlete_id: int) -> str | None:
    """The athlete's time zone name, or None when they have no profile."""
    try:
        return get_profile(uow, athlete_id).timezone
    except NoProfile:
        return None
