"""A coach's sessions-per-week change (domain/programme.py, applied by the planner): it takes
effect from the first Monday on or after the chosen day, never earlier; the latest change for a
week wins; planned weeks before it are untouched, and each session after it says why."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.model import RunningWeek
from hamcoach.domain.planning import PlanRequest, build_plan
from hamcoach.domain.programme import check_change, effective_monday, sessions_for

MONDAY = dt.date(2026, 11, 30)
days = st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 31))


@given(days)
def test_a_change_starts_on_the_first_monday_on_or_after_its_day(day: dt.date) -> None:
    monday = effective_monday(day)
    assert monday.weekday() == 0 and day <= monday < day + dt.timedelta(days=7)


def test_a_change_in_the_past_or_out_of_range_is_refused() -> None:
    with pytest.raises(InvalidInput, match="today or later"):
        check_change(2, MONDAY - dt.timedelta(days=1), MONDAY)
    for sessions in (0, 4):
        with pytest.raises(InvalidInput, match="1-3"):
            check_change(sessions, MONDAY, MONDAY)
    assert check_change(3, MONDAY + dt.timedelta(days=2), MONDAY) == MONDAY + dt.timedelta(days=7)
    # On a Monday, today's change waits for the next Monday: this week has begun.
    assert check_change(3, MONDAY, MONDAY) == MONDAY + dt.timedelta(days=7)


changes = st.lists(
    st.tuples(st.integers(0, 6), st.integers(1, 3)), max_size=4
)  # (weeks after MONDAY, sessions), in the order made


@settings(max_examples=60, deadline=None)
@given(made=changes, default=st.integers(2, 3))
def test_each_week_gets_the_latest_change_in_effect_and_says_so(
    made: list[tuple[int, int]], default: int
) -> None:
    programme = tuple(
        (MONDAY + dt.timedelta(days=7 * w), n, f"coach change {k}") for k, (w, n) in enumerate(made)
    )
    request = PlanRequest(
        equipment=frozenset({"lying-curl-machine", "seated-curl-machine"}),
        week=RunningWeek.parse("mon=rest,tue=key,wed=easy,thu=easy,fri=rest,sat=easy,sun=long"),
        start=MONDAY,
        weeks=8,
        sessions=default,
        programme=programme,
    )
    plan = build_plan(request)
    for week in plan.weeks:
        # Of the changes in effect by then, the one made last.
        in_effect = [k for k, c in enumerate(programme) if c[0] <= week.start]
        wanted = programme[max(in_effect)] if in_effect else None
        assert sessions_for(week.start, programme) == (None if wanted is None else wanted[1:])
        expected = default if wanted is None else wanted[1]
        assert len(week.sessions) == expected, (week.start, made)
        for s in week.sessions:
            coach_reasons = [r for r in s.reasons if r.startswith("coach change")]
            assert coach_reasons == ([] if wanted is None else [wanted[2]])
