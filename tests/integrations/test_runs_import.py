"""Runs from FIT, GPX, TCX and iCalendar files made by the reference libraries, and real files."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path
from typing import Any

import gpxpy.gpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain import Day, InvalidInput, PlannedExercise, PlannedSession, RunType
from hamcoach.domain.runs import infer_running_weeks, week_overrides
from hamcoach.integrations.errors import BadFile
from hamcoach.integrations.fit_workout import encode_session
from hamcoach.integrations.runs_import import parse_runs, read_runs
from tests.integrations.files import (
    BERLIN,
    START,
    UTC,
    fit_activity,
    gpx_file,
    tcx_file,
    training_calendar,
)


def real(shared: Path, name: str) -> Path:
    return shared / "data" / "real-files" / name


def test_fit_activity_from_the_sdk() -> None:
    data = fit_activity(
        [
            ("running", START, 2700.0, 7500.0, 148),
            ("cycling", START + dt.timedelta(hours=2), 3600.0, 30000.0, 130),
        ]
    )
    result = parse_runs(data, name="multisport.fit")
    assert result.kind == "fit"
    [run] = result.runs
    assert run.start == START
    assert run.duration_s == pytest.approx(2700.0)  # timer time, not elapsed
    assert run.distance_m == pytest.approx(7500.0)
    assert run.avg_hr == 148
    assert run.source == "fit"
    assert run.external_id == "recorded:20260303T173000Z"
    assert result.skipped == ["activity 2 (2026-03-03): cycling, not a run"]


def test_fit_without_session_falls_back_to_laps() -> None:
    data = fit_activity([("running", START, 1800.0, 5000.0, None)], with_session=False)
    [run] = parse_runs(data, name="laps.fit").runs
    assert (run.start, run.duration_s, run.distance_m) == (START, 1800.0, 5000.0)


def test_gpx_from_gpxpy() -> None:
    times: list[dt.datetime | None] = [START + dt.timedelta(seconds=10 * i) for i in range(30)]
    result = parse_runs(gpx_file(times), name="lunch.gpx")
    [run] = result.runs
    assert run.start == START
    assert run.duration_s == 290
    assert run.distance_m == pytest.approx(290 * 3.0, rel=0.01)  # gpx_file's 3 m/s
    assert run.title == "Lunch run"
    assert run.avg_hr == pytest.approx(sum(140 + i % 20 for i in range(30)) / 30)


def test_gpx_without_times_or_of_another_sport_is_skipped() -> None:
    no_times = parse_runs(gpx_file([None, None, None]), name="route.gpx")
    assert no_times.runs == []
    assert "a run needs a start time" in no_times.skipped[0]
    ride = parse_runs(
        gpx_file([START, START + dt.timedelta(minutes=5)], kind="cycling"), name="r.gpx"
    )
    assert ride.runs == []
    assert "'cycling', not a run" in ride.skipped[0]


def test_tcx_laps_add_up() -> None:
    data = tcx_file(
        [
            ("Running", START, [(600.0, 1600.0, 140), (300.0, 1000.0, 170)]),
            ("Biking", START + dt.timedelta(days=1), [(3600.0, 30000.0, 120)]),
        ]
    )
    result = parse_runs(data, name="export.tcx")
    [run] = result.runs
    assert run.start == START
    assert run.duration_s == 900
    assert run.distance_m == 2600
    assert run.avg_hr == pytest.approx(150)  # time-weighted
    assert result.skipped == ["activity 2: Biking, not a run"]


def test_training_calendar_with_repeats_exceptions_and_all_day_events() -> None:
    result = parse_runs(training_calendar(), name="coach.ics", tz="Europe/Berlin")
    assert result.kind == "ics"
    by_title: dict[str, list[Any]] = {}
    for run in result.runs:
        by_title.setdefault(run.title, []).append(run)
    intervals = by_title["Intervals 6x800m"]
    assert [r.start.date() for r in intervals] == [dt.date(2026, 3, 3), dt.date(2026, 3, 24)]
    assert all(r.duration_s == 3600 for r in intervals)
    [moved] = by_title["Intervals 6x800m (moved)"]
    assert moved.start == dt.datetime(2026, 3, 11, 7, 0, tzinfo=BERLIN)
    assert moved.external_id == "ics:intervals@coach:20260310T170000Z"  # the original slot
    assert len(by_title["Easy run"]) == 4
    assert by_title["Easy run"][0].duration_s == 45 * 60
    longs = by_title["Long run 22 km"]
    assert len(longs) == 4
    assert longs[0].start == dt.datetime(2026, 3, 8, tzinfo=BERLIN)  # all-day: local midnight
    assert longs[0].duration_s == 0
    assert longs[0].distance_m == 22000
    [parkrun] = by_title["Parkrun"]
    assert parkrun.start == dt.datetime(2026, 3, 14, 9, 0, tzinfo=BERLIN)  # floating time
    assert "'Dentist': not a run" in result.skipped
    assert "1 cancelled event(s)" in result.skipped
    assert len({r.external_id for r in result.runs}) == len(result.runs)
    # Imported again, the runs keep their ids.
    again = parse_runs(training_calendar(), name="coach.ics", tz="Europe/Berlin")
    assert [r.external_id for r in again.runs] == [r.external_id for r in result.runs]


def test_calendar_runs_shape_the_plan_weeks() -> None:
    runs = parse_runs(training_calendar(), name="coach.ics", tz="Europe/Berlin").runs
    weeks = infer_running_weeks(runs, tz=BERLIN)
    monday = dt.date(2026, 3, 2)
    assert weeks[monday].week.runs(Day.TUE) == (RunType.KEY,)
    assert weeks[monday].week.runs(Day.THU) == (RunType.EASY,)
    assert weeks[monday].week.runs(Day.SUN) == (RunType.LONG,)
    assert weeks[monday + dt.timedelta(days=7)].week.runs(Day.WED) == (RunType.KEY,)
    assert weeks[monday + dt.timedelta(days=7)].week.runs(Day.SAT) == (RunType.KEY,)  # parkrun
    assert weeks[monday + dt.timedelta(days=14)].week.runs(Day.TUE) == ()  # EXDATE
    overrides = week_overrides(weeks, plan_start=monday, weeks=6)
    assert sorted(overrides) == [1, 2, 3, 4]


def test_window_limits_occurrences() -> None:
    result = parse_runs(
        training_calendar(),
        name="coach.ics",
        tz="Europe/Berlin",
        window=(dt.date(2026, 3, 9), dt.date(2026, 3, 16)),
    )
    assert {r.start.date() for r in result.runs} == {
        dt.date(2026, 3, 11),
        dt.date(2026, 3, 12),
        dt.date(2026, 3, 14),
        dt.date(2026, 3, 15),
    }


def test_content_decides_not_the_name(tmp_path: Path) -> None:
    fit = fit_activity([("running", START, 1200.0, 3000.0, None)])
    renamed = tmp_path / "activity.dat"
    renamed.write_bytes(fit)
    assert read_runs(renamed).kind == "fit"
    packed = tmp_path / "lunch.gpx.gz"
    packed.write_bytes(gzip.compress(gpx_file([START, START + dt.timedelta(minutes=30)])))
    assert read_runs(packed).runs[0].duration_s == 1800


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.gpx", b"", "empty.gpx: empty file"),
        ("blank.fit", b"  \n", "blank.fit: empty file"),
        ("runs.fit", b"<gpx></gpx>", "runs.fit: named .fit but holds a GPX file"),
        ("runs.fit", b"hello world, not fit", r"runs.fit: not a FIT file \(bad header\)"),
        (
            "plan.gpx",
            b"<?xml version='1.0'?>\n<gpx>\n<trk><name>x</trk>\n</gpx>",
            "plan.gpx: invalid XML at line 3",
        ),
        ("notes.txt", b"just some notes", "notes.txt: not a FIT, GPX, TCX or iCalendar file"),
        ("map.xml", b"<kml><Document/></kml>", r"map.xml: an XML file, but neither GPX nor TCX"),
        (
            "bomb.gpx",
            b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaa">]><gpx>&a;</gpx>',
            "bomb.gpx: XML with entity declarations is refused",
        ),
        (
            "empty.ics",
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n",
            "empty.ics: no events in the calendar",
        ),
        ("broken.ics", b"BEGIN:VCALENDAR\r\nthis is not ical", "broken.ics: invalid iCalendar"),
        ("nothing.tcx", b"<TrainingCenterDatabase/>", "nothing.tcx: no activities"),
        ("bad.gz", b"\x1f\x8b\x08\x00broken", "bad.gz: broken gzip data"),
    ],
)
def test_bad_files_are_refused_with_their_name(name: str, content: bytes, message: str) -> None:
    with pytest.raises(BadFile, match=message):
        parse_runs(content, name=name)


def test_fit_damage_is_named() -> None:
    data = fit_activity([("running", START, 1200.0, 3000.0, 150)])
    with pytest.raises(BadFile, match=r"cut\.fit: truncated FIT file"):
        parse_runs(data[: len(data) // 2], name="cut.fit")
    flipped = data[:-1] + bytes([data[-1] ^ 0xFF])
    with pytest.raises(BadFile, match=r"flip\.fit: corrupt FIT file \(checksum mismatch\)"):
        parse_runs(flipped, name="flip.fit")
    workout = encode_session(
        PlannedSession(
            dt.date(2026, 3, 3), (PlannedExercise("nordic-curl", None, 2, 5, 5, False, 90),), ()
        )
    )
    with pytest.raises(BadFile, match="a FIT workout file, not an activity"):
        parse_runs(workout, name="hamstrings.fit")


def test_gpx_without_tracks_and_missing_files(tmp_path: Path) -> None:
    gpx = gpxpy.gpx.GPX()
    gpx.waypoints.append(gpxpy.gpx.GPXWaypoint(46.0, 7.0, name="start"))
    with pytest.raises(BadFile, match=r"wp\.gpx: no tracks \(only routes or waypoints\)"):
        parse_runs(gpx.to_xml().encode(), name="wp.gpx")
    with pytest.raises(BadFile, match=r"gone\.fit: cannot read the file"):
        read_runs(tmp_path / "gone.fit")
    with pytest.raises(InvalidInput, match="unknown time zone"):
        parse_runs(training_calendar(), name="c.ics", tz="Nowhere/Special")


# --- real files, read in place ------------------------------------------------------------------


def test_real_fenix_run(shared: Path) -> None:
    [run] = read_runs(real(shared, "garmin-fenix-5-run.fit")).runs
    assert round(run.distance_m or 0) == 158  # 157.56 m
    assert round(run.duration_s) == 57
    assert run.avg_hr == 90


def test_real_cycling_is_not_a_run(shared: Path) -> None:
    result = read_runs(real(shared, "2015-10-13-08-43-15.fit"))
    assert result.runs == []
    assert result.skipped == ["activity 1 (2015-10-13): cycling, not a run"]


def test_real_truncated_fit(shared: Path) -> None:
    with pytest.raises(BadFile, match=r"activity-unexpected-eof\.fit: truncated FIT file"):
        read_runs(real(shared, "activity-unexpected-eof.fit"))


def test_real_workout_file_is_not_an_activity(shared: Path) -> None:
    with pytest.raises(BadFile, match="a FIT workout file, not an activity"):
        read_runs(real(shared, "WorkoutRepeatSteps.fit"))


def test_real_gpx_track(shared: Path) -> None:
    [run] = read_runs(real(shared, "korita-zbevnica.gpx")).runs
    assert run.distance_m == pytest.approx(14_900, abs=50)
    assert run.duration_s == pytest.approx(3 * 3600 + 43 * 60, abs=60)
    assert run.start == dt.datetime(2010, 10, 3, 9, 36, 30, tzinfo=UTC)


def test_real_gpx_with_bom_and_no_times(shared: Path) -> None:
    # Only a waypoint, no track: nothing that could be a run.
    with pytest.raises(BadFile, match=r"unicode_with_bom\.gpx: no tracks"):
        read_runs(real(shared, "unicode_with_bom.gpx"))


def test_real_tcx(shared: Path) -> None:
    [run] = read_runs(real(shared, "test.tcx")).runs
    assert run.distance_m == pytest.approx(4690, abs=10)
    assert round(run.duration_s / 60) == 33
    assert run.avg_hr is not None
    assert 100 < run.avg_hr < 200


def test_same_run_from_two_formats_shares_an_id() -> None:
    fit = parse_runs(fit_activity([("running", START, 1800.0, 5000.0, None)]), name="a.fit")
    gpx = parse_runs(gpx_file([START, START + dt.timedelta(minutes=30)]), name="a.gpx")
    assert fit.runs[0].external_id == gpx.runs[0].external_id


# --- properties -----------------------------------------------------------------------------------

# Recorded runs start from 2000 to the day of the import (see test_implausible_tracks.py).
moments = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2026, 11, 1), timezones=st.just(UTC)
).map(lambda d: d.replace(microsecond=0))


@given(moments, st.lists(st.integers(1, 600), min_size=1, max_size=40))
def test_any_gpx_track_round_trips(start: dt.datetime, gaps: list[int]) -> None:
    times: list[dt.datetime | None] = [start]
    for gap in gaps:
        prev = times[-1]
        assert prev is not None
        times.append(prev + dt.timedelta(seconds=gap))
    [run] = parse_runs(gpx_file(times, hr=False), name="p.gpx").runs
    assert run.start == start
    assert run.duration_s == sum(gaps)
    assert run.distance_m == pytest.approx(3.0 * sum(gaps), rel=0.01)


@given(
    moments,
    st.floats(60, 30_000).map(lambda s: round(s, 3)),
    st.floats(1.0, 6.0),  # m/s: a jog to a sprint finish, above walking pace
    st.one_of(st.none(), st.integers(60, 220)),
)
def test_any_fit_run_round_trips(
    start: dt.datetime, seconds: float, speed: float, hr: int | None
) -> None:
    metres = round(seconds * speed, 2)
    [run] = parse_runs(fit_activity([("running", start, seconds, metres, hr)]), name="p.fit").runs
    assert run.start == start
    assert run.duration_s == pytest.approx(seconds, abs=0.001)
    assert run.distance_m == pytest.approx(metres, abs=0.01)
    assert run.avg_hr == hr


SEEDS = {
    "a.fit": fit_activity([("running", START, 1800.0, 5000.0, 150)]),
    "b.gpx": gpx_file([START + dt.timedelta(seconds=10 * i) for i in range(5)]),
    "c.tcx": tcx_file([("Running", START, [(600.0, 1600.0, 140)])]),
    "d.ics": training_calendar(),
}


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[name])
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["set", "cut", "insert"]))
        if action == "set":
            data[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[at : at + draw(st.integers(1, 20))]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=5))
        if not data:
            break
    return draw(st.sampled_from([name, "upload.bin"])), bytes(data)


@given(damaged())
def test_damaged_files_never_leak_library_errors(case: tuple[str, bytes]) -> None:
    """Whatever the bytes, the answer is runs (and skips) or InvalidInput naming the file."""
    name, data = case
    try:
        kind = parse_runs(data, name=name, tz="Europe/Berlin").kind
    except InvalidInput as exc:
        kind = str(exc)
    assert kind in ("fit", "gpx", "tcx", "ics") or kind.startswith(f"{name}: ")


def test_a_gpx_track_spanning_a_year_is_refused_naming_the_file() -> None:
    import datetime as dt

    import gpxpy.gpx
    import pytest

    from hamcoach.integrations.errors import BadFile
    from hamcoach.integrations.runs_import import parse_runs

    gpx = gpxpy.gpx.GPX()
    track = gpxpy.gpx.GPXTrack(name="Year")
    segment = gpxpy.gpx.GPXTrackSegment()
    segment.points.append(
        gpxpy.gpx.GPXTrackPoint(46, 14, time=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    )
    segment.points.append(
        gpxpy.gpx.GPXTrackPoint(46.01, 14, time=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    )
    track.segments.append(segment)
    gpx.tracks.append(track)
    with pytest.raises(BadFile, match=r"^year\.gpx: run 'Year': duration .* is not one run"):
        parse_runs(gpx.to_xml().encode(), name="year.gpx")
