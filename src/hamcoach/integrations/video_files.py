"""What is a video file here, before any decoder sees it: a container by its first bytes, and
a size cap, so a wrong or huge upload is refused with a clear message and nothing read."""

from __future__ import annotations

from pathlib import Path

from hamcoach.integrations.errors import BadFile

MAX_VIDEO_BYTES = 300 * 1024 * 1024  # a minute of 4K from a phone; a Nordic takes seconds


def container(head: bytes) -> str | None:
    """The container a file's first bytes announce (MP4/MOV, WebM/Matroska, AVI), or None."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "mov" if head[8:10] == b"qt" else "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    if head.startswith(b"RIFF") and head[8:12] == b"AVI ":
        return "avi"
    return None


def check_video(path: Path) -> str:
    """The container of a video file, or BadFile saying why it is none."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise BadFile(path, f"cannot read the file ({exc.strerror or exc})") from None
    if size > MAX_VIDEO_BYTES:
        raise BadFile(path, f"too large (over {MAX_VIDEO_BYTES // (1024 * 1024)} MB)")
    kind = container(head)
    if kind is None:
        raise BadFile(path, "not a video: MP4, MOV, WebM or AVI is expected")
    return kind
