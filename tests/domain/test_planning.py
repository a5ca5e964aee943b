from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain import (
    CATALOGUE,
    Day,
    InvalidInput,
    PlanRequest,
    RunningWeek,
    RunType,
    build_plan,
)
from hamcoach.domain.planning import next_monday
from hamcoach.domain.progression import Rung

MONDAY = dt.date(2026, 11, 30)
TYPICAL = RunningWeek.parse("mon=rest,tue=key,wed=easy,thu=easy,fri=rest,sat=easy,sun=long")
GYM = frozenset({"lying-curl-machine", "seated-curl-machine", "nordic-bench", "towel"})

# Which warning text names which relaxed rule.
NAMES = {
    "consecutive": "no hamstring sessions on consecutive days",
    "key": "no session the day before a key run",
    "long": "no session the day before the long run",
    "rest": "keep rest days free",
    "count": "sessions per week",
}


def test_default_plan_shape_and_reasons() -> None:
    plan = build_plan(PlanRequest(GYM, TYPICAL, MONDAY))
    assert len(plan.weeks) == 4
    assert [w.start for w in plan.weeks] == [MONDAY + dt.timedelta(days=7 * i) for i in range(4)]
    for week in plan.weeks:
        assert len(week.sessions) == 2
        for s in week.sessions:
            assert week.start <= s.date < week.start + dt.timedelta(days=7)
            assert s.reasons
            assert len(s.exercises) == 2
    assert plan.warnings == ()


def test_nordic_ramp_reaches_the_seed_dose_in_week_5() -> None:
    plan = build_plan(PlanRequest(GYM, TYPICAL, MONDAY, weeks=6))
    doses = []
    for week in plan.weeks:
        nordic = [e for s in week.sessions for e in s.exercises if e.slug == "nordic-curl"]
        doses.append((nordic[0].sets, nordic[0].reps_min, nordic[0].reps_max))
    assert doses == [(2, 5, 5), (2, 6, 6), (3, 6, 8), (3, 8, 10), (3, 10, 12), (3, 10, 12)]


def test_no_ramp_means_full_dose_from_week_1() -> None:
    plan = build_plan(PlanRequest(GYM, TYPICAL, MONDAY, nordic_ramp=False, weeks=1))
    nordic = [e for s in plan.sessions() for e in s.exercises if e.slug == "nordic-curl"]
    assert (nordic[0].sets, nordic[0].reps_min) == (3, 10)


def test_race_blocks_race_day_the_day_before_and_nordics_in_the_5_days_before() -> None:
    race = MONDAY + dt.timedelta(days=12)  # Saturday of week 2
    plan = build_plan(PlanRequest(GYM, TYPICAL, MONDAY, weeks=3, race_dates=(race,)))
    dates = [s.date for s in plan.sessions()]
    assert race not in dates
    assert race - dt.timedelta(days=1) not in dates
    for s in plan.sessions():
        if 0 < (race - s.date).days <= 5:
            assert all(e.slug != "nordic-curl" for e in s.exercises)
            assert any("race" in r for r in s.reasons)


def test_race_on_the_first_day_of_next_week_guards_the_last_day() -> None:
    week = RunningWeek.parse("sun=easy")
    race = MONDAY + dt.timedelta(days=7)
    plan = build_plan(PlanRequest(frozenset({"towel"}), week, MONDAY, weeks=1, race_dates=(race,)))
    assert all(s.date != race - dt.timedelta(days=1) for s in plan.sessions())


def test_floor_rung_and_loads_flow_into_targets() -> None:
    request = PlanRequest(
        frozenset({"towel", "sliders", "lying-curl-machine"}),
        TYPICAL,
        MONDAY,
        weeks=1,
        floor_rung=Rung("sliders", "single"),
        loads={"lying-leg-curl": 42.5},
        first_week_sets_delta=-1,
        first_week_note="back after 20 days",
    )
    plan = build_plan(request)
    exercises = {e.slug: e for s in plan.sessions() for e in s.exercises}
    assert exercises["floor-curl"].variant == "sliders"
    assert exercises["floor-curl"].stance == "single"
    assert exercises["lying-leg-curl"].load == 42.5
    assert exercises["lying-leg-curl"].sets == 2
    assert any("back after 20 days" in r for s in plan.sessions() for r in s.reasons)


def test_week_overrides_follow_imported_runs() -> None:
    override = RunningWeek.parse("wed=key,thu=long")
    plan = build_plan(PlanRequest(GYM, TYPICAL, MONDAY, weeks=2, week_overrides={2: override}))
    week2 = [s.date.weekday() for s in plan.weeks[1].sessions]
    assert Day.TUE.value not in week2
    assert Day.WED.value not in week2


def test_request_validation() -> None:
    with pytest.raises(InvalidInput, match="weeks"):
        build_plan(PlanRequest(GYM, TYPICAL, MONDAY, weeks=0))
    with pytest.raises(InvalidInput, match="exercises per session"):
        build_plan(PlanRequest(GYM, TYPICAL, MONDAY, per_session=3))


