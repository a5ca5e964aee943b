"""A coach's programme change for one athlete or a group (services/programme.py) on the fake
unit of work: all linked athletes change or none, from the next Monday in each one's zone, and
each athlete's plan and Account page say who changed it."""

from __future__ import annotations

import datetime as dt

import pytest

from hamcoach.domain.errors import Forbidden, InvalidInput, NotFound
from hamcoach.services.coaching import accept_invitation, invite
from hamcoach.services.programme import changes_for, group_members, set_sessions
from hamcoach.services.training import plan_for
from tests.fakes import FakeUnitOfWork
from tests.services.test_coaching import athlete_account, coach_account

NOW = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)  # a Wednesday
NEXT_MONDAY = dt.date(2026, 12, 7)


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
    done = set_sessions(uow, cora, squad, 3, NOW.date(), NOW)
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
        set_sessions(uow, cora, [ana, stranger], 3, NOW.date(), NOW)
    assert changes_for(uow, ana) == []  # ana's change was not kept either
    with pytest.raises(InvalidInput, match="today or later"):
        set_sessions(uow, cora, [ana], 3, NOW.date() - dt.timedelta(days=1), NOW)
    with pytest.raises(InvalidInput, match="1-3"):
        set_sessions(uow, cora, [ana], 5, NOW.date(), NOW)
    with pytest.raises(Forbidden):
        set_sessions(uow, account, [ana], 3, NOW.date(), NOW)  # an athlete is no coach
