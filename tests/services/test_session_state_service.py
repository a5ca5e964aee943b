"""A day's session is state on the server (services/training.py, services/sessions.py) on the
in-memory unit of work: the first set begins the session with the plan shown, a begun session
keeps that plan whatever changes later, the lighter or the full version is chosen before the
first set only, and skipping and finishing follow what was logged.

The week of `runner()` from MONDAY: Tuesday Nordic + seated curl, Friday lying + seated curl.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from hamcoach.domain.assessment import TenRmEntry
from hamcoach.domain.errors import Conflict, InvalidInput
from hamcoach.domain.model import PlannedSession, RunningWeek
from hamcoach.domain.records import LoggedSet, SessionRecord, SetKind
from hamcoach.domain.session_state import Status
from hamcoach.domain.set_rules import SetInput
from hamcoach.services import assessments, sessions, set_logging, soreness, training
from hamcoach.services.profile import save_profile
from tests.fakes import FakeUnitOfWork
from tests.services.conftest import MONDAY, runner

TUE = MONDAY + dt.timedelta(days=1)
WED = MONDAY + dt.timedelta(days=2)
FRI = MONDAY + dt.timedelta(days=4)
# The key run moves from Tuesday to Wednesday: the plan's first session follows it.
KEY_ON_WEDNESDAY = RunningWeek.parse("mon=rest,tue=easy,wed=key,thu=easy,sat=easy,sun=long")


def at(day: dt.date, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(18, minute), dt.UTC)


def log(
    uow: FakeUnitOfWork,
    athlete: int,
    day: dt.date,
    slug: str,
    reps: int = 10,
    load: float | None = None,
    *,
    minute: int = 0,
    kind: SetKind = SetKind.WORKING,
) -> LoggedSet:
    item = SetInput(slug, reps, load, kind=kind)
    outcome = set_logging.log_sets(
        uow, athlete, [(str(uuid.uuid4()), item, at(day, minute))], at(day, 59)
    )
    (stored,) = outcome.stored
    return stored


def shown(uow: FakeUnitOfWork, athlete: int, day: dt.date, weeks: int = 1) -> PlannedSession:
    """The session the plan shows on `day`."""
    view = training.plan_for(uow, athlete, day, weeks=weeks)
    found = [s for s in view.plan.sessions() if s.date == day]
    assert len(found) == 1, f"no session planned on {day}"
    return found[0]


def record(uow: FakeUnitOfWork, athlete: int, day: dt.date) -> SessionRecord | None:
    with uow:
        return uow.athlete(athlete).sessions.get(day)


def test_the_first_set_begins_the_day_with_the_plan_shown(
    uow: FakeUnitOfWork, athlete: int
) -> None:
    planned = shown(uow, athlete, TUE)
    assert [e.slug for e in planned.exercises] == ["nordic-curl", "seated-leg-curl"]
    before = record(uow, athlete, TUE)
    assert before is None or before.started_at is None
    log(uow, athlete, TUE, "nordic-curl", 5, minute=3)
    begun = record(uow, athlete, TUE)
    assert begun is not None and begun.started_at == at(TUE, 3)
    assert begun.planned == planned and begun.skipped_at is None and begun.finished_at is None
    log(uow, athlete, TUE, "nordic-curl", 5, minute=9)  # a later set begins nothing anew
    again = record(uow, athlete, TUE)
    assert again is not None and (again.started_at, again.planned) == (at(TUE, 3), planned)
    with uow:
        assert uow.athlete(athlete).sessions.started(MONDAY, MONDAY + dt.timedelta(days=6)) == {
            TUE: planned
        }


def test_a_refused_set_begins_nothing(uow: FakeUnitOfWork, athlete: int) -> None:
    with pytest.raises(InvalidInput):
        log(uow, athlete, TUE, "nordic-curl", 5, load=20.0)  # a body-weight exercise
    begun = record(uow, athlete, TUE)
    assert begun is None or begun.started_at is None


def test_a_begun_session_keeps_its_plan_when_the_profile_and_a_test_change_the_plan(
    uow: FakeUnitOfWork, athlete: int
) -> None:
    planned = shown(uow, athlete, TUE)
    friday_before = shown(uow, athlete, FRI)
    log(uow, athlete, TUE, "nordic-curl", 5, minute=1)
    # Settings change (one exercise a session) and a strength test (a 10RM on the seated curl).
    save_profile(uow, runner(per_session=1), MONDAY)
    assessments.record(uow, athlete, TenRmEntry("seated-leg-curl", 50.0), TUE, TUE)
    view = training.plan_for(uow, athlete, TUE, weeks=2)
    by_date = {s.date: s for s in view.plan.sessions()}
    assert by_date[TUE] == planned  # exactly as it began
    assert any(f"Your session on {TUE:%a %d %b} had begun" in w for w in view.plan.warnings), (
        view.plan.warnings
    )
    # What is still to come follows the change: one exercise, the test's load.
    assert by_date[FRI] != friday_before and len(by_date[FRI].exercises) == 1
    new_seated = view.targets.loads["seated-leg-curl"]
    seated_before = next(e.load for e in planned.exercises if e.slug == "seated-leg-curl")
    assert new_seated != seated_before
    for e in by_date[FRI].exercises:
        if e.load is not None:
            assert e.load == view.targets.load_for(e.slug, None)
    # Sets logged later that day get the begun session's targets, not the new plan's.
    seated = log(uow, athlete, TUE, "seated-leg-curl", 12, seated_before, minute=10)
    assert (seated.target_reps_min, seated.target_reps_max, seated.target_load) == (
        10,
        12,
        seated_before,
    )
    nordic = log(uow, athlete, TUE, "nordic-curl", 5, minute=12)
    plan_nordic = planned.exercises[0]
    assert (nordic.target_reps_min, nordic.target_reps_max) == (
        plan_nordic.reps_min,
        plan_nordic.reps_max,
    )
    assert nordic.set_number == 2
    # Today's view shows the session as it began, with its sets counted.
    today = sessions.today(uow, athlete, TUE)
    assert today.session == planned
    assert [(e.slug, e.done) for e in today.state.exercises] == [
        ("nordic-curl", (2,)),
        ("seated-leg-curl", (1,)),
    ]


def test_a_later_session_begins_with_the_changed_plan(uow: FakeUnitOfWork, athlete: int) -> None:
    log(uow, athlete, TUE, "nordic-curl", 5)
    save_profile(uow, runner(per_session=1), MONDAY)
    friday = shown(uow, athlete, FRI)
    assert len(friday.exercises) == 1
    slug = friday.exercises[0].slug
    load = friday.exercises[0].load
    first = log(uow, athlete, FRI, slug, 10, load)
    begun = record(uow, athlete, FRI)
    assert begun is not None and begun.planned == friday
    assert first.target_load == friday.exercises[0].load_on(None)


def test_a_session_started_on_a_day_the_plan_no_longer_holds_is_shown_and_displaces_one(
    uow: FakeUnitOfWork, athlete: int
) -> None:
    planned = shown(uow, athlete, TUE)
    log(uow, athlete, TUE, "nordic-curl", 5)
    save_profile(uow, runner(week=KEY_ON_WEDNESDAY), MONDAY)
    view = training.plan_for(uow, athlete, TUE, weeks=1)
    sessions_now = list(view.plan.sessions())
    assert planned in sessions_now
    assert len(sessions_now) == runner().sessions  # the week holds no more than it plans
    assert any("gives way to it" in w for w in view.plan.warnings), view.plan.warnings


def test_a_set_on_a_day_whose_session_gave_way_begins_what_the_plan_shows_there(
    uow: FakeUnitOfWork, athlete: int
) -> None:
    """The first set begins the session "as the athlete sees it now" (planned_on): when a begun
    session took another day's place, the day that gave way shows no session, so a set logged
    there begins none (an extra session) and the rest of the week stays as shown."""
    log(uow, athlete, TUE, "nordic-curl", 5)
    save_profile(uow, runner(week=KEY_ON_WEDNESDAY), MONDAY)
    week_before = list(training.plan_for(uow, athlete, WED, weeks=1).plan.sessions())
    assert WED not in {s.date for s in week_before}  # Wednesday gave way to Tuesday
    log(uow, athlete, WED, "lying-leg-curl", 12, 15.0)
    begun = record(uow, athlete, WED)
    assert begun is not None and begun.started_at is not None
    assert begun.planned is None  # nothing was planned on Wednesday as the plan showed it
    week_after = list(training.plan_for(uow, athlete, WED, weeks=1).plan.sessions())
    assert week_after == week_before


def test_today_says_where_the_session_stands_and_what_was_done_last_time(
    uow: FakeUnitOfWork, athlete: int
) -> None:
    log(uow, athlete, TUE, "seated-leg-curl", 12, 10.0, minute=1, kind=SetKind.WARMUP)
    log(uow, athlete, TUE, "nordic-curl", 5, minute=2)
    view = sessions.today(uow, athlete, TUE)
    assert view.session.date == TUE and view.record is not None
    assert view.state.current == 0 and view.state.status(TUE) is Status.IN_PROGRESS
    assert view.state.progress_text() == "Exercise 1 of 2, set 2 of 2"
    assert [s.kind for s in view.sets] == [SetKind.WARMUP, SetKind.WORKING]
    log(uow, athlete, TUE, "nordic-curl", 6, minute=5)
    for minute, reps in ((8, 12), (11, 11)):
        log(uow, athlete, TUE, "seated-leg-curl", reps, 17.5, minute=minute)
    view = sessions.today(uow, athlete, TUE)
    assert view.state.progress_text() == "Exercise 2 of 2, set 3 of 3"
    assert view.state.work_sets == 4 and view.state.current == 1
    log(uow, athlete, TUE, "seated-leg-curl", 10, 17.5, minute=14)
    view = sessions.today(uow, athlete, TUE)
    assert view.state.complete and view.state.status(TUE) is Status.DONE
    assert view.state.progress_text() == "All 2 exercises done"
    # Friday: the seated curl was done on Tuesday (its working sets only), the lying curl never.
    friday = sessions.today(uow, athlete, FRI)
    assert friday.session.date == FRI
    assert friday.new_exercises == frozenset({"lying-leg-curl"})
    last = friday.last_time[("seated-leg-curl", None)]
    assert [(s.session_date, s.reps, s.kind) for s in last] == [
        (TUE, 12, SetKind.WORKING),
        (TUE, 11, SetKind.WORKING),
        (TUE, 10, SetKind.WORKING),
    ]
    assert ("lying-leg-curl", None) not in friday.last_time
    assert friday.state.status(FRI) is Status.PLANNED and friday.state.work_sets == 0


def test_sore_before_any_set_the_athlete_chooses_full_or_lighter_and_a_set_fixes_it(
    uow: FakeUnitOfWork, athlete: int
) -> None:
    full = shown(uow, athlete, TUE)
    soreness.check_in(uow, athlete, TUE, 7, None, TUE)
    offered = sessions.today(uow, athlete, TUE).session
    assert [e.slug for e in offered.exercises] == ["seated-leg-curl"]  # no Nordic when sore
    assert offered.exercises[0].sets == full.exercises[1].sets - 1
    assert sessions.today(uow, athlete, TUE, full=True).session == full
    sessions.choose_version(uow, athlete, TUE, at(TUE, 1), full=True)
    begun = record(uow, athlete, TUE)
    assert begun is not None and begun.started_at == at(TUE, 1) and begun.planned == full
    # Begun as the full session: today keeps it even though the check-in says sore.
    assert sessions.today(uow, athlete, TUE).session.exercises == full.exercises
    sessions.choose_version(uow, athlete, TUE, at(TUE, 2), full=False)  # changed their mind
    begun = record(uow, athlete, TUE)
    assert begun is not None and begun.started_at == at(TUE, 1)  # began at the first choice
    assert begun.planned is not None and begun.planned.exercises == offered.exercises
    assert sessions.today(uow, athlete, TUE).session.exercises == offered.exercises
    log(uow, athlete, TUE, "seated-leg-curl", 12, 17.5, minute=4)
    for version in (True, False):
        with pytest.raises(Conflict, match="has sets logged"):
            sessions.choose_version(uow, athlete, TUE, at(TUE, 5), full=version)
    after = record(uow, athlete, TUE)
    assert after is not None and after.planned is not None
    assert after.planned.exercises == offered.exercises


def test_sore_the_athlete_who_began_the_lighter_session_can_still_choose_the_full_one(
    uow: FakeUnitOfWork, athlete: int
) -> None:
    """POST /sessions/{date}/start {"full": true} after {"full": false}, before any set: the
    docstring of choose_version promises the session keeps its version only once a set is
    logged, so until then the full session can still be chosen."""
    full = shown(uow, athlete, TUE)
    soreness.check_in(uow, athlete, TUE, 7, None, TUE)
    sessions.choose_version(uow, athlete, TUE, at(TUE, 1), full=False)
    lighter = record(uow, athlete, TUE)
    assert lighter is not None and lighter.planned is not None
    assert "nordic-curl" not in {e.slug for e in lighter.planned.exercises}
    sessions.choose_version(uow, athlete, TUE, at(TUE, 2), full=True)
    begun = record(uow, athlete, TUE)
    assert begun is not None and begun.started_at == at(TUE, 1)
    assert begun.planned == full
    assert sessions.today(uow, athlete, TUE).session.exercises == full.exercises


def test_sore_and_no_choice_the_first_set_begins_the_lighter_session(
    uow: FakeUnitOfWork, athlete: int
) -> None:
    full = shown(uow, athlete, TUE)
    soreness.check_in(uow, athlete, TUE, 7, None, TUE)
    stored = log(uow, athlete, TUE, "seated-leg-curl", 12, 17.5)
    begun = record(uow, athlete, TUE)
    assert begun is not None and begun.planned is not None
    assert [(e.slug, e.sets) for e in begun.planned.exercises] == [
        ("seated-leg-curl", full.exercises[1].sets - 1)
    ]
    state = sessions.today(uow, athlete, TUE).state
    assert [(e.slug, e.target_sets, e.done) for e in state.exercises] == [
        ("seated-leg-curl", full.exercises[1].sets - 1, (1,))
    ]
    assert stored.target_load == full.exercises[1].load


def test_choosing_a_version_needs_a_date_in_range(uow: FakeUnitOfWork, athlete: int) -> None:
    with pytest.raises(InvalidInput):
        sessions.choose_version(uow, athlete, dt.date(1999, 12, 31), at(TUE), full=True)


def test_skip_rules(uow: FakeUnitOfWork, athlete: int) -> None:
    with pytest.raises(InvalidInput, match="in the future"):
        sessions.skip(uow, athlete, FRI, at(TUE, 30))
    log(uow, athlete, TUE, "nordic-curl", 5)
    with pytest.raises(Conflict, match="finish it instead"):
        sessions.skip(uow, athlete, TUE, at(TUE, 30))
    assert (record(uow, athlete, TUE) or SessionRecord(TUE, None, None)).skipped_at is None
    # Only a warm-up on Friday: nothing done, so it can be skipped.
    log(uow, athlete, FRI, "lying-leg-curl", 12, 5.0, kind=SetKind.WARMUP)
    sessions.skip(uow, athlete, FRI, at(FRI, 30))
    friday = record(uow, athlete, FRI)
    assert friday is not None and friday.skipped_at == at(FRI, 30)
    assert sessions.today(uow, athlete, FRI).state.status(FRI) is Status.SKIPPED
    with pytest.raises(InvalidInput):
        sessions.skip(uow, athlete, dt.date(2100, 1, 1), at(FRI))


def test_outcomes_of_a_week_done_partly_missed_skipped(uow: FakeUnitOfWork, athlete: int) -> None:
    plan = training.plan_for(uow, athlete, MONDAY, weeks=2).plan
    days = [s.date for s in plan.sessions()]
    assert days[:3] == [TUE, FRI, TUE + dt.timedelta(days=7)]
    for minute in range(2):
        log(uow, athlete, TUE, "nordic-curl", 5, minute=minute)
    for minute in range(2, 5):
        log(uow, athlete, TUE, "seated-leg-curl", 12, 17.5, minute=minute)
    sessions.skip(uow, athlete, FRI, at(FRI, 20))
    tue2 = days[2]
    log(uow, athlete, tue2, "nordic-curl", 5)
    fri2 = days[3]
    after = fri2 + dt.timedelta(days=1)
    found = sessions.outcomes(uow, athlete, plan, after)
    assert {d: s.status(after) for d, s in found.items()} == {
        TUE: Status.DONE,
        FRI: Status.SKIPPED,
        tue2: Status.PARTIAL,
        fri2: Status.MISSED,
    }
    on_the_day = sessions.outcomes(uow, athlete, plan, tue2)
    assert on_the_day[tue2].status(tue2) is Status.IN_PROGRESS
    assert on_the_day[fri2].status(tue2) is Status.PLANNED


def test_finish_needs_a_working_set(uow: FakeUnitOfWork, athlete: int) -> None:
    log(uow, athlete, TUE, "seated-leg-curl", 12, 10.0, kind=SetKind.WARMUP)
    assert not set_logging.finish_session(uow, athlete, TUE, at(TUE, 40), "warm-up only")
    unfinished = record(uow, athlete, TUE)
    assert unfinished is not None and unfinished.finished_at is None and unfinished.note is None
    assert not set_logging.finish_session(uow, athlete, WED, at(WED, 40), None)  # nothing at all
    log(uow, athlete, TUE, "seated-leg-curl", 12, 17.5, minute=5)
    assert set_logging.finish_session(uow, athlete, TUE, at(TUE, 40), "good")
    finished = record(uow, athlete, TUE)
    assert finished is not None and (finished.finished_at, finished.note) == (at(TUE, 40), "good")
    state = sessions.today(uow, athlete, TUE).state
    assert state.finished_at == at(TUE, 40)
    assert state.status(TUE) is Status.PARTIAL  # finished short of its sets
