"""Today's soreness check-in decides which session today offers (in-memory unit of work)."""

from __future__ import annotations

import datetime as dt

from hamcoach.services.profile import save_profile
from hamcoach.services.soreness import check_in
from hamcoach.services.training import plan_for, today_session
from tests.fakes import FakeUnitOfWork
from tests.services.conftest import MONDAY, runner


def test_sore_today_gives_the_lighter_session_unless_the_full_one_is_asked_for(
    uow: FakeUnitOfWork,
) -> None:
    athlete = save_profile(uow, runner(nordic_experienced=True), MONDAY)
    day = next(plan_for(uow, athlete, MONDAY).plan.sessions()).date
    _, planned = today_session(uow, athlete, day)
    assert any(e.slug == "nordic-curl" for e in planned.exercises)
    check_in(uow, athlete, day - dt.timedelta(days=1), 8, None, day)
    _, yesterday_only = today_session(uow, athlete, day)
    assert yesterday_only == planned  # yesterday's soreness is not today's
    check_in(uow, athlete, day, 7, None, day)
    _, light = today_session(uow, athlete, day)
    assert all(e.slug != "nordic-curl" for e in light.exercises)
    assert light.reasons[0].startswith("soreness 7/10: a lighter session")
    _, full = today_session(uow, athlete, day, full=True)
    assert full == planned
    check_in(uow, athlete, day, 3, None, day)  # corrected: fine after all
    assert today_session(uow, athlete, day)[1] == planned
