from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hamcoach.config import Settings
from hamcoach.services.ports import UnitOfWorkPort
from hamcoach.storage.store import open_store
from tests.dbs import database
from tests.fakes import FakeUnitOfWork

Make = Callable[[], UnitOfWorkPort]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database(request.param, tmp_path) as url:
        yield url


@pytest.fixture(params=["fake", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def make(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Make]:
    """A factory of units of work over one empty database: the fake, SQLite and PostgreSQL
    (the contract tests run on all three, so the fake behaves as the real ones)."""
    if request.param == "fake":
        fake = FakeUnitOfWork()
        yield lambda: fake
        return
    with database(request.param, tmp_path) as url:
        store = open_store(Settings(url, tmp_path))
        try:
            yield store.uow
        finally:
            store.close()
