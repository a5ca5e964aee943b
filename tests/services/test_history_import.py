"""Strong and Hevy CSV exports, written here in their real column layouts, imported by the use-case.

The mapping and numbering run on the in-memory unit of work. Refused files, exercise names,
mappings and the fuzz test are in test_history_parsing.py.
"""

from __future__ import annotations

import datetime as dt

import pytest

from hamcoach.domain.records import SetKind
from hamcoach.integrations.strong_hevy import parse_history, parse_mapping
from hamcoach.services.history_import import import_history
from hamcoach.services.profile import save_profile
from tests.fakes import FakeUnitOfWork
from tests.services.conftest import MONDAY, runner
from tests.services.strong_hevy_exports import (
    BERLIN,
    HEVY,
    NOW,
    STRONG,
    STRONG_HEADER,
    write_csv,
)


@pytest.fixture
def berlin_athlete(uow: FakeUnitOfWork) -> int:
    return save_profile(uow, runner(timezone="Europe/Berlin"), MONDAY)


def test_strong_sets_are_mapped_converted_and_skips_explained(
    uow: FakeUnitOfWork, berlin_athlete: int
) -> None:
    found = parse_history(STRONG, name="strong.csv", app="strong", tz=BERLIN, unit="kg")
    result = import_history(uow, berlin_athlete, found.sets, NOW, skipped=found.skipped)
    stored = [
        (s.session_date.isoformat(), s.exercise, s.set_number, s.reps, s.load, s.rir, s.kind)
        for s in result.stored
    ]
    # Strong's order column W and D: a warm-up and a drop set, kept as such (issue 10, item 6).
    assert stored == [
        ("2026-10-05", "lying-leg-curl", 1, 10, 20.0, None, SetKind.WARMUP),
        ("2026-10-05", "lying-leg-curl", 2, 12, 40.0, 2, SetKind.WORKING),
        ("2026-10-05", "lying-leg-curl", 3, 11, 40.0, None, SetKind.WORKING),
        ("2026-10-05", "lying-leg-curl", 4, 8, 30.0, None, SetKind.DROP),
        ("2026-10-05", "nordic-curl", 1, 5, None, None, SetKind.WORKING),
        ("2026-10-08", "seated-leg-curl", 1, 10, 45.0, None, SetKind.WORKING),
    ]
    first = result.stored[1]
    assert first.note == 'felt "good", slow'
    assert first.performed_at == dt.datetime(2026, 10, 5, 16, 2, 11, tzinfo=dt.UTC)  # Berlin +2
    assert (first.target_reps_min, first.target_load) == (None, None)
    assert result.stored[4].note == "added load 10 kg (not tracked)"
    reasons = "\n".join(result.skipped)
    assert "'Squat (Barbell)': not a hamstring curl (2 sets)" in reasons
    assert "'Leg Curl (Machine)': lying or seated machine?" in reasons
    assert "does not say which leg" in reasons and "--map 'Standing Leg Curl" in reasons
    assert "warm-up" not in reasons  # imported, not skipped
    assert "reps must be 1-100 (got 150)" in reasons
    assert "no weight on a machine curl" in reasons
    assert "is in the future" in reasons  # the 2030 row
    with uow:
        assert uow.athlete(berlin_athlete).sets.count() == 6


def test_importing_the_same_export_again_stores_nothing(
    uow: FakeUnitOfWork, berlin_athlete: int
) -> None:
    found = parse_history(STRONG, name="strong.csv", app="strong", tz=BERLIN, unit="kg")
    import_history(uow, berlin_athlete, found.sets, NOW)
    again = parse_history(STRONG, name="strong-2.csv", app="strong", tz=BERLIN, unit="kg")
    result = import_history(uow, berlin_athlete, again.sets, NOW)
    assert (len(result.stored), result.duplicates) == (0, 6)  # refused rows are refused again
    with uow:
        assert uow.athlete(berlin_athlete).sets.count() == 6


def test_pounds_become_the_athletes_unit(uow: FakeUnitOfWork, berlin_athlete: int) -> None:
    data = write_csv(
        [*STRONG_HEADER[:6], "Weight Unit", *STRONG_HEADER[6:]],
        [
            [
                "2026-10-05 18:00:00",
                "Legs",
                "1h",
                "Lying Leg Curl (Machine)",
                1,
                100,
                "lbs",
                12,
                0,
                0,
                "",
                "",
                "",
            ]
        ],
        delimiter=";",
    )
    found = parse_history(data, name="strong.csv", app="strong", tz=BERLIN, unit="kg")
    result = import_history(uow, berlin_athlete, found.sets, NOW)
    assert [s.load for s in result.stored] == [45.36]
    assert result.stored[0].unit == "kg"


def test_mappings_take_names_hamcoach_cannot_guess(
    uow: FakeUnitOfWork, berlin_athlete: int
) -> None:
    overrides = dict(
        [
            parse_mapping("Leg Curl (Machine)=seated-leg-curl"),
            parse_mapping("Standing Leg Curl (Machine)=single-leg-curl:left"),
        ]
    )
    found = parse_history(
        STRONG, name="strong.csv", app="strong", tz=BERLIN, unit="kg", overrides=overrides
    )
    result = import_history(uow, berlin_athlete, found.sets, NOW)
    by_exercise = {(s.exercise, s.side) for s in result.stored}
    assert ("seated-leg-curl", None) in by_exercise
    assert ("single-leg-curl", "left") in by_exercise


def test_hevy_sets_with_warmups_rpe_and_floor_curls(
    uow: FakeUnitOfWork, berlin_athlete: int
) -> None:
    found = parse_history(HEVY, name="hevy.csv", app="hevy", tz=BERLIN, unit="lb")
    result = import_history(uow, berlin_athlete, found.sets, NOW, skipped=found.skipped)
    got = [
        (s.exercise, s.variant, s.stance, s.reps, s.load, s.rir, s.note, s.kind)
        for s in result.stored
    ]
    # Hevy's set_type warmup and failure keep their kind; the note is kept once, on set_index 0.
    assert got[0][:7] == ("lying-leg-curl", None, None, 10, 20.0, None, "pad above heels")
    assert got[0][7] is SetKind.WARMUP
    assert [g[7] for g in got[1:]] == [
        SetKind.WORKING,
        SetKind.FAILURE,
        SetKind.WORKING,
        SetKind.WORKING,
    ]
    assert [g[:7] for g in got[1:]] == [
        ("lying-leg-curl", None, None, 12, 42.5, 1, None),
        ("lying-leg-curl", None, None, 10, 42.5, None, None),
        ("nordic-curl", None, None, 6, None, None, None),
        ("floor-curl", "stability-ball", "both", 12, None, None, None),
    ]
    assert result.stored[0].performed_at == dt.datetime(2026, 10, 26, 6, 6, tzinfo=dt.UTC)
    assert "warm-up" not in "\n".join(result.skipped)
    assert "'Leg Press (Machine)': not a hamstring curl (1 set)" in result.skipped
