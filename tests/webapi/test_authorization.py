"""Who may call what (issue 14): every route of the app (the OpenAPI document's and the HTML
pages'), called as anonymous, as another athlete, as an unlinked coach, as the head coach of another
club, as the linked coach and as the owner, with the ids of the owner's objects in the path and a
valid body (`authz_bodies.py`). Each route has a rule below and each route that writes a body
there; a new route without them fails `test_every_route_has_a_rule`.

What is asserted for each call:
- a refusal (401, 403, 404, or the sign-in redirect) changed nothing at all (a dump of every
  table, before and after);
- a caller who is not the owner (nor the linked coach on a coach's route) never changed the
  owner's rows, and never got the owner's data back (her name, her note, her set's id);
- the owner, and the linked coach on a coach's route, is served (a 2xx, or a form's redirect);
- another signed-in account is refused the owner's objects named in the path (her set, token,
  run, coach), and a coach is refused a change whose body names an athlete not on their roster.

Real app on SQLite, accounts mode.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import inspect, text

from hamcoach.config import Settings
from hamcoach.domain.accounts import Scope
from hamcoach.domain.profile import Profile
from hamcoach.domain.set_rules import SetInput
from hamcoach.services.accounts import add_user, attach_athlete
from hamcoach.services.assessments import record_marked
from hamcoach.services.clubs import put_in_club
from hamcoach.services.coaching import invite, set_coach
from hamcoach.services.comments import post_comment
from hamcoach.services.set_logging import log_sets
from hamcoach.services.tokens import create_token, list_tokens
from hamcoach.services.training import plan_for
from hamcoach.storage.store import Store, open_store
from hamcoach.web.app import create_app
from hamcoach.web.auth import COOKIE
from tests.webapi.authz_bodies import (
    BODIES,
    NAMES_THE_OWNER,
    OWNER_NAME,
    OWNER_OBJECTS,
    PASSWORD,
    ics,
    jpeg,
)
from tests.webapi.conftest import PROFILE

BASE = "http://127.0.0.1"
OWNER_NOTE = "owner-only-note-7c1f"


class Rule(Enum):
    OPEN = "anyone, signed in or not"
    OWN = "any signed-in account, on its own athlete's data only"
    INVITE = "any signed-in account holding the invitation's link"
    COACH = "an account with the coach role, on its own roster"
    COACHED = "the coach linked to the athlete in the path"
    HEAD = "a club's head coach, on their own club"


OPEN = {
    "/openapi.json",
    "/docs",
    "/api/v1/health",
    "/api/v1/ready",
    "/calendar/{token}.ics",  # its secret URL is its authorization
    "/",
    "/sw.js",
    "/manifest.webmanifest",
    "/signin",
    "/signout",
    "/pair/{secret}",
    "/reset/{secret}",
}
COACH = {
    "/api/v1/coach/roster",
    "/api/v1/coach/programme",
    "/coach",
    "/coach/roster.csv",
    "/coach/invitations",
    "/coach/invitations/{invitation_id}/withdraw",
    "/coach/programme",
}
COACHED = {
    "/coach/athletes/{athlete_id}",
    "/coach/athletes/{athlete_id}/week",
    "/coach/athletes/{athlete_id}/comments",
    "/coach/athletes/{athlete_id}/remove",
}
INVITE = {"/invite/{secret}"}
HEAD = {"/club", "/club/move"}
# Everything else serves the signed-in account's own athlete (checked to be the rest of the app).
OWN_PREFIXES = (
    "/api/v1/",
    "/today",
    "/history",
    "/onboarding",
    "/settings",
    "/progress",
    "/runs",
    "/tests",
    "/week",
    "/month",
    "/account",
)


def rule_of(path: str) -> Rule | None:
    if path in OPEN:
        return Rule.OPEN
    if path in COACH:
        return Rule.COACH
    if path in COACHED:
        return Rule.COACHED
    if path in INVITE:
        return Rule.INVITE
    if path in HEAD:
        return Rule.HEAD
    if path.startswith(OWN_PREFIXES):
        return Rule.OWN
    return None


def routes(app: Any) -> list[tuple[str, str, bool]]:
    """(method, path template, is a JSON API route) of every route but the static files."""
    found = []
    for context in iter_route_contexts(app.routes):
        path = context.path_format or ""
        if not path or path.startswith("/static"):
            continue
        api = isinstance(context.original_route, APIRoute) and path.startswith("/api/")
        found += [(m, path, api) for m in sorted(context.methods or ()) if m != "HEAD"]
    return found


@dataclass
class Who:
    name: str
    cookie: str | None = None
    csrf: str = ""
    account_id: int = 0


@dataclass
class World:
    store: Store
    client: TestClient
    people: dict[str, Who]
    owner_athlete: int
    day: dt.date
    run_id: str

    def owner_ids(self) -> dict[str, str]:
        """The values of the path's parameters: the owner's objects, made again when a call
        before used them up (deleted the set, revoked the token, accepted the invitation)."""
        store, owner, cora = self.store, self.people["olga"], self.people["cora"]
        with store.uow() as uow:
            sets = uow.athlete(self.owner_athlete).sets.all()
            link = uow.coaching.links.live(cora.account_id, self.owner_athlete)
            if link is None:
                uow.coaching.links.start(cora.account_id, self.owner_athlete, _now(), None)
            uow.commit()
        if not sets:
            _log(store, self.owner_athlete, self.day)
            with store.uow() as uow:
                sets = uow.athlete(self.owner_athlete).sets.all()
        live = [t for t in list_tokens(store.uow(), owner.account_id) if t.revoked_at is None]
        if not live:
            create_token(store.uow(), owner.account_id, "owner", Scope.WRITE, _now())
            live = [t for t in list_tokens(store.uow(), owner.account_id) if t.revoked_at is None]
        _, invitation = invite(store.uow(), cora.account_id, _now())
        # The link the owner may take: another coach's (she is her own coach's athlete already).
        secret, _ = invite(store.uow(), self.people["otto"].account_id, _now())
        with store.uow() as uow:
            framed = sorted(uow.athlete(self.owner_athlete).assessments.framed())
        source, target = _a_move(store, self.owner_athlete)
        return {
            "set_id": sets[0].id,
            "group_id": framed[0],
            "date": self.day.isoformat(),
            "day_before": (self.day - dt.timedelta(days=1)).isoformat(),
            "at": dt.datetime.combine(self.day, dt.time(8), tzinfo=dt.UTC).isoformat(),
            "token_id": str(live[0].id),
            "external_id": self.run_id,
            "coach_id": str(cora.account_id),
            "other_coach": str(self.people["otto"].account_id),
            "invitation_id": str(invitation.id),
            "athlete_id": str(self.owner_athlete),
            "secret": secret,
            "token": "not-the-calendar-secret",
            "fmt": "csv",
            "slug": "lying-leg-curl",
            "move_from": source.isoformat(),
            "move_to": target.isoformat(),
            "next_monday": _next_monday().isoformat(),
        }


def _next_monday() -> dt.date:
    today = _now().date()
    return today + dt.timedelta(days=7 - today.weekday())


def _a_move(store: Store, athlete: int) -> tuple[dt.date, dt.date]:
    """A session of next week's and a free day of that week to move it to."""
    monday = _next_monday()
    view = plan_for(store.uow(), athlete, _now().date(), weeks=3)
    taken = {s.date for s in view.plan.sessions()}
    week = [monday + dt.timedelta(days=i) for i in range(7)]
    source = next(d for d in week if d in taken)
    return source, next(d for d in week if d not in taken and d > source)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _log(store: Store, athlete: int, day: dt.date) -> None:
    at = dt.datetime.combine(day, dt.time(7), tzinfo=dt.UTC)
    item = SetInput("lying-leg-curl", 10, 30.0, note=OWNER_NOTE)
    log_sets(store.uow(), athlete, [(str(uuid.uuid4()), item, at)], _now(), with_next=False)


