"""`export json` -> `import json` into an empty database restores every record exactly.

Histories are random (Hypothesis, tests/services/backup_histories.py) and stored in real SQLite
files; the same round trip runs once on PostgreSQL with a fixed history. Refusing bad backups is
in test_backup_refusals.py.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given

from hamcoach.config import Settings
from hamcoach.integrations.backup import from_json, to_json
from hamcoach.services.backup import AthleteBackup, export_athlete, restore_athlete
from hamcoach.storage.store import Store, open_store
from tests.dbs import database, emptied
from tests.services.backup_histories import FIXED, NOW, histories


def store_history(store: Store, history: AthleteBackup) -> int:
    """Write a history through the repositories, as the app's use-cases would have."""
    return restore_athlete(store.uow(), history)


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Store]]:
    """A source and a target SQLite database, emptied before each example."""
    folder = tmp_path_factory.mktemp("roundtrip")
    source = open_store(Settings(f"sqlite:///{folder / 'a.db'}", folder))
    target = open_store(Settings(f"sqlite:///{folder / 'b.db'}", folder))
    yield source, target
    source.close()
    target.close()


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
    stores: tuple[Store, Store], history: AthleteBackup
) -> None:
    source, target = (emptied(store) for store in stores)
    athlete = store_history(source, history)
    exported = export_athlete(source.uow(), athlete)
    assert exported == _normalised(history)  # the source stored it all, exactly
    text = to_json(exported, exported_at=NOW)
    restored_id = restore_athlete(target.uow(), from_json(text.encode(), name="b.json"))
    again = export_athlete(target.uow(), restored_id)
    assert again == exported
    assert to_json(again, exported_at=NOW) == text


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


def test_a_run_type_is_written_only_when_set_and_older_backups_read() -> None:
    document = json.loads(to_json(FIXED, exported_at=NOW))
    plain, marked = document["athlete"]["runs"]
    assert "marked" not in plain  # as backups were before the Runs page
    assert marked["marked"] == "long"
    del marked["marked"]  # a backup written before: every run as inferred
    older = from_json(json.dumps(document), name="old.json")
    assert [r.marked for r in older.runs] == [None, None]
    assert older.runs[1] == dataclasses.replace(FIXED.runs[1], marked=None)
