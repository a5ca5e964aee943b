"""The set lane (web/set_lane.py) answers `POST /api/v1/sets` in its common case without the
router, and hands every other request to the full route with its body intact. Two apps on two
SQLite files, one with the lane and one without, get the same requests and must give the
same answers: status, body and headers, for any body, content type and caller."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, currently_in_test_context, event, given, settings
from hypothesis import strategies as st
from starlette.types import Message, Receive, Scope, Send

from hamcoach.config import Settings
from hamcoach.domain.accounts import Scope as TokenScope
from hamcoach.services.accounts import add_user
from hamcoach.services.tokens import create_token
from hamcoach.storage.store import open_store
from hamcoach.web.app import create_app
from hamcoach.web.set_lane import LANE_MAX_BODY, SetLane
from tests.webapi.conftest import PROFILE

PASSWORD = "correct horse battery"
RECENT = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)).replace(microsecond=0)


def _app(folder: Path, *, lane: bool) -> FastAPI:
    settings_ = Settings(f"sqlite:///{folder / 'lane.db'}", folder)
    app = create_app(settings_)
    if not lane:  # the stack is built on the first request: leave the lane out of it
        app.user_middleware = [m for m in app.user_middleware if m.cls is not SetLane]  # type: ignore[comparison-overlap]
    return app


class Pair:
    """The same install twice, with and without the lane: one request, both answers."""

    def __init__(self, root: Path, *, accounts: bool) -> None:
        self.clients: list[TestClient] = []
        self.headers: dict[str, dict[str, str]] = {}
        tokens: list[dict[str, str]] = []
        self.csrf: list[str] = []
        for name, lane in (("with", True), ("without", False)):
            folder = root / name
            folder.mkdir()
            client = TestClient(_app(folder, lane=lane), base_url="http://127.0.0.1")
            client.__enter__()
            assert client.put("/api/v1/profile", json=PROFILE).status_code == 200
            if accounts:
                store = open_store(Settings(f"sqlite:///{folder / 'lane.db'}", folder))
                now = dt.datetime.now(dt.UTC)
                try:
                    account = add_user(store.uow(), "ana", PASSWORD, now=now)
                    write = create_token(store.uow(), account, "w", TokenScope.WRITE, now)
                    read = create_token(store.uow(), account, "r", TokenScope.READ, now)
                finally:
                    store.close()
                tokens.append({"write": write, "read": read})
                app = client.app
                assert isinstance(app, FastAPI)
                app.state.accounts_mode = True  # now, not at the next look in a few seconds
                signed = client.post("/signin", data={"username": "ana", "password": PASSWORD})
                assert signed.status_code == 200, signed.text
                page = client.get("/today").text
                found = re.search(r'<meta name="csrf-token" content="([^"]+)">', page)
                assert found is not None
                self.csrf.append(found.group(1))
            self.clients.append(client)
        self.tokens = tokens

    def close(self) -> None:
        for client in self.clients:
            client.__exit__(None, None, None)

    def both(
        self, content: bytes, headers: dict[str, str], per_app: list[dict[str, str]] | None = None
    ) -> list[tuple[int, Any, dict[str, str]]]:
        answers = []
        for i, client in enumerate(self.clients):
            sent = {**headers, **(per_app[i] if per_app else {})}
            response = client.post("/api/v1/sets", content=content, headers=sent)
            try:
                body: Any = response.json()
            except ValueError:
                body = response.text
            answers.append((response.status_code, body, dict(response.headers)))
        return answers


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    pair = Pair(tmp_path_factory.mktemp("lane-local"), accounts=False)
    yield pair
    pair.close()


@pytest.fixture(scope="module")
def accounts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    pair = Pair(tmp_path_factory.mktemp("lane-accounts"), accounts=True)
    yield pair
    pair.close()


JSON_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["lying-leg-curl", "single-leg-curl", "left", "right", "warmup", "floor-curl"]),
    st.lists(st.integers(), max_size=3),
)
FIELDS = ["id", "exercise", "variant", "side", "reps", "load", "rir", "performed_at", "note"]
FIELDS += ["kind", "hips_up", "unknown"]


@st.composite
def set_bodies(draw: st.DrawFn) -> bytes:
    """A valid set, then perhaps a few fields changed, dropped or added; as JSON text, or
    sometimes not JSON at all."""
    exercise = draw(st.sampled_from(["lying-leg-curl", "seated-leg-curl", "nordic-curl"]))
    body: dict[str, Any] = {
        "id": str(draw(st.uuids())),
        "exercise": exercise,
        "reps": draw(st.integers(1, 15)),
        "load": None if exercise == "nordic-curl" else 2.5 * draw(st.integers(4, 30)),
        "performed_at": (RECENT - dt.timedelta(minutes=draw(st.integers(0, 600)))).isoformat(),
    }
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):
        field = draw(st.sampled_from(FIELDS))
        if draw(st.booleans()):
            body.pop(field, None)
        else:
            body[field] = draw(JSON_VALUES)
    text = json.dumps(body, allow_nan=True)
    shape = draw(st.sampled_from(["json"] * 6 + ["cut", "list", "empty"]))
    if shape == "cut":
        text = text[: draw(st.integers(0, len(text) - 1))]
    elif shape == "list":
        text = json.dumps([body], allow_nan=True)
    elif shape == "empty":
        text = ""
    return text.encode()


CONTENT_TYPES = st.sampled_from(
    [
        "application/json",
        "application/json",
        "application/json",
        "application/json; charset=utf-8",
        "APPLICATION/JSON",
        "application/vnd.api+json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "",
    ]
)


def _same(answers: list[tuple[int, Any, dict[str, str]]]) -> None:
    (lane, full) = answers
    if currently_in_test_context():  # --hypothesis-show-statistics: how many took the lane
        event(f"status {lane[0]}")
    assert lane == full


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=set_bodies(), kind=CONTENT_TYPES, again=st.booleans())
def test_the_lane_answers_as_the_route_does(
    local: Pair, body: bytes, kind: str, again: bool
) -> None:
    headers = {"content-type": kind} if kind else {}
    _same(local.both(body, headers))
    if again:  # the same id again: 200 and the stored set, or the same refusal
        _same(local.both(body, headers))


CALLERS = st.sampled_from(["cookie", "cookie without csrf", "write token", "read token", "junk"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=set_bodies(), caller=CALLERS)
def test_the_lane_answers_as_the_route_does_for_any_caller(
    accounts: Pair, body: bytes, caller: str
) -> None:
    per_app: list[dict[str, str]] = []
    for i in range(len(accounts.clients)):
        if caller == "cookie":
            per_app.append({"X-CSRF-Token": accounts.csrf[i]})
        elif caller == "cookie without csrf":
            per_app.append({})
        elif caller == "junk":
            per_app.append({"Authorization": "Bearer not-a-token"})
        else:
            token = accounts.tokens[i]["write" if caller == "write token" else "read"]
            per_app.append({"Authorization": f"Bearer {token}"})
    _same(accounts.both(body, {"content-type": "application/json"}, per_app))


# --- the lane on its own: which requests it answers, and what the full route then receives


def _drive(
    lane: SetLane, app: FastAPI, body: bytes, headers: list[tuple[bytes, bytes]]
) -> list[Message]:
    """One request through the lane, its body in two chunks; the messages sent back."""
    half = len(body) // 2
    chunks: list[Message] = [
        {"type": "http.request", "body": body[:half], "more_body": True},
        {"type": "http.request", "body": body[half:], "more_body": False},
    ]
    sent: list[Message] = []

    async def receive() -> Message:
        if chunks:
            return chunks.pop(0)
        await asyncio.sleep(3600)
        raise AssertionError("unreachable")

    async def send(message: Message) -> None:
        sent.append(message)

    scope: Scope = {
        "type": "http",
        "method": "POST",
        "path": "/api/v1/sets",
        "headers": headers,
        "query_string": b"",
        "app": app,
        "state": {},
    }
    # In a thread of its own: a browser test's sync Playwright, open in this worker's thread
    # until its module ends, counts as a running loop there, and asyncio.run refuses to nest.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, lane(scope, receive, send)).result()
    return sent


class FullRoute:
    """Stands in for the app behind the lane: records what reached it, answers 299."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
        self.bodies.append(body)
        await send({"type": "http.response.start", "status": 299, "headers": []})
        await send({"type": "http.response.body", "body": b""})


