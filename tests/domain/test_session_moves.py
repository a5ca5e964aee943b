"""Moving a planned session (domain/session_moves.py): the move is kept, the rules are checked
again on the new day and named when broken, and a move the plan no longer allows is dropped
with a warning instead of losing or doubling a session."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain import Conflict, Day, InvalidInput, PlanRequest, RunningWeek, RunType
from hamcoach.domain.model import Plan
from hamcoach.domain.planning import build_plan, move_rules
from hamcoach.domain.selection import NORDIC
from hamcoach.domain.session_moves import apply_moves, check_move, refuse_race_day
from tests.domain.test_planning import GYM, MONDAY, TYPICAL, weeks


def _request(week: RunningWeek, sessions: int = 2, **extra: object) -> PlanRequest:
    return PlanRequest(equipment=GYM, week=week, start=MONDAY, weeks=2, sessions=sessions, **extra)  # type: ignore[arg-type]


def _dates(plan: Plan) -> list[dt.date]:
    return [s.date for s in plan.sessions()]


def _free_days(plan: Plan, week_start: dt.date) -> list[dt.date]:
    taken = set(_dates(plan))
    return [d for i in range(7) if (d := week_start + dt.timedelta(days=i)) not in taken]


@given(
    week=weeks,
    sessions=st.sampled_from([2, 3]),
    pick=st.integers(0, 10),
    to=st.integers(0, 10),
)
def test_a_move_keeps_every_session_and_names_exactly_the_rules_the_new_day_breaks(
    week: RunningWeek, sessions: int, pick: int, to: int
) -> None:
    request = _request(week, sessions)
    plan = build_plan(request)
    first_week = plan.weeks[0]
    source = first_week.sessions[pick % len(first_week.sessions)].date
    free = _free_days(plan, first_week.start)
    target = free[to % len(free)]
    moved = apply_moves(plan, {source: target}, move_rules(request))

    before = Counter((s.exercises) for s in plan.sessions())
    after = Counter((s.exercises) for s in moved.sessions())
    assert before == after  # nothing lost, nothing doubled
    dates = _dates(moved)
    assert target in dates and source not in dates
    assert len(dates) == len(set(dates))
    session = next(s for s in moved.sessions() if s.date == target)
    assert session.moved_from == source
    assert session.reasons[0].startswith("Moved by you from")
    # The other sessions are untouched.
    assert [s for s in moved.sessions() if s.date != target] == [
        s for s in plan.sessions() if s.date != source
    ]
    # Each rule named iff it is broken on the new day, judged from the running week and the
    # other session days.
    following = target + dt.timedelta(days=1)
    runs_after = week.runs(Day.of(following))
    text = " ".join(session.warnings)
    assert ("before the long run" in text) == (RunType.LONG in runs_after)
    assert ("before a key run" in text) == (RunType.KEY in runs_after)
    neighbours = {d for d in dates if abs((d - target).days) == 1}
    assert ("back to back" in text) == bool(neighbours)
    assert all(f"Careful: {w}" in session.reasons for w in session.warnings)


@given(week=weeks, to=st.integers(0, 10))
def test_moving_back_to_the_planned_day_is_the_plan_again(week: RunningWeek, to: int) -> None:
    request = _request(week)
    plan = build_plan(request)
    source = plan.weeks[0].sessions[0].date
    free = _free_days(plan, plan.weeks[0].start)
    target = free[to % len(free)]
    moved = apply_moves(plan, {source: target}, move_rules(request))
    assert apply_moves(plan, {}, move_rules(request)) == plan
    # The stored move is keyed by the planned day: undoing it removes the key.
    assert check_move(moved, target, source, MONDAY).moved_from == source


def test_a_move_the_rebuilt_plan_cannot_keep_stays_on_its_day_with_a_warning() -> None:
    request = _request(TYPICAL)
    plan = build_plan(request)
    first, second = plan.weeks[0].sessions[:2]
    # The plan now puts a session on the target day too: the move gives way.
    moved = apply_moves(plan, {first.date: second.date}, move_rules(request))
    assert _dates(moved) == _dates(plan)
    assert any("no longer fits the plan" in w for w in moved.warnings)
    # A move of a day the plan no longer uses is ignored: nothing appears from nowhere.
    free = _free_days(plan, plan.weeks[0].start)
    ghost = apply_moves(plan, {free[0]: free[1]}, move_rules(request))
    assert _dates(ghost) == _dates(plan)


def test_the_day_before_the_long_run_is_named_and_so_is_back_to_back() -> None:
    request = _request(TYPICAL)
    plan = build_plan(request)
    week = plan.weeks[0]
    saturday = week.start + dt.timedelta(days=5)  # TYPICAL: Sunday is the long run
    source = next(s.date for s in week.sessions if abs((s.date - saturday).days) > 1)
    moved = apply_moves(plan, {source: saturday}, move_rules(request))
    session = next(s for s in moved.sessions() if s.date == saturday)
    assert any("the day before the long run (Sun" in w for w in session.warnings)


def test_check_move_refuses_what_cannot_be_a_session() -> None:
    request = _request(TYPICAL)
    plan = build_plan(request)
    week = plan.weeks[0]
    source = week.sessions[0].date
    free = _free_days(plan, week.start)
    with pytest.raises(InvalidInput, match="no session is planned on"):
        check_move(plan, free[0], free[1], MONDAY)
    with pytest.raises(InvalidInput, match="moves within its week"):
        check_move(plan, source, week.start + dt.timedelta(days=7), MONDAY)
    with pytest.raises(InvalidInput, match="has passed"):
        check_move(plan, week.sessions[-1].date, week.start, week.start + dt.timedelta(days=1))
    with pytest.raises(Conflict, match="already holds a session"):
        check_move(plan, source, week.sessions[1].date, MONDAY)
    with pytest.raises(InvalidInput, match="already"):
        check_move(plan, source, source, MONDAY)
    race = week.start + dt.timedelta(days=3)
    with pytest.raises(InvalidInput, match="race day"):
        refuse_race_day(race, move_rules(_request(TYPICAL, race_dates=(race,))))


def test_a_nordic_moved_close_to_a_race_says_so() -> None:
    race = MONDAY + dt.timedelta(days=13)  # the second week's Sunday
    request = PlanRequest(
        equipment=frozenset({"nordic-bench"}),
        week=RunningWeek.all_rest(),
        start=MONDAY,
        weeks=2,
        nordic_ramp=False,
    )
    plan = build_plan(request)  # planned without the race: every session is a Nordic
    week = plan.weeks[1]
    target = race - dt.timedelta(days=3)
    source = next(s.date for s in week.sessions if s.date != target)
    if target in _dates(plan):
        target = next(d for d in _free_days(plan, week.start) if d < race - dt.timedelta(days=1))
    rules = move_rules(replace(request, race_dates=(race,)))
    assert not rules.race_rules.nordic_allowed(target, (race,))
    moved = apply_moves(plan, {source: target}, rules)
    session = next(s for s in moved.sessions() if s.date == target)
    assert any(e.slug == NORDIC for e in session.exercises)
    assert any("Nordic" in w for w in session.warnings)
