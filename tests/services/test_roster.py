"""The coach's roster (services/roster.py) on the fake unit of work, from histories logged
through the athletes' own use-cases: who needs attention comes first, with the reason."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace

import pytest

from hamcoach.domain.errors import Forbidden
from hamcoach.domain.roster import Standing, window_start
from hamcoach.domain.session_state import Status
from hamcoach.domain.set_rules import SetInput
from hamcoach.services.coaching import accept_invitation, invite
from hamcoach.services.roster import roster
from hamcoach.services.set_logging import log_sets
from hamcoach.services.training import plan_for
from tests.fakes import FakeUnitOfWork
from tests.services.test_coaching import athlete_account, coach_account

NOW = dt.datetime(2026, 12, 3, 18, 0, tzinfo=dt.UTC)  # a Thursday evening
TODAY = NOW.date()
MACHINE = frozenset({"lying-curl-machine"})


def planned_days(uow: FakeUnitOfWork, athlete: int) -> list[tuple[dt.date, str]]:
    """The days the athlete's own plan held over the roster's weeks, before today."""
    start = window_start(TODAY)
    view = plan_for(uow, athlete, start, weeks=5, start=start)
    return [(s.date, s.exercises[0].slug) for s in view.plan.sessions() if s.date < TODAY]


def do(uow: FakeUnitOfWork, athlete: int, day: dt.date, slug: str) -> None:
    at = dt.datetime.combine(day, dt.time(7), tzinfo=dt.UTC)
    item = SetInput(slug, 10, None if slug in ("nordic-curl", "floor-curl") else 30.0)
    log_sets(uow, athlete, [(str(uuid.uuid4()), item, at)], NOW, with_next=False)


def linked(uow: FakeUnitOfWork, coach: int, name: str) -> int:
    account, athlete = athlete_account(uow, name)
    with uow:
        profile = uow.athlete(athlete).profile.get()
        uow.athlete(athlete).profile.save(replace(profile, equipment=MACHINE))
        uow.athlete(athlete).profile.set_plan_start(window_start(TODAY))
        uow.commit()
    then = NOW - dt.timedelta(days=40)
    accept_invitation(uow, invite(uow, coach, then)[0], account, then)
    return athlete


def test_the_roster_puts_who_needs_attention_first_with_the_reason() -> None:
    uow = FakeUnitOfWork()
    coach = coach_account(uow, "cora")
    ana, ben, cleo = (linked(uow, coach, n) for n in ("ana", "ben", "cleo"))
    days = planned_days(uow, ana)
    assert len(days) >= 6  # four weeks and a bit of a plan
    for day, slug in days:
        do(uow, ana, day, slug)
    for day, slug in planned_days(uow, cleo)[:-2]:
        do(uow, cleo, day, slug)

    rows = roster(uow, coach, NOW)
    assert [r.name for r in rows] == ["Cleo", "Ana", "Ben"]
    by_name = {r.name: r.row for r in rows}
    assert by_name["Cleo"].standing is Standing.ATTENTION
    assert "2 planned sessions in a row not done" in by_name["Cleo"].reasons
    assert by_name["Ana"].standing is Standing.ON_TRACK
    assert by_name["Ana"].adherence_4w == 1.0 and by_name["Ana"].missed_in_a_row == 0
    assert by_name["Ana"].last_session == max(d for d, _ in days)
    assert all(s is not Status.MISSED for _, s in by_name["Ana"].week)
    assert by_name["Ben"].standing is Standing.INACTIVE
    assert by_name["Ben"].reasons == ("nothing logged yet",)
    assert {r.athlete_id for r in rows} == {ana, ben, cleo}


def test_only_a_coach_has_a_roster() -> None:
    uow = FakeUnitOfWork()
    account, _ = athlete_account(uow, "ana")
    with pytest.raises(Forbidden):
        roster(uow, account, NOW)
