"""Seconds of CPU work per second of 1080p video for the pose model (the video extra).

    .venv/bin/python -m bench.video_pose [--seconds 4] [--fps 30]

Writes a 1920 x 1080 VP8 video of a person (matplotlib's sample portrait, the only photo of a
person a dependency ships) and times `integrations.pose_video.video_landmarks` on it: decoding,
colour conversion and the pose model for every frame, as `hamcoach analyse nordic VIDEO` runs
them. The figure to keep under 1.0 is "per second of video" (slower than real time above it).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from hamcoach.integrations import pose_video


def _video(path: Path, seconds: float, fps: int) -> None:
    import av
    import matplotlib.cbook as cbook

    with Image.open(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)) as portrait:
        person = portrait.convert("RGB").resize((608, 712))
    with av.open(str(path), mode="w", format="webm") as out:
        stream = out.add_stream("libvpx", rate=fps)
        stream.width, stream.height, stream.pix_fmt = 1920, 1080, "yuv420p"
        stream.options = {"deadline": "realtime", "cpu-used": "8"}  # fast to write
        for k in range(int(seconds * fps)):
            frame = Image.new("RGB", (1920, 1080), (40, 44, 52))
            frame.paste(person, (400 + 4 * k, 200))  # moving a little, as a person does
            picture = av.VideoFrame.from_ndarray(np.asarray(frame), format="rgb24")
            for packet in stream.encode(picture):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--fps", type=int, default=30)
    args = parser.parse_args()
    if not pose_video.available():
        raise SystemExit("the video extra is not installed: pip install '.[video]'")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "person-1080p.webm"
        _video(path, args.seconds, args.fps)
        started, cpu = time.perf_counter(), time.process_time()
        found = pose_video.video_landmarks(path)
        wall, used = time.perf_counter() - started, time.process_time() - cpu
    print(f"{len(found.frames)} frames of 1920x1080 at {args.fps} fps ({args.seconds:g} s)")
    print(f"person found in {found.seen} of them")
    print(f"wall {wall:.2f} s: {wall / args.seconds:.2f} s per second of video")
    print(f"cpu  {used:.2f} s: {used / args.seconds:.2f} s per second of video (2 cores here)")


if __name__ == "__main__":
    main()
