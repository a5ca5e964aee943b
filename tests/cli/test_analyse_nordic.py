"""`hamcoach analyse nordic` (issue 15): a landmark series from any pose estimator gives the
break-point angle, printed and stored as a break-angle test (or only printed with --dry-run);
a file that is no landmark series, a series the angle cannot be read from, a file that is no
video, or a video without the video extra, is refused with a clear line and stores nothing."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hamcoach.cli.context import local
from hamcoach.domain.records import Measurement
from hamcoach.integrations import pose_video
from hamcoach.services.assessments import history
from tests.cli.conftest import Result
from tests.domain.nordic_series import Take, series
from tests.videos import flat, write


def _file(tmp_path: Path, take: Take, **extra: Any) -> Path:
    frames = [
        {"t": f.t, "hip": f.hip, "knee": f.knee, "ankle": f.ankle, "shoulder": f.shoulder}
        for f in series(take)
    ]
    path = tmp_path / "landmarks.json"
    path.write_text(json.dumps({"fps": take.fps, "frames": frames, **extra}))
    return path


def _stored() -> list[Measurement]:
    """The strength tests in the CLI's database (the data folder the `cli` fixture set)."""
    ctx = local()
    try:
        return history(ctx.store.uow(), ctx.athlete_id)
    finally:
        ctx.store.close()


@pytest.fixture
def athlete(cli: Callable[..., Result]) -> Callable[..., Result]:
    made = cli("init", "--name", "Ana", "--equipment", "partner", "--week", "sun=long")
    assert made.code == 0, made.err
    return cli


def test_a_landmark_file_gives_the_angle_and_stores_it_unless_a_dry_run(
    athlete: Callable[..., Result], tmp_path: Path
) -> None:
    path = _file(tmp_path, Take(bpa=48.0, noise_px=1.0, seed=3), width=1920, height=1080)
    dry = athlete("analyse", "nordic", "--landmarks", str(path), "--dry-run")
    assert dry.code == 0, dry.err
    angle = float(dry.out.split("break point ")[1].split(" deg")[0])
    assert abs(angle - 48) <= 4 and "nothing stored" in dry.out
    assert _stored() == []
    stored = athlete("analyse", "nordic", "--landmarks", str(path))
    assert stored.code == 0, stored.err
    assert "stored as a break-angle test" in stored.out
    [test] = _stored()
    assert test.value == pytest.approx(angle)


@pytest.mark.parametrize(
    ("content", "wanted"),
    [
        ("not json at all", "JSON was expected"),
        ('{"fps": 30}', 'with "fps" and "frames"'),
        ('{"fps": 0, "frames": []}', "fps must be 1-1000"),
        ('{"fps": 30, "frames": [{"hip": [1]}]}', "frame 0 hip must be [x, y]"),
        ('{"fps": 30, "frames": [{"hip": [1, "a"]}]}', "frame 0 hip y must be a number"),
        ('{"fps": 30, "frames": [{"hip": [1, 1e999]}]}', "must be a number"),
        ('{"fps": 30, "frames": [1, 2]}', "frame 0 must be an object"),
    ],
)
def test_a_file_that_is_no_landmark_series_is_refused_with_where(
    athlete: Callable[..., Result], tmp_path: Path, content: str, wanted: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    refused = athlete("analyse", "nordic", "--landmarks", str(path))
    assert refused.code == 1 and wanted in refused.err, refused.err
    assert "Traceback" not in refused.err and refused.err.startswith("hamcoach: error: bad.json")


def test_a_series_the_angle_cannot_be_read_from_is_refused_and_nothing_stored(
    athlete: Callable[..., Result], tmp_path: Path
) -> None:
    path = _file(tmp_path, dataclasses.replace(Take(), yaw_deg=70))
    refused = athlete("analyse", "nordic", "--landmarks", str(path))
    assert refused.code == 1 and "not side-on" in refused.err
    assert _stored() == []


def test_a_video_is_checked_before_anything_and_needs_the_extra(
    athlete: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = tmp_path / "notes.mp4"
    text.write_text("just some words, no video at all")
    refused = athlete("analyse", "nordic", str(text))
    assert refused.code == 1 and "not a video" in refused.err
    mp4 = tmp_path / "nordic.mp4"
    mp4.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(64))
    both = athlete("analyse", "nordic", str(mp4), "--landmarks", str(mp4))
    assert both.code == 2 and "one of them" in both.err
    monkeypatch.setattr(pose_video, "available", lambda: False)
    extra = athlete("analyse", "nordic", str(mp4))
    assert extra.code == 1 and "hamcoach[video]" in extra.err and "--landmarks" in extra.err


@pytest.mark.skipif(not pose_video.available(), reason="the video extra is not installed")
def test_a_video_goes_through_the_pose_model_and_one_without_a_person_says_so(
    athlete: Callable[..., Result], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(4096))
    unreadable = athlete("analyse", "nordic", str(broken))
    assert unreadable.code == 1 and "broken.mp4: cannot be" in unreadable.err
    empty = write(tmp_path / "empty.webm", flat(50))
    nobody = athlete("analyse", "nordic", str(empty))
    assert nobody.code == 1 and "no person found" in nobody.err, nobody.err
    assert _stored() == []


def test_a_video_over_the_size_limit_is_refused_before_it_is_read(
    athlete: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hamcoach.integrations import video_files

    monkeypatch.setattr(video_files, "MAX_VIDEO_BYTES", 1024 * 1024)
    big = tmp_path / "big.mp4"
    big.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(1024 * 1024 + 1))
    refused = athlete("analyse", "nordic", str(big))
    assert refused.code == 1 and "big.mp4: too large (over 1 MB)" in refused.err
    assert _stored() == []
