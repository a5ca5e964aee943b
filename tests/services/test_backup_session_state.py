"""Backups keep a session's state: when it began, the plan it began with and when it was skipped
(integrations/backup.py `started_at`, `planned`, `skipped_at`), through export, the JSON file and
import into another database; a damaged `planned` is refused with the file's name, as any bad
field is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamcoach.config import Settings
from hamcoach.domain.records import SessionRecord
from hamcoach.integrations.backup import from_json, to_json
from hamcoach.integrations.errors import BadFile
from hamcoach.services.backup import AthleteBackup, export_athlete, restore_athlete
from hamcoach.storage.store import Store, open_store
from tests.dbs import emptied
from tests.domain.planned_sessions import planned_sessions
from tests.fakes import FakeUnitOfWork
from tests.services.backup_histories import FIXED, NOW, texts

moments = st.datetimes(
    min_value=dt.datetime(2020, 1, 1),
    max_value=dt.datetime(2030, 12, 31),
    timezones=st.just(dt.UTC),
)
days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def session_records(draw: st.DrawFn, day: dt.date) -> SessionRecord:
    started = draw(st.none() | moments)
    # The app stores a plan only with the start that took it (SessionsPort.start).
    planned = draw(st.none() | planned_sessions(day, max_exercises=3)) if started else None
    return SessionRecord(
        day,
        draw(st.none() | moments),
        draw(st.none() | texts),
        started,
        draw(st.none() | moments),
        planned,
    )


@st.composite
def histories(draw: st.DrawFn) -> AthleteBackup:
    dates = sorted(draw(st.sets(days, min_size=1, max_size=4)))
    sessions = tuple(draw(session_records(d)) for d in dates)
    return dataclasses.replace(FIXED, sessions=sessions, sets=())


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Store]]:
    folder = tmp_path_factory.mktemp("session-state")
    source = open_store(Settings(f"sqlite:///{folder / 'a.db'}", folder))
    target = open_store(Settings(f"sqlite:///{folder / 'b.db'}", folder))
    yield source, target
    source.close()
    target.close()


@settings(max_examples=40, deadline=None)
@given(history=histories())
def test_started_skipped_and_planned_survive_export_and_import(
    stores: tuple[Store, Store], history: AthleteBackup
) -> None:
    source, target = (emptied(store) for store in stores)
    athlete = restore_athlete(source.uow(), history)
    exported = export_athlete(source.uow(), athlete)
    assert exported.sessions == history.sessions  # SQLite kept every field exactly
    text = to_json(exported, exported_at=NOW)
    restored = restore_athlete(target.uow(), from_json(text.encode(), name="b.json"))
    again = export_athlete(target.uow(), restored)
    assert again.sessions == history.sessions
    assert to_json(again, exported_at=NOW) == text


def _document(record: SessionRecord) -> dict[str, Any]:
    backup = dataclasses.replace(FIXED, sessions=(record,))
    parsed: dict[str, Any] = json.loads(to_json(backup, exported_at=NOW))
    return parsed


BEGUN = SessionRecord(
    dt.date(2026, 11, 3),
    None,
    None,
    dt.datetime(2026, 11, 3, 17, 0, tzinfo=dt.UTC),
    dt.datetime(2026, 11, 3, 20, 0, tzinfo=dt.UTC),
    None,
)


def test_the_file_holds_the_new_fields_only_when_set() -> None:
    plain = _document(SessionRecord(dt.date(2026, 11, 3), NOW, "ok"))["athlete"]["sessions"][0]
    assert set(plain) == {"date", "finished_at", "note"}  # as backups were before
    begun = _document(BEGUN)["athlete"]["sessions"][0]
    assert begun["started_at"] == "2026-11-03T17:00:00+00:00"
    assert begun["skipped_at"] == "2026-11-03T20:00:00+00:00"
    assert begun["planned"] is None
    back = from_json(json.dumps(_document(BEGUN)), name="b.json")
    assert back.sessions == (BEGUN,)


def _with_planned(planned: Any) -> bytes:
    doc = _document(BEGUN)
    doc["athlete"]["sessions"][0]["planned"] = planned
    return json.dumps(doc).encode()


GOOD_EXERCISE = {
    "slug": "floor-curl",
    "variant": "towel",
    "sets": 3,
    "reps_min": 8,
    "reps_max": 12,
    "per_side": False,
    "rest_s": 60,
    "load": None,
    "stance": "single",
    "note": None,
    "side_loads": {},
}


@pytest.mark.parametrize(
    "planned",
    [
        "nordic-curl",
        {"date": "2026-11-03", "exercises": [{**GOOD_EXERCISE, "slug": "leg-press"}]},
        {"date": "2026-11-03", "exercises": [{**GOOD_EXERCISE, "sets": 0}]},
        {"date": "tuesday", "exercises": [GOOD_EXERCISE]},
        {"date": "2026-11-03", "exercises": [{**GOOD_EXERCISE, "variant": ["towel"]}]},
        {"date": "2026-11-03", "exercises": [{**GOOD_EXERCISE, "load": 10**400}]},
    ],
    ids=["text", "unknown-slug", "no-sets", "bad-date", "variant-list", "huge-load"],
)
def test_a_damaged_plan_in_a_backup_is_refused_naming_the_file(planned: Any) -> None:
    with pytest.raises(BadFile) as refused:
        from_json(_with_planned(planned), name="backup.json")
    assert refused.value.message.startswith("backup.json: ")
    assert "planned" in refused.value.message


def test_a_good_plan_in_a_backup_is_read_and_restored() -> None:
    planned = {"date": "2026-11-03", "exercises": [GOOD_EXERCISE], "reasons": ["why"]}
    backup = from_json(_with_planned(planned), name="backup.json")
    (session,) = backup.sessions
    assert session.planned is not None
    assert [e.slug for e in session.planned.exercises] == ["floor-curl"]
    uow = FakeUnitOfWork()
    athlete = restore_athlete(uow, backup)
    with uow:
        assert uow.athlete(athlete).sessions.started(BEGUN.date, BEGUN.date) == {
            BEGUN.date: session.planned
        }
