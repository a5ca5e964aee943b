"""Videos written for the tests (VP8 WebM by PyAV, the `video` extra): from pictures, or of one
flat colour per frame (no person in them: the pose model finds nobody)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from numpy.typing import NDArray


def webm(pictures: Iterable[NDArray[np.uint8]], fps: int, size: tuple[int, int]) -> bytes:
    """The pictures (height x width x 3, RGB) as a VP8 WebM of `size` (width, height)."""
    import av

    out = io.BytesIO()
    with av.open(out, mode="w", format="webm") as container:
        stream = container.add_stream("libvpx", rate=fps)
        stream.width, stream.height, stream.pix_fmt = size[0], size[1], "yuv420p"
        stream.options = {"deadline": "realtime", "cpu-used": "8", "crf": "10", "b:v": "2M"}
        for picture in pictures:
            for packet in stream.encode(av.VideoFrame.from_ndarray(picture, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return out.getvalue()


def flat(frames: int, fps: int = 25, size: tuple[int, int] = (320, 240)) -> bytes:
    """`frames` frames of a slowly changing grey."""
    w, h = size
    return webm(
        (np.full((h, w, 3), (k * 3) % 255, dtype=np.uint8) for k in range(frames)), fps, size
    )


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
