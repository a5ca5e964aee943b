"""A coach's programme change for one athlete or a group (services/programme.py) on the fake
unit of work: all linked athletes change or none, from the next Monday in each one's zone, and
each athlete's plan and Account page say who changed it."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from hamcoach.domain.errors import Forbidden, InvalidInput, NotFound
from hamcoach.domain.programme import Choice, Kind, Setting
from hamcoach.services.coaching import accept_invitation, invite
from hamcoach.services.programme import change_programme, changes_for, group_members
from hamcoach.services.training import plan_for
from tests.fakes import FakeUnitOfWork
from tests.services.test_coaching import athlete_account, coach_account

NOW = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)  # a Wednesday
NEXT_MONDAY = dt.date(2026, 12, 7)
THREE = Setting(Kind.SESSIONS, sessions=3)


def test_a_group_changes_together_from_next_monday_and_the_plan_says_who() -> None:
    uow = FakeUnitOfWork()
    cora = coach_account(uow, "cora")
    ids = []
    for name, group in (("ana", "squad"), ("ben", "squad"), ("cleo", None)):
        account, athlete = athlete_account(uow, name)
        accept_invitation(uow, invite(uow, cora, NOW, group)[0], account, NOW)
        ids.append(athlete)
    squad = group_members(uow, cora, "squad")
    assert squad == ids[:2]
    done = change_programme(uow, cora, squad, THREE, NOW.date(), NOW)
    assert done == {ids[0]: NEXT_MONDAY, ids[1]: NEXT_MONDAY}
    view = plan_for(uow, ids[0], NOW.date(), weeks=2)
    this_week, next_week = view.plan.weeks
    reason = "your coach cora set 3 sessions a week from Mon 07 Dec"
    assert len(next_week.sessions) == 3 and all(reason in s.reasons for s in next_week.sessions)
    assert all(reason not in s.reasons for s in this_week.sessions)
    assert [c.reason for c in changes_for(uow, ids[0])] == [reason]
    assert changes_for(uow, ids[2]) == []  # not in the group


def test_a_change_is_all_or_nothing_and_only_for_linked_athletes() -> None:
    uow = FakeUnitOfWork()
    cora = coach_account(uow, "cora")
    account, ana = athlete_account(uow, "ana")
    _, stranger = athlete_account(uow, "sam")
    accept_invitation(uow, invite(uow, cora, NOW)[0], account, NOW)
    with pytest.raises(NotFound):
        change_programme(uow, cora, [ana, stranger], THREE, NOW.date(), NOW)
    assert changes_for(uow, ana) == []  # ana's change was not kept either
    with pytest.raises(InvalidInput, match="today or later"):
        change_programme(uow, cora, [ana], THREE, NOW.date() - dt.timedelta(days=1), NOW)
    with pytest.raises(InvalidInput, match="1-3"):
        change_programme(uow, cora, [ana], Setting(Kind.SESSIONS, sessions=5), NOW.date(), NOW)
    with pytest.raises(Forbidden):
        change_programme(uow, account, [ana], THREE, NOW.date(), NOW)  # an athlete is no coach


def test_every_kind_of_change_reaches_the_plan_from_its_day_with_who_made_it() -> None:
    uow = FakeUnitOfWork()
    cora = coach_account(uow, "cora")
    account, ana = athlete_account(uow, "ana")
    accept_invitation(uow, invite(uow, cora, NOW)[0], account, NOW)
    with uow:  # a gym as well as the towel: taking one exercise out leaves others
        profile = uow.athlete(ana).profile.get()
        gym = profile.equipment | {"lying-curl-machine", "anchor"}
        uow.athlete(ana).profile.save(dataclasses.replace(profile, equipment=gym))
        uow.commit()
    race = NEXT_MONDAY + dt.timedelta(days=12)  # a Saturday, two weeks on
    made = [
        (Setting(Kind.EXERCISE, Choice.EXCLUDE, exercise="floor-curl"), NOW.date()),
        (Setting(Kind.NORDIC_RAMP, Choice.OFF), NOW.date()),
        (Setting(Kind.RACE, Choice.ADD), race),
        # A taper to the race's week: ends on that Sunday whatever day is given.
        (
            Setting(Kind.PHASE, Choice.TAPER, until=race - dt.timedelta(days=3)),
            race - dt.timedelta(days=7),
        ),
    ]
    for setting, start in made:
        change_programme(uow, cora, [ana], setting, start, NOW)
    changes = changes_for(uow, ana)
    assert [c.setting.kind for c in changes] == [
        Kind.PHASE,
        Kind.RACE,
        Kind.NORDIC_RAMP,
        Kind.EXERCISE,
    ]
    taper = changes[0]
    assert taper.effective == race - dt.timedelta(
        days=5
    ) and taper.setting.until == race + dt.timedelta(days=1)
    weeks = plan_for(uow, ana, NOW.date(), weeks=4).plan.weeks
    this_week, later = weeks[0], weeks[1:]
    assert all(not any("your coach" in r for r in s.reasons) for s in this_week.sessions)
    for week in later:
        for s in week.sessions:
            assert (
                "your coach cora took the floor hamstring curl out of your plan from Mon 07 Dec"
                in s.reasons
            )
            assert all(e.slug != "floor-curl" for e in s.exercises)
    race_week = next(w for w in weeks if w.start <= race < w.start + dt.timedelta(days=7))
    dates = {s.date for s in race_week.sessions}
    assert race not in dates and race - dt.timedelta(days=1) not in dates
    assert all(
        f"your coach cora added a race on {race:%a %d %b}" in s.reasons for s in race_week.sessions
    )
    assert all(taper.reason in s.reasons for s in race_week.sessions)
