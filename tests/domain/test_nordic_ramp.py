"""The Nordic ramp advances by exposure, not by calendar (issue 10, item 9)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain import CATALOGUE, PlanRequest, RunningWeek, build_plan
from hamcoach.domain.prescription import FULL_RAMP_WEEK, prescribe
from hamcoach.domain.progression import nordic_ramp_week

MONDAY = dt.date(2026, 1, 5)
EASY = RunningWeek.parse("mon=rest,tue=easy,wed=easy,thu=easy,fri=rest,sat=easy,sun=rest")


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _oracle(dates: list[dt.date], on: dt.date, experienced: bool) -> int:
    """Step by step over the calendar: a step is done in a week with a Nordic session, and the
    next week begins at the next step; a gap of 4+ weeks starts over at 1, of 2-4 weeks at 3
    at most."""
    base = FULL_RAMP_WEEK if experienced else 1
    trained_weeks: set[dt.date] = set()
    step = base
    previous: dt.date | None = None
    for day in [*sorted(set(dates)), on]:
        if previous is not None and (day - previous).days >= 28:
            base, trained_weeks = 1, set()
        elif previous is not None and (day - previous).days >= 14:
            base, trained_weeks = min(step, 3), set()
        step = min(FULL_RAMP_WEEK, base + sum(1 for w in trained_weeks if w < _monday(day)))
        if day != on:
            trained_weeks.add(_monday(day))
            previous = day
    return step


@given(
    offsets=st.lists(st.integers(0, 120), max_size=12, unique=True),
    ahead=st.integers(1, 40),
    experienced=st.booleans(),
)
def test_the_ramp_step_counts_trained_weeks(
    offsets: list[int], ahead: int, experienced: bool
) -> None:
    dates = [MONDAY + dt.timedelta(days=o) for o in offsets]
    on = MONDAY + dt.timedelta(days=max(offsets, default=0) + ahead)
    assert nordic_ramp_week(dates, on, experienced=experienced) == _oracle(dates, on, experienced)


def test_one_session_then_two_quiet_weeks_does_not_jump_to_step_three() -> None:
    """Step 1 trained once, then two weeks off: back at the step trained, not at 3 x 6-8."""
    assert nordic_ramp_week([MONDAY], MONDAY + dt.timedelta(days=14), experienced=False) == 1
    assert nordic_ramp_week([MONDAY], MONDAY + dt.timedelta(days=13), experienced=False) == 2


def test_back_from_a_break_the_ramp_is_the_step_back_and_no_set_comes_off_on_top() -> None:
    nordic = CATALOGUE.get("nordic-curl")
    target = prescribe(nordic, nordic_ramp_week=1, sets_delta=-1)
    assert (target.sets, target.reps_min, target.reps_max) == (2, 5, 5)
    plan = build_plan(
        PlanRequest(
            frozenset({"partner", "towel"}),
            EASY,
            MONDAY,
            weeks=1,
            nordic_ramp_start_week=1,
            first_week_sets_delta=-1,
        )
    )
    doses = [
        (e.sets, e.reps_min)
        for s in plan.weeks[0].sessions
        for e in s.exercises
        if e.slug == "nordic-curl"
    ]
    assert doses == [(2, 5)]


def test_a_week_without_a_nordic_does_not_advance_the_ramp() -> None:
    # Week 2 has races on Saturday and Sunday: no day of it allows a Nordic.
    races = (MONDAY + dt.timedelta(days=12), MONDAY + dt.timedelta(days=13))
    plan = build_plan(
        PlanRequest(frozenset({"partner", "towel"}), EASY, MONDAY, weeks=3, race_dates=races)
    )

    def doses(week: int) -> list[tuple[int, int]]:
        return [
            (e.sets, e.reps_min)
            for s in plan.weeks[week - 1].sessions
            for e in s.exercises
            if e.slug == "nordic-curl"
        ]

    assert doses(1) == [(2, 5)]
    assert doses(2) == []
    assert doses(3) and set(doses(3)) == {(2, 6)}  # step 2, not step 3


def test_no_nordic_in_the_two_days_after_a_race() -> None:
    race = MONDAY + dt.timedelta(days=9)  # Wednesday of week 2
    week = RunningWeek.parse("mon=easy,tue=easy,wed=easy,thu=easy,fri=easy,sat=easy,sun=easy")
    plan = build_plan(
        PlanRequest(
            frozenset({"partner", "towel"}),
            week,
            MONDAY + dt.timedelta(days=7),
            weeks=2,
            sessions=3,
            race_dates=(race,),
            nordic_ramp=False,
        )
    )
    for session in plan.sessions():
        after = (session.date - race).days
        has_nordic = any(e.slug == "nordic-curl" for e in session.exercises)
        if 0 < after <= 2:
            assert not has_nordic
            assert any("days after your race" in r for r in session.reasons)


@given(
    offsets=st.lists(st.integers(0, 55), max_size=4, unique=True),
    sessions=st.sampled_from([2, 3]),
)
def test_race_weeks_taper(offsets: list[int], sessions: int) -> None:
    """Property: around any races, no session in the 3 days before one or on it, at most two
    sessions in a race week, one set fewer there, and the reason says so."""
    start = MONDAY
    races = tuple(start + dt.timedelta(days=o) for o in offsets)
    week = RunningWeek.parse("mon=easy,tue=key,wed=easy,thu=easy,fri=rest,sat=easy,sun=long")
    plan = build_plan(
        PlanRequest(
            frozenset({"lying-curl-machine", "towel"}),
            week,
            start,
            weeks=8,
            sessions=sessions,
            race_dates=races,
            nordic_ramp=False,
        )
    )
    for plan_week in plan.weeks:
        end = plan_week.start + dt.timedelta(days=7)
        race_week = any(plan_week.start <= r < end for r in races)
        if race_week:
            assert len(plan_week.sessions) <= 2
        for session in plan_week.sessions:
            assert not any(0 <= (r - session.date).days <= 3 for r in races)
            if race_week:
                assert any(reason.startswith("race week:") for reason in session.reasons)
                assert all(e.sets == 2 for e in session.exercises)
