"""A test-only server for the front-end assets: the real static files, test pages and a small but
real `POST /api/v1/sets` (stores by id: 201 the first time, 200 on a repeat; 422 on bad input;
an optional `note` up to 500 characters is stored too)."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from hamcoach.domain.exercises import CATALOGUE
from tests.web.harness import STATIC_DIR

PAGES_DIR = Path(__file__).resolve().parent / "pages"
APP_PAGES = ("/", "/today", "/week", "/history", "/progress")
SLUGS = frozenset(e.slug for e in CATALOGUE.exercises)
FIELDS = ("id", "exercise", "variant", "side", "reps", "load", "rir", "performed_at")
OPTIONAL_FIELDS = ("note",)


@dataclass
class SetStore:
    """What the fake API stored, plus knobs: fail the next POSTs, or slow every POST down."""

    sets: dict[str, dict[str, Any]] = field(default_factory=dict)  # insertion order = arrival
    posts: list[str] = field(default_factory=list)  # every POSTed id, repeats included
    # (status, detail) to answer the next POSTs with, before looking at them
    fail_next: list[tuple[int, Any]] = field(default_factory=list)
    attempts: int = 0  # every POST that reached the server, failed ones included
    # every POSTed body in arrival order, refused and failed ones included (None: not JSON)
    received: list[Any] = field(default_factory=list)
    # (matches(body), status, detail): answer every POST whose body matches, after fail_next
    refuse_when: list[tuple[Callable[[dict[str, Any]], bool], int, Any]] = field(
        default_factory=list
    )
    delay: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def stored_ids(self) -> list[str]:
        with self.lock:
            return list(self.sets)

    def requests_for(self, set_id: str) -> int:
        """How many POSTs carried this set id (whatever the answer was)."""
        with self.lock:
            return sum(1 for b in self.received if isinstance(b, dict) and b.get("id") == set_id)


def _problems(body: Any) -> str | list[dict[str, Any]] | None:
    """None when the set is valid; a message (string) or FastAPI-style error list otherwise."""
    if not isinstance(body, dict):
        return [{"loc": ["body"], "msg": "Input should be a JSON object", "type": "dict_type"}]
    missing = [name for name in FIELDS if name not in body]
    if missing:
        return [{"loc": ["body", n], "msg": "Field required", "type": "missing"} for n in missing]
    if not isinstance(body["reps"], int) or isinstance(body["reps"], bool):
        return [{"loc": ["body", "reps"], "msg": "Input should be an integer", "type": "int_type"}]
    if body["exercise"] not in SLUGS:
        return f"unknown exercise {body['exercise']!r}"
    if not 1 <= body["reps"] <= 100:
        return "reps must be between 1 and 100"
    if body["side"] not in (None, "left", "right"):
        return "side must be left, right or null"
    note = body.get("note")
    if note is not None and (not isinstance(note, str) or len(note) > 500):
        return "note must be text of at most 500 characters"
    return None


def create_app(store: SetStore) -> Starlette:
    async def post_set(request: Request) -> Response:
        if store.delay:
            await asyncio.sleep(store.delay)
        raw = await request.body()
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        with store.lock:
            store.attempts += 1
            store.received.append(body)
            if store.fail_next:
                status, detail = store.fail_next.pop(0)
                return JSONResponse({"detail": detail}, status_code=status)
            if isinstance(body, dict):
                for matches, status, detail in store.refuse_when:
                    if matches(body):
                        return JSONResponse({"detail": detail}, status_code=status)
        if body is None:
            return JSONResponse({"detail": "the body is not JSON"}, status_code=400)
        problems = _problems(body)
        if problems is not None:
            return JSONResponse({"detail": problems}, status_code=422)
        with store.lock:
            store.posts.append(body["id"])
            if body["id"] in store.sets:
                return JSONResponse(store.sets[body["id"]], status_code=200)
            stored = {name: body[name] for name in FIELDS}
            stored.update({name: body[name] for name in OPTIONAL_FIELDS if name in body})
            store.sets[body["id"]] = stored
        return JSONResponse(stored, status_code=201)

    async def list_sets(request: Request) -> Response:
        with store.lock:
            return JSONResponse(list(store.sets.values()))

    async def service_worker(request: Request) -> Response:
        return FileResponse(STATIC_DIR / "js" / "sw.js", media_type="text/javascript")

    async def app_page(request: Request) -> Response:
        return HTMLResponse((PAGES_DIR / "app.html").read_text(encoding="utf-8"))

    return Starlette(
        routes=[
            Route("/api/v1/sets", post_set, methods=["POST"]),
            Route("/api/v1/sets", list_sets, methods=["GET"]),
            Route("/sw.js", service_worker),
            *(Route(path, app_page) for path in APP_PAGES),
            Mount("/static", StaticFiles(directory=STATIC_DIR)),
            Mount("/test", StaticFiles(directory=PAGES_DIR)),
        ]
    )


def open_test_page(page: Any, base: str, path: str = "/today") -> None:
    """Load the test page and wait until app.js has mounted and the service worker controls it."""
    page.goto(base + path)
    page.wait_for_function("window.hc?.ready === true")
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def wait_until(page: Any, expression: str, expected: Any, timeout: float = 10.0) -> Any:
    """Poll an (async) page expression until it equals `expected`; fail with the last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression)
        if value == expected:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{expression} stayed {value!r}, expected {expected!r}")
        page.wait_for_timeout(50)
