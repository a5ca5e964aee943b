"""A break-angle test marked by hand on a video frame (POST /api/v1/tests/marked, issue 15 item
2): the server computes the angle from the hip, knee and ankle marks, stores it with the frame
(a JPEG, size-capped), serves the frame back to its owner only, and refuses marks or images it
cannot use with a reason, storing nothing."""

from __future__ import annotations

import base64
import math
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.webapi.authz_bodies import MARKED


def _marks(angle: float, roll: float, facing: int) -> dict[str, Any]:
    """Hip, knee and ankle of a thigh `angle` deg from upright, the camera rolled `roll` deg."""
    knee = (640.0, 600.0)

    def place(forward: float, up: float) -> list[float]:
        x, y = facing * forward, -up
        r = math.radians(roll)
        return [
            knee[0] + x * math.cos(r) - y * math.sin(r),
            knee[1] + x * math.sin(r) + y * math.cos(r),
        ]

    a = math.radians(angle)
    return {
        "hip": place(200 * math.sin(a), 200 * math.cos(a)),
        "knee": list(knee),
        "ankle": place(-180, 0),
    }


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.floats(0, 90), st.floats(-10, 10), st.sampled_from([1, -1]))
def test_the_angle_comes_from_the_marks_and_the_frame_is_kept(
    athlete: TestClient, angle: float, roll: float, facing: int
) -> None:
    body = {**MARKED, **_marks(angle, roll, facing), "video_time_s": 3.2}
    made = athlete.post("/api/v1/tests/marked", json=body)
    assert made.status_code == 201, made.text
    stored = made.json()
    assert stored["kind"] == "break-angle" and abs(stored["value"] - angle) <= 0.1
    frame = athlete.get(stored["frame"])
    assert frame.status_code == 200 and frame.headers["content-type"] == "image/jpeg"
    assert frame.content == base64.b64decode(MARKED["frame_jpeg"])
    listed = {t["group_id"]: t for t in athlete.get("/api/v1/tests").json()}
    assert listed[stored["group_id"]]["frame"] == stored["frame"]


@pytest.mark.parametrize(
    ("change", "wanted"),
    [
        ({"frame_jpeg": base64.b64encode(b"GIF89a not a jpeg").decode()}, "not a JPEG"),
        ({"frame_jpeg": base64.b64encode(b"\xff\xd8\xff" + bytes(310 * 1024)).decode()}, "frame"),
        ({"frame_jpeg": "%%%"}, "frame_jpeg"),
        ({"ankle": [300.0, 300.0]}, "the shin slopes"),
        ({"hip": [300.0, 420.0]}, "same spot"),
        ({"hip": [300.0, 560.0]}, "0 (kneeling) to 90 (flat)"),  # the thigh points down
        ({"hip": [1.0]}, "hip"),
        ({"tested_on": "2099-01-01"}, "in the future"),
    ],
)
def test_marks_or_a_frame_it_cannot_use_are_refused_and_nothing_is_stored(
    athlete: TestClient, change: dict[str, Any], wanted: str
) -> None:
    refused = athlete.post("/api/v1/tests/marked", json={**MARKED, **change})
    assert refused.status_code in (413, 422) and wanted in refused.text, refused.text
    assert athlete.get("/api/v1/tests").json() == []


def test_a_test_without_a_frame_has_none(athlete: TestClient) -> None:
    made = athlete.post("/api/v1/tests", json={"kind": "break-angle", "degrees": 40})
    [typed] = made.json()
    assert athlete.get(f"/api/v1/tests/{typed['group_id']}/frame").status_code == 404
    assert athlete.get("/api/v1/tests").json()[0]["frame"] is None
