"""Use-case tests run on the in-memory unit of work (tests/fakes.py); the few about storage itself
(round trips, rollback on real tables, values the database must accept) use `store`, a real
SQLite file. tests/storage/test_use_cases_on_databases.py runs the same flows on SQLite and
PostgreSQL end to end."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from hamcoach.config import Settings
from hamcoach.domain.model import RunningWeek
from hamcoach.domain.profile import Profile, Units
from hamcoach.services.profile import save_profile
from hamcoach.storage.store import Store, open_store
from tests.fakes import FakeUnitOfWork

MONDAY = dt.date(2026, 11, 2)
WEEK = RunningWeek.parse("mon=rest,tue=key,wed=easy,thu=easy,fri=rest,sat=easy,sun=long")


def runner(**changes: object) -> Profile:
    base = Profile(
        name="Ana",
        units=Units.KG,
        body_mass=60.0,
        equipment=frozenset({"lying-curl-machine", "seated-curl-machine", "partner", "towel"}),
        week=WEEK,
        timezone="UTC",
    )
    from dataclasses import replace

    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(Settings(f"sqlite:///{tmp_path / 'hamcoach.db'}", tmp_path))
    yield s
    s.close()


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def athlete(uow: FakeUnitOfWork) -> int:
    return save_profile(uow, runner(), MONDAY)