def _sign_in(client: TestClient, who: Who) -> None:
    client.cookies.clear()
    page = client.post(
        "/signin", data={"username": who.name, "password": PASSWORD, "next": "/account"}
    )
    assert page.status_code == 200, page.text
    token = re.search(r'<meta name="csrf-token" content="([^"]+)">', page.text)
    assert token is not None
    who.cookie, who.csrf = client.cookies.get(COOKIE), token.group(1)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    config = Settings(f"sqlite:///{tmp_path / 'authz.db'}", tmp_path)
    store = open_store(config)
    app = create_app(config, store)
    with TestClient(app, base_url=BASE) as client:
        profile = {**PROFILE, "name": OWNER_NAME}
        assert client.put("/api/v1/profile", json=profile).status_code == 200
        ran = _now().date() - dt.timedelta(days=2)
        upload = {"files": ("runs.ics", ics("owner-run-1@authz", ran))}
        assert client.post("/api/v1/runs/import", files=upload).status_code == 201
        run_id = client.get("/api/v1/runs").json()["runs"][0]["external_id"]
        now = _now()
        people = {name: Who(name) for name in ("olga", "ben", "cora", "otto", "hugo")}
        for who in people.values():
            who.account_id = add_user(store.uow(), who.name, PASSWORD, now=now)
        with store.uow() as uow:  # the first account took the install's athlete: olga's
            owner = uow.accounts.users.get(people["olga"].account_id)
            assert owner is not None and owner.athlete_id is not None
            ben = uow.athletes.add(Profile(name="Ben Other", equipment=frozenset({"towel"})))
            uow.commit()
        attach_athlete(store.uow(), people["ben"].account_id, ben)
        for coach in ("cora", "otto"):
            set_coach(store.uow(), coach, coach=True)
        # cora coaches in North (no head coach there); hugo heads another club, South.
        put_in_club(store.uow(), "cora", "North RC", now, head=False)
        put_in_club(store.uow(), "otto", "South AC", now, head=False)
        put_in_club(store.uow(), "hugo", "South AC", now, head=True)
        app.state.accounts_mode = True
        day = now.date() - dt.timedelta(days=1)
        _log(store, owner.athlete_id, day)
        marked = ((420.0, 300.0), (300.0, 420.0), (120.0, 420.0))
        record_marked(store.uow(), owner.athlete_id, marked, jpeg(), 1.0, day, day)
        post_comment(store.uow(), people["olga"].account_id, owner.athlete_id, day, OWNER_NOTE, now)
        for who in people.values():
            _sign_in(client, who)
        yield World(store, client, people, owner.athlete_id, day, run_id)
    store.close()


