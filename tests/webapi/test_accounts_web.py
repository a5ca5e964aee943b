"""Accounts mode over HTTP (issue 13): every route refuses a caller without a session or token
and serves one with it; cookie writes need the CSRF token; tokens keep to their scope; sign-in
is rate-limited with Retry-After; the cookie's flags; the single-user database's athlete becomes
the first account's. Real app on SQLite."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient

from hamcoach.config import Settings
from hamcoach.services.accounts import add_user
from hamcoach.storage.store import Store, open_store
from hamcoach.web.app import create_app
from hamcoach.web.auth import COOKIE
from tests.webapi.conftest import PROFILE

PASSWORD = "correct horse battery"
BASE = "http://127.0.0.1"
# Routes anyone may call: signing in itself, the liveness checks, the app's static shell, the
# documentation, and the calendar feed (its secret URL is its authorization).
OPEN = {
    "/signin",
    "/signout",
    "/pair/{secret}",
    "/reset/{secret}",
    "/api/v1/health",
    "/api/v1/ready",
    "/calendar/{token}.ics",
    "/sw.js",
    "/manifest.webmanifest",
    "/openapi.json",
    "/docs",
    "/docs/oauth2-redirect",
    "/redoc",
}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(Settings(f"sqlite:///{tmp_path / 'accounts.db'}", tmp_path))
    yield s
    s.close()


@pytest.fixture
def web(store: Store, tmp_path: Path) -> Iterator[TestClient]:
    """A single-user install with a profile, then its first account (the upgrade path)."""
    app = create_app(Settings(f"sqlite:///{tmp_path / 'accounts.db'}", tmp_path), store)
    with TestClient(app, base_url=BASE) as client:
        assert client.put("/api/v1/profile", json=PROFILE).status_code == 200
        add_user(store.uow(), "ana", PASSWORD, now=dt.datetime.now(dt.UTC))
        app.state.accounts_mode = True  # as the next check would find
        yield client


def _signed_in(web: TestClient) -> str:
    done = web.post(
        "/signin",
        data={"username": "ana", "password": PASSWORD, "next": "/week"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/week"
    page = web.get("/today").text
    found = re.search(r'<meta name="csrf-token" content="([^"]+)">', page)
    assert found is not None
    return found.group(1)


def _fill(path: str) -> str:
    """A path template with values of the right shape (an id number, else a date, which every
    other parameter accepts as text)."""
    return re.sub(r"\{[^}]+\}", "2026-11-30", re.sub(r"\{[a-z_]*_id\}", "1", path))


def test_every_route_refuses_a_caller_who_is_not_signed_in(web: TestClient) -> None:
    web.cookies.clear()
    checked = 0
    for context in iter_route_contexts(web.app.routes):  # type: ignore[attr-defined]
        path = context.path_format or ""
        if not path or path in OPEN or path.startswith("/static"):
            continue
        for method in sorted(context.methods or ()):
            if method == "HEAD":
                continue
            answer = web.request(method, _fill(path), follow_redirects=False)
            checked += 1
            if isinstance(context.original_route, APIRoute) and path.startswith("/api/"):
                assert answer.status_code == 401, (method, path, answer.text)
                assert "sign in" in answer.json()["detail"]
            elif method == "GET":
                assert answer.status_code == 303, (method, path)
                assert answer.headers["location"].startswith("/signin?next=")
            else:
                assert answer.status_code == 401, (method, path, answer.status_code)
    assert checked > 40  # the whole app, not a handful


def test_a_signed_in_browser_sees_its_own_data_and_writes_with_the_csrf_token(
    web: TestClient,
) -> None:
    csrf = _signed_in(web)
    cookie = web.cookies.get(COOKIE)
    assert cookie
    assert web.get("/api/v1/profile").json()["name"] == PROFILE["name"]  # the upgraded athlete
    body = {
        "id": str(uuid.uuid4()),
        "exercise": "lying-leg-curl",
        "reps": 10,
        "load": 30,
        "performed_at": (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)).isoformat(),
    }
    refused = web.post("/api/v1/sets", json=body)
    assert refused.status_code == 403 and "security token" in refused.json()["detail"]
    assert web.get("/api/v1/sets").json() == []  # nothing stored
    stored = web.post("/api/v1/sets", json=body, headers={"X-CSRF-Token": csrf})
    assert stored.status_code == 201
    # A form post carries the token as a field.
    week_form = web.post("/today/soreness", data={"soreness": "2"}, follow_redirects=False)
    assert week_form.status_code == 403
    with_token = web.post(
        "/today/soreness", data={"soreness": "2", "csrf": csrf}, follow_redirects=False
    )
    assert with_token.status_code == 303
    # Signing out ends the session on the server, not just in this browser, and clears the
    # browser's cache of the site's pages.
    out = web.post("/signout", follow_redirects=False)
    assert out.headers["clear-site-data"] == '"cache"'
    assert (
        f'{COOKIE}=""' in out.headers["set-cookie"]
        or "max-age=0" in out.headers["set-cookie"].lower()
    )
    web.cookies.set(COOKIE, cookie)
    assert web.get("/api/v1/profile").status_code == 401


def test_the_session_cookie_is_http_only_and_same_site_lax(web: TestClient) -> None:
    done = web.post(
        "/signin", data={"username": "ana", "password": PASSWORD}, follow_redirects=False
    )
    header = done.headers["set-cookie"].lower()
    assert header.startswith(f"{COOKIE}=")
    assert "httponly" in header and "samesite=lax" in header and "path=/" in header
    assert "secure" not in header  # plain HTTP here; over HTTPS the flag is set


def test_api_tokens_keep_to_their_scope(web: TestClient) -> None:
    csrf = _signed_in(web)
    page = web.post("/account/tokens", data={"name": "sheet", "scope": "read", "csrf": csrf})
    found = re.search(r"<code data-new-token>([^<]+)</code>", page.text)
    assert found is not None
    read = {"Authorization": f"Bearer {found.group(1)}"}
    web.cookies.clear()
    assert web.get("/api/v1/plan", headers=read).status_code == 200
    soreness = web.post("/api/v1/soreness", json={"score": 3}, headers=read)
    assert soreness.status_code == 403 and "read-only" in soreness.json()["detail"]
    wrong = web.get("/api/v1/plan", headers={"Authorization": "Bearer not-a-token"})
    assert wrong.status_code == 401


def test_sign_in_is_rate_limited_with_retry_after(web: TestClient) -> None:
    statuses = [
        web.post("/signin", data={"username": "ana", "password": "wrong password!"}).status_code
        for _ in range(6)
    ]
    assert statuses[:5] == [401] * 5 and statuses[5] == 429
    limited = web.post("/signin", data={"username": "ana", "password": PASSWORD})
    assert limited.status_code == 429  # even the right password waits
    assert int(limited.headers["retry-after"]) > 0
    assert "too many failed sign-ins" in limited.text


def test_sign_in_returns_only_to_this_site(web: TestClient) -> None:
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        done = web.post(
            "/signin",
            data={"username": "ana", "password": PASSWORD, "next": target},
            follow_redirects=False,
        )
        assert done.headers["location"] == "/today"


def test_security_headers_on_every_answer_and_hsts_and_secure_cookies_over_https(
    web: TestClient,
) -> None:
    for path in ("/today", "/api/v1/plan", "/signin", "/api/v1/health", "/static/css/app.css"):
        answer = web.get(path, follow_redirects=False)
        csp = answer.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp, path
        assert "'unsafe-inline'" not in csp
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "same-origin"
        assert "strict-transport-security" not in answer.headers  # plain HTTP: no HSTS
    secure = TestClient(web.app, base_url="https://127.0.0.1")
    answer = secure.get("/signin")
    assert answer.headers["strict-transport-security"] == "max-age=31536000"
    done = secure.post(
        "/signin", data={"username": "ana", "password": PASSWORD}, follow_redirects=False
    )
    assert "; secure" in done.headers["set-cookie"].lower()
