"""Bad backups are refused with the file's name and the field, and leave the database as it was.

That, and refusing a database that holds an athlete, is the use-case's logic and runs on the
in-memory unit of work (the CLI tests and tests/storage/test_use_cases_on_databases.py do it on
real databases). The round trip itself is in test_backup_roundtrip.py.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain.errors import Conflict
from hamcoach.domain.profile import Profile
from hamcoach.integrations.backup import VERSION, from_json, to_json
from hamcoach.integrations.errors import BadFile
from hamcoach.services.backup import AthleteBackup, restore_athlete
from tests.fakes import FakeUnitOfWork
from tests.services.backup_histories import FIXED, NOW, texts


def test_a_database_with_an_athlete_is_refused_unless_replace() -> None:
    uow = FakeUnitOfWork()
    restore_athlete(uow, FIXED)
    other = AthleteBackup(
        Profile(name="Ben"), None, "ben-token-xxxxxxxxxxxxxxxxxxxx", (), (), (), (), ()
    )
    with pytest.raises(Conflict, match="already holds the profile of Zo"):
        restore_athlete(uow, other)
    assert not uow.committed
    with uow:
        assert len(uow.athletes.ids()) == 1
        assert uow.athlete(uow.athletes.ids()[0]).sets.count() == 1
    new_id = restore_athlete(uow, other, replace=True)
    with uow:
        assert uow.athletes.ids() == [new_id]
        assert uow.athlete(new_id).profile.get().name == "Ben"
        assert uow.athlete(new_id).sets.count() == 0


def _document() -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(to_json(FIXED, exported_at=NOW))
    return parsed


def _broken(change: str) -> bytes:
    doc = _document()
    athlete = doc["athlete"]
    if change == "version":
        doc["version"] = VERSION + 1
    elif change == "format":
        del doc["format"]
    elif change == "reps":
        athlete["sets"][0]["reps"] = "twelve"
    elif change == "bool-reps":
        athlete["sets"][0]["reps"] = True
    elif change == "naive-time":
        athlete["sets"][0]["performed_at"] = "2026-11-03T17:45:12"
    elif change == "exercise":
        athlete["sets"][0]["exercise"] = "bench-press"
    elif change == "run-marked-rest":
        athlete["runs"][1]["marked"] = "rest"
    elif change == "duplicate-run":
        athlete["runs"].append(athlete["runs"][0])
    elif change == "huge":
        athlete["sets"][0]["set_number"] = 10**12
    elif change == "infinite":
        return json.dumps(doc).replace("151.2", "1e400").encode()
    elif change == "long-int":
        return json.dumps(doc).replace("151.2", "1" + "0" * 400).encode()
    elif change == "year-one":
        athlete["runs"][0]["start"] = "0001-01-01T00:00:00+05:00"
    elif change == "timezone":
        athlete["profile"]["timezone"] = "Mars/Olympus"
    elif change == "side-on-two-legs":
        two_legs = next(s for s in athlete["sets"] if s["exercise"] != "single-leg-curl")
        two_legs["side"] = "left"
    elif change == "rir":
        athlete["sets"][0]["rir"] = 99
    elif change == "test-kind":
        athlete["tests"][0]["kind"] = "foo"
    elif change == "long-note":
        athlete["sets"][0]["note"] = "x" * 10_000
    return json.dumps(doc).encode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("version", "newer than this hamcoach reads"),
        ("format", "not a hamcoach backup"),
        ("reps", r"athlete.sets\[0\].reps: expected a whole number"),
        ("bool-reps", r"athlete.sets\[0\].reps: expected a whole number"),
        ("naive-time", "performed_at: expected a time with its UTC offset"),
        ("exercise", "exercise: expected one of"),
        ("duplicate-run", "run id recorded:20261127T080000Z appears twice"),
        ("run-marked-rest", r"athlete.runs\[1\].marked: expected one of easy, key, long"),
        ("huge", "set_number: expected a whole number within"),
        ("infinite", "avg_hr: expected a finite number"),
        ("long-int", "avg_hr: expected a finite number"),
        ("year-one", r"athlete.runs\[0\].start is out of range: use a time from 2000 to 2099"),
        ("timezone", "timezone"),
        ("side-on-two-legs", "leave out the side"),
        ("rir", "reps in reserve must be 0-10"),
        ("test-kind", r"tests\[0\].kind: expected one of"),
        ("long-note", "note"),
    ],
)
def test_bad_backups_are_refused_and_store_nothing(change: str, message: str) -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(BadFile, match=message) as caught:
        restore_athlete(uow, from_json(_broken(change), name="old-backup.json"))
    assert caught.value.name == "old-backup.json"
    assert uow.commits == 0
    with uow:
        assert uow.athletes.ids() == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"format": "hamcoach-backup", "version": 1', "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not"),
        (b"[1, 2]", "expected an object"),
        (b'{"format": "hamcoach-backup", "version": 1, "a": NaN}', "not valid JSON"),
    ],
)
def test_files_that_are_not_backups_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(BadFile, match=message):
        from_json(data, name="x.json")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [prefix] + [p for k, v in value.items() for p in _paths(v, (*prefix, k))]
    if isinstance(value, list):
        return [prefix] + [p for i, v in enumerate(value) for p in _paths(v, (*prefix, i))]
    return [prefix]


@given(data=st.data())
def test_any_damaged_backup_is_read_or_refused_with_bad_file(data: st.DataObject) -> None:
    """Replace any one part of a good backup with any JSON: never a crash, only BadFile."""
    doc = _document()
    path = data.draw(st.sampled_from(_paths(doc)[1:]))
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = data.draw(json_values)
    problem = None
    try:
        from_json(json.dumps(doc), name="damaged.json")
    except BadFile as exc:
        problem = str(exc)
    assert problem is None or problem.startswith("damaged.json: ")
