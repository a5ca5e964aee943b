from __future__ import annotations

import pytest

from hamcoach.domain import Day, InvalidInput, RunningWeek, ScheduleSettings, schedule_week
from hamcoach.domain.scheduling import Constraint, violated

TYPICAL = RunningWeek.parse("mon=rest,tue=key,wed=easy,thu=easy,fri=rest,sat=easy,sun=long")


def days(schedule: object) -> list[str]:
    return [c.day.slug for c in schedule.days]  # type: ignore[attr-defined]


def test_typical_week_prefers_the_key_day_and_avoids_the_day_before_hard_runs() -> None:
    result = schedule_week(TYPICAL, ScheduleSettings(sessions=2))
    assert "tue" in days(result)
    assert "sat" not in days(result)  # before the long run
    assert "mon" not in days(result)  # before the key run
    assert result.relaxed == ()
    assert result.warnings == ()
    tue = next(c for c in result.days if c.day is Day.TUE)
    assert any("key run" in r for r in tue.reasons)


def test_week_is_cyclic_sunday_before_a_monday_key_run() -> None:
    week = RunningWeek.parse("mon=key,wed=long")
    result = schedule_week(week, ScheduleSettings(sessions=2))
    assert "sun" not in days(result)
    assert "tue" not in days(result)
    assert violated(week, (Day.SUN, Day.MON), ScheduleSettings()) == {
        Constraint.NO_CONSECUTIVE,
        Constraint.NOT_BEFORE_KEY,
    }


def test_sunday_and_monday_count_as_consecutive() -> None:
    assert Constraint.NO_CONSECUTIVE in violated(
        RunningWeek.all_rest(), (Day.MON, Day.SUN), ScheduleSettings()
    )


def test_three_sessions_in_an_open_week_are_spread() -> None:
    result = schedule_week(RunningWeek.all_rest(), ScheduleSettings(sessions=3))
    values = sorted(c.day.value for c in result.days)
    assert len(values) == 3
    gaps = [(values[(i + 1) % 3] - v) % 7 for i, v in enumerate(values)]
    assert min(gaps) >= 2


def test_keep_rest_days_relaxed_with_a_warning_when_needed() -> None:
    week = RunningWeek.parse("mon=easy,tue=easy")
    result = schedule_week(week, ScheduleSettings(sessions=2, keep_rest_days=True))
    assert result.relaxed == (Constraint.KEEP_REST_DAYS,)
    assert "keep rest days free" in result.warnings[0]


def test_keep_rest_days_honoured_when_possible() -> None:
    result = schedule_week(TYPICAL, ScheduleSettings(sessions=2, keep_rest_days=True))
    assert not {"mon", "fri"} & set(days(result))
    assert result.relaxed == ()


def test_three_requested_in_a_crowded_week_drops_to_two_before_breaking_day_rules() -> None:
    week = RunningWeek.parse("mon=key,tue=easy,wed=easy,thu=key,fri=easy,sat=easy,sun=long")
    result = schedule_week(week, ScheduleSettings(sessions=3))
    assert len(result.days) == 2
    assert result.relaxed == (Constraint.SESSION_COUNT,)
    assert "sessions per week" in result.warnings[0]


def test_seven_day_runner_with_key_days_everywhere_gets_a_named_relaxation() -> None:
    week = RunningWeek.parse("mon=key,tue=key,wed=key,thu=key,fri=key,sat=key,sun=long")
    result = schedule_week(week, ScheduleSettings(sessions=2))
    assert len(result.days) == 2
    assert Constraint.NOT_BEFORE_KEY in result.relaxed
    assert Constraint.NOT_BEFORE_LONG not in result.relaxed
    assert any("day before a key run" in w for w in result.warnings)


def test_blocked_days_are_never_used() -> None:
    result = schedule_week(TYPICAL, ScheduleSettings(sessions=2, blocked=frozenset({Day.TUE})))
    assert "tue" not in days(result)


def test_session_count_validation() -> None:
    with pytest.raises(InvalidInput, match="maintenance"):
        schedule_week(TYPICAL, ScheduleSettings(sessions=1))
    assert len(schedule_week(TYPICAL, ScheduleSettings(sessions=1, maintenance=True)).days) == 1
    with pytest.raises(InvalidInput):
        schedule_week(TYPICAL, ScheduleSettings(sessions=4))


def test_running_week_parsing() -> None:
    week = RunningWeek.parse("Monday=easy+key, sun=long")
    assert week.label(Day.MON) == "easy+key"
    assert week.is_demanding(Day.MON)
    assert week.label(Day.TUE) == "rest"
    assert RunningWeek.parse(week.to_text()) == week
    with pytest.raises(InvalidInput, match="twice"):
        RunningWeek.parse("mon=easy,mon=key")
    with pytest.raises(InvalidInput, match="day=type"):
        RunningWeek.parse("mon")
    with pytest.raises(InvalidInput, match="allowed: mon, tue"):
        RunningWeek.parse("mo=easy")
