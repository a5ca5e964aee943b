"""A type the athlete gave a run (the Runs page) wins over every rule that infers one: a title
naming a workout, the week's longest run, a fast pace or a high heart rate."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain import Day, InvalidInput, RunType
from hamcoach.domain.runs import KEY_WORDS, Run, infer_running_weeks

MONDAY = dt.date(2026, 3, 2)
ZONES = [dt.UTC, zoneinfo.ZoneInfo("Europe/Berlin"), zoneinfo.ZoneInfo("Pacific/Auckland")]
# Titles that push every rule: workouts, long runs, repetitions, nothing, anything.
TITLES = st.sampled_from(
    ["Morning run", "Long run", "LSD", "6x800", "Race day", "", *sorted(KEY_WORDS)]
) | st.text(max_size=30)
MARKS = st.none() | st.sampled_from([RunType.EASY, RunType.LONG, RunType.KEY])


@st.composite
def marked_runs(draw: st.DrawFn) -> list[Run]:
    out = []
    for i in range(draw(st.integers(1, 30))):
        minute = draw(st.integers(0, 50 * 24 * 60))
        start = dt.datetime.combine(MONDAY, dt.time(), dt.UTC) + dt.timedelta(minutes=minute)
        out.append(
            Run(
                start,
                draw(st.sampled_from([0.0, 300.0, 1800.0, 3600.0, 7200.0, 14_400.0])),
                draw(st.none() | st.floats(0.5, 60.0).map(lambda km: km * 1000)),
                draw(TITLES),
                draw(st.none() | st.floats(90, 200)),
                "p",
                f"p{i}",
                draw(MARKS),
            )
        )
    return out


@given(marked_runs(), st.sampled_from(ZONES))
def test_a_marked_type_always_wins(runs: list[Run], tz: dt.tzinfo) -> None:
    weeks = infer_running_weeks(runs, tz=tz)
    classified = {c.run.external_id: c for w in weeks.values() for c in w.runs}
    assert len(classified) == len(runs)
    for run in runs:
        if run.marked is None:
            continue
        found = classified[run.external_id]
        assert (found.type, found.reason) == (run.marked, "you set this type")
        # The day of the week the plan reads holds the marked type.
        week = weeks[found.date - dt.timedelta(days=found.date.weekday())]
        assert run.marked in week.week.runs(Day.of(found.date))


@given(marked_runs(), st.sampled_from(ZONES))
def test_marks_change_only_the_runs_marked(runs: list[Run], tz: dt.tzinfo) -> None:
    def types(some: list[Run]) -> dict[str, tuple[RunType, str]]:
        weeks = infer_running_weeks(some, tz=tz).values()
        return {c.run.external_id: (c.type, c.reason) for w in weeks for c in w.runs}

    marked = types(runs)
    plain = types([replace(r, marked=None) for r in runs])
    for run in runs:
        if run.marked is None:
            assert marked[run.external_id] == plain[run.external_id]


def test_a_run_is_never_marked_rest() -> None:
    start = dt.datetime(2026, 3, 3, 7, tzinfo=dt.UTC)
    with pytest.raises(InvalidInput, match="easy, long or key, not rest"):
        Run(start, 1800.0, None, "Easy", None, "fit", "r", RunType.REST)
