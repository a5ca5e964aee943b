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

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from hamcoach.integrations import pose_video
from tests.domain.nordic_series import Take, series
from tests.videos import flat

pytestmark = pytest.mark.skipif(
    not pose_video.available(), reason="the video extra is not installed"
)


def _lines(answer: Any) -> list[dict[str, Any]]:
    return [json.loads(line) for line in answer.text.splitlines() if line]


def test_what_is_no_video_or_too_long_is_refused_before_any_work(athlete: TestClient) -> None:
    refused = athlete.post("/api/v1/tests/video", files={"file": ("a.mp4", b"hello there")})
    assert refused.status_code == 422 and "not a video" in refused.text
    long = flat(int(pose_video.MAX_SECONDS + 2) * 2, 2, (64, 48))
    too_long = athlete.post("/api/v1/tests/video", files={"file": ("l.webm", long)})
    assert too_long.status_code == 422 and "at most 60 s" in too_long.text


def test_a_video_with_no_person_says_so(athlete: TestClient) -> None:
    answer = athlete.post(
        "/api/v1/tests/video", files={"file": ("e.webm", flat(20, 15, (160, 120)))}
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
    video = flat(len(frames), 15, (1280, 720))
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


def test_an_upload_over_the_servers_limit_is_refused_unread(tmp_path: Path) -> None:
    from hamcoach.config import Settings
    from hamcoach.storage.store import open_store
    from hamcoach.web.app import create_app

    settings = Settings(f"sqlite:///{tmp_path / 'small.db'}", tmp_path, max_upload_bytes=4096)
    store = open_store(settings)
    try:
        with TestClient(create_app(settings, store), base_url="http://127.0.0.1") as client:
            video = flat(200, 25, (320, 240))
            assert len(video) > 4096
            answer = client.post("/api/v1/tests/video", files={"file": ("big.webm", video)})
            assert answer.status_code == 413 and "upload" in answer.text
    finally:
        store.close()


def test_a_failure_after_the_stream_began_still_ends_it_with_words(
    athlete: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: Path, progress: object = None) -> pose_video.PoseVideo:
        raise RuntimeError("the decoder fell over")

    monkeypatch.setattr(pose_video, "video_landmarks", broken)
    answer = athlete.post(
        "/api/v1/tests/video", files={"file": ("v.webm", flat(20, 15, (160, 120)))}
    )
    assert answer.status_code == 200
    assert "could not be read to the end" in _lines(answer)[-1]["error"]
