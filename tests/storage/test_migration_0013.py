"""Migration 0013 (programme settings) on SQLite and PostgreSQL: a coach's sessions-per-week
change made at 0012 reads back after the upgrade as that setting, unchanged; new kinds store
beside it; downgrading keeps the sessions change and drops only what 0012 cannot hold."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import inspect, text

from hamcoach.config import Settings
from hamcoach.domain.programme import Choice, Kind, Setting
from hamcoach.services.accounts import add_user
from hamcoach.storage import schema
from hamcoach.storage.db import make_engine
from hamcoach.storage.store import Store
from tests.hashers import CountingHasher

AT = dt.datetime(2026, 11, 20, 8, 0)
MONDAY = dt.date(2026, 12, 7)
NOW = AT.replace(tzinfo=dt.UTC)


def test_a_sessions_change_survives_the_upgrade_and_the_way_back(
    db_url: str, tmp_path: Path
) -> None:
    engine = make_engine(Settings(database_url=db_url, data_dir=tmp_path))
    try:
        schema.upgrade(engine, "0012")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO athlete (id, name, units, body_mass, equipment, running_week,"
                    " sessions_per_week, per_session, nordic_experienced, race_dates,"
                    " keep_rest_days, rest_s, timezone, created_at, updated_at, calendar_token)"
                    " VALUES (1, 'Ana', 'kg', 60, 'towel', 'tue=key,sun=long', 2, 2, :no, '',"
                    " :no, 90, 'UTC', :t, :t, 'calendar-secret')"
                ),
                {"no": False, "t": AT},
            )
            conn.execute(
                text(
                    "INSERT INTO programme_change (athlete_id, coach_id, sessions, effective,"
                    " made_at) VALUES (1, NULL, 3, :d, :t)"
                ),
                {"d": MONDAY, "t": AT},
            )
        schema.upgrade(engine)
        store = Store(engine)
        cora = add_user(
            store.uow(), "cora", "correct horse battery", now=NOW, hasher=CountingHasher()
        )
        with store.uow() as uow:
            [change] = uow.athlete(1).programme.all()
            assert change.setting == Setting(Kind.SESSIONS, sessions=3)
            assert (change.effective, change.coach) == (MONDAY, "(a removed account)")
            ramp = Setting(Kind.NORDIC_RAMP, Choice.OFF)
            uow.athlete(1).programme.add(cora, ramp, MONDAY, NOW)
            uow.commit()
        with store.uow() as uow:
            assert [c.setting for c in uow.athlete(1).programme.all()] == [change.setting, ramp]
        schema.downgrade(engine, "0012")
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT sessions, effective FROM programme_change")).all()
        assert [(n, dt.date.fromisoformat(str(d))) for n, d in rows] == [(3, MONDAY)]
        columns = {c["name"] for c in inspect(engine).get_columns("programme_change")}
        assert not columns & {"kind", "choice", "exercise", "until"}
    finally:
        engine.dispose()
