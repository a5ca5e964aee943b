"""Migration 0011 (accounts) on SQLite and PostgreSQL: a single-user database at 0010, with an
athlete, sessions, sets and the rest, upgrades with nothing lost, stays in local mode, and the
first account added takes its athlete; downgrading keeps the data too.

The SQLite engine runs with foreign keys on, as the app does: had 0011 rebuilt `athlete` in
batch mode, every child row would be cascade-deleted and these tests would see it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect, text

from hamcoach.config import Settings
from hamcoach.services.accounts import accounts_mode, add_user, list_users
from hamcoach.services.auth import session_for, sign_in
from hamcoach.services.reports import history
from hamcoach.storage import schema
from hamcoach.storage.db import make_engine
from hamcoach.storage.store import Store
from tests.hashers import CountingHasher

T0 = dt.datetime(2026, 11, 3, 17, 30)
NOW = dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC)
TABLES = (
    "athlete",
    "plan_state",
    "session_log",
    "set_log",
    "strength_test",
    "soreness",
    "run",
    "session_move",
)
SETS = 6


def _engine(url: str, tmp_path: Path) -> Engine:
    return make_engine(Settings(database_url=url, data_dir=tmp_path))


def _fill_0010(engine: Engine) -> None:
    """One athlete with a bit of everything, as plain SQL against schema 0010."""
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO athlete (id, name, units, body_mass, equipment, running_week,"
                " sessions_per_week, per_session, nordic_experienced, race_dates,"
                " keep_rest_days, rest_s, timezone, created_at, updated_at, calendar_token)"
                " VALUES (1, 'Ana', 'kg', 60.5, 'partner,towel,lying-curl-machine',"
                " 'mon=rest,tue=key,wed=rest,thu=easy,fri=rest,sat=rest,sun=long', 2, 2,"
                " :no, '2027-04-18', :no, 90, 'Europe/Berlin', :t, :t, 'calendar-secret')"
            ),
            {"no": False, "t": T0},
        )
        conn.execute(
            text("INSERT INTO plan_state (athlete_id, start, updated_at) VALUES (1, :d, :t)"),
            {"d": dt.date(2026, 11, 2), "t": T0},
        )
        for day in (3, 5):
            conn.execute(
                text(
                    "INSERT INTO session_log (id, athlete_id, date, finished_at, note,"
                    " started_at) VALUES (:id, 1, :d, :t, 'done', :t)"
                ),
                {"id": day, "d": dt.date(2026, 11, day), "t": T0.replace(day=day)},
            )
            for number in range(1, SETS // 2 + 1):
                conn.execute(
                    text(
                        "INSERT INTO set_log (id, athlete_id, session_id, exercise, set_number,"
                        " target_reps_min, target_reps_max, target_load, reps, load, unit, rir,"
                        " performed_at, note, created_at, kind) VALUES (:id, 1, :s,"
                        " 'lying-leg-curl', :n, 10, 12, 40, 11, 42.5, 'kg', 2, :t, NULL, :t,"
                        " 'working')"
                    ),
                    {
                        "id": f"00000000-0000-4000-8000-0000000000{day}{number}",
                        "s": day,
                        "n": number,
                        "t": T0.replace(day=day, minute=number),
                    },
                )
        conn.execute(
            text(
                "INSERT INTO strength_test (athlete_id, group_id, kind, side, value, unit,"
                " tested_on, created_at) VALUES (1, 'g1', 'nordic-force', 'left', 310.5, 'N',"
                " :d, :t)"
            ),
            {"d": dt.date(2026, 11, 4), "t": T0},
        )
        conn.execute(
            text("INSERT INTO soreness (athlete_id, date, score, note) VALUES (1, :d, 3, 'ok')"),
            {"d": dt.date(2026, 11, 4)},
        )
        conn.execute(
            text(
                "INSERT INTO run (athlete_id, start, duration_s, title, source, external_id,"
                " imported_at, marked) VALUES (1, :t, 2700, 'Tempo', 'fit', 'fit:1', :t, 'key')"
            ),
            {"t": T0},
        )
        conn.execute(
            text(
                "INSERT INTO session_move (athlete_id, from_date, to_date, moved_at)"
                " VALUES (1, :f, :to, :t)"
            ),
            {"f": dt.date(2026, 11, 10), "to": dt.date(2026, 11, 11), "t": T0},
        )


_COLUMNS_0010: dict[str, list[str]] = {}


def _snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row and value of the tables 0010 has, in 0010's columns."""
    with engine.connect() as conn:
        if not _COLUMNS_0010:
            found = inspect(conn)
            for table in TABLES:
                _COLUMNS_0010[table] = [c["name"] for c in found.get_columns(table)]
        return {
            table: [
                tuple(r)
                for r in conn.execute(
                    text(f"SELECT {', '.join(_COLUMNS_0010[table])} FROM {table} ORDER BY 1")
                )
            ]
            for table in TABLES
        }


def test_a_single_user_database_upgrades_and_its_athlete_becomes_the_first_accounts(
    db_url: str, tmp_path: Path
) -> None:
    _COLUMNS_0010.clear()
    engine = _engine(db_url, tmp_path)
    try:
        schema.upgrade(engine, "0010")
        _fill_0010(engine)
        before = _snapshot(engine)
        assert all(before[t] for t in TABLES) and len(before["set_log"]) == SETS

        schema.upgrade(engine)
        with engine.connect() as conn:
            assert schema.current_revision(conn) == schema.HEAD_REVISION  # 0011 and every later one
            owners = conn.execute(text("SELECT account_id FROM athlete")).scalars().all()
        assert _snapshot(engine) == before and owners == [None]
        store = Store(engine)
        assert not accounts_mode(store.uow())  # no account yet: still the local app

        hasher = CountingHasher()
        ana = add_user(
            store.uow(), "ana", "correct horse battery", operator=True, now=NOW, hasher=hasher
        )
        (user,) = list_users(store.uow())
        assert (user.id, user.athlete_id, user.athlete_name) == (ana, 1, "Ana")
        assert accounts_mode(store.uow())
        assert _snapshot(engine) == before  # taking the athlete changed no row but the owner
        session = sign_in(
            store.uow(), "ana", "correct horse battery", "127.0.0.1", NOW, hasher=hasher
        )
        found = session_for(store.uow(), session.secret, NOW)
        assert found is not None and found.athlete_id == 1
        assert len(history(store.uow(), found.athlete_id, None, None)) == SETS

        schema.downgrade(engine, "0010")
        assert _snapshot(engine) == before
        tables = set(inspect(engine).get_table_names())
        assert not tables & {
            "account",
            "auth_session",
            "api_token",
            "login_failure",
            "one_time_link",
        }
        assert "account_id" not in {c["name"] for c in inspect(engine).get_columns("athlete")}
    finally:
        engine.dispose()