SKIPPED_TABLES = {"auth_session", "login_failure", "alembic_version"}  # touched by any request


def dump(store: Store) -> dict[str, list[tuple[str, ...]]]:
    with store.engine.connect() as conn:
        names = [t for t in inspect(conn).get_table_names() if t not in SKIPPED_TABLES]
        return {
            t: sorted(tuple(map(str, r)) for r in conn.execute(text(f'SELECT * FROM "{t}"')))
            for t in names
        }


def owners_rows(store: Store, athlete: int, account: int) -> dict[str, list[tuple[str, ...]]]:
    """Every row that is the owner's: her athlete, account and tokens, and the rows keyed by
    her athlete (sets, sessions, tests, runs, soreness, moves, comments, coach links)."""
    found: dict[str, list[tuple[str, ...]]] = {}
    with store.engine.connect() as conn:
        for t in inspect(conn).get_table_names():
            columns = {c["name"] for c in inspect(conn).get_columns(t)}
            if t == "athlete":
                where, value = "id", athlete
            elif t in ("account", "api_token"):
                where, value = ("id" if t == "account" else "account_id"), account
            elif "athlete_id" in columns:
                where, value = "athlete_id", athlete
            else:
                continue
            # Who saw her comments when is the coach's own state, not the owner's data.
            shown = ", ".join(f'"{c}"' for c in sorted(columns) if c != "comments_seen_at")
            rows = conn.execute(text(f'SELECT {shown} FROM "{t}" WHERE {where} = :v'), {"v": value})
            found[t] = sorted(tuple(map(str, r)) for r in rows)
    return found


