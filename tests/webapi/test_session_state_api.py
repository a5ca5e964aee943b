"""The session's state through the API: GET /api/v1/today answers where the session stands (the
same for every client), POST /api/v1/sets moves it on, and POST /api/v1/sessions/{date}/start,
/skip and /finish answer with the status codes and messages a client shows.

The app's clock is fixed (a Tuesday with a planned session: Nordic + seated curl) and can move.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from hamcoach.web.deps import now_utc
from tests.webapi.conftest import PROFILE

TUESDAY = dt.date(2026, 11, 3)
FRIDAY = TUESDAY + dt.timedelta(days=3)


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock(client: TestClient) -> Clock:
    fixed = Clock(dt.datetime.combine(TUESDAY, dt.time(12), dt.UTC))
    client.app.dependency_overrides[now_utc] = fixed  # type: ignore[attr-defined]
    return fixed


@pytest.fixture
def api(client: TestClient, clock: Clock) -> TestClient:
    """A client whose install has a profile, made on the clock's day."""
    response = client.put("/api/v1/profile", json=PROFILE)
    assert response.status_code == 200, response.text
    return client


@pytest.fixture
def other(api: TestClient) -> Iterator[TestClient]:
    """A second client of the same app (another device of the same athlete); the first one
    runs the app's startup, this one only sends requests."""
    second = TestClient(api.app, base_url="http://127.0.0.1")
    yield second
    second.close()


def a_set(clock: Clock, minutes_ago: int = 30, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "exercise": "nordic-curl",
        "reps": 5,
        "load": None,
        "performed_at": (clock.now - dt.timedelta(minutes=minutes_ago)).isoformat(),
    }
    body.update(changes)
    return body


