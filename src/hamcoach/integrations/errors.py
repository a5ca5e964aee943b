"""Errors of the integrations: a file that cannot be read or written names itself."""

from __future__ import annotations

from pathlib import Path, PurePath

from hamcoach.domain.errors import InvalidInput

# What the parsing libraries (icalendar, fitdecode, gpxpy, defusedxml) raise on malformed input
# besides their own exception types, found by fuzzing: each reader turns them into BadFile.
LIBRARY_ERRORS: tuple[type[Exception], ...] = (
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    AssertionError,
    LookupError,
    OverflowError,
)


class BadFile(InvalidInput):
    """A file was refused; the message starts with the file's name, then says what is wrong."""

    def __init__(self, name: str | PurePath, problem: str) -> None:
        self.name = PurePath(name).name or str(name)
        self.problem = problem
        super().__init__(f"{self.name}: {problem}")


def read_bounded(path: Path, limit: int) -> bytes:
    """The file's bytes, at most `limit` + 1 (so the reader can tell "too large" without
    reading a huge file whole); a file that cannot be opened is a BadFile naming itself."""
    try:
        with path.open("rb") as handle:
            return handle.read(limit + 1)
    except OSError as exc:
        raise BadFile(path, f"cannot read the file ({exc.strerror or exc})") from None