def call(world: World, who: Who | None, method: str, template: str, ids: dict[str, str]) -> Any:
    client = world.client
    client.cookies.clear()
    headers = {}
    if who is not None:
        assert who.cookie
        client.cookies.set(COOKIE, who.cookie)
        headers["X-CSRF-Token"] = who.csrf
    if method == "GET":
        return client.get(fill(template, ids), headers=headers, follow_redirects=False)
    body = BODIES[(method, template)](ids)
    path = fill(template, {**ids, **body.pop("path", {})})
    if "data" in body or not body:
        body = {"data": {**body.get("data", {}), "csrf": who.csrf if who else ""}}
        if template.startswith("/api/"):
            body = {}
    return client.request(method, path, **body, headers=headers, follow_redirects=False)


def fill(path: str, ids: dict[str, str]) -> str:
    return re.sub(r"\{([a-z_]+)\}", lambda m: ids[m.group(1)], path)


def test_every_route_has_a_rule(world: World) -> None:
    missing = [(m, p) for m, p, _ in routes(world.client.app) if rule_of(p) is None]
    assert missing == []
    assert len(routes(world.client.app)) > 60  # the whole app, not a handful
    writes = {(m, p) for m, p, _ in routes(world.client.app) if m != "GET"}
    assert writes - BODIES.keys() == set(), "a route that writes needs a valid body here"
    assert BODIES.keys() - writes == set(), "a body for a route that is gone"


def refused(answer: Any) -> bool:
    if answer.status_code in (401, 403, 404):
        return True
    return bool(answer.status_code == 303 and answer.headers["location"].startswith("/signin"))


def served(answer: Any) -> bool:
    """Done: a 2xx, or a redirect to the page that shows the result (a form's answer)."""
    return answer.status_code < 300 or (answer.status_code in (302, 303) and not refused(answer))


@pytest.mark.parametrize("caller", ["anonymous", "ben", "otto", "hugo", "cora", "olga"])
def test_each_caller_gets_only_what_its_rule_allows(world: World, caller: str) -> None:
    who = None if caller == "anonymous" else world.people[caller]
    owner = world.people["olga"]
    checked = 0
    for method, template, _api in routes(world.client.app):
        rule = rule_of(template)
        assert rule is not None
        if rule is Rule.OPEN and who is not None:
            continue  # signing in or out here would change who this test is
        ids = world.owner_ids()
        before, theirs = (
            dump(world.store),
            owners_rows(world.store, world.owner_athlete, owner.account_id),
        )
        answer = call(world, who, method, template, ids)
        where = (caller, method, template, answer.status_code)
        assert answer.status_code < 500, (*where, answer.text[:300])
        if refused(answer):
            assert dump(world.store) == before, ("a refused call changed data", *where)
        # A coach's own object (an invitation) is cora's, and a body may name the owner: another
        # coach is refused either.
        hers_only = "{invitation_id}" in template or template in NAMES_THE_OWNER
        served_expected = (
            (caller == "olga" and rule in (Rule.OWN, Rule.INVITE))
            or (caller == "cora" and rule in (Rule.COACH, Rule.COACHED))
            or (caller in ("otto", "hugo") and rule is Rule.COACH and not hers_only)
            or (caller == "hugo" and rule is Rule.HEAD and not hers_only)
        )
        if who is None:
            assert rule is Rule.OPEN or refused(answer), where
        elif served_expected:
            assert served(answer), (*where, answer.text[:300])
        elif rule in (Rule.COACH, Rule.COACHED, Rule.HEAD):
            assert refused(answer), where
        elif rule is Rule.OWN and any(o in template for o in OWNER_OBJECTS):
            assert refused(answer), ("another's object was not refused", *where)
        if template == "/account/password" and who is not None:
            _sign_in(world.client, who)  # the change ended every session of the account
        linked = caller == "cora" and rule in (Rule.COACH, Rule.COACHED)  # sees olga's training
        if caller != "olga" and not linked:
            after = owners_rows(world.store, world.owner_athlete, owner.account_id)
            assert after == theirs, ("the owner's data changed", *where)
            body = answer.text
            # (the set's id only when the caller did not send it: a 404 may name what it got)
            shown = (OWNER_NAME, OWNER_NOTE, *(() if "{set_id}" in template else (ids["set_id"],)))
            for secret in shown:
                assert secret not in body, ("the owner's data was shown", *where, secret)
        checked += 1
    assert checked > (5 if caller != "anonymous" else 60)