@pytest.fixture
def installed(tmp_path: Path) -> Iterator[FastAPI]:
    app = _app(tmp_path, lane=True)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert client.put("/api/v1/profile", json=PROFILE).status_code == 200
        yield app


def _valid() -> bytes:
    return json.dumps(
        {
            "id": str(uuid.uuid4()),
            "exercise": "lying-leg-curl",
            "reps": 10,
            "load": 30,
            "performed_at": RECENT.isoformat(),
        }
    ).encode()


def _headers(body: bytes, kind: bytes = b"application/json") -> list[tuple[bytes, bytes]]:
    return [(b"content-type", kind), (b"content-length", str(len(body)).encode())]


def test_a_plain_valid_set_is_answered_by_the_lane(installed: FastAPI) -> None:
    full = FullRoute()
    body = _valid()
    sent = _drive(SetLane(full), installed, body, _headers(body))
    assert full.bodies == []
    assert sent[0]["status"] == 201
    assert json.loads(sent[1]["body"])["id"] == json.loads(body)["id"]


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        (b'{"id": "x", "reps": 0}', None),  # invalid: the route words the 422
        (b'{"id": ', None),  # not JSON
        (_valid(), [(b"content-type", b"text/plain")]),  # not declared JSON
        (_valid(), [(b"content-type", b"application/json")]),  # no length: chunked
        (b" " * (LANE_MAX_BODY + 1), None),  # over the lane's size
        (b'{"note": ' + b"[" * 5000 + b"]" * 5000 + b"}", None),  # past the parser's depth
        (_valid(), [(b"content-type", b"application/json"), (b"content-length", b"+5")]),
    ],
)
def test_every_other_request_reaches_the_full_route_with_its_body(
    installed: FastAPI, body: bytes, headers: list[tuple[bytes, bytes]] | None
) -> None:
    full = FullRoute()
    sent = _drive(SetLane(full), installed, body, headers or _headers(body))
    assert full.bodies == [body]
    assert sent[0]["status"] == 299


