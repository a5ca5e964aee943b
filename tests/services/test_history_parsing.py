"""Reading Strong and Hevy exports: wrong layouts refused by name, exercise names mapped by words.

The fuzz test stores into a real SQLite file, since it checks that whatever the parser lets
through the database accepts.
"""

from __future__ import annotations

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
def stored_berlin_athlete(store: Store) -> int:
    return save_profile(store.uow(), runner(timezone="Europe/Berlin"), MONDAY)


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
