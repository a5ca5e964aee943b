"""Running weeks inferred from imported runs (DESIGN 3.3)."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import zoneinfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain import Day, InvalidInput, PlanRequest, RunningWeek, RunType
from hamcoach.domain.planning import build_plan
from hamcoach.domain.runs import (
    Run,
    infer_running_weeks,
    monday_of,
    title_key_word,
    title_says_long,
    typical_week,
    week_overrides,
)

UTC = dt.UTC
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
MONDAY = dt.date(2026, 3, 2)


def run(
    day: dt.date,
    minutes: float,
    km: float | None = None,
    *,
    title: str = "Morning run",
    hour: int = 7,
    hr: float | None = None,
    tz: dt.tzinfo = UTC,
) -> Run:
    start = dt.datetime.combine(day, dt.time(hour), tzinfo=tz)
    return Run(
        start, minutes * 60, None if km is None else km * 1000, title, hr, "test", f"t:{start}"
    )


def easy_week(monday: dt.date) -> list[Run]:
    """Tue 45 min, Thu 45 min, Sat 50 min, all at 6:00/km, Sunday 100 min long run."""
    d = monday
    return [
        run(d + dt.timedelta(days=1), 45, 7.5),
        run(d + dt.timedelta(days=3), 45, 7.5),
        run(d + dt.timedelta(days=5), 48, 8.0),
        run(d + dt.timedelta(days=6), 100, 15.0),
    ]


def test_run_needs_an_aware_start_and_sane_numbers() -> None:
    with pytest.raises(InvalidInput, match="time zone"):
        Run(dt.datetime(2026, 3, 2, 7), 1800, 5000, "x", None, "t", "id")
    with pytest.raises(InvalidInput, match="duration"):
        Run(dt.datetime(2026, 3, 2, 7, tzinfo=UTC), -1, 5000, "x", None, "t", "id")
    with pytest.raises(InvalidInput, match="distance"):
        Run(dt.datetime(2026, 3, 2, 7, tzinfo=UTC), 1, -5, "x", None, "t", "id")
    with pytest.raises(InvalidInput, match="external id"):
        Run(dt.datetime(2026, 3, 2, 7, tzinfo=UTC), 1, 5, "x", None, "t", "")


@pytest.mark.parametrize(
    ("title", "word"),
    [
        ("Tuesday intervals", "intervals"),
        ("TEMPO 20'", "tempo"),
        ("Threshold cruise", "threshold"),
        ("Hill repeats", "hill"),
        ("parkrun!", "parkrun"),
        ("VO2max session", "vo2max"),
        ("Track 6x800m", "track"),
        ("5 x 1km", "5 x 1"),
        ("10k race", "race"),
        ("Easy run", None),
        ("Trackless wander", None),  # word-based: "trackless" is not "track"
        ("Retempo", None),
    ],
)
def test_title_key_words(title: str, word: str | None) -> None:
    assert title_key_word(title) == word


def test_title_long() -> None:
    assert title_says_long("Sunday LONG run")
    assert title_says_long("LSD 2h")
    assert not title_says_long("Longest day")


def test_typical_athlete_week() -> None:
    runs = [
        *easy_week(MONDAY - dt.timedelta(days=7)),
        run(MONDAY + dt.timedelta(days=1), 50, 9, title="Track 6x800"),
        run(MONDAY + dt.timedelta(days=2), 45, 7.5),
        run(MONDAY + dt.timedelta(days=3), 40, 8.0, title="Morning run"),  # 5:00/km: fast
        run(MONDAY + dt.timedelta(days=6), 110, 16.5),
    ]
    weeks = infer_running_weeks(runs, tz=UTC)
    assert list(weeks) == [MONDAY - dt.timedelta(days=7), MONDAY]
    week = weeks[MONDAY].week
    assert week == RunningWeek.parse("tue=key,wed=easy,thu=key,sun=long")
    reasons = "\n".join(weeks[MONDAY].reasons)
    assert "names a workout ('track')" in reasons
    assert "faster than your typical run" in reasons
    assert "longest run, 110 min" in reasons
    assert weeks[MONDAY - dt.timedelta(days=7)].week == RunningWeek.parse(
        "tue=easy,thu=easy,sat=easy,sun=long"
    )


def test_heart_rate_marks_a_hard_run() -> None:
    runs = [run(MONDAY + dt.timedelta(days=i), 45, hr=140) for i in range(4)]
    runs.append(run(MONDAY + dt.timedelta(days=5), 45, hr=156))
    week = infer_running_weeks(runs, tz=UTC)[MONDAY]
    assert week.week.runs(Day.SAT) == (RunType.KEY,)
    assert "heart rate 11 % above" in week.reasons[-1]


def test_short_fast_runs_and_too_few_runs_do_not_count() -> None:
    runs = [run(MONDAY + dt.timedelta(days=i), 45, 7.5) for i in range(3)]
    runs.append(run(MONDAY + dt.timedelta(days=3), 5, 1.5))  # strides: fast but 5 min
    assert infer_running_weeks(runs, tz=UTC)[MONDAY].week.runs(Day.THU) == (RunType.EASY,)
    # Two runs are no baseline for pace: the faster one stays easy.
    two = [run(MONDAY, 45, 7.5), run(MONDAY + dt.timedelta(days=2), 45, 9.0)]
    assert RunType.KEY not in {
        t for _, ts in infer_running_weeks(two, tz=UTC)[MONDAY].week for t in ts
    }


def test_only_the_clearly_longest_run_is_long() -> None:
    runs = [
        run(MONDAY, 40),
        run(MONDAY + dt.timedelta(days=1), 40),
        run(MONDAY + dt.timedelta(days=2), 90),
        run(MONDAY + dt.timedelta(days=5), 95),
    ]
    week = infer_running_weeks(runs, tz=UTC)[MONDAY].week
    assert week.runs(Day.SAT) == (RunType.LONG,)
    assert week.runs(Day.WED) == (RunType.EASY,)
    # 55 min is 1.3 x the median but under an hour: not long.
    short = [
        run(MONDAY, 40),
        run(MONDAY + dt.timedelta(days=1), 40),
        run(MONDAY + dt.timedelta(days=2), 55),
    ]
    assert infer_running_weeks(short, tz=UTC)[MONDAY].week.runs(Day.WED) == (RunType.EASY,)


def test_planned_runs_without_duration_use_distance_and_titles() -> None:
    runs = [
        run(MONDAY, 0, 8),
        run(MONDAY + dt.timedelta(days=2), 0, 8),
        run(MONDAY + dt.timedelta(days=4), 0, 8),
        run(MONDAY + dt.timedelta(days=6), 0, 18),
        run(MONDAY + dt.timedelta(days=9), 0, None, title="Long run"),
    ]
    weeks = infer_running_weeks(runs, tz=UTC)
    assert weeks[MONDAY].week.runs(Day.SUN) == (RunType.LONG,)
    assert weeks[MONDAY + dt.timedelta(days=7)].week.runs(Day.WED) == (RunType.LONG,)


def test_two_runs_a_day_give_two_types() -> None:
    runs = [
        *[run(MONDAY + dt.timedelta(days=i), 45, 7.5) for i in range(1, 4)],
        run(MONDAY, 30, 5, hour=6),
        run(MONDAY, 40, 8, title="Tempo", hour=18),
        run(MONDAY + dt.timedelta(days=4), 30, 5, hour=6),
        run(MONDAY + dt.timedelta(days=4), 30, 5, hour=18),
    ]
    week = infer_running_weeks(runs, tz=UTC)[MONDAY].week
    assert week.runs(Day.MON) == (RunType.EASY, RunType.KEY)
    assert week.runs(Day.FRI) == (RunType.EASY,)  # two easy runs are one easy day
    assert week.label(Day.MON) == "easy+key"


def test_days_follow_the_athletes_time_zone() -> None:
    late = Run(
        dt.datetime(2026, 3, 8, 23, 30, tzinfo=UTC), 1800, 5000, "Run", None, "t", "late"
    )  # Sunday in UTC, Monday 00:30 in Berlin
    assert list(infer_running_weeks([late], tz=UTC)) == [MONDAY]
    in_berlin = infer_running_weeks([late], tz=BERLIN)
    assert list(in_berlin) == [MONDAY + dt.timedelta(days=7)]
    assert in_berlin[MONDAY + dt.timedelta(days=7)].week.runs(Day.MON) == (RunType.EASY,)


def test_weeks_without_runs_are_rest_weeks() -> None:
    runs = [run(MONDAY, 40), run(MONDAY + dt.timedelta(days=21), 40)]
    weeks = infer_running_weeks(runs, tz=UTC)
    assert len(weeks) == 4
    empty = weeks[MONDAY + dt.timedelta(days=7)]
    assert empty.week == RunningWeek.all_rest()
    assert empty.reasons == ("no runs recorded this week",)
    assert infer_running_weeks([], tz=UTC) == {}


def test_week_overrides_follow_the_plan_start() -> None:
    runs = [*easy_week(MONDAY), *easy_week(MONDAY + dt.timedelta(days=7))]
    runs.append(run(MONDAY + dt.timedelta(days=8), 50, 9, title="Intervals"))  # 2nd Tuesday
    weeks = infer_running_weeks(runs, tz=UTC)
    # A Monday start maps plan weeks onto ISO weeks.
    assert week_overrides(weeks, plan_start=MONDAY, weeks=4) == {
        1: weeks[MONDAY].week,
        2: weeks[MONDAY + dt.timedelta(days=7)].week,
    }
    # A Wednesday start takes Wed-Sun of one ISO week and Mon-Tue of the next.
    wed = MONDAY + dt.timedelta(days=2)
    overrides = week_overrides(weeks, plan_start=wed, weeks=3)
    assert list(overrides) == [1]  # week 2 runs past the imported data
    assert overrides[1].runs(Day.TUE) == (RunType.EASY, RunType.KEY)
    assert overrides[1].runs(Day.SUN) == (RunType.LONG,)
    assert overrides[1].runs(Day.THU) == (RunType.EASY,)


def test_overrides_feed_the_planner() -> None:
    runs = [*easy_week(MONDAY), run(MONDAY + dt.timedelta(days=2), 50, 9, title="Tempo")]
    weeks = infer_running_weeks(runs, tz=UTC)
    overrides = week_overrides(weeks, plan_start=MONDAY, weeks=2)
    typical = RunningWeek.parse("sat=long")
    plan = build_plan(
        PlanRequest(frozenset({"nordic-bench"}), typical, MONDAY, weeks=2, week_overrides=overrides)
    )
    days = {s.day for s in plan.weeks[0].sessions}
    # Imported runs, not the typical week, decide: no session before the tempo or the long run.
    assert Day.TUE not in days
    assert Day.SAT not in days


def test_typical_week_is_the_most_common_pattern() -> None:
    runs: list[Run] = []
    for w in range(6):
        monday = MONDAY + dt.timedelta(days=7 * w)
        runs += easy_week(monday)
        title = "Intervals" if w != 4 else "Easy"
        runs.append(run(monday + dt.timedelta(days=1), 45, 7.5, title=title, hour=18))
    runs.append(run(MONDAY + dt.timedelta(days=7 * 8), 45, 7.5))  # after a two-week break
    weeks = infer_running_weeks(runs, tz=UTC)
    typical = typical_week(weeks, last=4)
    assert len(typical.weeks_used) == 4
    assert MONDAY + dt.timedelta(days=7 * 6) not in typical.weeks_used  # empty weeks left out
    assert typical.week.runs(Day.TUE) == (RunType.EASY, RunType.KEY)
    assert typical.week.runs(Day.SUN) == (RunType.LONG,)
    assert typical.week.runs(Day.MON) == ()
    assert any(r.startswith("Tue: easy+key in 2 of 4") for r in typical.reasons)


def test_typical_week_ties_go_to_the_demanding_day() -> None:
    runs = [run(MONDAY, 45, 7.5, title="Tempo"), run(MONDAY + dt.timedelta(days=7), 45, 7.5)]
    typical = typical_week(infer_running_weeks(runs, tz=UTC), last=2)
    assert typical.week.runs(Day.MON) == (RunType.KEY,)


def test_typical_week_needs_runs() -> None:
    with pytest.raises(InvalidInput, match="no imported runs"):
        typical_week({})
    with pytest.raises(InvalidInput, match="at least 1"):
        typical_week({}, last=0)


# --- properties ---------------------------------------------------------------------------------

TITLES = ("Run", "Easy", "Tempo", "Long run", "Intervals 6x800", "Recovery jog", "")


@st.composite
def runs_strategy(draw: st.DrawFn) -> list[Run]:
    count = draw(st.integers(0, 25))
    out = []
    for i in range(count):
        day = MONDAY + dt.timedelta(days=draw(st.integers(0, 40)))
        minute = draw(st.integers(0, 24 * 60 - 1))
        start = dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=UTC)
        duration = draw(st.sampled_from([0.0, 300.0, 1800.0, 2700.0, 4000.0, 7200.0]))
        km = draw(st.one_of(st.none(), st.floats(0.5, 40)))
        hr = draw(st.one_of(st.none(), st.floats(90, 190)))
        out.append(
            Run(
                start,
                duration,
                None if km is None else km * 1000,
                draw(st.sampled_from(TITLES)),
                hr,
                "p",
                f"p{i}",
            )
        )
    return out


@given(runs_strategy(), st.sampled_from([UTC, BERLIN, zoneinfo.ZoneInfo("America/Los_Angeles")]))
def test_inferred_weeks_account_for_every_run(runs: list[Run], tz: dt.tzinfo) -> None:
    weeks = infer_running_weeks(runs, tz=tz)
    mondays = list(weeks)
    assert mondays == sorted(mondays)
    assert all(b - a == dt.timedelta(days=7) for a, b in itertools.pairwise(mondays))
    assert sum(len(w.runs) for w in weeks.values()) == len(runs)
    for monday, week in weeks.items():
        assert monday.weekday() == 0
        run_days = {Day.of(c.date) for c in week.runs}
        for c in week.runs:
            assert monday_of(c.date) == monday
            assert c.date == c.run.start.astimezone(tz).date()
            assert c.type in week.week.runs(Day.of(c.date))
        for day, types in week.week:
            assert bool(types) == (day in run_days)
            assert len(types) == len(set(types))
        sized_long = [c for c in week.runs if c.type is RunType.LONG and "longest" in c.reason]
        assert len(sized_long) <= 1
    # The order runs arrive in does not matter.
    shuffled = list(runs)
    random.Random(0).shuffle(shuffled)
    assert infer_running_weeks(shuffled, tz=tz) == weeks


@given(runs_strategy(), st.integers(1, 6), st.integers(0, 6), st.integers(1, 8))
def test_overrides_and_typical_week_come_from_inferred_days(
    runs: list[Run], last: int, offset: int, n_weeks: int
) -> None:
    weeks = infer_running_weeks(runs, tz=UTC)
    start = MONDAY + dt.timedelta(days=offset)
    overrides = week_overrides(weeks, plan_start=start, weeks=n_weeks)
    for number, week in overrides.items():
        assert 1 <= number <= n_weeks
        for i in range(7):
            date = start + dt.timedelta(days=7 * (number - 1) + i)
            assert week.runs(Day.of(date)) == weeks[monday_of(date)].week.runs(Day.of(date))
    if not any(w.runs for w in weeks.values()):
        with pytest.raises(InvalidInput):
            typical_week(weeks, last=last)
        return
    typical = typical_week(weeks, last=last)
    assert 1 <= len(typical.weeks_used) <= last
    for day, types in typical.week:
        seen = [sorted(weeks[m].week.runs(day)) for m in typical.weeks_used]
        assert sorted(types) in seen


# --- the typical week comes from recent weeks, not from files years apart ------------------------


def test_files_years_apart_do_not_make_a_typical_week_together() -> None:
    old = [dt.date(2010, 10, 5), dt.date(2015, 6, 2)]  # two Tuesdays, years before
    latest = dt.date(2017, 3, 9)  # a Thursday
    runs = [run(day, 45, 7.5) for day in [*old, latest]]
    typical = typical_week(infer_running_weeks(runs, tz=UTC))
    assert typical.weeks_used == (monday_of(latest),)
    assert typical.week.runs(Day.THU) == (RunType.EASY,)
    assert typical.week.runs(Day.TUE) == ()  # not "easy in 2 of 3 weeks"
    assert "Thu: easy in 1 of 1 weeks" in typical.reasons
    assert typical.reasons[-1] == (
        "2 older weeks with runs (the latest the week of 2015-06-01) left out: "
        "outside the 8 weeks up to the latest run"
    )


def test_the_typical_week_looks_back_eight_weeks_for_four_with_runs() -> None:
    # Runs in weeks 0, 1, 5 and 8 (a holiday and an injury between): from week 8, the window
    # reaches back to week 1, so weeks 1, 5 and 8 make the typical week and week 0 does not.
    runs = [run(MONDAY + dt.timedelta(weeks=w, days=1), 45, 7.5) for w in (0, 1, 5, 8)]
    typical = typical_week(infer_running_weeks(runs, tz=UTC))
    assert typical.weeks_used == tuple(MONDAY + dt.timedelta(weeks=w) for w in (1, 5, 8))
    assert "Tue: easy in 3 of 3 weeks" in typical.reasons
    assert "1 older week with runs" in typical.reasons[-1]
    with pytest.raises(InvalidInput, match="span of at least 1"):
        typical_week(infer_running_weeks(runs, tz=UTC), span=0)


@st.composite
def run_histories(draw: st.DrawFn) -> list[Run]:
    """Runs in clusters of weeks (a season), the clusters weeks to years apart."""
    out: list[Run] = []
    week = 0
    for _cluster in range(draw(st.integers(1, 4))):
        week += draw(st.sampled_from([1, 2, 5, 9, 30, 200]))
        for _ in range(draw(st.integers(1, 6))):
            week += draw(st.integers(1, 3))
            for day in draw(st.sets(st.integers(0, 6), min_size=1, max_size=3)):
                date = dt.date(2005, 1, 3) + dt.timedelta(weeks=week, days=day)
                title = draw(st.sampled_from(TITLES))
                out.append(run(date, draw(st.sampled_from([30, 45, 70, 110])), 8.0, title=title))
    return out


@given(run_histories(), st.integers(1, 6), st.integers(1, 12))
def test_the_typical_week_uses_the_latest_weeks_with_runs_within_the_span(
    runs: list[Run], last: int, span: int
) -> None:
    weeks = infer_running_weeks(runs, tz=UTC)
    typical = typical_week(weeks, last=last, span=span)
    with_runs = sorted(m for m, w in weeks.items() if w.runs)
    latest = with_runs[-1]
    in_span = [m for m in with_runs if (latest - m).days < 7 * span]
    # Exactly the latest `last` weeks with runs among the `span` weeks up to the latest run.
    assert typical.weeks_used == tuple(in_span[-last:])
    assert typical.weeks_used[-1] == latest
    assert all((latest - m).days <= 7 * (span - 1) for m in typical.weeks_used)
    used = len(typical.weeks_used)
    for day, reason in zip(Day, typical.reasons, strict=False):
        assert reason.startswith(f"{day.name.capitalize()}: ")
        assert reason.endswith(f" of {used} weeks")
        count = int(reason.rsplit(" in ", 1)[1].split(" of ")[0])
        pattern = sorted(typical.week.runs(day))
        assert count == sum(sorted(weeks[m].week.runs(day)) == pattern for m in typical.weeks_used)
    older = len(with_runs) - len(in_span)
    assert (len(typical.reasons) == 8) == (older > 0)
    if older:
        assert typical.reasons[-1].startswith(f"{older} older week")
