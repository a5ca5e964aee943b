"""A landmark series from any pose estimator, as JSON, read into `domain.nordic_video` frames.

The format (image coordinates in pixels, y down; a point not found is null):

    {"fps": 30, "width": 1920, "height": 1080,
     "frames": [{"t": 0.0, "hip": [x, y], "knee": [x, y], "ankle": [x, y],
                 "shoulder": [x, y]}, ...]}

`width`/`height` are optional (with them, a point outside the picture is noticed); so are `t`
(frame k is then at k / fps) and `shoulder`. Anything else is refused with what is wrong and
where, before anything is stored.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from hamcoach.domain.nordic_video import Frame, Point
from hamcoach.integrations.errors import BadFile, read_bounded

MAX_BYTES = 20 * 1024 * 1024  # a 10-minute video at 120 fps stays well under this
MAX_FRAMES = 72_000  # 10 minutes at 120 fps
JOINTS = ("hip", "knee", "ankle", "shoulder")


def read_landmarks(path: Path) -> tuple[list[Frame], tuple[float, float] | None]:
    """The frames and the picture's size (if given) of a landmark file."""
    data = read_bounded(path, MAX_BYTES)
    if len(data) > MAX_BYTES:
        raise BadFile(path, f"too large (over {MAX_BYTES // (1024 * 1024)} MB)")
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BadFile(path, "not a landmark file: JSON was expected (see --help)") from None
    return parse_landmarks(body, path.name)


def _number(value: Any, where: str, name: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BadFile(name, f"{where} must be a number (got {str(value)[:20]!r})")
    if not low <= value <= high:
        raise BadFile(name, f"{where} must be {low:g}-{high:g} (got {value:g})")
    return float(value)


def _point(value: Any, where: str, name: str) -> Point | None:
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != 2:
        raise BadFile(name, f"{where} must be [x, y] or null")
    return (
        _number(value[0], f"{where} x", name, -1e5, 1e5),
        _number(value[1], f"{where} y", name, -1e5, 1e5),
    )


def parse_landmarks(body: Any, name: str) -> tuple[list[Frame], tuple[float, float] | None]:
    if not isinstance(body, dict) or not isinstance(body.get("frames"), list):
        raise BadFile(name, 'not a landmark file: an object with "fps" and "frames" is expected')
    fps = _number(body.get("fps"), "fps", name, 1, 1000)
    size = None
    if body.get("width") is not None or body.get("height") is not None:
        size = (
            _number(body.get("width"), "width", name, 1, 20_000),
            _number(body.get("height"), "height", name, 1, 20_000),
        )
    rows = body["frames"]
    if len(rows) > MAX_FRAMES:
        raise BadFile(name, f"{len(rows)} frames: at most {MAX_FRAMES} (10 minutes at 120 fps)")
    frames = []
    for k, row in enumerate(rows):
        where = f"frame {k}"
        if not isinstance(row, dict):
            raise BadFile(name, f"{where} must be an object")
        t = k / fps if row.get("t") is None else _number(row["t"], f"{where} t", name, 0, 36_000)
        points = [_point(row.get(j), f"{where} {j}", name) for j in JOINTS]
        frames.append(Frame(t, *points))
    return frames, size
