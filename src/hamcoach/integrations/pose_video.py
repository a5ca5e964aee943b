"""Landmarks from a side-on video by a pose model on the CPU, offline (the `video` extra).

The extra pins mediapipe 0.10.21: its wheel ships the full pose model
(`pose_landmark_full.tflite`, model complexity 1) and the `solutions.pose` API that runs it;
later releases fetch their models at run time, which fails on a machine with no internet.
PyAV decodes the video (its wheel brings FFmpeg). Each frame's hip, knee, ankle and shoulder are
taken from the side of the body nearer the camera (the one the model sees better over the
whole video); a point the model is unsure of (visibility under 0.5) counts as not found.
"""

from __future__ import annotations

import importlib.util
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hamcoach.domain.nordic_video import Frame, Point
from hamcoach.integrations.errors import BadFile

MAX_SECONDS = 60.0  # one Nordic takes a few seconds; a minute is plenty with the set-up
VISIBLE = 0.5
NO_PERSON = "no person found in the video: film the whole body from the side, in good light"
# mediapipe's pose landmark numbers, per side: shoulder, hip, knee, ankle.
SIDES = {"left": (11, 23, 25, 27), "right": (12, 24, 26, 28)}


def available() -> bool:
    """Whether the video extra is installed (`pip install 'hamcoach[video]'`)."""
    return all(importlib.util.find_spec(m) is not None for m in ("mediapipe", "av"))


@dataclass(frozen=True)
class PoseVideo:
    frames: list[Frame]
    size: tuple[float, float]
    fps: float
    seen: int  # frames in which the model found a person


def _open(path: Path) -> tuple[Any, Any, float, float]:
    import av

    try:
        container = av.open(str(path))
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        raise BadFile(path, f"cannot be read as a video ({exc})") from None
    if not container.streams.video:
        container.close()
        raise BadFile(path, "holds no video picture")
    stream = container.streams.video[0]
    if stream.duration is not None and stream.time_base is not None:
        seconds = float(stream.duration * stream.time_base)
    else:
        seconds = (container.duration or 0) / 1_000_000
    if seconds > MAX_SECONDS:
        container.close()
        raise BadFile(path, f"{seconds:.0f} s long: at most {MAX_SECONDS:.0f} s, one Nordic")
    fps = float(stream.average_rate or 30)
    return container, stream, seconds, fps


def video_landmarks(
    path: Path, progress: Callable[[float, float], None] | None = None
) -> PoseVideo:
    """Every frame's landmarks (image pixels, y down); `progress` hears the seconds decoded
    and the video's length."""
    import av
    import mediapipe as mp

    container, stream, seconds, fps = _open(path)
    raw: list[tuple[float, dict[str, list[tuple[Point, float]]]]] = []
    size = (0.0, 0.0)
    seen = 0
    try:
        with mp.solutions.pose.Pose(static_image_mode=False, model_complexity=1) as pose:
            for k, picture in enumerate(container.decode(stream)):
                t = float(picture.pts * stream.time_base) if picture.pts is not None else k / fps
                if t > MAX_SECONDS + 1:
                    raise BadFile(path, f"longer than {MAX_SECONDS:.0f} s: one Nordic is enough")
                image = picture.to_ndarray(format="rgb24")
                h, w = image.shape[:2]
                size = (float(w), float(h))
                found = pose.process(image).pose_landmarks
                sides: dict[str, list[tuple[Point, float]]] = {}
                if found is not None:
                    seen += 1
                    marks = found.landmark
                    for side, ids in SIDES.items():
                        sides[side] = [
                            ((marks[i].x * w, marks[i].y * h), marks[i].visibility) for i in ids
                        ]
                raw.append((t, sides))
                if progress is not None:
                    progress(min(t, seconds), seconds)
    except av.error.FFmpegError as exc:
        raise BadFile(path, f"cannot be decoded ({exc})") from None
    finally:
        container.close()
    return PoseVideo(_frames(raw), size, fps, seen)


def _frames(raw: list[tuple[float, dict[str, list[tuple[Point, float]]]]]) -> list[Frame]:
    def sureness(side: str) -> float:
        scores = [sum(v for _, v in s[side]) for _, s in raw if side in s]
        return statistics.median(scores) if scores else 0.0

    side = max(SIDES, key=sureness)
    frames = []
    for t, sides in raw:
        marks = sides.get(side)
        if not marks:
            frames.append(Frame(t, None, None, None, None))
            continue
        shoulder, hip, knee, ankle = (p if v >= VISIBLE else None for p, v in marks)
        frames.append(Frame(t, hip, knee, ankle, shoulder))
    return frames


def probe(path: Path) -> float:
    """The video's length in seconds, or BadFile when it cannot be read or runs too long."""
    container, _, seconds, _ = _open(path)
    container.close()
    return seconds


def frame_image(path: Path, index: int, marks: Frame, width: int = 960) -> bytes:
    """Frame `index` of the video as a JPEG at most `width` wide, with the thigh (knee to hip)
    and the shin (ankle to knee) drawn where the model found them."""
    import io

    from PIL import ImageDraw

    container, stream, _, _ = _open(path)
    try:
        for k, picture in enumerate(container.decode(stream)):
            if k == index:
                image = picture.to_image()
                break
        else:
            raise BadFile(path, f"has no frame {index}")
    finally:
        container.close()
    scale = min(1.0, width / image.width)
    if scale < 1:
        image = image.resize((round(image.width * scale), round(image.height * scale)))
    draw = ImageDraw.Draw(image)
    line = max(3, round(image.width / 160))

    def at(p: Point) -> tuple[float, float]:
        return (p[0] * scale, p[1] * scale)

    for a, b in ((marks.ankle, marks.knee), (marks.knee, marks.hip)):
        if a is not None and b is not None:
            draw.line([at(a), at(b)], fill=(245, 196, 0), width=line)
    for p in (marks.hip, marks.knee, marks.ankle):
        if p is not None:
            x, y = at(p)
            draw.ellipse(
                [x - 2 * line, y - 2 * line, x + 2 * line, y + 2 * line], fill=(245, 196, 0)
            )
    out = io.BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=80)
    return out.getvalue()
