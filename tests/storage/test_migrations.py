"""Migrations: empty -> head -> base on SQLite and PostgreSQL; the start-up fast path."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from hamcoach.config import Settings
from hamcoach.domain.errors import DatabaseUnavailable
from hamcoach.storage import schema
from hamcoach.storage.db import make_engine
from hamcoach.storage.tables import Base

TABLES = {"athlete", "plan_state", "session_log", "set_log", "strength_test", "soreness"}


def settings(url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=url, data_dir=tmp_path)


def test_upgrade_to_head_and_back_down(db_url: str, tmp_path: Path) -> None:
    engine = make_engine(settings(db_url, tmp_path))
    schema.upgrade(engine)
    names = set(inspect(engine).get_table_names())
    assert names >= TABLES | {"alembic_version"}
    with engine.connect() as conn:
        assert schema.current_revision(conn) == schema.HEAD_REVISION
    schema.downgrade(engine, "base")
    assert not (set(inspect(engine).get_table_names()) & TABLES)
    schema.upgrade(engine)
    assert set(inspect(engine).get_table_names()) >= TABLES
    engine.dispose()


def test_migrated_schema_matches_the_models(db_url: str, tmp_path: Path) -> None:
    """Alembic's autogenerate finds nothing to add: migrations and tables agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = make_engine(settings(db_url, tmp_path))
    schema.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    engine.dispose()


def test_head_constant_matches_alembic() -> None:
    from alembic.script import ScriptDirectory

    from hamcoach.storage.schema import alembic_config

    script = ScriptDirectory.from_config(alembic_config(None))
    assert script.get_current_head() == schema.HEAD_REVISION


def test_ensure_schema_is_idempotent_and_refuses_a_newer_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    engine = make_engine(settings(url, tmp_path))
    schema.ensure_schema(engine)
    schema.ensure_schema(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(DatabaseUnavailable, match="newer than this hamcoach"):
        schema.ensure_schema(engine)


def test_sqlite_runs_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(settings(f"sqlite:///{tmp_path / 'y.db'}", tmp_path))
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_unreachable_database_is_one_clear_error(tmp_path: Path) -> None:
    engine = create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    with pytest.raises(DatabaseUnavailable, match="cannot open the database"):
        schema.ensure_schema(engine)
