"""`export json` -> `import json` into an empty database restores every record exactly.

Histories are random (Hypothesis) and stored in real SQLite files; the same round trip runs once on
PostgreSQL with a fixed history. Bad backups are refused with the file's name and the field, and
leave the database as it was; that, and refusing a database that holds an athlete, is the
use-case's logic and runs on the in-memory unit of work (the CLI tests and
tests/storage/test_use_cases_on_databases.py do it on real databases).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamcoach.config import Settings
from hamcoach.domain.errors import Conflict
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import RunningWeek, RunType, Side
from hamcoach.domain.profile import Profile, Units
from hamcoach.domain.records import LoggedSet, Measure, Measurement, SessionRecord
from hamcoach.domain.runs import Run
from hamcoach.integrations.backup import VERSION, from_json, to_json
from hamcoach.integrations.errors import BadFile
from hamcoach.services.backup import AthleteBackup, export_athlete, restore_athlete
from hamcoach.storage.store import Store, open_store
from tests.dbs import database
from tests.fakes import FakeUnitOfWork

NOW = dt.datetime(2026, 11, 27, 8, 0, tzinfo=dt.UTC)
ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney")

# Text as people type it: any letters, marks, emoji and line breaks; no control characters nor
# lone surrogates (domain.values refuses them everywhere: hostile_input tests that).
texts = st.text(
    st.characters(exclude_categories=["Cs", "Cc"]) | st.sampled_from("\n\t"), max_size=40
)
moments = st.datetimes(
    min_value=dt.datetime(2015, 1, 1),
    max_value=dt.datetime(2030, 12, 31),
    timezones=st.just(dt.UTC),
)
days = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31))
loads = st.floats(min_value=0.5, max_value=500, allow_nan=False, allow_infinity=False)


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    units = draw(st.sampled_from(list(Units)))
    low, high = (25, 250) if units is Units.KG else (55, 550)
    return Profile(
        name=draw(st.text(st.characters(categories=["L", "N", "Zs"]), min_size=1, max_size=30))
        .strip()
        .ljust(1, "x"),
        units=units,
        body_mass=draw(st.none() | st.floats(min_value=low, max_value=high)),
        increment=draw(st.none() | st.floats(min_value=0.25, max_value=25)),
        increase_pct=draw(st.none() | st.floats(min_value=2, max_value=10)),
        equipment=frozenset(
            draw(st.sets(st.sampled_from(CATALOGUE.equipment_slugs()), min_size=1))
        ),
        week=RunningWeek(
            tuple(
                draw(
                    st.sampled_from(
                        [
                            (),
                            (RunType.EASY,),
                            (RunType.KEY,),
                            (RunType.LONG,),
                            (RunType.EASY, RunType.KEY),
                        ]
                    )
                )
                for _ in range(7)
            )
        ),
        sessions=draw(st.sampled_from([1, 2, 3])),
        per_session=draw(st.sampled_from([1, 2])),
        nordic_experienced=draw(st.booleans()),
        race_dates=tuple(sorted(draw(st.sets(days, max_size=3)))),
        keep_rest_days=draw(st.booleans()),
        rest_s=draw(st.integers(30, 600)),
        timezone=draw(st.sampled_from(ZONES)),
    )


@st.composite
def logged_sets(draw: st.DrawFn) -> LoggedSet:
    entry = draw(st.sampled_from(CATALOGUE.exercises))
    at = draw(moments)
    low = draw(st.none() | st.integers(1, 12))
    return LoggedSet(
        id=str(draw(st.uuids())),
        exercise=entry.slug,
        variant=draw(st.sampled_from([v.slug for v in entry.variants])) if entry.variants else None,
        stance=draw(st.sampled_from(["both", "two-up-one-down", "single"]))
        if entry.variants
        else None,
        side=draw(st.sampled_from(list(Side))) if entry.per_side else None,
        set_number=draw(st.integers(1, 12)),
        target_reps_min=low,
        target_reps_max=None if low is None else low + draw(st.integers(0, 4)),
        target_load=None if entry.bodyweight else draw(st.none() | loads),
        reps=draw(st.integers(1, 100)),
        load=None if entry.bodyweight else draw(loads),
        unit=draw(st.sampled_from(["kg", "lb"])),
        rir=draw(st.none() | st.integers(0, 10)),
        performed_at=at,
        session_date=at.date() + dt.timedelta(days=draw(st.integers(-1, 1))),
        note=draw(st.none() | texts),
    )


@st.composite
def measurements(draw: st.DrawFn) -> Measurement:
    """Values as the app stores them: each kind with its units, range, velocity, exercise."""
    from hamcoach.domain.assessment import UNITS, VELOCITIES, value_range

    kind = draw(st.sampled_from(sorted(UNITS)))
    unit = draw(st.sampled_from(UNITS[kind]))
    low, high = value_range(kind, unit)
    torque = kind in ("hamstring-con", "quad-con", "hamstring-ecc")
    return Measurement(
        group_id=str(draw(st.uuids())),
        kind=kind,
        side=draw(st.sampled_from([None, *Side])),
        exercise=draw(st.sampled_from(["lying-leg-curl", "seated-leg-curl"]))
        if kind == "10rm"
        else None,
        value=draw(st.floats(min_value=max(low, 0.1), max_value=high)),
        unit=unit,
        velocity_deg_s=draw(st.sampled_from(VELOCITIES)) if torque else None,
        tested_on=draw(days),
    )


runs = st.builds(
    Run,
    start=moments,
    duration_s=st.floats(min_value=0, max_value=86_400),
    distance_m=st.none() | st.floats(min_value=0, max_value=200_000),
    title=texts,
    avg_hr=st.none() | st.floats(min_value=30, max_value=230),
    source=st.sampled_from(["fit", "gpx", "tcx", "ics"]),
    external_id=st.text(min_size=1, max_size=60).filter(lambda s: "\x00" not in s)
    | st.uuids().map(lambda u: f"recorded:{u}"),
)


@st.composite
def histories(draw: st.DrawFn) -> AthleteBackup:
    sets = draw(st.lists(logged_sets(), max_size=25, unique_by=lambda s: s.id))
    extra_days = draw(st.sets(days, max_size=4))
    session_days = sorted({s.session_date for s in sets} | extra_days)
    sessions = tuple(
        SessionRecord(d, draw(st.none() | moments), draw(st.none() | st.just("") | texts))
        for d in session_days
    )
    soreness_days = sorted(draw(st.sets(days, max_size=4)))
    return AthleteBackup(
        profile=draw(profiles()),
        plan_start=draw(st.none() | days),
        calendar_token=draw(st.text("abcXYZ019-_", min_size=20, max_size=43)),
        sessions=sessions,
        sets=tuple(sets),
        assessments=tuple(draw(st.lists(measurements(), max_size=6))),
        soreness=tuple(
            (d, draw(st.integers(0, 10)), draw(st.none() | texts)) for d in soreness_days
        ),
        runs=tuple(draw(st.lists(runs, max_size=8, unique_by=lambda r: r.external_id))),
    )


def store_history(store: Store, history: AthleteBackup) -> int:
    """Write a history through the repositories, as the app's use-cases would have."""
    return restore_athlete(store.uow(), history)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated empty database, copied per example: migrating each time would be slow."""
    folder = tmp_path_factory.mktemp("template")
    store = open_store(Settings(f"sqlite:///{folder / 'empty.db'}", folder))
    store.close()
    return folder / "empty.db"


def _fresh(template: Path, folder: Path, name: str) -> Store:
    shutil.copy(template, folder / name)
    return open_store(Settings(f"sqlite:///{folder / name}", folder))


def _normalised(backup: AthleteBackup) -> AthleteBackup:
    """What the database makes of a generated history: records in the order it lists them."""
    return AthleteBackup(
        backup.profile,
        backup.plan_start,
        backup.calendar_token,
        backup.sessions,
        tuple(sorted(backup.sets, key=lambda s: (s.performed_at, s.set_number, s.id))),
        tuple(sorted(backup.assessments, key=lambda t: t.tested_on)),  # stable: keeps insert order
        backup.soreness,
        tuple(sorted(backup.runs, key=lambda r: (r.start, r.external_id))),
    )


@given(history=histories())
def test_export_then_import_restores_every_record_exactly(
    template: Path, history: AthleteBackup
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source, target = _fresh(template, folder, "a.db"), _fresh(template, folder, "b.db")
        try:
            athlete = store_history(source, history)
            exported = export_athlete(source.uow(), athlete)
            assert exported == _normalised(history)  # the source stored it all, exactly
            text = to_json(exported, exported_at=NOW)
            restored_id = restore_athlete(target.uow(), from_json(text.encode(), name="b.json"))
            again = export_athlete(target.uow(), restored_id)
            assert again == exported
            assert to_json(again, exported_at=NOW) == text
        finally:
            source.close()
            target.close()


FIXED = AthleteBackup(
    profile=Profile(
        name="Zo\u00eb \U0001f3c3",
        units=Units.LB,
        body_mass=132.27,
        increment=2.5,
        equipment=frozenset({"lying-curl-machine", "towel"}),
        week=RunningWeek.parse("tue=key,thu=easy+key,sun=long"),
        sessions=3,
        race_dates=(dt.date(2027, 4, 18),),
        timezone="Europe/Berlin",
    ),
    plan_start=dt.date(2026, 11, 2),
    calendar_token="tok-123_abc-XYZ-456_def-789_ghij",
    sessions=(SessionRecord(dt.date(2026, 11, 3), NOW, ""),),
    sets=(
        LoggedSet(
            "6f1c2d8e-8f5b-4a34-9c3c-2f8f4d1e0b7a",
            "lying-leg-curl",
            None,
            None,
            None,
            1,
            10,
            12,
            88.18490487,
            12,
            0.1 + 0.2,
            "lb",
            2,
            dt.datetime(2026, 11, 3, 17, 45, 12, 123456, tzinfo=dt.UTC),
            dt.date(2026, 11, 3),
            "=SUM(A1) \u2013 kept as typed",
        ),
    ),
    assessments=(
        Measurement(
            "g", Measure.NORDIC_FORCE, Side.LEFT, None, 310.25, "N", None, dt.date(2026, 11, 4)
        ),
    ),
    soreness=((dt.date(2026, 11, 4), 3, None),),
    runs=(Run(NOW, 2712.5, 9876.54321, "Tempo 3x10", 151.2, "fit", "recorded:20261127T080000Z"),),
)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database(request.param, tmp_path) as url:
        yield url


def test_round_trip_on_sqlite_and_postgresql(db_url: str, tmp_path: Path) -> None:
    source = open_store(Settings(db_url, tmp_path))
    target = open_store(Settings(f"sqlite:///{tmp_path / 'second.db'}", tmp_path))
    try:
        exported = export_athlete(source.uow(), store_history(source, FIXED))
        assert exported == FIXED
        text = to_json(exported, exported_at=NOW)
        restored = restore_athlete(target.uow(), from_json(text, name="backup.json"))
        assert export_athlete(target.uow(), restored) == FIXED
    finally:
        source.close()
        target.close()


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
