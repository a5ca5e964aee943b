"""Migration 0002 (runs, calendar token) on SQLite and PostgreSQL: old data survives, both ways.

The SQLite engine runs with foreign keys on, as the app does: a migration that rebuilt the
`athlete` table would cascade-delete every child row, and these tests would see it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import IntegrityError

from hamcoach.config import Settings
from hamcoach.domain.runs import Run
from hamcoach.storage import schema
from hamcoach.storage.db import make_engine
from hamcoach.storage.store import Store

CHILD_TABLES = ("plan_state", "session_log", "set_log", "strength_test", "soreness")
T0 = dt.datetime(2026, 11, 3, 17, 30)


def _engine(url: str, tmp_path: Path) -> Engine:
    return make_engine(Settings(database_url=url, data_dir=tmp_path))


def _fill_0001(engine: Engine) -> None:
    """Two athletes with a bit of everything, written as plain SQL against schema 0001."""
    with engine.begin() as conn:
        for athlete_id, name in ((1, "Ana"), (2, "Ben")):
            conn.execute(
                text(
                    "INSERT INTO athlete (id, name, units, body_mass, increment, increase_pct,"
                    " equipment, running_week, sessions_per_week, per_session,"
                    " nordic_experienced, race_dates, keep_rest_days, rest_s, timezone,"
                    " created_at, updated_at) VALUES (:id, :name, 'kg', 60.5, NULL, NULL,"
                    " 'partner,towel', 'mon=rest,tue=key,wed=rest,thu=rest,fri=rest,sat=rest,"
                    "sun=long', 2, 2, :exp, '2027-04-18', :keep, 90, 'Europe/Berlin', :t, :t)"
                ),
                {"id": athlete_id, "name": name, "exp": athlete_id == 2, "keep": False, "t": T0},
            )
            conn.execute(
                text("INSERT INTO plan_state (athlete_id, start, updated_at) VALUES (:a, :d, :t)"),
                {"a": athlete_id, "d": dt.date(2026, 11, 2), "t": T0},
            )
            conn.execute(
                text(
                    "INSERT INTO session_log (id, athlete_id, date, finished_at, note)"
                    " VALUES (:id, :a, :d, :t, 'done')"
                ),
                {"id": athlete_id * 10, "a": athlete_id, "d": dt.date(2026, 11, 3), "t": T0},
            )
            conn.execute(
                text(
                    "INSERT INTO set_log (id, athlete_id, session_id, exercise, variant, stance,"
                    " side, set_number, target_reps_min, target_reps_max, target_load, reps,"
                    " load, unit, rir, performed_at, note, created_at) VALUES (:id, :a, :s,"
                    " 'nordic-curl', NULL, NULL, NULL, 1, 5, 5, NULL, 5, NULL, 'kg', 2, :t,"
                    " 'slow', :t)"
                ),
                {
                    "id": f"00000000-0000-4000-8000-00000000000{athlete_id}",
                    "a": athlete_id,
                    "s": athlete_id * 10,
                    "t": T0,
                },
            )
            conn.execute(
                text(
                    "INSERT INTO strength_test (athlete_id, group_id, kind, side, exercise,"
                    " value, unit, velocity_deg_s, tested_on, created_at) VALUES (:a, 'g1',"
                    " 'nordic-force', 'left', NULL, 310.5, 'N', NULL, :d, :t)"
                ),
                {"a": athlete_id, "d": dt.date(2026, 11, 4), "t": T0},
            )
            conn.execute(
                text(
                    "INSERT INTO soreness (athlete_id, date, score, note)"
                    " VALUES (:a, :d, 3, 'calves')"
                ),
                {"a": athlete_id, "d": dt.date(2026, 11, 4)},
            )


# The columns of revision 0001: later migrations add columns (0004: set_log.kind), and what
# these tests check is that every row and value 0001 had is still there.
_COLUMNS_0001: dict[str, list[str]] = {}


def _snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    with engine.connect() as conn:
        if not _COLUMNS_0001 or schema.current_revision(conn) == "0001":
            found = inspect(conn)
            for table in CHILD_TABLES:
                _COLUMNS_0001[table] = [c["name"] for c in found.get_columns(table)]
        out = {
            table: [
                tuple(r)
                for r in conn.execute(
                    text(f"SELECT {', '.join(_COLUMNS_0001[table])} FROM {table} ORDER BY 1, 2")
                )
            ]
            for table in CHILD_TABLES
        }
        columns = (
            "id, name, units, body_mass, equipment, running_week, sessions_per_week,"
            " nordic_experienced, race_dates, timezone, created_at, updated_at"
        )
        out["athlete"] = [
            tuple(r) for r in conn.execute(text(f"SELECT {columns} FROM athlete ORDER BY id"))
        ]
    return out


def test_upgrade_from_0001_keeps_every_row_and_gives_each_athlete_a_token(
    db_url: str, tmp_path: Path
) -> None:
    engine = _engine(db_url, tmp_path)
    schema.upgrade(engine, "0001")
    _fill_0001(engine)
    before = _snapshot(engine)
    assert all(before[t] for t in (*CHILD_TABLES, "athlete"))

    schema.upgrade(engine)  # to head, through 0002

    with engine.connect() as conn:
        assert schema.current_revision(conn) == schema.HEAD_REVISION
        tokens = [r[0] for r in conn.execute(text("SELECT calendar_token FROM athlete"))]
    assert _snapshot(engine) == before
    assert len(tokens) == 2 and len(set(tokens)) == 2
    assert all(t and len(t) >= 32 and t.replace("-", "").replace("_", "").isalnum() for t in tokens)
    assert "run" in inspect(engine).get_table_names()

    # The app reads the migrated data as before, and the new parts work.
    store = Store(engine)
    with store.uow() as uow:
        scope = uow.athlete(1)
        assert scope.profile.get().name == "Ana"
        assert [s.note for s in scope.sets.all()] == ["slow"]
        assert uow.athletes.by_calendar_token(tokens[0]) in (1, 2)
        assert scope.runs.all() == []
    store.close()


def test_downgrade_to_0001_keeps_the_old_data(db_url: str, tmp_path: Path) -> None:
    engine = _engine(db_url, tmp_path)
    schema.upgrade(engine, "0001")
    _fill_0001(engine)
    before = _snapshot(engine)
    schema.upgrade(engine)
    schema.downgrade(engine, "0001")
    assert _snapshot(engine) == before
    columns = {c["name"] for c in inspect(engine).get_columns("athlete")}
    assert "calendar_token" not in columns
    assert "run" not in inspect(engine).get_table_names()
    engine.dispose()


def _run(external_id: str, minutes: float = 45.0) -> Run:
    return Run(
        start=dt.datetime(2026, 11, 4, 6, 30, 15, 250_000, tzinfo=dt.UTC),
        duration_s=minutes * 60,
        distance_m=9_876.5,
        title="Tempo 3x10 min \u00e9t\u00e9",
        avg_hr=151.25,
        source="fit",
        external_id=external_id,
    )


def test_runs_round_trip_scoped_and_unique_per_athlete(db_url: str, tmp_path: Path) -> None:
    engine = _engine(db_url, tmp_path)
    schema.upgrade(engine)
    store = Store(engine)
    _fill_0001_free(store)
    with store.uow() as uow:
        assert uow.athlete(1).runs.add(_run("recorded:1"))
        assert uow.athlete(2).runs.add(_run("recorded:1"))  # another athlete's: fine
        uow.commit()
    with store.uow() as uow:
        assert uow.athlete(1).runs.all() == [_run("recorded:1")]
        assert uow.athlete(1).runs.known_ids({"recorded:1", "recorded:2"}) == {"recorded:1"}
        assert uow.athlete(1).runs.count() == 1
        since = dt.datetime(2026, 11, 5, tzinfo=dt.UTC)
        assert uow.athlete(1).runs.all(since=since) == []
    with store.uow() as uow:  # a second insert of the same run is a no-op, not an error
        assert uow.athlete(1).runs.add(_run("recorded:1", minutes=50)) is False
        uow.commit()
    with store.uow() as uow, pytest.raises(IntegrityError):  # the database's own unique key
        uow.session.execute(
            text(
                "INSERT INTO run (athlete_id, start, duration_s, title, source, external_id,"
                " imported_at) VALUES (1, :t, 60, 'x', 'fit', 'recorded:1', :t)"
            ),
            {"t": T0},
        )
    with store.uow() as uow:
        assert uow.athlete(1).runs.all() == [_run("recorded:1")]
    with store.uow() as uow:
        uow.athlete(1).profile.delete_athlete()
        uow.commit()
    with store.uow() as uow:
        assert uow.athlete(2).runs.count() == 1
        assert uow.athletes.ids() == [2]
    engine.dispose()


def _fill_0001_free(store: Store) -> None:
    from hamcoach.domain.profile import Profile

    with store.uow() as uow:
        assert uow.athletes.add(Profile(name="Ana")) == 1
        assert uow.athletes.add(Profile(name="Ben")) == 2
        uow.commit()


def test_calendar_token_lookup_and_rotation(db_url: str, tmp_path: Path) -> None:
    engine = _engine(db_url, tmp_path)
    schema.upgrade(engine)
    store = Store(engine)
    _fill_0001_free(store)
    with store.uow() as uow:
        first, second = (
            uow.athlete(1).profile.calendar_token(),
            uow.athlete(2).profile.calendar_token(),
        )
        assert first != second
        assert uow.athletes.by_calendar_token(first) == 1
        assert uow.athletes.by_calendar_token("") is None
        assert uow.athletes.by_calendar_token(first[:-1]) is None
        uow.athlete(1).profile.set_calendar_token("new-secret")
        uow.commit()
    with store.uow() as uow:
        assert uow.athletes.by_calendar_token(first) is None
        assert uow.athletes.by_calendar_token("new-secret") == 1
    engine.dispose()
