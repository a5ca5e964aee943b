"""Tracks that cannot be the run they claim: refused (skipped with the reason) or stored with a
warning, never stored silently. Files from gpxpy, Garmin's FIT encoder and ElementTree (TCX)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain.runs import MAX_RUN_SECONDS
from hamcoach.integrations.activity_checks import (
    EARLIEST_START,
    FUTURE_SLACK,
    WALK_KMH,
    own_times,
    pace_problem,
    start_problem,
)
from hamcoach.integrations.runs_import import parse_runs
from tests.integrations.files import START, UTC, fit_activity, gpx_file, tcx_file


def every(seconds: float, count: int, start: dt.datetime = START) -> list[dt.datetime | None]:
    return [start + dt.timedelta(seconds=seconds * i) for i in range(count)]


# --- partial times: stored without a duration, with a warning -----------------------------------


def test_a_track_whose_points_mostly_have_no_time_is_stored_without_a_duration() -> None:
    # 4.6 km of points, 100 m apart; only the first four have times, 20 s apart: "in 1 min".
    times = every(20, 4) + [None] * 43
    result = parse_runs(gpx_file(times, metres_apart=100.0), name="partial.gpx")
    [run] = result.runs
    assert run.start == START  # the day stands
    assert run.distance_m == pytest.approx(4600, rel=0.01)  # and the distance
    assert run.duration_s == 0  # 0 = unknown: no 276 km/h pace in the baselines
    assert run.speed_mps is None
    assert result.skipped == []
    [warning] = result.warnings
    assert warning.startswith("track 'Lunch run': only 4 of 47 track points have a time")
    assert "(4.6 km 'in 1 min')" in warning
    assert "without a duration or pace" in warning


def test_a_track_whose_points_mostly_share_one_time_is_stored_without_a_duration() -> None:
    times: list[dt.datetime | None] = [START for _ in range(46)]
    times.append(START + dt.timedelta(minutes=1))
    result = parse_runs(gpx_file(times, metres_apart=100.0), name="same.gpx")
    [run] = result.runs
    assert run.duration_s == 0
    assert result.warnings[0].startswith("track 'Lunch run': only 2 of 47 track points")


def test_a_track_timed_at_half_its_points_keeps_its_duration() -> None:
    # Every other point without a time (a logger writing times every second fix): covered.
    times = [t if i % 2 == 0 else None for i, t in enumerate(every(10, 41))]
    result = parse_runs(gpx_file(times, metres_apart=30.0), name="half.gpx")
    [run] = result.runs
    assert run.duration_s == 400
    assert result.warnings == []


@given(
    st.integers(2, 60).flatmap(
        lambda n: st.tuples(st.just(n), st.sets(st.integers(0, n - 1), min_size=1, max_size=n))
    )
)
def test_the_duration_is_kept_exactly_when_half_the_points_are_timed(
    case: tuple[int, set[int]],
) -> None:
    points, timed = case
    times: list[dt.datetime | None] = [None] * points
    for k, index in enumerate(sorted(timed)):
        times[index] = START + dt.timedelta(seconds=10 * k)
    result = parse_runs(gpx_file(times, metres_apart=100.0, hr=False), name="p.gpx")
    [run] = result.runs
    assert run.distance_m == pytest.approx(100.0 * (points - 1), rel=0.01)
    if 2 * len(timed) >= points:
        assert run.duration_s == 10 * (len(timed) - 1)
        assert result.warnings == []
    else:
        assert run.duration_s == 0
        [warning] = result.warnings
        assert f"only {len(timed)} of {points} track points" in warning


def test_own_times_count_a_time_once_and_skip_points_without_one() -> None:
    a, b = START, START + dt.timedelta(seconds=1)
    assert own_times([]) == 0
    assert own_times([None, None]) == 0
    assert own_times([a, a, None, a, b, b]) == 2
    assert own_times([a, b, a]) == 3  # back in time: each differs from the point before


# --- the start: before 2000 or in the future, refused --------------------------------------------


def test_gps_times_from_1901_are_refused_with_the_reason() -> None:
    # A receiver without GPS time writes the 32-bit epoch's 1901-12-13 (or 1980, 1999, ...).
    result = parse_runs(
        gpx_file(every(10, 30, dt.datetime(1901, 12, 13, 20, 45, 52, tzinfo=UTC))),
        name="1901.gpx",
    )
    assert result.runs == []
    assert result.skipped == [
        "track 'Lunch run': its times start on 1901-12-13, out of range (before 2000): the "
        "device's clock was not set (no GPS time yet?), so the day of the run is unknown"
    ]


@pytest.mark.parametrize(
    ("start", "stored"),
    [
        (dt.datetime(1999, 12, 31, 23, 59, 59, tzinfo=UTC), False),
        (dt.datetime(2000, 1, 1, tzinfo=UTC), True),
        (dt.datetime(2090, 6, 1, tzinfo=UTC), False),
    ],
)
def test_the_first_and_last_days_a_recorded_run_can_start(start: dt.datetime, stored: bool) -> None:
    result = parse_runs(gpx_file(every(10, 30, start)), name="clock.gpx")
    assert len(result.runs) == int(stored)
    if not stored:
        assert "so the day of the run is unknown" in result.skipped[0]
        assert ("before 2000" if start.year < 2000 else "in the future") in result.skipped[0]


def test_fit_and_tcx_starts_are_checked_per_activity() -> None:
    # (FIT times before mid-1998 are seconds since power-on, not dates: no start at all.)
    clockless = dt.datetime(1999, 6, 1, 7, tzinfo=UTC)
    fit = parse_runs(
        fit_activity(
            [("running", clockless, 1800, 5000, 150), ("running", START, 1800, 5000, 150)]
        ),
        name="watch.fit",
    )
    assert [r.start for r in fit.runs] == [START]  # the other session still counts
    assert fit.skipped == [
        "activity 1: its times start on 1999-06-01, out of range (before 2000): the device's "
        "clock was not set (no GPS time yet?), so the day of the run is unknown"
    ]
    ahead = dt.datetime(2091, 1, 1, 7, tzinfo=UTC)
    tcx = parse_runs(tcx_file([("Running", ahead, [(1800.0, 5000.0, 150)])]), name="a.tcx")
    assert tcx.runs == []
    assert tcx.skipped[0].startswith(
        "activity 1: its times start on 2091-01-01, out of range (in the future)"
    )


@given(
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2099, 12, 31)),
    st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2098, 12, 31)),
)
def test_a_start_is_plausible_from_2000_to_a_day_after_now(
    start: dt.datetime, now: dt.datetime
) -> None:
    start, now = start.replace(tzinfo=UTC), now.replace(tzinfo=UTC)
    problem = start_problem(start, now)
    assert (problem is None) == (EARLIEST_START <= start <= now + FUTURE_SLACK)
    if problem is not None:
        assert start.date().isoformat() in problem


# --- walking pace: refused ------------------------------------------------------------------------


def test_a_run_at_walking_pace_is_refused_with_the_reason() -> None:
    # 2.3 km/h for two hours: a walk or a hike, whatever the file calls it.
    result = parse_runs(gpx_file(every(60, 121), speed_mps=2.3 / 3.6), name="walk.gpx")
    assert result.runs == []
    assert result.skipped == [
        "track 'Lunch run': 4.6 km in 2 h 00 min is 2.3 km/h, slower than 3 km/h: a walk or "
        "a hike (or a recording left running), not a run"
    ]


def test_the_slowest_mountain_ultra_pace_is_still_a_run() -> None:
    # 3.7 km/h: 171 km within UTMB's 46.5 h cut-off, stops included.
    result = parse_runs(gpx_file(every(300, 100), speed_mps=3.7 / 3.6), name="ultra.gpx")
    assert len(result.runs) == 1
    assert result.skipped == []


def test_walking_pace_is_checked_in_fit_and_tcx_too() -> None:
    fit = parse_runs(fit_activity([("running", START, 3600, 2300, 100)]), name="w.fit")
    assert fit.runs == []
    assert fit.skipped == [
        "activity 1 (2026-03-03): 2.3 km in 1 h 00 min is 2.3 km/h, slower than 3 km/h: a walk "
        "or a hike (or a recording left running), not a run"
    ]
    tcx = parse_runs(tcx_file([("Running", START, [(3600.0, 2300.0, 100)])]), name="w.tcx")
    assert tcx.runs == []
    assert tcx.skipped[0].startswith("activity 1 (2026-03-03): 2.3 km in 1 h 00 min is 2.3 km/h")


@given(
    st.floats(0.5, 6.0).filter(lambda kmh: abs(kmh - WALK_KMH) > 0.05),
    st.integers(10, 40),
    st.integers(5, 60),
)
def test_a_gpx_is_a_run_exactly_at_walking_threshold_or_faster(
    kmh: float, points: int, gap: int
) -> None:
    result = parse_runs(
        gpx_file(every(gap, points), speed_mps=kmh / 3.6, hr=False), name="pace.gpx"
    )
    if kmh >= WALK_KMH:
        assert len(result.runs) == 1 and result.skipped == []
    else:
        assert result.runs == []
        assert f"slower than {WALK_KMH:g} km/h" in result.skipped[0]


@given(st.floats(0, 200_000), st.floats(-10, 2 * MAX_RUN_SECONDS))
def test_pace_problem_is_speed_below_the_threshold(metres: float, seconds: float) -> None:
    problem = pace_problem(seconds, metres)
    slow = metres > 0 and 0 < seconds <= MAX_RUN_SECONDS and metres / seconds * 3.6 < WALK_KMH
    assert (problem is not None) == slow
    if problem is not None:
        assert f"{metres / 1000:.1f} km" in problem
