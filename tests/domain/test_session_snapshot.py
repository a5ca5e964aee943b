"""A planned session as plain data (domain/session_snapshot.py): what `to_data` writes,
`from_data` reads back exactly, through JSON as storage and backups keep it; and anything else,
however malformed, is refused with InvalidInput (a backup file may carry it), never with another
exception.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import PlannedExercise, PlannedSession, Side
from hamcoach.domain.session_snapshot import from_data, to_data
from tests.domain.planned_sessions import planned_sessions

DAY = dt.date(2026, 11, 3)

SESSION = PlannedSession(
    DAY,
    (
        PlannedExercise(
            "single-leg-curl",
            None,
            3,
            10,
            12,
            True,
            90,
            20.0,
            side_loads=((Side.LEFT, 22.5), (Side.RIGHT, 20.0)),
        ),
        PlannedExercise("floor-curl", "towel", 3, 8, 12, False, 60, None, "single", "slowly"),
    ),
    ("tue: after the key run", "floor-curl: hips up"),
)


def _base() -> dict[str, Any]:
    return to_data(SESSION)


def _json_round_trip(data: dict[str, Any]) -> Any:
    return json.loads(json.dumps(data, allow_nan=False))


@settings(max_examples=100)
@given(planned_sessions())
def test_from_data_reads_back_what_to_data_wrote(session: PlannedSession) -> None:
    data = to_data(session)
    assert from_data(data, CATALOGUE) == session
    # As storage and backups keep it: JSON text (no NaN, no infinity: strict JSON).
    assert from_data(_json_round_trip(data), CATALOGUE) == session


def test_the_written_shape_is_plain_data_with_legs_by_name() -> None:
    data = _base()
    assert data["date"] == "2026-11-03" and data["reasons"] == list(SESSION.reasons)
    first, second = data["exercises"]
    assert first["side_loads"] == {"left": 22.5, "right": 20.0} and first["per_side"] is True
    assert (second["variant"], second["stance"], second["note"]) == ("towel", "single", "slowly")
    assert from_data(data, CATALOGUE) == SESSION


def _with(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    data = _base()
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


def _without(path: tuple[str | int, ...]) -> dict[str, Any]:
    data = _base()
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return data


REFUSED: list[tuple[str, Any]] = [
    ("not an object", ["a", "list"]),
    ("no date", _without(("date",))),
    ("a date that is not one", _with(("date",), "2026-02-30")),
    ("a date as a number", _with(("date",), 20261103)),
    ("a date without its hyphens", _with(("date",), "20261103")),
    ("a week date", _with(("date",), "2026-W45-2")),
    ("a date and time", _with(("date",), "2026-11-03T18:00:00")),
    ("a date out of range", _with(("date",), "1999-12-31")),
    ("a date far out of range", _with(("date",), "9999-01-01")),
    ("exercises not a list", _with(("exercises",), {"slug": "nordic-curl"})),
    ("too many exercises", _with(("exercises",), [_base()["exercises"][0]] * 11)),
    ("reasons not a list", _with(("reasons",), "because")),
    ("a reason that is not text", _with(("reasons",), [1])),
    ("too many reasons", _with(("reasons",), ["why"] * 21)),
    ("a reason too long", _with(("reasons",), ["x" * 1001])),
    ("a reason with a NUL", _with(("reasons",), ["a\x00b"])),
    ("an exercise not an object", _with(("exercises",), ["nordic-curl"])),
    ("no slug", _without(("exercises", 0, "slug"))),
    ("a slug that is not text", _with(("exercises", 0, "slug"), 7)),
    ("an unknown slug", _with(("exercises", 0, "slug"), "leg-press")),
    ("an unknown variant", _with(("exercises", 1, "variant"), "rope")),
    ("a variant of an exercise with none", _with(("exercises", 0, "variant"), "towel")),
    ("a variant that is a list", _with(("exercises", 1, "variant"), ["towel"])),
    ("a variant that is an object", _with(("exercises", 1, "variant"), {"slug": "towel"})),
    ("an unknown stance", _with(("exercises", 1, "stance"), "upside-down")),
    ("a stance that is a list", _with(("exercises", 1, "stance"), ["single"])),
    ("sets zero", _with(("exercises", 0, "sets"), 0)),
    ("sets too many", _with(("exercises", 0, "sets"), 21)),
    ("sets as text", _with(("exercises", 0, "sets"), "3")),
    ("sets as a float", _with(("exercises", 0, "sets"), 3.0)),
    ("sets as a boolean", _with(("exercises", 0, "sets"), True)),
    ("no sets", _without(("exercises", 0, "sets"))),
    ("reps_min zero", _with(("exercises", 0, "reps_min"), 0)),
    ("reps_max below reps_min", _with(("exercises", 0, "reps_max"), 9)),
    ("reps_max above 100", _with(("exercises", 0, "reps_max"), 101)),
    ("rest below zero", _with(("exercises", 0, "rest_s"), -1)),
    ("rest over an hour", _with(("exercises", 0, "rest_s"), 3601)),
    ("per_side missing", _without(("exercises", 0, "per_side"))),
    ("per_side as a number", _with(("exercises", 0, "per_side"), 1)),
    ("a load below zero", _with(("exercises", 0, "load"), -0.5)),
    ("a load above 1000", _with(("exercises", 0, "load"), 1000.5)),
    ("a load as text", _with(("exercises", 0, "load"), "20")),
    ("a load as a boolean", _with(("exercises", 0, "load"), False)),
    ("a load that is NaN", _with(("exercises", 0, "load"), float("nan"))),
    ("an infinite load", _with(("exercises", 0, "load"), float("inf"))),
    ("a load too big for a float", _with(("exercises", 0, "load"), 10**400)),
    ("side_loads not an object", _with(("exercises", 0, "side_loads"), [["left", 20.0]])),
    ("an unknown leg", _with(("exercises", 0, "side_loads"), {"middle": 20.0})),
    ("a leg without a load", _with(("exercises", 0, "side_loads"), {"left": None})),
    ("a leg's load as text", _with(("exercises", 0, "side_loads"), {"left": "20"})),
    ("a leg's load too big", _with(("exercises", 0, "side_loads"), {"left": 10**400})),
    ("a note that is not text", _with(("exercises", 1, "note"), 5)),
    ("a note too long", _with(("exercises", 1, "note"), "x" * 501)),
    ("a note with a control character", _with(("exercises", 1, "note"), "a\x07b")),
]


@pytest.mark.parametrize(("raw"), [raw for _, raw in REFUSED], ids=[why for why, _ in REFUSED])
def test_bad_data_is_refused_with_invalid_input(raw: Any) -> None:
    with pytest.raises(InvalidInput) as refused:
        from_data(raw, CATALOGUE)
    assert refused.value.message  # a message a person can read


# Any JSON value (and the numbers Python's json module reads: integers of any size).
json_values: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**308, max_value=10**400)
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(["left", "right", "towel", "single", "2026-11-03", "nordic-curl"]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
EXERCISE_KEYS = list(_base()["exercises"][0])


def _refused_or_read(raw: Any) -> None:
    refused: InvalidInput | None = None
    try:
        got = from_data(raw, CATALOGUE)
    except InvalidInput as exc:  # any other exception fails the test
        refused = exc
    if refused is not None:
        assert refused.message  # a message a person can read
        return
    # What is accepted is a session in range, which writes and reads back as itself.
    assert isinstance(got, PlannedSession)
    assert from_data(to_data(got), CATALOGUE) == got


@settings(max_examples=200)
@given(json_values)
def test_any_json_value_is_read_or_refused_with_invalid_input(raw: Any) -> None:
    _refused_or_read(raw)


@settings(max_examples=200)
@given(
    index=st.integers(0, 1),
    key=st.sampled_from(EXERCISE_KEYS),
    value=json_values,
)
@example(index=1, key="variant", value=[])
@example(index=0, key="load", value=10**400)
def test_one_field_of_an_exercise_replaced_by_any_value_is_read_or_refused(
    index: int, key: str, value: Any
) -> None:
    data = _base()
    data["exercises"][index][key] = value
    _refused_or_read(data)


@settings(max_examples=200)
@given(key=st.sampled_from(["date", "exercises", "reasons"]), value=json_values)
def test_one_field_of_the_session_replaced_by_any_value_is_read_or_refused(
    key: str, value: Any
) -> None:
    data = copy.deepcopy(_base())
    data[key] = value
    _refused_or_read(data)
