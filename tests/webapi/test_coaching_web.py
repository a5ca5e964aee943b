"""Coaching over HTTP (issue 14, first slice): a coach makes an invitation (link and QR code), an
athlete opens it (nothing shared yet), accepts, shows up on the coach's page, and leaves; a
non-coach is refused the coach's page; an expired or used invitation says why; text a person
typed is shown as text. Real app on SQLite, accounts mode."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hamcoach.config import Settings
from hamcoach.services.accounts import add_user
from hamcoach.services.coaching import set_coach
from hamcoach.storage.store import Store, open_store
from hamcoach.web.app import create_app
from tests.webapi.conftest import PROFILE

PASSWORD = "correct horse battery"
BASE = "http://127.0.0.1"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(Settings(f"sqlite:///{tmp_path / 'coach.db'}", tmp_path))
    yield s
    s.close()


@pytest.fixture
def web(store: Store, tmp_path: Path) -> Iterator[TestClient]:
    """Ana (an athlete with a profile) and Cora (a coach without one)."""
    app = create_app(Settings(f"sqlite:///{tmp_path / 'coach.db'}", tmp_path), store)
    with TestClient(app, base_url=BASE) as client:
        assert client.put("/api/v1/profile", json=PROFILE).status_code == 200
        now = dt.datetime.now(dt.UTC)
        add_user(store.uow(), "ana", PASSWORD, now=now)  # takes the profile's athlete
        add_user(store.uow(), "cora", PASSWORD, now=now)
        set_coach(store.uow(), "cora", coach=True)
        app.state.accounts_mode = True
        yield client


def as_(web: TestClient, who: str) -> str:
    """Sign `who` in (instead of whoever was); the page's CSRF token."""
    web.cookies.clear()
    done = web.post("/signin", data={"username": who, "password": PASSWORD, "next": "/account"})
    assert done.status_code == 200, done.text
    found = re.search(r'<meta name="csrf-token" content="([^"]+)">', done.text)
    assert found is not None
    return found.group(1)


def invite(web: TestClient, csrf: str, group: str = "") -> str:
    page = web.post("/coach/invitations", data={"csrf": csrf, "group": group})
    assert page.status_code == 200, page.text
    assert "<svg" in page.text  # the QR code
    found = re.search(r"data-invitation-url>(http://[^<]+/invite/([^<]+))</a>", page.text)
    assert found is not None
    return found.group(2)


def test_an_athlete_accepts_shows_on_the_roster_and_leaves(web: TestClient) -> None:
    csrf = as_(web, "cora")
    assert "No athlete has accepted" in web.get("/coach").text
    secret = invite(web, csrf, "Tuesday squad")
    assert "Invitations waiting" in web.get("/coach").text
    assert "for Tuesday squad" in web.get("/coach").text

    csrf = as_(web, "ana")
    page = web.get(f"/invite/{secret}")
    assert page.status_code == 200
    assert "cora invites you" in page.text and "before today" in page.text
    assert "Tuesday squad" in page.text
    refused = web.post(f"/invite/{secret}", follow_redirects=False)  # no CSRF token
    assert refused.status_code == 403
    accepted = web.post(f"/invite/{secret}", data={"csrf": csrf}, follow_redirects=False)
    assert accepted.status_code == 303 and accepted.headers["location"] == "/account?coached=1"
    account = web.get("/account?coached=1").text
    assert "Invitation accepted" in account and "<strong>cora</strong>" in account
    again = web.post(f"/invite/{secret}", data={"csrf": csrf})
    assert again.status_code == 409 and "accepted already" in again.text
    assert web.get("/coach").status_code == 403  # ana is no coach

    csrf = as_(web, "cora")
    roster = web.get("/coach").text
    assert f"<strong>{PROFILE['name']}</strong> (Tuesday squad)" in roster
    assert "None waiting." in roster

    csrf = as_(web, "ana")
    coach_id = re.search(r'action="/account/coaches/(\d+)/leave"', web.get("/account").text)
    assert coach_id is not None
    left = web.post(f"/account/coaches/{coach_id.group(1)}/leave", data={"csrf": csrf})
    assert left.status_code == 200 and "they no longer see any of your data" in left.text
    assert "Before: cora" in left.text
    assert web.get("/api/v1/profile").json()["name"] == PROFILE["name"]  # the data stays

    as_(web, "cora")
    assert "No athlete has accepted" in web.get("/coach").text


def test_a_withdrawn_or_unknown_invitation_says_why_and_typed_text_stays_text(
    web: TestClient,
) -> None:
    csrf = as_(web, "cora")
    secret = invite(web, csrf, "<script>alert(1)</script>")
    page = web.get("/coach").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    invitation_id = re.search(r'action="/coach/invitations/(\d+)/withdraw"', page)
    assert invitation_id is not None
    done = web.post(f"/coach/invitations/{invitation_id.group(1)}/withdraw", data={"csrf": csrf})
    assert done.status_code == 200 and "Invitation withdrawn" in done.text
    too_long = web.post("/coach/invitations", data={"csrf": csrf, "group": "x" * 41})
    assert too_long.status_code == 200 and "at most 40 characters" in too_long.text

    as_(web, "ana")
    withdrawn = web.get(f"/invite/{secret}")
    assert withdrawn.status_code == 409 and "withdrew this invitation" in withdrawn.text
    unknown = web.get("/invite/not-a-real-secret")
    assert unknown.status_code == 404 and "not valid" in unknown.text
