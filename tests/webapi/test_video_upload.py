"""POST /api/v1/tests/video (issue 15, item 3): a video is checked before any work (no video,
too long: 422, nothing kept), then answered as progress lines and one result: the break's
angle, its frame as a JPEG with the thigh drawn and the marks to save it with; a video with no
person says so. The pose model is real in `test_a_video_with_no_person_says_so`; for the
break itself its landmarks are a generated series (the model cannot see a drawn figure)."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from hamcoach.integrations import pose_video
from tests.domain.nordic_series import Take, series

pytestmark = pytest.mark.skipif(
    not pose_video.available(), reason="the video extra is not installed"
)


def _webm(frames: int, fps: int = 15, size: tuple[int, int] = (1280, 720)) -> bytes:
    import av

    out = io.BytesIO()
    with av.open(out, mode="w", format="webm") as container:
        stream = container.add_stream("libvpx", rate=fps)
        stream.width, stream.height, stream.pix_fmt = size[0], size[1], "yuv420p"
        stream.options = {"deadline": "realtime", "cpu-used": "8"}  # fast to write
        for k in range(frames):
            picture = np.full((size[1], size[0], 3), 30 + k % 50, dtype=np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(picture, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return out.getvalue()


def _lines(answer: Any) -> list[dict[str, Any]]:
    return [json.loads(line) for line in answer.text.splitlines() if line]


def test_what_is_no_video_or_too_long_is_refused_before_any_work(athlete: TestClient) -> None:
    refused = athlete.post("/api/v1/tests/video", files={"file": ("a.mp4", b"hello there")})
    assert refused.status_code == 422 and "not a video" in refused.text
    long = _webm(int(pose_video.MAX_SECONDS + 2) * 2, fps=2, size=(64, 48))
    too_long = athlete.post("/api/v1/tests/video", files={"file": ("l.webm", long)})
    assert too_long.status_code == 422 and "at most 60 s" in too_long.text


def test_a_video_with_no_person_says_so(athlete: TestClient) -> None:
    answer = athlete.post(
        "/api/v1/tests/video", files={"file": ("e.webm", _webm(20, size=(160, 120)))}
    )
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/x-ndjson"
    lines = _lines(answer)
    assert any("progress" in line for line in lines)
    assert "no person found" in lines[-1]["error"]
    assert athlete.get("/api/v1/tests").json() == []  # nothing stored


def test_the_break_comes_back_with_its_frame_and_saves_with_its_marks(
    athlete: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    take = Take(bpa=52.0, noise_px=0.8, seed=5, fps=15.0)
    frames = series(take)
    video = _webm(len(frames))
    found = pose_video.PoseVideo(frames, (1280.0, 720.0), 15.0, len(frames))
    monkeypatch.setattr(pose_video, "video_landmarks", lambda path, progress=None: found)
    answer = athlete.post("/api/v1/tests/video", files={"file": ("n.webm", video)})
    assert answer.status_code == 200, answer.text
    result = _lines(answer)[-1]["result"]
    assert result["broke"] and abs(result["angle_deg"] - take.bpa) <= 4
    frame = Image.open(io.BytesIO(base64.b64decode(result["frame_jpeg"])))
    assert frame.format == "JPEG" and frame.width == 960  # scaled to the page's width
    hip = result["marks"]["hip"]
    drawn = frame.convert("RGB").getpixel((round(hip[0] * 0.75), round(hip[1] * 0.75)))
    assert isinstance(drawn, tuple) and drawn[0] > 200 and drawn[1] > 150  # the mark is drawn
    saved = athlete.post(
        "/api/v1/tests/marked",
        json={
            **result["marks"],
            "frame_jpeg": result["frame_jpeg"],
            "video_time_s": result["break_time_s"],
        },
    )
    assert saved.status_code == 201, saved.text
    assert abs(saved.json()["value"] - take.bpa) <= 5  # the break frame's own marks
    assert not list(tmp_path.glob("hamcoach-video-*"))
