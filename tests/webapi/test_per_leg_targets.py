"""The API, the week and the logger show each leg's own load once the legs differ; the FIT
export gives each leg's step its own weight."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from fastapi.testclient import TestClient
from garmin_fit_sdk import Decoder, Stream

from tests.webapi.conftest import PROFILE


def _log(client: TestClient, side: str, reps: int, when: dt.datetime) -> None:
    for n in range(3):
        answer = client.post(
            "/api/v1/sets",
            json={
                "id": str(uuid.uuid4()),
                "exercise": "single-leg-curl",
                "side": side,
                "reps": reps,
                "load": 20.0,
                "performed_at": (when + dt.timedelta(minutes=n)).isoformat(),
            },
        )
        assert answer.status_code == 201, answer.text


def _ahead(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """The planned exercises from today on: sessions earlier this week kept the load they
    had then."""
    today = dt.datetime.now(dt.UTC).date().isoformat()
    return [
        e
        for w in plan["weeks"]
        for s in w["sessions"]
        if s["date"] >= today
        for e in s["exercises"]
    ]


def test_each_leg_has_its_own_load_everywhere(client: TestClient) -> None:
    profile = {**PROFILE, "equipment": ["standing-curl-machine"]}
    assert client.put("/api/v1/profile", json=profile).status_code == 200
    when = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    _log(client, "left", 12, when)
    _log(client, "right", 10, when + dt.timedelta(minutes=10))

    plan = client.get("/api/v1/plan", params={"weeks": 2}).json()
    planned = _ahead(plan)
    assert planned and all(e["side_loads"] == {"left": 22.5, "right": 20.0} for e in planned)
    assert all(e["load"] == 20.0 for e in planned)

    week = client.get("/week").text
    assert "left 22.5, right 20 kg" in week
    today = client.get("/today").text
    values = dict(
        re.findall(r'id="load-\d+-single-leg-curl-(left|right)"[^>]*value="([\d.]+)"', today)
    )
    assert values == {"left": "22.5", "right": "20"}

    fit = client.get("/api/v1/export/fit").content
    messages, errors = Decoder(Stream.from_byte_array(bytearray(fit))).read()
    assert errors == []
    weights = {
        step["wkt_step_name"]: step.get("exercise_weight")
        for step in messages["workout_step_mesgs"]
        if "(left)" in str(step.get("wkt_step_name")) or "(right)" in str(step.get("wkt_step_name"))
    }
    by_leg = {("left" if "(left)" in k else "right"): v for k, v in weights.items()}
    assert by_leg == {"left": 22.5, "right": 20.0}


def test_one_load_when_the_legs_agree(client: TestClient) -> None:
    profile = {**PROFILE, "equipment": ["standing-curl-machine"]}
    assert client.put("/api/v1/profile", json=profile).status_code == 200
    when = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    _log(client, "left", 12, when)
    _log(client, "right", 12, when + dt.timedelta(minutes=10))
    plan = client.get("/api/v1/plan", params={"weeks": 1}).json()
    planned = _ahead(plan)
    assert planned and all(e["side_loads"] is None and e["load"] == 22.5 for e in planned)
    assert "@ 22.5 kg" in client.get("/week").text
