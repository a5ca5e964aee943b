"""Strong and Hevy CSV exports, written here in their real column layouts, imported by the use-case.

The mapping and numbering run on the in-memory unit of work; the fuzz test stores into a real
SQLite file, since it checks that whatever the parser lets through the database accepts.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zoneinfo
from collections.abc import Sequence

import pytest

from hamcoach.domain.profile import Units
from hamcoach.integrations.errors import BadFile
from hamcoach.integrations.strong_hevy import (
    Target,
    map_exercise,
    parse_history,
    parse_mapping,
)
from hamcoach.services.history_import import import_history
from hamcoach.services.profile import save_profile
from hamcoach.storage.store import Store
from tests.fakes import FakeUnitOfWork
from tests.services.conftest import MONDAY, runner

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC)

STRONG_HEADER = [
    "Date",
    "Workout Name",
    "Duration",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Reps",
    "Distance",
    "Seconds",
    "Notes",
    "Workout Notes",
    "RPE",
]
HEVY_HEADER = [
    "title",
    "start_time",
    "end_time",
    "description",
    "exercise_title",
    "superset_id",
    "exercise_notes",
    "set_index",
    "set_type",
    "weight_kg",
    "reps",
    "distance_km",
    "duration_seconds",
    "rpe",
]


def write_csv(header: list[str], rows: Sequence[Sequence[object]], delimiter: str = ",") -> bytes:
    """As the apps write them: every field quoted where needed, CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def strong_row(
    date: str, exercise: str, order: object, weight: float, reps: float, **kw: object
) -> list[object]:
    return [
        date,
        "Legs",
        "55m",
        exercise,
        order,
        weight,
        reps,
        0,
        0.0,
        kw.get("notes", ""),
        "",
        kw.get("rpe", ""),
    ]


STRONG = write_csv(
    STRONG_HEADER,
    [
        strong_row("2026-10-05 18:02:11", "Lying Leg Curl (Machine)", "W", 20.0, 10.0),
        strong_row(
            "2026-10-05 18:02:11",
            "Lying Leg Curl (Machine)",
            1,
            40.0,
            12.0,
            notes='felt "good", slow',
            rpe=8,
        ),
        strong_row("2026-10-05 18:02:11", "Lying Leg Curl (Machine)", 2, 40.0, 11.0),
        strong_row("2026-10-05 18:02:11", "Lying Leg Curl (Machine)", "D", 30.0, 8.0),
        strong_row("2026-10-05 18:02:11", "Nordic Hamstring Curl", 1, 10.0, 5.0),
        strong_row("2026-10-05 18:02:11", "Squat (Barbell)", 1, 100.0, 5.0),
        strong_row("2026-10-05 18:02:11", "Squat (Barbell)", 2, 100.0, 5.0),
        strong_row("2026-10-05 18:02:11", "Leg Curl (Machine)", 1, 35.0, 10.0),
        strong_row("2026-10-05 18:02:11", "Standing Leg Curl (Machine)", 1, 15.0, 10.0),
        strong_row("2026-10-08 07:00:00", "Seated Leg Curl (Machine)", 1, 45.0, 10.0),
        strong_row("2026-10-08 07:00:00", "Seated Leg Curl (Machine)", 2, 45.0, 150.0),
        strong_row("2026-10-08 07:00:00", "Seated Leg Curl (Machine)", 3, 0.0, 10.0),
        strong_row("2026-10-08 07:00:00", "Plank", 1, 0.0, 0.0),
        strong_row("2030-01-01 07:00:00", "Seated Leg Curl (Machine)", 1, 45.0, 10.0),
    ],
)

HEVY = write_csv(
    HEVY_HEADER,
    [
        [
            "Lower A",
            "26 Oct 2026, 07:06",
            "26 Oct 2026, 08:11",
            "",
            "Lying Leg Curl (Machine)",
            "",
            "pad above heels",
            0,
            "warmup",
            20,
            10,
            "",
            "",
            "",
        ],
        [
            "Lower A",
            "26 Oct 2026, 07:06",
            "26 Oct 2026, 08:11",
            "",
            "Lying Leg Curl (Machine)",
            "",
            "pad above heels",
            1,
            "normal",
            42.5,
            12,
            "",
            "",
            9,
        ],
        [
            "Lower A",
            "26 Oct 2026, 07:06",
            "26 Oct 2026, 08:11",
            "",
            "Lying Leg Curl (Machine)",
            "",
            "pad above heels",
            2,
            "failure",
            42.5,
            10,
            "",
            "",
            "",
        ],
        [
            "Lower A",
            "26 Oct 2026, 07:06",
            "26 Oct 2026, 08:11",
            "",
            "Nordic Hamstrings Curls",
            "",
            "",
            0,
            "normal",
            "",
            6,
            "",
            "",
            "",
        ],
        [
            "Lower A",
            "26 Oct 2026, 07:06",
            "26 Oct 2026, 08:11",
            "",
            "Stability Ball Leg Curl",
            "",
            "",
            0,
            "normal",
            "",
            12,
            "",
            "",
            "",
        ],
        [
            "Lower A",
            "26 Oct 2026, 07:06",
            "26 Oct 2026, 08:11",
            "",
            "Leg Press (Machine)",
            "",
            "",
            0,
            "normal",
            120,
            10,
            "",
            "",
            "",
        ],
    ],
)