def test_a_set_the_writer_refuses_is_answered_by_the_lane_once(installed: FastAPI) -> None:
    """Refused by the writer (here: a time in the future), not sent a second time: the lane
    answers with the app's own handler for the refusal."""
    full = FullRoute()
    future = json.loads(_valid())
    future["performed_at"] = (dt.datetime.now(dt.UTC) + dt.timedelta(days=2)).isoformat()
    body = json.dumps(future).encode()
    sent = _drive(SetLane(full), installed, body, _headers(body))
    assert full.bodies == []
    assert sent[0]["status"] == 422
    assert "in the future" in json.loads(sent[1]["body"])["detail"]


@pytest.mark.parametrize(
    "change",
    [
        {"performed_at": (dt.datetime.now(dt.UTC) + dt.timedelta(days=2)).isoformat()},
        {"exercise": "nordic-curl", "load": 20},  # body weight: the writer refuses a load
        {"note": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]},
    ],
)
def test_refusals_are_worded_alike_with_and_without_the_lane(
    local: Pair, change: dict[str, Any]
) -> None:
    body = {**json.loads(_valid()), **change}
    _same(local.both(json.dumps(body).encode(), {"content-type": "application/json"}))


def test_a_body_nested_past_the_json_parser_is_refused_alike(local: Pair) -> None:
    deep = json.loads(_valid())
    text = json.dumps(deep)[:-1] + ', "note": ' + "[" * 5000 + "]" * 5000 + "}"
    answers = local.both(text.encode(), {"content-type": "application/json"})
    _same(answers)
    assert answers[0][0] == 400


def test_two_content_types_are_read_as_the_route_reads_them(local: Pair) -> None:
    answers = []
    for client in local.clients:
        response = client.post(
            "/api/v1/sets",
            content=_valid(),
            headers=[("content-type", "text/plain"), ("content-type", "application/json")],
        )
        answers.append((response.status_code, response.json()))
    assert answers[0] == answers[1]
    assert answers[0][0] == 422
