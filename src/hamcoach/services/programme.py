"""A coach changes the programme of one athlete or a whole group: a setting from a week on
(sessions per week, an exercise, a phase, rest days, the Nordic ramp-in) or a race on a day.
All the athletes change or none (one transaction), each from the first Monday on or after the
chosen day in their own time zone; the athlete's plan then says who changed what."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from hamcoach.domain.errors import InvalidInput, NotFound
from hamcoach.domain.programme import ProgrammeChange, Setting, check_setting
from hamcoach.services.coaching import require_coach
from hamcoach.services.ports import UnitOfWorkPort


def change_programme(
    uow: UnitOfWorkPort,
    coach_id: int,
    athlete_ids: Sequence[int],
    setting: Setting,
    start: dt.date,
    now: dt.datetime,
) -> dict[int, dt.date]:
    """Make the change from `start` for each athlete (linked to the coach); the day it takes
    effect for each (a Monday; a race: its day)."""
    if not athlete_ids:
        raise InvalidInput("choose an athlete or a group")
    done: dict[int, dt.date] = {}
    with uow:
        require_coach(uow, coach_id)
        for athlete_id in athlete_ids:
            if uow.coaching.links.live(coach_id, athlete_id) is None:
                raise NotFound(f"no athlete {athlete_id} on your roster")
            scope = uow.athlete(athlete_id)
            zone = ZoneInfo(scope.profile.get().timezone)
            effective, stored = check_setting(setting, start, now.astimezone(zone).date())
            scope.programme.add(coach_id, stored, effective, now)
            # Checked again after the write, the link locked: an athlete who left meanwhile
            # (SQLite: before this write's turn; PostgreSQL: the leave's row lock) is not
            # changed, and the whole change is undone.
            if uow.coaching.links.live(coach_id, athlete_id, lock=True) is None:
                raise NotFound(f"no athlete {athlete_id} on your roster")
            done[athlete_id] = effective
        uow.commit()
    return done


def group_members(uow: UnitOfWorkPort, coach_id: int, group: str) -> list[int]:
    """The coach's athletes in `group` (the roster's group names)."""
    with uow:
        require_coach(uow, coach_id)
        return [
            link.athlete_id for link in uow.coaching.links.of_coach(coach_id) if link.group == group
        ]


def changes_for(uow: UnitOfWorkPort, athlete_id: int) -> list[ProgrammeChange]:
    """What coaches changed in the athlete's programme, newest first."""
    with uow:
        return list(reversed(uow.athlete(athlete_id).programme.all()))