@pytest.fixture
def berlin_athlete(uow: FakeUnitOfWork) -> int:
    return save_profile(uow, runner(timezone="Europe/Berlin"), MONDAY)


@pytest.fixture
def stored_berlin_athlete(store: Store) -> int:
    return save_profile(store.uow(), runner(timezone="Europe/Berlin"), MONDAY)


def test_strong_sets_are_mapped_converted_and_skips_explained(
    uow: FakeUnitOfWork, berlin_athlete: int
) -> None:
    found = parse_history(STRONG, name="strong.csv", app="strong", tz=BERLIN, unit="kg")
    result = import_history(uow, berlin_athlete, found.sets, NOW, skipped=found.skipped)
    stored = [
        (s.session_date.isoformat(), s.exercise, s.set_number, s.reps, s.load, s.rir)
        for s in result.stored
    ]
    assert stored == [
        ("2026-10-05", "lying-leg-curl", 1, 12, 40.0, 2),
        ("2026-10-05", "lying-leg-curl", 2, 11, 40.0, None),
        ("2026-10-05", "lying-leg-curl", 3, 8, 30.0, None),  # a drop set is a work set
        ("2026-10-05", "nordic-curl", 1, 5, None, None),
        ("2026-10-08", "seated-leg-curl", 1, 10, 45.0, None),
    ]
    first = result.stored[0]
    assert first.note == 'felt "good", slow'
    assert first.performed_at == dt.datetime(2026, 10, 5, 16, 2, 11, tzinfo=dt.UTC)  # Berlin +2
    assert (first.target_reps_min, first.target_load) == (None, None)
    assert result.stored[3].note == "added load 10 kg (not tracked)"
    reasons = "\n".join(result.skipped)
    assert "'Squat (Barbell)': not a hamstring curl (2 sets)" in reasons
    assert "'Leg Curl (Machine)': lying or seated machine?" in reasons
    assert "does not say which leg" in reasons and "--map 'Standing Leg Curl" in reasons
    assert "1 warm-up set(s)" in reasons
    assert "reps must be 1-100 (got 150)" in reasons
    assert "no weight on a machine curl" in reasons
    assert "is in the future" in reasons  # the 2030 row
    with uow:
        assert uow.athlete(berlin_athlete).sets.count() == 5


def test_importing_the_same_export_again_stores_nothing(
    uow: FakeUnitOfWork, berlin_athlete: int
) -> None:
    found = parse_history(STRONG, name="strong.csv", app="strong", tz=BERLIN, unit="kg")
    import_history(uow, berlin_athlete, found.sets, NOW)
    again = parse_history(STRONG, name="strong-2.csv", app="strong", tz=BERLIN, unit="kg")
    result = import_history(uow, berlin_athlete, again.sets, NOW)
    assert (len(result.stored), result.duplicates) == (0, 5)  # refused rows are refused again
    with uow:
        assert uow.athlete(berlin_athlete).sets.count() == 5


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
    got = [(s.exercise, s.variant, s.stance, s.reps, s.load, s.rir, s.note) for s in result.stored]
    assert got == [
        ("lying-leg-curl", None, None, 12, 42.5, 1, None),  # note kept once, on set_index 0
        ("lying-leg-curl", None, None, 10, 42.5, None, None),
        ("nordic-curl", None, None, 6, None, None, None),
        ("floor-curl", "stability-ball", "both", 12, None, None, None),
    ]
    assert result.stored[0].performed_at == dt.datetime(2026, 10, 26, 6, 6, tzinfo=dt.UTC)
    assert "1 warm-up set(s)" in "\n".join(result.skipped)
    assert "'Leg Press (Machine)': not a hamstring curl (1 set)" in result.skipped