def test_next_monday() -> None:
    assert next_monday(dt.date(2026, 11, 27)) == MONDAY
    assert next_monday(MONDAY) == MONDAY + dt.timedelta(days=7)


run_types = st.lists(st.sampled_from(list(RunType)), min_size=0, max_size=2)
weeks = st.builds(
    lambda days: RunningWeek.of(dict(zip(Day, days, strict=True))),
    st.lists(run_types, min_size=7, max_size=7),
)
equipment = st.frozensets(st.sampled_from(CATALOGUE.equipment_slugs()), min_size=1).filter(
    lambda e: bool(CATALOGUE.feasible(e))
)


@given(
    week=weeks,
    owned=equipment,
    sessions=st.sampled_from([2, 3]),
    per_session=st.sampled_from([1, 2]),
    keep_rest=st.booleans(),
    ramp=st.booleans(),
    start=st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 1, 1)),
)
def test_every_plan_meets_the_hard_rules_or_names_the_one_it_relaxed(
    week: RunningWeek,
    owned: frozenset[str],
    sessions: int,
    per_session: int,
    keep_rest: bool,
    ramp: bool,
    start: dt.date,
) -> None:
    plan = build_plan(
        PlanRequest(
            owned,
            week,
            start,
            weeks=5,
            sessions=sessions,
            per_session=per_session,
            keep_rest_days=keep_rest,
            nordic_ramp=ramp,
        )
    )
    warned = " | ".join(plan.warnings)
    dates = [s.date for s in plan.sessions()]
    assert dates == sorted(dates)
    assert len(set(dates)) == len(dates)
    for a, b in itertools.pairwise(dates):
        if (b - a).days < 2:
            assert NAMES["consecutive"] in warned
    for week_plan in plan.weeks:
        if len(week_plan.sessions) != sessions:
            assert NAMES["count"] in warned
            assert len(week_plan.sessions) >= 1
        for s in week_plan.sessions:
            nxt = week.runs(Day.of(s.date + dt.timedelta(days=1)))
            if RunType.KEY in nxt:
                assert NAMES["key"] in warned
            if RunType.LONG in nxt:
                assert NAMES["long"] in warned
            if keep_rest and not week.runs(Day.of(s.date)):
                assert NAMES["rest"] in warned
            assert 1 <= len(s.exercises) <= 2
            assert len({e.slug for e in s.exercises}) == len(s.exercises)
            if per_session == 1:
                assert len(s.exercises) == 1
            for e in s.exercises:
                ex = CATALOGUE.get(e.slug)
                assert ex.feasible_with(owned)
                if e.variant is not None:
                    assert ex.variant(e.variant).equipment <= owned
                assert e.per_side == (e.slug == "single-leg-curl")
        nordic_sessions = [
            e for s in week_plan.sessions for e in s.exercises if e.slug == "nordic-curl"
        ]
        if ramp and week_plan.number == 1:
            assert len(nordic_sessions) <= 1
        if week_plan.number == 5 or not ramp:
            assert all((e.sets, e.reps_min, e.reps_max) == (3, 10, 12) for e in nordic_sessions)
    assert all(w.sessions for w in plan.weeks)
    if CATALOGUE.get("nordic-curl").feasible_with(owned):
        assert all(
            any(e.slug == "nordic-curl" for s in w.sessions for e in s.exercises)
            for w in plan.weeks
        )


@given(
    week=weeks,
    other=weeks,
    owned=equipment,
    sessions=st.sampled_from([2, 3]),
    start=st.dates(min_value=dt.date(2025, 1, 6), max_value=dt.date(2029, 12, 31)),
    race_offsets=st.lists(st.integers(0, 34), max_size=2),
    override_weeks=st.sets(st.integers(1, 5), max_size=3),
)
def test_races_and_changing_weeks_never_put_sessions_back_to_back_silently(
    week: RunningWeek,
    other: RunningWeek,
    owned: frozenset[str],
    sessions: int,
    start: dt.date,
    race_offsets: list[int],
    override_weeks: set[int],
) -> None:
    races = tuple(start + dt.timedelta(days=o) for o in race_offsets)
    plan = build_plan(
        PlanRequest(
            owned,
            week,
            start,
            weeks=5,
            sessions=sessions,
            race_dates=races,
            week_overrides=dict.fromkeys(override_weeks, other),
        )
    )
    warned = " | ".join(plan.warnings)
    dates = [s.date for s in plan.sessions()]
    for a, b in itertools.pairwise(dates):
        if (b - a).days < 2:
            assert NAMES["consecutive"] in warned, (a, b)
    for race in races:
        assert race not in dates and race - dt.timedelta(days=1) not in dates
    for s in plan.sessions():
        if any(0 < (r - s.date).days <= 5 for r in races):
            assert all(e.slug != "nordic-curl" for e in s.exercises)
