"""FIT files that break the FIT rules part-way: the run is imported when Garmin's SDK reads a
complete session summary before the damage (and the result says so); refused otherwise.

The files are made by Garmin's encoder and then damaged on purpose (`files.damaged_fit`): record
messages whose header names local message 11, which no definition message declares, with the
checksums an app would write over those bytes.
"""

from __future__ import annotations

import datetime as dt
import io

import fitdecode
import pytest
from garmin_fit_sdk import Decoder, Stream
from hypothesis import given
from hypothesis import strategies as st

from hamcoach.integrations.errors import BadFile
from hamcoach.integrations.runs_import import parse_runs
from tests.integrations.files import START, UTC, damaged_fit, fit_activity, fit_file


def fitdecode_error(data: bytes) -> str:
    try:
        with fitdecode.FitReader(io.BytesIO(data)) as reader:
            for _frame in reader:
                pass
    except fitdecode.FitParseError as exc:
        return str(exc)
    return ""


def test_the_damage_is_what_fitdecode_and_the_sdk_report() -> None:
    # The helper writes files as the encoder does (same bytes for an undamaged file) ...
    whole = fit_activity([("running", START, 1800.0, 5000.0, 150)])
    assert fit_file(whole[14:-2]) == whole
    # ... and its damage is the one seen in app-recorded files, after or before the session.
    for damage in ("after", "before"):
        data = damaged_fit(START, 1800.0, 5000.0, damage=damage)
        assert "local message 11 not defined" in fitdecode_error(data)
        messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
        assert "Invalid local message number" in str(errors[0])
        assert ("session_mesgs" in messages) == (damage == "after")


def test_a_run_whose_session_summary_precedes_the_damage_is_imported_with_a_warning() -> None:
    result = parse_runs(damaged_fit(START, 1800.0, 5000.0, damage="after"), name="app.fit")
    [run] = result.runs
    assert (run.start, run.duration_s, run.distance_m) == (START, 1800.0, 5000.0)
    assert run.avg_hr == 150
    assert run.external_id == "recorded:20260303T173000Z"  # the same run from a GPX is a dupe
    assert result.skipped == []
    [warning] = result.warnings
    assert warning.startswith("damaged FIT file (local message 11 not defined at byte ")
    assert "Garmin's FIT SDK" in warning
    assert "(running on 2026-03-03, 5.00 km in 30 min)" in warning
    assert warning.endswith("the rest of the file is lost")


def test_a_recovered_session_of_another_sport_is_skipped_not_refused() -> None:
    result = parse_runs(
        damaged_fit(START, 3600.0, 30_000.0, damage="after", sport="cycling"), name="ride.fit"
    )
    assert result.runs == []
    assert result.skipped == ["activity 1 (2026-03-03): cycling, not a run"]
    assert "(cycling on 2026-03-03, 30.00 km in 1 h 00 min)" in result.warnings[0]


def test_a_file_damaged_before_its_session_summary_is_still_refused() -> None:
    data = damaged_fit(START, 1800.0, 5000.0, damage="before")
    with pytest.raises(
        BadFile,
        match=r"^early\.fit: damaged FIT file \(local message 11 not defined at byte \d+\): "
        r"no complete session summary before the damage, so nothing can be imported$",
    ):
        parse_runs(data, name="early.fit")


def test_other_damage_is_refused_as_before() -> None:
    data = damaged_fit(START, 1800.0, 5000.0, damage="after")
    with pytest.raises(BadFile, match=r"cut\.fit: truncated FIT file"):
        parse_runs(data[: len(data) - 40], name="cut.fit")
    flipped = data[:-1] + bytes([data[-1] ^ 0xFF])  # its checksum no longer matches
    assert "local message 11" in fitdecode_error(flipped)  # fitdecode stops before the checksum
    result = parse_runs(flipped, name="flip.fit")  # the damage comes first: the same recovery
    assert len(result.runs) == 1 and "damaged FIT file" in result.warnings[0]


@given(
    st.datetimes(min_value=dt.datetime(2001, 1, 1), max_value=dt.datetime(2026, 11, 1)).map(
        lambda d: d.replace(microsecond=0, tzinfo=UTC)
    ),
    st.integers(600, 20_000),
    st.floats(1.5, 5.5),
    st.sampled_from(["after", "before"]),
)
def test_any_damaged_run_is_recovered_exactly_when_its_session_came_first(
    start: dt.datetime, seconds: int, speed: float, damage: str
) -> None:
    metres = round(seconds * speed, 2)
    data = damaged_fit(start, float(seconds), metres, damage=damage)
    if damage == "before":
        with pytest.raises(BadFile, match="no complete session summary before the damage"):
            parse_runs(data, name="p.fit")
        return
    result = parse_runs(data, name="p.fit")
    [run] = result.runs
    assert run.start == start
    assert run.duration_s == pytest.approx(seconds, abs=0.001)
    assert run.distance_m == pytest.approx(metres, abs=0.01)
    assert f"running on {start.date().isoformat()}, {metres / 1000:.2f} km" in result.warnings[0]
