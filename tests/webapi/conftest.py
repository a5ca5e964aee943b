"""API tests: the real app (create_app) on a real SQLite file, through Starlette's TestClient."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hamcoach.config import Settings
from hamcoach.services.accounts import add_user
from hamcoach.services.coaching import set_coach
from hamcoach.storage.store import Store, open_store
from hamcoach.web.app import create_app

PROFILE = {
    "name": "Ana",
    "units": "kg",
    "body_mass": 60,
    "equipment": ["lying-curl-machine", "seated-curl-machine", "partner", "towel"],
    "week": "mon=rest,tue=key,wed=easy,thu=easy,fri=rest,sat=easy,sun=long",
    "sessions": 2,
    "per_session": 2,
    "nordic_experienced": False,
    "timezone": "UTC",
}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(Settings(f"sqlite:///{tmp_path / 'api.db'}", tmp_path))
    yield s
    s.close()


@pytest.fixture
def client(store: Store, tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(Settings(f"sqlite:///{tmp_path / 'api.db'}", tmp_path), store)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


@pytest.fixture
def athlete(client: TestClient) -> TestClient:
    """A client whose install has a profile."""
    response = client.put("/api/v1/profile", json=PROFILE)
    assert response.status_code == 200, response.text
    return client


COACH_PASSWORD = "correct horse battery"


@pytest.fixture
def web(store: Store, tmp_path: Path) -> Iterator[TestClient]:
    """Accounts mode: Ana (an athlete with a profile) and Cora (a coach without one), whose
    password is `coach_web.COACH_PASSWORD`."""
    app = create_app(Settings(f"sqlite:///{tmp_path / 'api.db'}", tmp_path), store)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert client.put("/api/v1/profile", json=PROFILE).status_code == 200
        now = dt.datetime.now(dt.UTC)
        add_user(store.uow(), "ana", COACH_PASSWORD, now=now)  # takes the profile's athlete
        add_user(store.uow(), "cora", COACH_PASSWORD, now=now)
        set_coach(store.uow(), "cora", coach=True)
        app.state.accounts_mode = True
        yield client
