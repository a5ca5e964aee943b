"""Logging a set may take its caller from the worker's memory of recent ones (web/auth.py), and
the set writer confirms the credential with the batch: a session signed out, expired or of a
disabled account, and a revoked token, store nothing from the very next set, with the same
answer as any other route. The CSRF check still runs on every request. Real app on SQLite."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from starlette.applications import Starlette

from hamcoach.config import Settings
from hamcoach.domain.accounts import SESSION_IDLE, Scope
from hamcoach.services.accounts import add_user, disable_user
from hamcoach.services.credentials import Credential
from hamcoach.storage.store import Store, open_store
from hamcoach.storage.tables import AuthSessionRow
from hamcoach.web.app import create_app
from hamcoach.web.auth import COOKIE, Identity, RecentCallers, recent_callers
from tests.webapi.conftest import PROFILE

PASSWORD = "correct horse battery"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(Settings(f"sqlite:///{tmp_path / 'recent.db'}", tmp_path))
    yield s
    s.close()


@pytest.fixture
def web(store: Store, tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(Settings(f"sqlite:///{tmp_path / 'recent.db'}", tmp_path), store)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert client.put("/api/v1/profile", json=PROFILE).status_code == 200
        add_user(store.uow(), "ana", PASSWORD, now=dt.datetime.now(dt.UTC))
        app.state.accounts_mode = True
        yield client


def _sign_in(web: TestClient) -> dict[str, str]:
    done = web.post("/signin", data={"username": "ana", "password": PASSWORD})
    assert done.status_code == 200
    found = re.search(r'<meta name="csrf-token" content="([^"]+)">', web.get("/today").text)
    assert found is not None
    return {"X-CSRF-Token": found.group(1)}


def _set(minutes_ago: int = 5) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "exercise": "lying-leg-curl",
        "reps": 10,
        "load": 30,
        "performed_at": (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes_ago)).isoformat(),
    }


def _stored_ids(web: TestClient, headers: dict[str, str] | None = None) -> set[str]:
    if headers is None:
        _sign_in(web)
    answer = web.get("/api/v1/sets", headers=headers or {})
    assert answer.status_code == 200, answer.text
    return {s["id"] for s in answer.json()}


def _callers(web: TestClient) -> RecentCallers:
    assert isinstance(web.app, Starlette)
    return recent_callers(web.app)


def _session_credential(web: TestClient) -> Credential:
    cookie = web.cookies.get(COOKIE)
    assert cookie
    return Credential.of(cookie, via_token=False)


def _refused_unstored(web: TestClient, headers: dict[str, str], detail: str) -> str:
    body = _set()
    answer = web.post("/api/v1/sets", json=body, headers=headers)
    assert answer.status_code == 401 and answer.json()["detail"] == detail
    return str(body["id"])


def test_a_set_after_sign_out_is_refused_though_the_caller_was_remembered(
    web: TestClient,
) -> None:
    csrf = _sign_in(web)
    first = _set()
    assert web.post("/api/v1/sets", json=first, headers=csrf).status_code == 201
    credential = _session_credential(web)
    callers = _callers(web)
    assert callers.get(credential) is not None  # the next set skips the database's lookup
    cookie = web.cookies[COOKIE]
    assert web.post("/signout", follow_redirects=False).status_code == 303
    web.cookies.set(COOKIE, cookie)  # a second tab, or a copy of the cookie
    late = _refused_unstored(web, csrf, "sign in first")
    assert callers.get(credential) is None  # forgotten: it asks the database next time
    # Remembered or not, a dead session sent without its CSRF token is told to sign in (the
    # database's 401), not about the token.
    callers.remember(credential, Identity(1, 1, "ana", "x", False, Scope.WRITE))
    also_late = _refused_unstored(web, {}, "sign in first")
    assert callers.get(credential) is None
    stored = _stored_ids(web)
    assert stored == {first["id"]} and late not in stored and also_late not in stored


def test_an_expired_session_or_a_disabled_account_stores_nothing(
    web: TestClient, store: Store
) -> None:
    csrf = _sign_in(web)
    assert web.post("/api/v1/sets", json=_set(), headers=csrf).status_code == 201
    credential = _session_credential(web)
    idle = dt.datetime.now(dt.UTC) - SESSION_IDLE - dt.timedelta(minutes=1)
    with store.engine.begin() as connection:
        connection.execute(
            update(AuthSessionRow)
            .where(AuthSessionRow.secret_hash == credential.digest)
            .values(last_seen_at=idle)
        )
    _refused_unstored(web, csrf, "sign in first")
    assert len(_stored_ids(web)) == 1

    csrf = _sign_in(web)
    assert web.post("/api/v1/sets", json=_set(), headers=csrf).status_code == 201
    disable_user(store.uow(), "ana", dt.datetime.now(dt.UTC))
    _refused_unstored(web, csrf, "sign in first")
    with store.engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT count(*) FROM set_log").scalar_one()
    assert stored == 2


def test_a_revoked_token_stops_writing_with_the_next_set(web: TestClient) -> None:
    csrf = _sign_in(web)
    page = web.post(
        "/account/tokens", data={"name": "sheet", "scope": "write", "csrf": csrf["X-CSRF-Token"]}
    )
    found = re.search(r"<code data-new-token>([^<]+)</code>", page.text)
    assert found is not None
    bearer = {"Authorization": f"Bearer {found.group(1)}"}
    token_id = re.search(r'/account/tokens/(\d+)/revoke"', page.text)
    assert token_id is not None
    cookies = dict(web.cookies)
    web.cookies.clear()
    first = _set()
    assert web.post("/api/v1/sets", json=first, headers=bearer).status_code == 201
    web.cookies.update(cookies)
    revoked = web.post(
        f"/account/tokens/{token_id.group(1)}/revoke",
        data={"csrf": csrf["X-CSRF-Token"]},
        follow_redirects=False,
    )
    assert revoked.status_code == 303
    web.cookies.clear()
    late = _refused_unstored(
        web, bearer, "this API token is unknown or revoked: create one in Settings"
    )
    assert web.get("/api/v1/sets", headers=bearer).status_code == 401
    web.cookies.update(cookies)
    assert _stored_ids(web, csrf) == {first["id"]} and late not in _stored_ids(web, csrf)


def test_a_remembered_caller_still_needs_the_csrf_token_and_a_write_scope(
    web: TestClient,
) -> None:
    csrf = _sign_in(web)
    assert web.post("/api/v1/sets", json=_set(), headers=csrf).status_code == 201
    assert _callers(web).get(_session_credential(web)) is not None
    for headers in ({}, {"X-CSRF-Token": "not-the-token"}):
        refused = web.post("/api/v1/sets", json=_set(), headers=headers)
        assert refused.status_code == 403 and "security token" in refused.json()["detail"]
    page = web.post(
        "/account/tokens", data={"name": "read", "scope": "read", "csrf": csrf["X-CSRF-Token"]}
    )
    found = re.search(r"<code data-new-token>([^<]+)</code>", page.text)
    assert found is not None
    web.cookies.clear()
    reader = {"Authorization": f"Bearer {found.group(1)}"}
    for _ in range(2):  # the second answered from memory, if it were remembered
        refused = web.post("/api/v1/sets", json=_set(), headers=reader)
        assert refused.status_code == 403 and "read-only" in refused.json()["detail"]
    # Never remembered: once revoked, its answer must be the database's 401.
    assert _callers(web).get(Credential.of(found.group(1), via_token=True)) is None
    assert len(_stored_ids(web, reader)) == 1


def test_the_memory_forgets_after_its_time_and_beyond_its_size() -> None:
    who = Identity(1, 1, "ana", "csrf", False, Scope.WRITE)
    short = RecentCallers(seconds=0.0)
    short.remember(Credential(False, "a"), who)
    assert short.get(Credential(False, "a")) is None
    small = RecentCallers(size=3)
    keys = [Credential(n % 2 == 0, f"{n}") for n in range(5)]
    for key in keys:
        small.remember(key, who)
    small.get(keys[2])
    small.remember(keys[2], who)  # used again: the newest
    small.remember(Credential(False, "new"), who)
    assert [small.get(k) is not None for k in keys] == [False, False, True, False, True]
