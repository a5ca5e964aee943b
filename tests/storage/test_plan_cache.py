"""PostgreSQL plans each statement for its own values (storage/db.py): a plan psycopg's prepared
statement kept from when a table was nearly empty would scan the whole table later."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from hamcoach.config import Settings
from hamcoach.storage.store import open_store
from tests.dbs import database


@pytest.mark.postgres
def test_every_connection_plans_each_statement_afresh(tmp_path: Path) -> None:
    with database("postgres", tmp_path) as url:
        store = open_store(Settings(url, tmp_path))
        try:
            with store.engine.connect() as first, store.engine.connect() as second:
                for connection in (first, second):
                    mode = connection.execute(text("SHOW plan_cache_mode")).scalar_one()
                    assert mode == "force_custom_plan"
        finally:
            store.close()
