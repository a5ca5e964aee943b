"""The scheduler against a brute force over every day set (issue 10, items 1-3).

The oracle below re-states the rules from the README's plan rules on its own, without the
scheduler's code: which day comes after which (the real next week at the week's edge), which
days are back to back, which rule is more important. It enumerates all day sets, and the
scheduler's choice must be one of the best: no other set breaks a less bad set of rules (the
rules compared from the most important down), and among those, none allows a Nordic where the
choice does not. The warnings must name exactly the rules the chosen days break.
"""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain import Day, PlanRequest, RunningWeek, RunType, build_plan
from hamcoach.domain.scheduling import Constraint, ScheduleSettings, schedule_week

# Most important first, as the README's plan rules list them.
ORDER = [
    "no session the day before the long run",
    "no session the day before a key run",
    "no hamstring sessions on consecutive days",
    "sessions per week",
    "keep rest days free",
]

run_types = st.lists(st.sampled_from([RunType.EASY, RunType.LONG, RunType.KEY]), max_size=2)
weeks = st.builds(
    lambda days: RunningWeek.of(dict(zip(Day, days, strict=True))),
    st.lists(run_types, min_size=7, max_size=7),
)
day_sets = st.frozensets(st.sampled_from(list(Day)), max_size=3)


def _oracle_broken(
    week: RunningWeek,
    following: RunningWeek | None,
    first: Day,
    days: tuple[Day, ...],
    sessions: int,
    keep_rest: bool,
) -> set[str]:
    broken: set[str] = set()
    for day in days:
        after = day.shift(1)
        # In a real week the day after its last day is the next week's first day.
        source = following if following is not None and after == first else week
        if RunType.LONG in source.runs(after):
            broken.add("no session the day before the long run")
        if RunType.KEY in source.runs(after):
            broken.add("no session the day before a key run")
        if keep_rest and not week.runs(day):
            broken.add("keep rest days free")
    if following is None:  # a repeating pattern: Sunday and Monday are neighbours
        adjacent = any(d.shift(1) in days for d in days)
    else:  # a real week: positions from its first day, no wrap
        places = sorted((d.value - first.value) % 7 for d in days)
        adjacent = any(b - a < 2 for a, b in itertools.pairwise(places))
    if len(days) > 1 and adjacent:
        broken.add("no hamstring sessions on consecutive days")
    if len(days) < sessions:
        broken.add("sessions per week")
    return broken


def _badness(broken: set[str]) -> tuple[bool, ...]:
    return tuple(rule in broken for rule in ORDER)


@given(
    week=weeks,
    following=st.none() | weeks,
    first=st.sampled_from(list(Day)),
    sessions=st.sampled_from([1, 2, 3]),
    keep_rest=st.booleans(),
    blocked=day_sets,
    nordic_days=st.none() | st.frozensets(st.sampled_from(list(Day))),
    fewest=st.sampled_from([1, 2]),
)
def test_the_chosen_days_are_a_best_day_set_and_the_warnings_are_exact(
    week: RunningWeek,
    following: RunningWeek | None,
    first: Day,
    sessions: int,
    keep_rest: bool,
    blocked: frozenset[Day],
    nordic_days: frozenset[Day] | None,
    fewest: int,
) -> None:
    settings = ScheduleSettings(
        sessions=sessions,
        keep_rest_days=keep_rest,
        maintenance=sessions == 1,
        blocked=blocked,
        nordic_days=nordic_days,
        first_day=first,
        fewest=fewest,
    )
    free = [d for d in Day if d not in blocked]
    # The count may drop to `fewest` (2 by default: the programme's minimum), never below 1.
    sizes = list(range(sessions, max(1, min(fewest, sessions)) - 1, -1))
    options = [c for n in sizes for c in itertools.combinations(free, n)]
    if not options:
        return  # too many days blocked: refused, tested in test_scheduling.py
    chosen = schedule_week(week, settings, following)
    days = tuple(c.day for c in chosen.days)

    def key(option: tuple[Day, ...]) -> tuple[tuple[bool, ...], bool]:
        broken = _oracle_broken(week, following, first, option, sessions, keep_rest)
        misses_nordic = nordic_days is not None and not set(option) & nordic_days
        return _badness(broken), misses_nordic

    assert key(days) == min(key(o) for o in options)
    broken = _oracle_broken(week, following, first, days, sessions, keep_rest)
    assert {c.value for c in chosen.relaxed} == broken
    assert [w.split("'")[1] for w in chosen.warnings] == [r for r in reversed(ORDER) if r in broken]
    assert not set(days) & blocked
    assert len(set(days)) == len(days) == len(chosen.days)


def test_dropping_a_session_does_not_also_free_the_rest_days() -> None:
    """The issue's week: Wed + Sat breaks only the session count, so it beats a Sunday rest day
    that breaks "keep rest days free" on top."""
    week = RunningWeek.parse("mon=rest,tue=key,wed=key,thu=easy,fri=easy,sat=long,sun=rest")
    chosen = schedule_week(week, ScheduleSettings(sessions=3, keep_rest_days=True))
    assert [c.day for c in chosen.days] == [Day.WED, Day.SAT]
    assert chosen.relaxed == (Constraint.SESSION_COUNT,)
    assert len(chosen.warnings) == 1 and "sessions per week" in chosen.warnings[0]


