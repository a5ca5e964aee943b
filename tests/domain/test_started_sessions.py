"""Sessions that began keep the plan they began with (domain/started_sessions.py), over real plans
(build_plan on generated requests) and generated snapshots: copies of the fresh plan's sessions,
sessions of another plan (the plan before a change), and made-up ones, on planned days, free days
and days outside the plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from hypothesis import given, settings
from hypothesis import strategies as st

from hamcoach.domain import CATALOGUE, Day, PlanRequest, RunningWeek, RunType, build_plan
from hamcoach.domain.model import Plan, PlannedSession
from hamcoach.domain.started_sessions import keep_started
from tests.domain.planned_sessions import planned_sessions, reason_texts

WEEK = dt.timedelta(days=7)

run_days = st.sampled_from(
    [(), (RunType.EASY,), (RunType.KEY,), (RunType.LONG,), (RunType.EASY, RunType.KEY)]
)
running_weeks = st.lists(run_days, min_size=7, max_size=7).map(
    lambda days: RunningWeek.of(dict(zip(Day, days, strict=True)))
)
equipment = st.frozensets(st.sampled_from(CATALOGUE.equipment_slugs()), min_size=1).filter(
    CATALOGUE.feasible
)


@st.composite
def requests(
    draw: st.DrawFn, start: dt.date | None = None, weeks: int | None = None
) -> PlanRequest:
    sessions = draw(st.sampled_from([1, 2, 3]))
    first = start or draw(st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2027, 12, 31)))
    return PlanRequest(
        equipment=draw(equipment),
        week=draw(running_weeks),
        start=first,
        weeks=weeks or draw(st.integers(1, 3)),
        sessions=sessions,
        per_session=draw(st.sampled_from([1, 2])),
        maintenance=sessions == 1,
        nordic_ramp_start_week=draw(st.integers(1, 5)),
        keep_rest_days=draw(st.booleans()),
    )


@dataclass(frozen=True)
class Case:
    plan: Plan
    started: dict[dt.date, PlannedSession]


def _end(plan: Plan) -> dt.date:
    return plan.weeks[-1].start + WEEK


@st.composite
def cases(draw: st.DrawFn) -> Case:
    request = draw(requests())
    plan = build_plan(request)
    # The plan before a change: the same weeks with other equipment, week or counts.
    before = build_plan(draw(requests(start=request.start, weeks=request.weeks)))
    fresh = {s.date: s for s in plan.sessions()}
    older = list(before.sessions())
    started: dict[dt.date, PlannedSession] = {}
    day = request.start - dt.timedelta(days=3)
    while day < _end(plan) + dt.timedelta(days=3):
        if draw(st.integers(0, 3)) == 0:  # about one day in four began a session
            kind = draw(st.sampled_from(["same", "reworded", "before", "made-up"]))
            if kind in ("same", "reworded") and day in fresh:
                snapshot = fresh[day]
                if kind == "reworded":  # same exercises, other reasons
                    reasons = tuple(draw(st.lists(reason_texts, max_size=2)))
                    snapshot = replace(snapshot, reasons=reasons)
            elif kind == "before" and older:
                snapshot = replace(draw(st.sampled_from(older)), date=day)
            else:
                snapshot = draw(planned_sessions(day, max_exercises=2, unique=True, words=False))
            started[day] = snapshot
        day += dt.timedelta(days=1)
    return Case(plan, started)


def _differs(case: Case, date: dt.date) -> bool:
    fresh = {s.date: s for s in case.plan.sessions()}
    return date not in fresh or fresh[date].exercises != case.started[date].exercises


def _in_range(case: Case) -> dict[dt.date, PlannedSession]:
    first, end = case.plan.weeks[0].start, _end(case.plan)
    return {d: s for d, s in case.started.items() if first <= d < end}


@settings(max_examples=60, deadline=None)
@given(cases())
def test_every_started_day_in_the_plan_holds_its_snapshot(case: Case) -> None:
    result = keep_started(case.plan, case.started)
    by_date = {s.date: s for s in result.sessions()}
    assert len(by_date) == len(list(result.sessions()))  # one session a day
    for date, snapshot in _in_range(case).items():
        assert date in by_date
        assert by_date[date].exercises == snapshot.exercises
        if _differs(case, date):
            assert by_date[date] == snapshot  # as it began, its reasons too
    first, end = case.plan.weeks[0].start, _end(case.plan)
    assert all(first <= s.date < end for s in result.sessions())  # none from outside the plan


@settings(max_examples=60, deadline=None)
@given(cases())
def test_weeks_hold_no_more_sessions_than_the_plan_or_the_started_ones(case: Case) -> None:
    result = keep_started(case.plan, case.started)
    assert [(w.number, w.start) for w in result.weeks] == [
        (w.number, w.start) for w in case.plan.weeks
    ]
    for fresh, kept in zip(case.plan.weeks, result.weeks, strict=True):
        started = [d for d in case.started if fresh.start <= d < fresh.start + WEEK]
        assert len(kept.sessions) <= max(len(fresh.sessions), len(started))
        dates = [s.date for s in kept.sessions]
        assert dates == sorted(set(dates))
        assert all(fresh.start <= d < fresh.start + WEEK for d in dates)


@settings(max_examples=60, deadline=None)
@given(cases())
def test_sessions_neither_started_nor_displaced_are_unchanged(case: Case) -> None:
    result = keep_started(case.plan, case.started)
    for fresh, kept in zip(case.plan.weeks, result.weeks, strict=True):
        in_week = {d for d in case.started if fresh.start <= d < fresh.start + WEEK}
        fresh_by_date = {s.date: s for s in fresh.sessions}
        for s in kept.sessions:
            if s.date not in in_week:
                assert s == fresh_by_date[s.date]  # never moved nor rewritten
        dropped = set(fresh_by_date) - {s.date for s in kept.sessions}
        assert not dropped & in_week  # a started day is never the one that gives way
        took_a_free_day = [d for d in in_week if d not in fresh_by_date]
        assert len(dropped) <= len(took_a_free_day)
        if len(in_week) == 1 and took_a_free_day and fresh.sessions:
            # The one started session on a free day displaces the session nearest to it.
            (date,) = took_a_free_day
            (gone,) = dropped
            nearest = min(abs((d - date).days) for d in fresh_by_date)
            assert abs((gone - date).days) == nearest


@settings(max_examples=60, deadline=None)
@given(cases())
def test_a_warning_says_so_exactly_when_a_snapshot_differs_from_the_plan(case: Case) -> None:
    result = keep_started(case.plan, case.started)
    assert result.warnings[: len(case.plan.warnings)] == case.plan.warnings
    new = [w for w in result.warnings if w not in case.plan.warnings]
    differing = [d for d in _in_range(case) if _differs(case, d)]
    assert bool(new) == bool(differing)
    for date in differing:
        assert any(f"Your session on {date:%a %d %b} had begun" in w for w in new)
    if not differing:
        assert result.weeks == case.plan.weeks


@settings(max_examples=30, deadline=None)
@given(requests())
def test_nothing_started_leaves_the_plan_as_it_is(request: PlanRequest) -> None:
    plan = build_plan(request)
    assert keep_started(plan, {}) == plan
    before, after = request.start - dt.timedelta(days=1), _end(plan)
    made_up = PlannedSession(before, (), ("began before the plan",))
    outside = {before: made_up, after: replace(made_up, date=after)}
    assert keep_started(plan, outside) == plan  # days outside the plan's weeks change nothing


def test_a_session_started_on_a_day_the_new_plan_leaves_free_takes_the_nearest_ones_place() -> None:
    week = RunningWeek.parse("mon=rest,tue=key,wed=easy,thu=easy,fri=rest,sat=easy,sun=long")
    gym = frozenset({"lying-curl-machine", "seated-curl-machine", "partner", "towel"})
    monday = dt.date(2026, 11, 2)
    old = build_plan(PlanRequest(gym, week, monday, weeks=1))
    tuesday = next(old.sessions())
    assert tuesday.date == monday + dt.timedelta(days=1)
    # The key run moves to Wednesday: the new plan's first session follows it, not Tuesday.
    changed = RunningWeek.parse("tue=easy,wed=key,sun=long")
    new = build_plan(PlanRequest(gym, changed, monday, weeks=1))
    assert tuesday.date not in {s.date for s in new.sessions()}
    kept = keep_started(new, {tuesday.date: tuesday})
    dates = [s.date for s in kept.sessions()]
    fresh = [s.date for s in new.sessions()]
    assert tuesday.date in dates and len(dates) == len(fresh)
    (gone,) = set(fresh) - set(dates)
    assert abs((gone - tuesday.date).days) == min(abs((d - tuesday.date).days) for d in fresh)
    (warning,) = kept.warnings
    assert f"{tuesday.date:%a %d %b}" in warning and f"{gone:%a %d %b} gives way" in warning
