"""Engine and session factory: SQLite with WAL and foreign keys, or any SQLAlchemy URL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from hamcoach.config import Settings
from hamcoach.domain.errors import DatabaseUnavailable


def make_engine(settings: Settings) -> Engine:
    url = settings.database_url
    if url.startswith("sqlite"):
        return _sqlite_engine(url, settings.sqlite_synchronous)
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("postgresql"):
        return create_engine(url, pool_pre_ping=True, connect_args={"options": POSTGRES_OPTIONS})
    return create_engine(url, pool_pre_ping=True)


# psycopg prepares a statement on the server after a few runs, and PostgreSQL may then keep
# one generic plan for it for the connection's life. A plan made while a table was nearly
# empty (a new install, a new club) scans the whole table: the set writer's "which of these
# ids are stored" read grew from 0.5 ms to 3-6 ms within minutes (bench/api_accounts.py).
# A plan per execution costs a few hundredths of a millisecond on statements this small.
POSTGRES_OPTIONS = "-c plan_cache_mode=force_custom_plan"


def _sqlite_engine(url: str, synchronous: str) -> Engine:
    if synchronous not in ("FULL", "NORMAL", "EXTRA"):
        raise DatabaseUnavailable(
            f"HAMCOACH_SQLITE_SYNCHRONOUS must be FULL, NORMAL or EXTRA (got {synchronous})"
        )
    path = url.split("///", 1)[1] if "///" in url else ""
    if path and path != ":memory:":
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseUnavailable(f"cannot create the data folder for {path}: {exc}") from None
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA synchronous={synchronous}")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
