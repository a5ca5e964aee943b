"""The coaching tests' helpers (the app is conftest.py's `web`): signing in as someone, and a
coach's invitation."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from hamcoach.domain.coaching import CoachLink
from hamcoach.storage.store import Store
from tests.webapi.conftest import COACH_PASSWORD as PASSWORD

BASE = "http://127.0.0.1"


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


def link_ana(web: TestClient, store: Store, group: str = "") -> CoachLink:
    """Cora invites (to `group`), Ana accepts: their link. Whoever was signed in is not."""
    secret = invite(web, as_(web, "cora"), group)
    accepted = web.post(f"/invite/{secret}", data={"csrf": as_(web, "ana")})
    assert accepted.status_code in (200, 303), accepted.text
    with store.uow() as uow:
        cora = uow.accounts.users.by_username("cora")
        assert cora is not None
        [link] = uow.coaching.links.of_coach(cora.id)
    return link