def post_set(client: TestClient, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post("/api/v1/sets", json=body)
    assert response.status_code == 201, response.text
    stored: dict[str, Any] = response.json()
    return stored


def state(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/api/v1/today", params=params)
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()["state"]
    return found


def test_today_is_planned_then_in_progress_after_a_set(api: TestClient, clock: Clock) -> None:
    today = api.get("/api/v1/today").json()
    assert today["date"] == TUESDAY.isoformat()
    assert [e["slug"] for e in today["exercises"]] == ["nordic-curl", "seated-leg-curl"]
    before = today["state"]
    assert (before["status"], before["status_label"]) == ("planned", "Planned")
    assert (before["work_sets"], before["current"], before["started_at"]) == (0, 0, None)
    assert before["progress"] == "Exercise 1 of 2, set 1 of 2"
    assert [e["done"] for e in before["exercises"]] == [{"both": 0}, {"both": 0}]
    body = a_set(clock, 20)
    post_set(api, body)
    after = state(api)
    assert (after["status"], after["work_sets"], after["current"]) == ("in-progress", 1, 0)
    assert after["progress"] == "Exercise 1 of 2, set 2 of 2"
    assert dt.datetime.fromisoformat(after["started_at"]) == dt.datetime.fromisoformat(
        body["performed_at"]
    )
    assert after["exercises"][0] == {
        "slug": "nordic-curl",
        "target_sets": 2,
        "done": {"both": 1},
        "sets_done": 1,
        "sets_target": 2,
        "complete": False,
    }
    post_set(api, a_set(clock, 15))
    post_set(api, a_set(clock, 10, kind="warmup", exercise="seated-leg-curl", reps=12, load=5.0))
    post_set(api, a_set(clock, 5, exercise="lying-leg-curl", reps=12, load=15.0))
    done = state(api)
    assert done["current"] == 1 and done["exercises"][0]["complete"] is True
    assert done["progress"] == "Exercise 2 of 2, set 1 of 3"  # the warm-up does not count
    assert done["extras"] == ["lying-leg-curl"] and done["work_sets"] == 3


def test_two_clients_see_the_same_session(api: TestClient, other: TestClient, clock: Clock) -> None:
    assert state(api) == state(other)
    post_set(other, a_set(clock, 20))
    mine, theirs = state(api), state(other)
    assert mine == theirs and mine["work_sets"] == 1
    post_set(api, a_set(clock, 10))
    assert state(other)["current"] == 1 == state(api)["current"]
    assert other.post(f"/api/v1/sessions/{TUESDAY}/skip").status_code == 409
    assert state(api)["skipped_at"] is None


def test_last_time_shows_the_previous_session_of_each_exercise(
    api: TestClient, clock: Clock
) -> None:
    for minutes, reps in ((30, 12), (25, 11), (20, 10)):
        post_set(api, a_set(clock, minutes, exercise="seated-leg-curl", reps=reps, load=17.5))
    post_set(api, a_set(clock, 15, exercise="seated-leg-curl", reps=15, load=5.0, kind="warmup"))
    clock.now = dt.datetime.combine(FRIDAY, dt.time(12), dt.UTC)
    friday = api.get("/api/v1/today").json()
    assert friday["date"] == FRIDAY.isoformat() and friday["state"]["status"] == "planned"
    seated = friday["last_time"]["seated-leg-curl"]["both"]
    assert seated["date"] == TUESDAY.isoformat()
    assert [(s["reps"], s["load"], s["unit"]) for s in seated["sets"]] == [
        (12, 17.5, "kg"),
        (11, 17.5, "kg"),
        (10, 17.5, "kg"),
    ]
    assert seated["sets"][0]["label"] == "12 \u00d7 17.5 kg"
    assert "lying-leg-curl" not in friday["last_time"]


def test_skip_answers_204_409_and_422(api: TestClient, clock: Clock) -> None:
    future = api.post(f"/api/v1/sessions/{FRIDAY}/skip")
    assert future.status_code == 422 and "in the future" in future.json()["detail"]
    assert api.post("/api/v1/sessions/2026-13-01/skip").status_code == 422
    # Monday had no session and is past: skipping it is allowed (and changes nothing else).
    assert api.post(f"/api/v1/sessions/{TUESDAY - dt.timedelta(days=1)}/skip").status_code == 204
    post_set(api, a_set(clock, 20, kind="warmup"))  # a warm-up is not the session's work
    skipped = api.post(f"/api/v1/sessions/{TUESDAY}/skip")
    assert skipped.status_code == 204 and skipped.content == b""
    now = state(api)
    assert now["status"] == "skipped" and now["status_label"] == "Skipped"
    assert now["skipped_at"] is not None and now["work_sets"] == 0
    post_set(api, a_set(clock, 10))
    refused = api.post(f"/api/v1/sessions/{TUESDAY}/skip")
    assert refused.status_code == 409
    assert "has sets logged: finish it instead of skipping it" in refused.json()["detail"]
    assert state(api)["status"] == "in-progress"


def test_start_chooses_the_full_session_when_sore_until_a_set_is_logged(
    api: TestClient, clock: Clock
) -> None:
    sore = api.post("/api/v1/soreness", json={"score": 7})
    assert sore.status_code == 201
    lighter = api.get("/api/v1/today").json()
    assert [e["slug"] for e in lighter["exercises"]] == ["seated-leg-curl"]
    assert lighter["soreness"] == 7
    full = api.get("/api/v1/today", params={"full": "true"}).json()
    assert [e["slug"] for e in full["exercises"]] == ["nordic-curl", "seated-leg-curl"]
    started = api.post(f"/api/v1/sessions/{TUESDAY}/start", json={"full": True})
    assert started.status_code == 204 and started.content == b""
    begun = api.get("/api/v1/today").json()  # no ?full: the begun session is the full one
    assert [e["slug"] for e in begun["exercises"]] == ["nordic-curl", "seated-leg-curl"]
    assert begun["state"]["started_at"] is not None and begun["state"]["work_sets"] == 0
    assert begun["state"]["status"] == "planned"
    post_set(api, a_set(clock, 10))
    refused = api.post(f"/api/v1/sessions/{TUESDAY}/start", json={"full": False})
    assert refused.status_code == 409
    assert "has sets logged: it keeps the version it began with" in refused.json()["detail"]
    assert [e["slug"] for e in api.get("/api/v1/today").json()["exercises"]] == [
        "nordic-curl",
        "seated-leg-curl",
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"full": "maybe"}, "full"),
        ({"full": [True]}, "full"),
        ({"full": True, "extra": 1}, "extra"),
    ],
)
def test_start_refuses_a_bad_body(api: TestClient, body: dict[str, Any], message: str) -> None:
    response = api.post(f"/api/v1/sessions/{TUESDAY}/start", json=body)
    assert response.status_code == 422 and message in response.json()["detail"]


def test_finish_is_404_without_working_sets_then_answers_the_summary(
    api: TestClient, clock: Clock
) -> None:
    nothing = api.post(f"/api/v1/sessions/{TUESDAY}/finish", json={})
    assert nothing.status_code == 404
    assert nothing.json()["detail"] == (
        "no working sets logged on Tue 03 Nov: nothing to finish; mark the session skipped instead"
    )
    post_set(api, a_set(clock, 30, exercise="seated-leg-curl", reps=12, load=5.0, kind="warmup"))
    assert api.post(f"/api/v1/sessions/{TUESDAY}/finish", json={}).status_code == 404
    assert state(api)["finished_at"] is None
    for minutes in (20, 15):
        post_set(api, a_set(clock, minutes))
    done = api.post(f"/api/v1/sessions/{TUESDAY}/finish", json={"note": "good"})
    assert done.status_code == 200, done.text
    summary = done.json()["summary"]
    assert summary["sets"] == 2
    by_slug = {e["slug"]: e for e in summary["exercises"]}
    assert (by_slug["nordic-curl"]["sets"], by_slug["nordic-curl"]["target_sets"]) == (2, 2)
    after = state(api)
    assert after["finished_at"] is not None
    assert after["status"] == "partial"  # finished short of the seated curl's sets
    assert after["status_label"] == "Partly done"
