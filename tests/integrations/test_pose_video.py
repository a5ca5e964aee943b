"""The pose model of the video extra (integrations/pose_video.py) loads offline and finds a
person on a photo shipped with a package (matplotlib's sample portrait of Grace Hopper); a
generated video runs through the whole pipeline, and where it shows no person the result says
so; what cannot be decoded, or runs too long, is refused with a reason."""

from __future__ import annotations

import socket
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from hamcoach.integrations import pose_video
from hamcoach.integrations.errors import BadFile
from tests.videos import flat, write

pytestmark = pytest.mark.skipif(
    not pose_video.available(), reason="the video extra is not installed (pip install '.[video]')"
)


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No network for the code under test: a model fetched at run time would fail here."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_the_model_loads_offline_and_finds_the_person_on_a_shipped_photo(offline: None) -> None:
    import matplotlib.cbook as cbook
    import mediapipe as mp

    with Image.open(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)) as image:
        photo = np.ascontiguousarray(np.asarray(image.convert("RGB")))
    with mp.solutions.pose.Pose(static_image_mode=True, model_complexity=1) as pose:
        found = pose.process(photo).pose_landmarks
    assert found is not None
    shoulders = [found.landmark[i] for i in (11, 12)]
    assert all(s.visibility > 0.5 for s in shoulders)
    assert all(0 < s.x < 1 and 0 < s.y < 1 for s in shoulders)  # on the photo


def test_a_video_with_no_person_says_so(offline: None, tmp_path: Path) -> None:
    path = write(tmp_path / "empty.webm", flat(50))
    heard: list[tuple[float, float]] = []
    found = pose_video.video_landmarks(path, lambda done, total: heard.append((done, total)))
    assert found.seen == 0 and len(found.frames) == 50 and found.size == (320.0, 240.0)
    assert all(f.hip is None and f.knee is None for f in found.frames)
    assert heard and heard[-1][0] == pytest.approx(heard[-1][1], abs=0.1)


def test_what_cannot_be_decoded_or_runs_too_long_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(4096))
    with pytest.raises(BadFile, match=r"cannot be read as a video|cannot be decoded"):
        pose_video.video_landmarks(broken)
    long = write(tmp_path / "long.webm", flat(int(pose_video.MAX_SECONDS + 2) * 2, 2, (64, 48)))
    with pytest.raises(BadFile, match=r"at most 60 s|longer than 60 s"):
        pose_video.video_landmarks(long)
