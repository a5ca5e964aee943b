"""Issue 10, item 4: the race rules are settings, and the plan keeps whichever ones are set.

Over generated rules, races and running weeks: no session on race day or in its quiet days, no
Nordic in the days before or after a race that the rules name, at most the rules' sessions in a
race week, the rules' change of sets there, and reasons that state the values in force.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain.errors import InvalidInput, UnknownChoice
from hamcoach.domain.model import RunningWeek, RunType
from hamcoach.domain.planning import PlanRequest, build_plan
from hamcoach.domain.race_rules import LIMITS, RaceRules

MONDAY = dt.date(2026, 11, 30)
GYM = frozenset({"lying-curl-machine", "seated-curl-machine", "nordic-bench", "towel"})

rules = st.builds(
    RaceRules,
    **{name: st.integers(low, high) for name, (low, high, _) in LIMITS.items()},
)
weeks = st.tuples(
    *(st.sampled_from([(), (RunType.EASY,), (RunType.KEY,), (RunType.LONG,)]) for _ in range(7))
).map(RunningWeek)


@given(
    race_rules=rules,
    week=weeks,
    offsets=st.lists(st.integers(0, 27), min_size=1, max_size=2, unique=True),
    sessions=st.sampled_from([2, 3]),
)
def test_the_plan_keeps_the_race_rules_it_is_given(
    race_rules: RaceRules, week: RunningWeek, offsets: list[int], sessions: int
) -> None:
    races = tuple(MONDAY + dt.timedelta(days=o) for o in offsets)
    plan = build_plan(
        PlanRequest(
            GYM,
            week,
            MONDAY,
            weeks=4,
            sessions=sessions,
            race_dates=races,
            race_rules=race_rules,
            nordic_ramp=False,  # full-dose Nordics: their sets follow the race-week change too
        )
    )
    for race in races:
        quiet = {race - dt.timedelta(days=d) for d in range(race_rules.quiet_days + 1)}
        for s in plan.sessions():
            assert s.date not in quiet
            if any(e.slug == "nordic-curl" for e in s.exercises):
                assert not (
                    -race_rules.nordic_after_days
                    <= (race - s.date).days
                    <= race_rules.nordic_before_days
                ), (s.date, race)
    for w in plan.weeks:
        in_week = [r for r in races if w.start <= r < w.start + dt.timedelta(days=7)]
        if not in_week:
            continue
        assert len(w.sessions) <= race_rules.week_sessions
        for s in w.sessions:
            assert race_rules.week_reason() in s.reasons
            assert all(e.sets == max(1, 3 + race_rules.week_sets_delta) for e in s.exercises)


def test_the_reasons_name_the_values_in_force() -> None:
    rules = RaceRules(week_sessions=1, week_sets_delta=-2, quiet_days=4, nordic_after_days=3)
    assert rules.week_reason() == (
        "race week: 2 sets fewer, at most 1 session and none in the 4 days before the race, "
        "so you start it fresh"
    )
    race = MONDAY + dt.timedelta(days=3)
    after = rules.no_nordic_reason(race + dt.timedelta(days=3), [race])
    assert after.startswith("no Nordic in the 3 days after your race")
    before = rules.no_nordic_reason(race - dt.timedelta(days=4), [race])
    assert before.startswith("no Nordic within 5 days of your race")


def test_a_nordic_the_day_after_a_race_when_the_coach_allows_it() -> None:
    race = MONDAY + dt.timedelta(days=5)  # Saturday
    week = RunningWeek.parse("tue=key,thu=easy,sun=long")
    default = RaceRules()
    allowed = RaceRules(nordic_after_days=0)
    day_after = race + dt.timedelta(days=1)
    assert not default.nordic_allowed(day_after, [race])
    assert allowed.nordic_allowed(day_after, [race])
    plan = build_plan(
        PlanRequest(frozenset({"partner"}), week, MONDAY, weeks=2, race_dates=(race,)),
    )
    assert all(s.date > day_after + dt.timedelta(days=1) or s.date < race for s in plan.sessions())


def test_rules_are_read_from_text_and_checked() -> None:
    assert RaceRules().with_text("quiet_days=2, nordic-after-days=0") == RaceRules(
        quiet_days=2, nordic_after_days=0
    )
    with pytest.raises(UnknownChoice, match="race rule"):
        RaceRules().with_text("quiet=2")
    with pytest.raises(InvalidInput, match="name=number"):
        RaceRules().with_text("quiet_days")
    with pytest.raises(InvalidInput, match="days before a race without a session must be 1 to 6"):
        RaceRules().with_text("quiet_days=9")
    with pytest.raises(InvalidInput, match="must be -2 to 0"):
        RaceRules(week_sets_delta=1).validate()


def test_long_quiet_days_before_next_weeks_race_shrink_this_week_and_say_so() -> None:
    race = MONDAY + dt.timedelta(days=7)  # next Monday: six quiet days cover Tue-Sun
    plan = build_plan(
        PlanRequest(
            GYM,
            RunningWeek.parse("tue=key,thu=easy,sun=long"),
            MONDAY,
            weeks=2,
            race_dates=(race,),
            race_rules=RaceRules(quiet_days=6),
        )
    )
    assert [s.date for s in plan.weeks[0].sessions] == [MONDAY]
    assert any(
        w.startswith("week 1: fewer sessions: the quiet days before a race") for w in plan.warnings
    )