MONDAY = dt.date(2026, 12, 7)
EASY = RunningWeek.parse("mon=rest,tue=easy,wed=easy,thu=easy,fri=rest,sat=easy,sun=rest")


def test_a_key_run_next_monday_keeps_this_sunday_free() -> None:
    """The issue's case: week 2's imported runs start with a key run on Monday, so week 1's
    Sunday is the day before a key run, though the usual week has an easy Monday."""
    usual = RunningWeek.parse("mon=easy,tue=key,wed=easy,thu=key,fri=easy,sat=easy,sun=key")
    imported = RunningWeek.parse("mon=key,tue=easy,wed=easy,thu=key,fri=easy,sat=easy,sun=key")
    sunday = MONDAY + dt.timedelta(days=6)
    calm = build_plan(PlanRequest(frozenset({"towel"}), usual, MONDAY, weeks=2))
    assert sunday in [s.date for s in calm.weeks[0].sessions]  # the best day without the import
    plan = build_plan(
        PlanRequest(frozenset({"towel"}), usual, MONDAY, weeks=2, week_overrides={2: imported})
    )
    assert sunday not in [s.date for s in plan.weeks[0].sessions]
    assert not any("key run" in w for w in plan.warnings)


@given(week=weeks, imported=weeks, sessions=st.sampled_from([2, 3]))
def test_imported_weeks_are_respected_across_the_week_edge(
    week: RunningWeek, imported: RunningWeek, sessions: int
) -> None:
    """Property: a session on the last day before a week whose first day holds a key or long
    run is always named in the warnings of that plan week."""
    plan = build_plan(
        PlanRequest(
            frozenset({"towel"}),
            week,
            MONDAY,
            weeks=2,
            sessions=sessions,
            week_overrides={2: imported},
        )
    )
    sunday = MONDAY + dt.timedelta(days=6)
    if sunday in [s.date for s in plan.weeks[0].sessions]:
        demanding = set(imported.runs(Day.MON)) & {RunType.KEY, RunType.LONG}
        for kind, rule in ((RunType.KEY, "key run"), (RunType.LONG, "long run")):
            if kind in demanding:
                assert any(
                    rule in w and ("week 1" in w or "every week" in w) for w in plan.warnings
                )


def test_a_race_week_prefers_the_day_that_allows_a_nordic() -> None:
    """Race on Sunday: Monday (six days out) allows a Nordic, Wednesday and Friday (the key
    run days, the best days otherwise) do not."""
    race = MONDAY + dt.timedelta(days=6)
    week = RunningWeek.parse("mon=rest,tue=easy,wed=key,thu=easy,fri=key,sat=easy,sun=rest")
    plan = build_plan(
        PlanRequest(
            frozenset({"partner", "towel"}),
            week,
            MONDAY,
            weeks=1,
            race_dates=(race,),
            nordic_ramp=False,
        )
    )
    nordic_days = [
        s.date for s in plan.weeks[0].sessions if any(e.slug == "nordic-curl" for e in s.exercises)
    ]
    assert nordic_days and all((race - d).days > 5 for d in nordic_days)


def test_asymmetry_with_one_exercise_per_session_still_gets_a_nordic() -> None:
    plan = build_plan(
        PlanRequest(
            frozenset({"partner", "towel", "lying-curl-machine"}),
            EASY,
            MONDAY,
            weeks=2,
            per_session=1,
            asymmetry_pct=22.0,
            nordic_ramp=False,
        )
    )
    for week in plan.weeks:
        slugs = [e.slug for s in week.sessions for e in s.exercises]
        assert "single-leg-curl" in slugs and "nordic-curl" in slugs


def test_when_no_nordic_fits_the_plan_says_why() -> None:
    """Races on Saturday and Sunday: Friday to Sunday are blocked, and Monday to Thursday are
    all within five days of Saturday's race."""
    races = (MONDAY + dt.timedelta(days=5), MONDAY + dt.timedelta(days=6))
    plan = build_plan(
        PlanRequest(
            frozenset({"partner", "towel"}),
            EASY,
            MONDAY,
            weeks=1,
            race_dates=races,
            nordic_ramp=False,
        )
    )
    assert not any(e.slug == "nordic-curl" for s in plan.weeks[0].sessions for e in s.exercises)
    assert any("no Nordic" in w and "race" in w for w in plan.warnings)


def test_warnings_list_each_week_once_in_words() -> None:
    from hamcoach.domain.planning import _week_prefix

    assert _week_prefix([1, 1], 3) == "week 1: "
    assert _week_prefix([2, 1, 2], 3) == "weeks 1 and 2: "
    assert _week_prefix([1, 2, 4], 5) == "weeks 1, 2 and 4: "
    assert _week_prefix([1, 2, 3], 3) == "every week: "


def test_a_second_nordic_in_a_week_says_why_it_is_there() -> None:
    plan = build_plan(
        PlanRequest(
            frozenset({"partner", "towel"}),
            EASY,
            MONDAY,
            weeks=1,
            sessions=3,
            nordic_ramp=False,
        )
    )
    nordic_reasons = [
        r
        for s in plan.weeks[0].sessions
        if any(e.slug == "nordic-curl" for e in s.exercises)
        for r in s.reasons
        if r.startswith("Nordic hamstring curl:")
    ]
    assert len(nordic_reasons) >= 2
    assert "strongest evidence" in nordic_reasons[0]
    assert all("the week's second" in r or "the week's third" in r for r in nordic_reasons[1:])
