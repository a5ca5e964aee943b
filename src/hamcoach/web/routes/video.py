"""The Nordic break point found in an uploaded video by the pose model (the `video` extra):
POST /api/v1/tests/video, answered as a stream of progress lines and then the result.

One request from upload to result, so it works the same with several workers: the answer is
newline-delimited JSON, `{"progress": 0.4}` lines while the model works, then one
`{"result": ...}` (the angle, the frame of the break as a JPEG with the thigh drawn, and the
marks to save it with `POST /api/v1/tests/marked`) or `{"error": "..."}`. What can be checked
before the work starts (the extra, the file, its size and length) is a 4xx instead.
"""

from __future__ import annotations

import base64
import json
import logging
import queue
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, UploadFile
from fastapi.responses import StreamingResponse

from hamcoach.domain.errors import HamcoachError, InvalidInput
from hamcoach.domain.nordic_video import Analysis, analyse
from hamcoach.integrations import pose_video
from hamcoach.integrations.video_files import check_video
from hamcoach.web.deps import CallerDep
from hamcoach.web.openapi import errors

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api/v1", tags=["tests"])
NO_EXTRA = (
    "this server cannot read videos (its operator can install the video extra: "
    "pip install 'hamcoach[video]'); mark the break frame by hand instead"
)


def _result(found: Analysis, path: Path, video: pose_video.PoseVideo) -> dict[str, Any]:
    if not found.usable:
        return {"error": "the angle cannot be read: " + "; ".join(found.problems)}
    assert found.break_index is not None
    marks = video.frames[found.break_index]
    jpeg = pose_video.frame_image(path, found.break_index, marks)
    return {
        "result": {
            "angle_deg": found.angle_deg,
            "broke": found.broke,
            "break_time_s": found.break_time_s,
            "lowering_s": found.lowering_s,
            "notes": [n for n in found.notes if not n.startswith("no break")],
            "marks": {
                name: None if p is None else [round(p[0], 1), round(p[1], 1)]
                for name, p in (("hip", marks.hip), ("knee", marks.knee), ("ankle", marks.ankle))
            },
            "frame_jpeg": base64.b64encode(jpeg).decode(),
        }
    }


def _work(path: Path, lines: queue.Queue[dict[str, Any] | None]) -> None:
    try:
        video = pose_video.video_landmarks(
            path, lambda done, total: lines.put({"progress": round(done / (total or 1), 3)})
        )
        if video.seen == 0:
            lines.put({"error": pose_video.NO_PERSON})
        else:
            lines.put(_result(analyse(video.frames, size=video.size), path, video))
    except HamcoachError as exc:
        lines.put({"error": exc.message})
    except Exception:  # the stream has begun (200): the page still needs words, not silence
        log.exception("reading an uploaded video failed")
        lines.put(
            {"error": "the video could not be read to the end: try again, or mark it by hand"}
        )
    finally:
        lines.put(None)
        shutil.rmtree(path.parent, ignore_errors=True)


def _stream(path: Path) -> Iterator[bytes]:
    lines: queue.Queue[dict[str, Any] | None] = queue.Queue()
    threading.Thread(target=_work, args=(path, lines), daemon=True).start()
    while (line := lines.get()) is not None:
        yield (json.dumps(line) + "\n").encode()


@router.post(
    "/tests/video",
    responses={
        200: {"content": {"application/x-ndjson": {}}, "description": "Progress, then the result."},
        **errors(413, 422),
    },
)
def analyse_video(
    file: Annotated[UploadFile, File(description="A side-on video of one Nordic (MP4, WebM...).")],
    caller: CallerDep,
) -> StreamingResponse:
    """Find the break point of one Nordic in a video (the pose model of the video extra).
    Nothing is stored: the result's marks and frame are saved with POST /api/v1/tests/marked."""
    if not pose_video.available():
        raise InvalidInput(NO_EXTRA)
    folder = Path(tempfile.mkdtemp(prefix="hamcoach-video-"))
    path = folder / "upload"
    try:
        with path.open("wb") as out:
            shutil.copyfileobj(file.file, out, 1024 * 1024)
        check_video(path)
        pose_video.probe(path)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return StreamingResponse(_stream(path), media_type="application/x-ndjson")
