"""Whom a command or a request serves: the athlete, their profile and today in their time zone.

Every edge builds one `Caller` at its start (the web in `web/deps.py`, the CLI in
`cli/context.py`) and passes it to the use-cases; accounts and coaches will add "who is
asking" here, once, instead of in each route and command.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from hamcoach.domain.errors import NoProfile
from hamcoach.domain.profile import Profile
from hamcoach.services.ports import UnitOfWorkPort


@dataclass(frozen=True, slots=True)
class Caller:
    """`today` is the date in the athlete's own time zone, the day a plan, a log or a test
    belongs to; `now` is the instant (UTC) for timestamps."""

    athlete_id: int
    profile: Profile
    now: dt.datetime
    today: dt.date

    @property
    def unit(self) -> str:
        return self.profile.units.value


def _caller(athlete_id: int, profile: Profile, now: dt.datetime) -> Caller:
    return Caller(athlete_id, profile, now, now.astimezone(ZoneInfo(profile.timezone)).date())


def caller_for(uow: UnitOfWorkPort, athlete_id: int, now: dt.datetime) -> Caller:
    """The caller's one read: the profile, in one unit of work."""
    with uow:
        return _caller(athlete_id, uow.athlete(athlete_id).profile.get(), now)


def local_caller(uow: UnitOfWorkPort, now: dt.datetime) -> Caller:
    """The athlete of a single-user install (the first profile), in one unit of work."""
    with uow:
        athlete_id = uow.athletes.first_id()
        if athlete_id is None:
            raise NoProfile
        return _caller(athlete_id, uow.athlete(athlete_id).profile.get(), now)