@pytest.mark.parametrize(
    ("data", "app", "message"),
    [
        (HEVY, "strong", "this is a Hevy export: use `hamcoach import hevy`"),
        (STRONG, "hevy", "this is a Strong export: use `hamcoach import strong`"),
        (
            b"date,exercise,weight\n2026-01-01,Leg Curl,40\n",
            "strong",
            "not a Strong export: missing column",
        ),
        (b"", "hevy", "empty file"),
        (write_csv(STRONG_HEADER, []), "strong", "no sets in the file"),
        (
            b'Date,Exercise Name,Set Order,Weight,Reps\n"2026-01-01,Leg',
            "strong",
            "unreadable CSV at line 2",
        ),
        (b"Date,Exercise Name,Set Order,Weight,Reps\n\x00\x01\x02", "strong", "binary data"),
    ],
)
def test_files_in_the_wrong_layout_are_refused_by_name(data: bytes, app: str, message: str) -> None:
    with pytest.raises(BadFile, match=message) as caught:
        parse_history(data, name="export.csv", app=app, tz=BERLIN, unit="kg")
    assert str(caught.value).startswith("export.csv: ")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Lying Leg Curl (Machine)", Target("lying-leg-curl")),
        ("Seated Leg Curl (Machine)", Target("seated-leg-curl")),
        ("Nordic Hamstring Curl", Target("nordic-curl")),
        ("Nordic Hamstrings Curls", Target("nordic-curl")),
        ("Sliding Leg Curl", Target("floor-curl", "sliders", "both")),
        ("Towel Hamstring Curl", Target("floor-curl", "towel", "both")),
        ("Single Leg Swiss Ball Hamstring Curl", Target("floor-curl", "stability-ball", "single")),
        ("Single Leg Curl (Left)", Target("single-leg-curl", side="left")),
        ("Leg Curl (Machine)", "lying or seated machine? the name does not say"),
        ("Cable Leg Curl", "not one of hamcoach's five exercises"),
        ("Leg Extension (Machine)", "not a hamstring curl"),
        ("Bicep Curl (Dumbbell)", "not a hamstring curl"),
    ],
)
def test_exercise_names_map_by_their_words(name: str, expected: Target | str) -> None:
    assert map_exercise(name) == expected


def test_bad_mappings_say_what_is_wrong() -> None:
    with pytest.raises(Exception, match="needs a side"):
        parse_mapping("Standing Leg Curl=single-leg-curl")
    with pytest.raises(Exception, match="unknown exercise"):
        parse_mapping("Leg Curl=hamstring-curl")
    with pytest.raises(Exception, match="NAME=EXERCISE"):
        parse_mapping("just a name")
    assert Units.LB.value == "lb"


def test_any_cell_values_are_imported_or_skipped_never_a_crash(
    store: Store, stored_berlin_athlete: int
) -> None:
    """Fuzz: rows in Strong's layout with arbitrary cells; parse, then store, without errors."""
    from hypothesis import given
    from hypothesis import strategies as st

    def mostly(good: Sequence[str], bad: Sequence[str] = ()) -> st.SearchStrategy[str]:
        """Three times in four a usable value, else a broken one or any text."""
        plausible = st.sampled_from(good)
        broken = st.sampled_from(bad) | st.text(max_size=8) if bad else st.text(max_size=8)
        return st.one_of(plausible, plausible, plausible, broken)

    bad_numbers = ("", "0", "-5", "1e400", "nan", "82,5", "1e20", "12.5")
    row = st.tuples(
        mostly(["2026-10-05 18:02:11", "2026-10-05"],
               ["0001-01-01 00:00:00", "9999-12-31 23:59:59", "05/10/2026"]),
        st.just("Legs"),
        st.just("1h"),
        mostly(["Lying Leg Curl (Machine)", "Nordic Hamstring Curl", "Single Leg Curl (Left)",
                "Towel Leg Curl"], ["Squat", "Leg Curl"]),
        mostly(["1", "2", "D", "F"], ["W", ""]),
        mostly(["40", "12.5"], bad_numbers),
        mostly(["10", "12.0"], bad_numbers),
        st.just("0"),
        st.just("0"),
        st.text(max_size=8),
        st.just(""),
        st.sampled_from(["", "8", "9.5", "11", "-3"]),
    ).map(list)  # fmt: skip
    rows = st.lists(row, min_size=1, max_size=6)

    @given(rows=rows)
    def check(rows: list[list[str]]) -> None:
        data = write_csv(STRONG_HEADER, [r for r in rows if any(c.strip() for c in r)] or [["x"]])
        try:
            found = parse_history(data, name="f.csv", app="strong", tz=BERLIN, unit="kg")
        except BadFile as exc:  # refusing a whole file is fine, if it names the file
            assert exc.name == "f.csv"  # noqa: PT017
            return
        import_history(store.uow(), stored_berlin_athlete, found.sets, NOW, skipped=found.skipped)

    check()
    with store.uow() as uow:  # the fuzz reached the storing path, not only refusals
        assert uow.athlete(stored_berlin_athlete).sets.count() > 0
